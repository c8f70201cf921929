/** Reading one HTTP response: its status into a typed error, its body (SSE or plain text) into text deltas. */
import { ChatStreamError, isChatStreamError, readableErrorBody } from './errors.ts';
import { deliverResult } from './protocols/custom.ts';
import { MALFORMED_EVENT_MESSAGE } from './protocols/shared.ts';
import { isRetryableStatus, parseRetryAfter } from './retry.ts';
import { createSSEParser } from './sse.ts';
import type { ProtocolFn, SSEEvent, StreamChunk } from './types.ts';

async function readBody(response: Response): Promise<string | undefined> {
  try {
    return await response.text();
  } catch {
    return undefined;
  }
}

/**
 * Turn a non-2xx response into a `ChatStreamError`: a readable message (`HTTP 422: messages: field required`, the
 * title of an HTML error page), the raw body on `body`, whether it is worth retrying, and Retry-After.
 */
export async function httpError(response: Response, nowMs: number = Date.now()): Promise<ChatStreamError> {
  const body = await readBody(response);
  const serverMessage = body === undefined ? undefined : readableErrorBody(body, response.headers.get('content-type'));
  const status = response.status;
  const label = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new ChatStreamError(serverMessage ? `HTTP ${status}: ${serverMessage}` : `Request failed with ${label}`, {
    kind: 'http',
    status,
    serverMessage,
    body: body === '' ? undefined : body,
    retryable: isRetryableStatus(status),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), nowMs),
  });
}

/** What the response reader reports while it reads. */
export interface ResponseSink {
  /** Every decoded chunk, in order (a plain-text body arrives as `text-delta` chunks). */
  onChunk(chunk: StreamChunk): void;
  /** The first chunk of the body arrived. */
  onFirstByte?(): void;
  /** Bytes arrived (any: comments and heartbeats too). Inactivity timeouts restart here. */
  onActivity?(): void;
  /** The server set its reconnection time (`retry:`). */
  onRetry?(ms: number): void;
  /**
   * An event carrying a new id was applied (its deltas were delivered first), or an id-only event arrived: what a
   * resume sends as Last-Event-ID, and the point a resume continues from.
   */
  onEventId?(id: string): void;
  /** Return true to drop an event before the protocol sees it (replays after a resume). */
  skip?(event: SSEEvent): boolean;
}

function kindOfContent(contentType: string | null): 'sse' | 'text' | 'json' | 'other' {
  // A missing content type is read as SSE: some proxies strip it, and the parser is harmless on other text.
  if (contentType === null || contentType.trim() === '') return 'sse';
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  if (mime === 'text/event-stream') return 'sse';
  if (mime === 'text/plain') return 'text';
  if (mime === 'application/json' || mime.endsWith('+json')) return 'json';
  return 'other';
}

function networkError(cause: unknown): ChatStreamError {
  const detail = cause instanceof Error && cause.message ? `: ${cause.message}` : '';
  return new ChatStreamError(`The connection was lost while streaming${detail}`, {
    kind: 'network',
    retryable: true,
    cause,
  });
}

/**
 * Read a successful response to its end, reporting deltas to `sink`. Resolves on a clean end of the body or when
 * the protocol returns DONE; rejects with a `ChatStreamError` (or the abort reason when `signal` aborted).
 */
export async function readResponse(
  response: Response,
  protocol: ProtocolFn,
  sink: ResponseSink,
  signal?: AbortSignal,
): Promise<void> {
  const kind = kindOfContent(response.headers.get('content-type'));
  if (kind === 'json' || kind === 'other') {
    const type = response.headers.get('content-type');
    const body = await readBody(response);
    const serverMessage = body === undefined ? undefined : readableErrorBody(body, type);
    throw new ChatStreamError(
      kind === 'json' && serverMessage
        ? `Expected a stream but the server answered with JSON: ${serverMessage}`
        : `Expected text/event-stream or text/plain, got ${type}`,
      { kind: 'protocol', status: response.status, serverMessage, body: body === '' ? undefined : body },
    );
  }
  if (!response.body) {
    throw new ChatStreamError('The response has no body to stream', { kind: 'protocol', status: response.status });
  }

  const reader = response.body.getReader();
  let finished = false;
  let firstByte = true;
  let lastId = '';
  /** The id of the last event handed to `onEvent` (skipped or not): an id-only event is one the parser set after it. */
  let dispatchedId = '';
  let done = false;
  // Events are handled inside feed() (synchronously), so a protocol error or DONE stops the read at once.
  const parser = createSSEParser({
    onEvent(event) {
      if (done) return;
      dispatchedId = event.id;
      if (sink.skip?.(event)) {
        // A skipped replay's id is already committed: the un-id'd events after it carry it on but not anew.
        lastId = event.id;
        return;
      }
      let result: ReturnType<ProtocolFn>;
      try {
        result = protocol(event);
      } catch (cause) {
        if (isChatStreamError(cause)) throw cause;
        throw new ChatStreamError(MALFORMED_EVENT_MESSAGE, { kind: 'protocol', cause });
      }
      if (deliverResult(result, sink.onChunk)) done = true;
      // After the event's text was delivered: the id marks a point the server can resume after.
      if (event.id !== lastId) {
        lastId = event.id;
        sink.onEventId?.(lastId);
      }
    },
    onRetry: (ms) => sink.onRetry?.(ms),
  });
  const decoder = kind === 'text' ? new TextDecoder() : undefined;
  // Cancel the body ourselves on abort: an injected fetch (a mock, a proxy, a polyfill) may not tie its body to
  // the signal the way the platform's fetch does, and a pending read() would otherwise never settle.
  const onAbort = () => {
    reader.cancel(signal?.reason).catch(() => {});
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        throw networkError(cause);
      }
      if (signal?.aborted) throw signal.reason;
      if (chunk.done) {
        finished = true;
        if (decoder) {
          const rest = decoder.decode();
          if (rest !== '') sink.onChunk({ type: 'text-delta', delta: rest });
        } else if ((protocol as { expectsEnd?: boolean }).expectsEnd === true) {
          // A clean close is not completion for a wire format that always ends with a marker: a proxy timeout or
          // a crashed worker closes the same way. Say so instead of showing a truncated reply as done.
          throw new ChatStreamError('The reply was cut off: the stream ended before the server said it was complete', {
            kind: 'incomplete',
            retryable: true,
          });
        }
        return;
      }
      if (firstByte) {
        firstByte = false;
        sink.onFirstByte?.();
      }
      sink.onActivity?.();
      if (decoder) {
        const text = decoder.decode(chunk.value, { stream: true });
        if (text !== '') sink.onChunk({ type: 'text-delta', delta: text });
        continue;
      }
      parser.feed(chunk.value);
      // An id-only event (`id: 7` and a blank line) sets the id without dispatching anything.
      if (!done && parser.lastEventId !== lastId && parser.lastEventId !== dispatchedId) {
        lastId = parser.lastEventId;
        sink.onEventId?.(lastId);
      }
      if (done) return;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!finished) reader.cancel().catch(() => {});
  }
}
