/**
 * The request preset for routes written for the AI SDK's `useChat`: the body its `DefaultChatTransport` sends,
 * `{ ...body, id, messages: UIMessage[], trigger, messageId }` (ai/src/ui/http-chat-transport.ts), so
 * `streamText({ messages: await convertToModelMessages(messages) })` works unchanged.
 */
import type { PrepareRequestContext, PreparedRequest } from './request.ts';
import type { ChatMessage, MessagePart } from './types.ts';

/** One part of an AI SDK `UIMessage` (the subset this kit produces). */
export type AiSdkUIMessagePart =
  | { type: 'text'; text: string; state: 'done' }
  | { type: 'reasoning'; text: string; state: 'done' }
  | {
      type: `tool-${string}`;
      toolCallId: string;
      state: 'input-streaming' | 'input-available' | 'output-available' | 'output-error';
      input: unknown;
      output?: unknown;
      errorText?: string;
    }
  | { type: 'source-url'; sourceId: string; url: string; title?: string }
  | { type: 'source-document'; sourceId: string; mediaType: string; title: string }
  | { type: 'file'; mediaType: string; url: string; filename?: string }
  | { type: `data-${string}`; id?: string; data: unknown }
  | { type: 'step-start' };

/** An AI SDK `UIMessage`: what `useChat` keeps and sends. */
export interface AiSdkUIMessage {
  id: string;
  role: 'system' | 'user' | 'assistant';
  parts: AiSdkUIMessagePart[];
}

/** The AI SDK's request body. */
export interface AiSdkRequestBody {
  id: string | undefined;
  messages: AiSdkUIMessage[];
  trigger: 'submit-message' | 'regenerate-message';
  messageId: string | undefined;
  [extra: string]: unknown;
}

function toUIPart(part: MessagePart, index: number): AiSdkUIMessagePart | undefined {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text, state: 'done' };
    case 'refusal':
      // The AI SDK has no refusal part; the model's words go back as text so the model sees what it said.
      return { type: 'text', text: part.text, state: 'done' };
    case 'reasoning':
      // A withheld (redacted) block has no text to send back.
      return part.redacted || part.text === '' ? undefined : { type: 'reasoning', text: part.text, state: 'done' };
    case 'tool-call': {
      const tool: AiSdkUIMessagePart = {
        type: `tool-${part.toolName}`,
        toolCallId: part.toolCallId,
        state: part.state,
        input: part.input,
      };
      if (part.state === 'output-available') tool.output = part.output;
      if (part.state === 'output-error') tool.errorText = part.errorText ?? '';
      return tool;
    }
    case 'source':
      if (part.url !== undefined) {
        const source: AiSdkUIMessagePart = { type: 'source-url', sourceId: part.sourceId ?? `source-${index}`, url: part.url };
        if (part.title !== undefined) source.title = part.title;
        return source;
      }
      return {
        type: 'source-document',
        sourceId: part.sourceId ?? `source-${index}`,
        mediaType: part.mediaType ?? 'text/plain',
        title: part.title ?? '',
      };
    case 'file': {
      const file: AiSdkUIMessagePart = { type: 'file', mediaType: part.mediaType, url: part.url };
      if (part.filename !== undefined) file.filename = part.filename;
      return file;
    }
    case 'data':
      return part.id === undefined ? { type: `data-${part.name}`, data: part.data } : { type: `data-${part.name}`, id: part.id, data: part.data };
    case 'step-start':
      return { type: 'step-start' };
  }
}

/**
 * The conversation as AI SDK `UIMessage`s: parts as they arrived (text, reasoning, tools with their results,
 * sources, files, data, step starts), or one text part for a message without parts. A reply that ended with
 * nothing in it (a failure before any text) is left out.
 */
export function toUIMessages(messages: readonly ChatMessage[]): AiSdkUIMessage[] {
  const out: AiSdkUIMessage[] = [];
  for (const message of messages) {
    let parts: AiSdkUIMessagePart[] = [];
    if (message.parts && message.parts.length > 0) {
      message.parts.forEach((part, index) => {
        const converted = toUIPart(part, index);
        if (converted) parts.push(converted);
      });
    } else if (message.content !== '') {
      parts = [{ type: 'text', text: message.content, state: 'done' }];
    }
    if (parts.length === 0 && message.role === 'assistant') continue;
    if (parts.length === 0) parts = [{ type: 'text', text: '', state: 'done' }];
    out.push({ id: message.id, role: message.role, parts });
  }
  return out;
}

/**
 * The AI SDK names two triggers: an edit re-submits a user message (`'submit-message'` with its id). A resume
 * re-sends its turn: a regenerated reply is the one message named but no longer in the conversation.
 */
function aiSdkTrigger(context: PrepareRequestContext): AiSdkRequestBody['trigger'] {
  const { trigger, messageId } = context;
  if (trigger === 'regenerate') return 'regenerate-message';
  if (trigger === 'resume' && messageId !== undefined && !context.messages.some((m) => m.id === messageId)) {
    return 'regenerate-message';
  }
  return 'submit-message';
}

/**
 * `prepareRequest` preset for a route written for the AI SDK's `useChat` (`DefaultChatTransport`): sends
 * `{ ...body, id, messages: UIMessage[], trigger: 'submit-message' | 'regenerate-message', messageId }`.
 * Pair it with `protocol: 'ai-sdk'` (or the default `'auto'`) to read `toUIMessageStreamResponse()`.
 * `id` is the conversation's id (the `id` option, or one the store generated); an edit is sent as the AI SDK
 * sends `sendMessage({ text, messageId })`: `'submit-message'` with the edited message's id.
 *
 * @example
 * useChatStream({ api: '/api/chat', prepareRequest: aiSdkRequest });
 */
export function aiSdkRequest(context: PrepareRequestContext): PreparedRequest {
  const body: AiSdkRequestBody = {
    ...context.body,
    id: context.chatId,
    messages: toUIMessages(context.messages),
    trigger: aiSdkTrigger(context),
    messageId: context.messageId,
  };
  return { body };
}
