import { createOpenAIResponsesProtocol } from '../../core/protocols/openai-responses.ts';
import type { StreamChunk } from '../../core/types.ts';
import { adaptStream, type SDKStream } from './adaptStream.ts';

/** What the adapter reads of a Responses API stream event; the `openai` SDK's `ResponseStreamEvent` fits. */
export interface OpenAIResponsesEventLike {
  type: string;
}

/**
 * The `openai` SDK's Responses API stream (`responses.create({ stream: true })` or `responses.stream()`) as the
 * kit's chunks: `response.output_text.delta` as text (a final `output_text.done` that extends the deltas sends the
 * rest), `response.refusal.delta`, reasoning summary and reasoning text deltas, function calls by `call_id` with
 * their streamed arguments, URL and file citations as sources, and the end: `response.completed` (usage; `stop`,
 * or `tool-calls` when the output has function calls), `response.incomplete` (`max_output_tokens` -> `length`,
 * `content_filter` -> `content-filter`). `response.failed` and `error` fail the stream with the model's message.
 * Closing the result aborts the SDK's request. The SDK is not imported.
 *
 * @example
 * // app/api/chat/route.ts
 * const stream = await openai.responses.create({ model, input, stream: true });
 * return createEventStreamResponse(fromOpenAIResponses(stream), { signal: request.signal });
 */
export function fromOpenAIResponses(stream: SDKStream<OpenAIResponsesEventLike>): AsyncIterableIterator<StreamChunk> {
  return adaptStream(stream, createOpenAIResponsesProtocol());
}
