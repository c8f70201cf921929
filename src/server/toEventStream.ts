/** The encoder's entry points for web-standard runtimes (Node 18+, edge, Bun, Deno): a byte stream or a Response. */
import { createAiSdkEncoder } from './encoders/ai-sdk.ts';
import type { ChunkEncoder } from './encoders/encoder.ts';
import { createTextEncoder } from './encoders/text.ts';
import { encodeSource } from './encode-source.ts';
import { EVENT_STREAM_HEADERS } from './frame.ts';
import { frameEvents, type NumberedEvent } from './frame-events.ts';
import type { ChunkSource, EventStreamOptions, ServerProtocol, WireEvent } from './types.ts';

/** The encoder of a wire format. */
export function createChunkEncoder(protocol: ServerProtocol = 'ai-sdk', messageId?: string): ChunkEncoder {
  if (protocol === 'ai-sdk') return createAiSdkEncoder(messageId);
  if (protocol === 'text') return createTextEncoder();
  throw new TypeError(`Unknown server protocol: ${String(protocol)} (expected 'ai-sdk' or 'text')`);
}

/** Give each event the next id: "1", "2", … (non-empty and increasing, so a reconnect can say where it was). */
export function numberEvents(events: AsyncIterator<WireEvent, unknown>, first = 1): AsyncIterator<NumberedEvent, unknown> {
  let next = first;
  return {
    async next() {
      const result = await events.next();
      if (result.done) return { done: true, value: result.value };
      return { done: false, value: { id: String(next++), event: result.value } };
    },
    return: async () => {
      await events.return?.();
      return { done: true, value: undefined };
    },
  };
}

/**
 * Encode `source` as an event stream. When the client disconnects (the reader cancels) or `options.signal`
 * aborts, the source's iterator is closed and the signal a source function was given fires.
 *
 * @example
 * const stream = toEventStream(async function* () { yield 'Hello'; yield ' world'; }());
 */
export function toEventStream(source: ChunkSource, options: EventStreamOptions = {}): ReadableStream<Uint8Array> {
  const encoder = createChunkEncoder(options.protocol, options.messageId);
  const producer = new AbortController();
  const outer = options.signal;
  if (outer?.aborted) producer.abort(outer.reason);
  else outer?.addEventListener('abort', () => producer.abort(outer.reason), { once: true });
  const events = numberEvents(encodeSource(source, encoder, producer.signal, options.onError));
  return frameEvents(events, {
    heartbeatMs: options.heartbeatMs,
    retryMs: options.retryMs,
    signal: producer.signal,
    onCancel: (reason) => producer.abort(reason ?? new DOMException('The client disconnected', 'AbortError')),
  });
}

/** Options of `createEventStreamResponse`: the encoder's, plus the response's status and extra headers. */
export interface EventStreamResponseOptions extends EventStreamOptions {
  /** @default 200 */
  status?: number;
  headers?: Record<string, string>;
}

/** The headers of an event stream in `protocol` (the AI SDK's marker header for its format). */
export function eventStreamHeaders(protocol: ServerProtocol = 'ai-sdk'): Record<string, string> {
  return protocol === 'ai-sdk' ? { ...EVENT_STREAM_HEADERS, 'x-vercel-ai-ui-message-stream': 'v1' } : { ...EVENT_STREAM_HEADERS };
}

/**
 * A `Response` streaming `source`, with the headers no proxy buffers (`text/event-stream`,
 * `Cache-Control: no-cache, no-transform`, `X-Accel-Buffering: no`). Pass `signal: request.signal`.
 *
 * @example
 * export async function POST(request: Request) {
 *   return createEventStreamResponse((signal) => fromOpenAIChat(openai.chat.completions.create({ ..., stream: true }, { signal })),
 *     { signal: request.signal });
 * }
 */
export function createEventStreamResponse(source: ChunkSource, options: EventStreamResponseOptions = {}): Response {
  return new Response(toEventStream(source, options), {
    status: options.status ?? 200,
    headers: { ...eventStreamHeaders(options.protocol), ...options.headers },
  });
}
