import { createAnthropicProtocol } from '../../core/protocols/anthropic.ts';
import type { StreamChunk } from '../../core/types.ts';
import { adaptStream, type SDKStream } from './adaptStream.ts';

/** What the adapter reads of a Messages stream event; the `@anthropic-ai/sdk` `MessageStreamEvent` fits. */
export interface AnthropicEventLike {
  type: string;
}

/**
 * The `@anthropic-ai/sdk` message stream (`messages.create({ stream: true })` or `messages.stream()`) as the kit's
 * chunks: text deltas, thinking (signatures ignored; `redacted_thinking` as a redacted reasoning block), `tool_use`
 * and `server_tool_use` blocks with their `input_json_delta` arguments, web search results and citations as
 * sources (each URL once), usage from `message_start` and `message_delta` (`cache_read_input_tokens` as
 * `cachedInputTokens`; `input_tokens` excludes cache tokens, as Anthropic counts them) and `stop_reason`
 * (`end_turn`/`stop_sequence` -> `stop`, `max_tokens` -> `length`, `tool_use` -> `tool-calls`, `refusal`).
 * Closing the result aborts the SDK's request. The SDK is not imported.
 *
 * @example
 * // app/api/chat/route.ts
 * const stream = anthropic.messages.stream({ model, max_tokens: 1024, messages });
 * return createEventStreamResponse(fromAnthropic(stream), { signal: request.signal });
 */
export function fromAnthropic(stream: SDKStream<AnthropicEventLike>): AsyncIterableIterator<StreamChunk> {
  return adaptStream(stream, createAnthropicProtocol());
}
