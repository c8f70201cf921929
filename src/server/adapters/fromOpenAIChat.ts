import { createOpenAIProtocol } from '../../core/protocols/openai.ts';
import type { StreamChunk } from '../../core/types.ts';
import { adaptStream, type SDKStream } from './adaptStream.ts';

/**
 * What the adapter reads of a Chat Completions chunk; the `openai` SDK's `ChatCompletionChunk` fits, and so do the
 * chunks of the servers that copy the format (DeepSeek, xAI, OpenRouter, vLLM, LiteLLM) through that SDK.
 */
export interface OpenAIChatChunkLike {
  choices: readonly unknown[];
  usage?: unknown;
}

/**
 * The `openai` SDK's Chat Completions stream (`chat.completions.create({ stream: true })` or
 * `chat.completions.stream()`) as the kit's chunks, for `createEventStreamResponse` and friends: `content` as text,
 * `refusal`, `reasoning_content`/`reasoning` as reasoning, `tool_calls` merged by `index` (parsed when the choice
 * finishes), `finish_reason` (`tool_calls` -> `tool-calls`, `content_filter` -> `content-filter`) and the usage-only
 * final chunk (ask for it with `stream_options: { include_usage: true }`). Closing the result (the client went
 * away) aborts the SDK's request, so the model stops. The SDK is not imported: any async iterable of such chunks,
 * or the promise of one, works.
 *
 * @example
 * // app/api/chat/route.ts
 * const stream = await openai.chat.completions.create({ model, messages, stream: true, stream_options: { include_usage: true } });
 * return createEventStreamResponse(fromOpenAIChat(stream), { signal: request.signal });
 */
export function fromOpenAIChat(stream: SDKStream<OpenAIChatChunkLike>): AsyncIterableIterator<StreamChunk> {
  // The SDK swallows the `[DONE]` line; feeding it back completes tool calls a server left open.
  return adaptStream(stream, createOpenAIProtocol(), '[DONE]');
}
