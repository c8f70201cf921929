/**
 * The encoder for `node:http` and Express: writes to a `ServerResponse` with backpressure, and treats the
 * response closing before the end (the client left) as a cancel. Structural types only, so this file imports
 * nothing from Node and the entry stays runnable on edge runtimes.
 */
import { toEventStream, eventStreamHeaders } from './toEventStream.ts';
import type { ChunkSource, EventStreamOptions } from './types.ts';

/** The part of `http.ServerResponse` (and Express's `res`) the encoder uses. */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  on(event: 'close' | 'drain', listener: () => void): unknown;
  off?(event: 'close' | 'drain', listener: () => void): unknown;
  flushHeaders?(): void;
  readonly headersSent?: boolean;
}

/**
 * Write an already-encoded event stream (from `toEventStream` or a resume) to a Node response. Resolves when the
 * stream ends or the client disconnects (which cancels `stream`); never rejects.
 */
export async function sendEventStream(
  res: NodeResponseLike,
  stream: ReadableStream<Uint8Array>,
  headers: Record<string, string> = eventStreamHeaders(),
): Promise<void> {
  if (!res.headersSent) res.writeHead(200, headers);
  res.flushHeaders?.();
  const reader = stream.getReader();
  let ended = false;
  let wake: (() => void) | undefined;
  const onClose = () => {
    wake?.();
    if (!ended) reader.cancel(new DOMException('The client disconnected', 'AbortError')).catch(() => {});
    ended = true;
  };
  res.on('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || ended) break;
      if (!res.write(value)) {
        // Wait for the socket to drain (or close) before pulling more from the producer.
        await new Promise<void>((resolve) => {
          wake = resolve;
          res.on('drain', resolve);
        });
        wake = undefined;
      }
    }
  } catch {
    // A failed read means the stream was cancelled or broke; the response is ended below either way.
  } finally {
    const wasEnded = ended;
    ended = true;
    res.off?.('close', onClose);
    if (!wasEnded) res.end();
  }
}

/**
 * Stream `source` to a `node:http` / Express response: headers, `retry:`, events, heartbeats. When the client
 * disconnects the source is closed and the producer's signal fires.
 *
 * @example
 * app.post('/api/chat', (req, res) => pipeEventStream(res, (signal) => answer(req.body.messages, signal)));
 */
export function pipeEventStream(res: NodeResponseLike, source: ChunkSource, options: EventStreamOptions = {}): Promise<void> {
  return sendEventStream(res, toEventStream(source, options), eventStreamHeaders(options.protocol));
}
