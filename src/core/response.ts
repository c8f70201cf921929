/** Reading one HTTP response: its status into a typed error, its body (SSE or plain text) into stream chunks. */
import { ChatStreamError, isChatStreamError } from './errors.ts';
import { deliverResult, errorMessageOf } from './protocols/index.ts';
import { isRetryableStatus, parseRetryAfter } from './retry.ts';
import { createSSEParser } from './sse.ts';
import type { ProtocolFn, SSEEvent, StreamChunk } from './types.ts';

const MAX_ERROR_BODY_CHARS = 500;

async function readErrorBody(response: Response): Promise<string | undefined> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return undefined;
  }
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    const message = errorMessageOf(JSON.parse(trimmed));
    if (message) return message;
  } catch {
    // Not JSON: the text itself is the message.
  }
  return trimmed.length > MAX_ERROR_BODY_CHARS ? `${trimmed.slice(0, MAX_ERROR_BODY_CHARS)}…` : trimmed;
}

/** Turn a non-2xx response into a `ChatStreamError` with the server's message and Retry-After. */
export async function httpError(response: Response): Promise<ChatStreamError> {
  const serverMessage = await readErrorBody(response);
  const status = response.status;
  const label = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new ChatStreamError(serverMessage ? `${label}: ${serverMessage}` : `Request failed with ${label}`, {
    kind: 'http',
    status,
    serverMessage,
    retryable: isRetryableStatus(status),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  });
}

/** What the response reader reports while it reads. */
export interface ResponseSink {
  /** Every decoded chunk, in order (a plain-text body arrives as `text-delta` chunks). */
  onChunk(chunk: StreamChunk): void;
  /** The first chunk of the body arrived. */
  onFirstByte?(): void;
  /** The server set its reconnection time (`retry:`). */
  onRetry?(ms: number): void;
  /** The stream's last event id changed (what a resume sends as Last-Event-ID). */
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
 * Read a successful response to its end, reporting chunks to `sink`. Resolves on a clean end of the body or when
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
    const serverMessage = kind === 'json' ? await readErrorBody(response) : undefined;
    const type = response.headers.get('content-type');
    throw new ChatStreamError(
      serverMessage
        ? `Expected a stream but the server answered with JSON: ${serverMessage}`
        : `Expected text/event-stream or text/plain, got ${type}`,
      { kind: 'protocol', status: response.status, serverMessage },
    );
  }
  if (!response.body) {
    throw new ChatStreamError('The response has no body to stream', { kind: 'protocol', status: response.status });
  }

  const reader = response.body.getReader();
  let finished = false;
  let firstByte = true;
  let lastId = '';
  let done = false;
  // Events are handled inside feed() (synchronously), so a protocol error or DONE stops the read at once.
  const parser = createSSEParser({
    onEvent(event) {
      if (done) return;
      if (sink.skip?.(event)) return;
      let result: ReturnType<ProtocolFn>;
      try {
        result = protocol(event);
      } catch (cause) {
        if (isChatStreamError(cause)) throw cause;
        throw new ChatStreamError(`The protocol function failed on an event: ${cause instanceof Error ? cause.message : String(cause)}`, {
          kind: 'protocol',
          cause,
        });
      }
      if (deliverResult(result, sink.onChunk)) done = true;
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
        }
        return;
      }
      if (firstByte) {
        firstByte = false;
        sink.onFirstByte?.();
      }
      if (decoder) {
        const text = decoder.decode(chunk.value, { stream: true });
        if (text !== '') sink.onChunk({ type: 'text-delta', delta: text });
        continue;
      }
      parser.feed(chunk.value);
      if (parser.lastEventId !== lastId) {
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
