/** Numbered wire events -> the bytes of an event stream: `retry:` first, each event framed, heartbeats when idle. */
import { formatEvent, formatRetry, HEARTBEAT } from './frame.ts';
import { DEFAULT_HEARTBEAT_MS, DEFAULT_RETRY_MS, type WireEvent } from './types.ts';

/** A wire event with the id a reconnecting client sends back as `Last-Event-ID`. */
export interface NumberedEvent {
  /** Absent on events that must not move the client's resume point (a reader's own error report). */
  id?: string;
  event: WireEvent;
}

export interface FrameOptions {
  heartbeatMs?: number;
  retryMs?: number;
  /** Ends the stream (closing `events`) when it aborts. */
  signal?: AbortSignal;
  /** The reader cancelled: the client went away. */
  onCancel?: (reason: unknown) => void;
}

/** Frame `events` as a byte stream; pulls one event per read, so a slow client slows the producer down. */
export function frameEvents(events: AsyncIterator<NumberedEvent, unknown>, options: FrameOptions = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;

  const arm = () => {
    if (timer !== undefined) clearTimeout(timer);
    if (heartbeatMs <= 0 || closed) return;
    timer = setTimeout(() => {
      if (closed) return;
      controller.enqueue(encoder.encode(HEARTBEAT));
      arm();
    }, heartbeatMs);
  };
  const shutdown = () => {
    closed = true;
    if (timer !== undefined) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    Promise.resolve(events.return?.()).catch(() => {});
  };
  const onAbort = () => {
    if (closed) return;
    shutdown();
    controller.close();
  };

  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(encoder.encode(formatRetry(options.retryMs ?? DEFAULT_RETRY_MS)));
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      arm();
    },
    async pull(c) {
      let result: IteratorResult<NumberedEvent, unknown>;
      try {
        result = await events.next();
      } catch (error) {
        if (closed) return;
        shutdown();
        c.error(error);
        return;
      }
      if (closed) return;
      if (result.done) {
        shutdown();
        c.close();
        return;
      }
      c.enqueue(encoder.encode(formatEvent(result.value.event, result.value.id)));
      arm();
    },
    cancel(reason) {
      if (closed) return;
      shutdown();
      options.onCancel?.(reason);
    },
  });
}
