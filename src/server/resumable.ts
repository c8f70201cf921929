/**
 * Streams that outlive their connection: the producer runs into a `StreamStore` on its own (a client leaving does
 * not stop it), and every client reads from the store, so a reconnect with Last-Event-ID gets exactly the events
 * it missed and then the live tail, and a reload reattaches by conversation id. A stop from any client reaches
 * the producer through the store, wherever the producer runs.
 */
import { encodeSource } from './encode-source.ts';
import { frameEvents, type NumberedEvent } from './frame-events.ts';
import { StreamStoreError, type StreamStore } from './stream-store.ts';
import { createChunkEncoder, eventStreamHeaders } from './toEventStream.ts';
import type { ChunkSource, EventStreamOptions } from './types.ts';

/** Options of `createResumableStreams`. */
export interface ResumableStreamsOptions extends Omit<EventStreamOptions, 'signal' | 'messageId'> {
  store: StreamStore;
  /** How long `start` waits for an active stream with the same id to stop before failing (`conflict`). @default 5000 */
  replaceTimeoutMs?: number;
}

/** Resumable streams over one store. */
export interface ResumableStreams {
  /**
   * Start producing `source` under `streamId` (a conversation id) and return the first client's stream. An
   * active stream under the same id is asked to stop first (a new message replaces the old reply).
   */
  start(streamId: string, source: ChunkSource, options?: { messageId?: string }): Promise<ReadableStream<Uint8Array>>;
  /** The events after `lastEventId` (the whole stream when empty), then the live tail; `undefined` when there is none. */
  resume(streamId: string, lastEventId?: string): Promise<ReadableStream<Uint8Array> | undefined>;
  /** Stop the producer of `streamId`, wherever it runs. */
  stop(streamId: string): Promise<void>;
  /**
   * A POST handler's answer: resumes when the request carries `Last-Event-ID` and the stream exists (the kit's
   * client reconnecting after a drop), otherwise starts `source`.
   */
  response(streamId: string, request: Request, source: ChunkSource): Promise<Response>;
  /** A GET handler's answer for reattaching after a reload: the stream, or `204 No Content` when there is none. */
  resumeResponse(streamId: string, request: Request): Promise<Response>;
  /** Resolves when every producer started by this instance has finished (for tests and graceful shutdown). */
  settled(): Promise<void>;
}

const noop = () => {};

/** Create resumable streams over `options.store` (memory or Redis). */
export function createResumableStreams(options: ResumableStreamsOptions): ResumableStreams {
  const { store } = options;
  const producers = new Set<Promise<void>>();
  const headers = eventStreamHeaders(options.protocol);

  async function produce(streamId: string, source: ChunkSource, messageId: string | undefined): Promise<void> {
    const controller = new AbortController();
    let stopped = false;
    const unwatch = store.watchStop(streamId, () => {
      stopped = true;
      controller.abort(new DOMException('A client stopped the reply', 'AbortError'));
    });
    const encoder = createChunkEncoder(options.protocol, messageId);
    const events = encodeSource(source, encoder, controller.signal, options.onError);
    try {
      for (;;) {
        const result = await events.next();
        if (result.done) break;
        await store.append(streamId, result.value);
      }
      if (stopped) for (const event of encoder.abort()) await store.append(streamId, event);
    } catch (error) {
      // The store failed: stop the model too (nobody could read what it writes); readers report the store's error.
      controller.abort(error);
      await events.return?.();
    } finally {
      unwatch();
      await store.finish(streamId).catch(noop);
    }
  }

  function reader(streamId: string, afterId: string): AsyncIterator<NumberedEvent, undefined> {
    const inner = store.read(streamId, afterId);
    let pending: NumberedEvent[] = [];
    let failed = false;
    return {
      async next() {
        if (pending.length > 0) return { done: false, value: pending.shift()! };
        if (failed) return { done: true, value: undefined };
        try {
          return await inner.next();
        } catch (error) {
          // Told in the stream's own format, without an id: the client's resume point stays where it was.
          failed = true;
          const message = error instanceof Error ? error.message : String(error);
          pending = createChunkEncoder(options.protocol).error(`The stream could not be read: ${message}`).map((event) => ({ event }));
          return { done: false, value: pending.shift()! };
        }
      },
      async return() {
        await inner.return?.().catch(noop);
        return { done: true, value: undefined };
      },
    };
  }

  const frame = (streamId: string, afterId: string) =>
    frameEvents(reader(streamId, afterId), { heartbeatMs: options.heartbeatMs, retryMs: options.retryMs });

  async function replace(streamId: string): Promise<void> {
    const deadline = Date.now() + (options.replaceTimeoutMs ?? 5000);
    if ((await store.state(streamId)) === 'active') await store.requestStop(streamId);
    while ((await store.state(streamId)) === 'active') {
      if (Date.now() > deadline) throw new StreamStoreError(`Stream ${streamId} is still active`, 'conflict');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const api: ResumableStreams = {
    async start(streamId, source, startOptions = {}) {
      await replace(streamId);
      await store.create(streamId);
      const running = produce(streamId, source, startOptions.messageId);
      producers.add(running);
      running.finally(() => producers.delete(running)).catch(noop);
      return frame(streamId, '');
    },
    async resume(streamId, lastEventId = '') {
      if ((await store.state(streamId)) === undefined) return undefined;
      return frame(streamId, lastEventId);
    },
    stop: (streamId) => store.requestStop(streamId),
    async response(streamId, request, source) {
      const lastEventId = request.headers.get('last-event-id');
      if (lastEventId) {
        const resumed = await api.resume(streamId, lastEventId);
        if (resumed) return new Response(resumed, { headers });
      }
      return new Response(await api.start(streamId, source), { headers });
    },
    async resumeResponse(streamId, request) {
      const stream = await api.resume(streamId, request.headers.get('last-event-id') ?? '');
      return stream ? new Response(stream, { headers }) : new Response(null, { status: 204 });
    },
    async settled() {
      while (producers.size > 0) await Promise.allSettled([...producers]);
    },
  };
  return api;
}
