/**
 * The client half of resumable streams (`createResumableStreams` in `react-chat-stream/server`): where a reload
 * reattaches, where a stop goes, and sending that stop. The turn itself runs in turn.ts like any other.
 */
import { buildRequest } from './request.ts';
import type { ChatMessage, ChatStreamOptions } from './types.ts';

/** How long a stop request may take before it is given up (the reply is already stopped on screen). */
export const STOP_REQUEST_TIMEOUT_MS = 5000;

function endpoint(option: string | ((chatId: string) => string) | undefined, api: string, chatId: string, path: string) {
  if (typeof option === 'function') return option(chatId);
  if (option !== undefined) return option;
  // The path goes before a query string (`/api/chat?model=x` -> `/api/chat/<id>/stream?model=x`).
  const query = api.indexOf('?');
  const base = query < 0 ? api : api.slice(0, query);
  return `${base}/${encodeURIComponent(chatId)}/${path}${query < 0 ? '' : api.slice(query)}`;
}

/** The `GET` endpoint `resume()` reattaches to: `resumeApi`, or `${api}/${id}/stream` (the AI SDK's convention; `api`'s query string kept). */
export function resumeUrl(options: ChatStreamOptions, chatId: string): string {
  return endpoint(options.resumeApi, options.api, chatId, 'stream');
}

/** The `POST` endpoint a resumable chat's `stop()` asks to stop the producer: `stopApi`, or `${api}/${id}/stop`. */
export function stopUrl(options: ChatStreamOptions, chatId: string): string {
  return endpoint(options.stopApi, options.api, chatId, 'stop');
}

/**
 * Ask the server to stop the producer of `chatId`, with the chat's headers, credentials and `prepareRequest`
 * (trigger `'stop'`). Never rejects: the reply is stopped on screen whatever the server answers.
 */
export async function sendStopRequest(options: ChatStreamOptions, chatId: string, messages: ChatMessage[]): Promise<void> {
  try {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const signal = AbortSignal.timeout(STOP_REQUEST_TIMEOUT_MS);
    const target = { url: stopUrl(options, chatId), method: 'POST' as const };
    const request = await buildRequest(options, { messages, trigger: 'stop', messageId: undefined, chatId, target }, undefined, signal);
    const response = await fetchImpl(request.url, request.init);
    // Free the connection; the answer says nothing the client needs.
    await response.body?.cancel().catch(() => {});
  } catch {
    // A failed stop must not throw into the UI: at worst the server's producer runs to its end.
  }
}

/**
 * Where a resumed stream's reply goes. The server keeps one stream per conversation, its latest reply: a trailing
 * assistant message is that reply (persisted partial or finished) and is replaced, keeping its id and its text
 * on screen until the stream's text is as long (`holdLength`: no flicker back to the first token); after a
 * trailing user message (or none) the reply is a new message.
 */
export function placeResumedReply(
  messages: ChatMessage[],
  newId: string,
): { before: ChatMessage[]; message: ChatMessage; holdLength?: number } {
  const last = messages.at(-1);
  if (last?.role !== 'assistant') {
    return { before: messages, message: { id: newId, role: 'assistant', content: '', parts: [], status: 'streaming' } };
  }
  return { before: messages.slice(0, -1), message: { ...last, status: 'streaming', error: undefined }, holdLength: last.content.length };
}
