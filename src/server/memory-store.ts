/**
 * A stream store in this process's memory: for one server, tests and development. Bounded (streams held, events
 * per stream) and expiring (finished streams are dropped after `ttlMs`); no timers, so it never keeps a process
 * alive: expiry is checked when streams are touched.
 */
import type { NumberedEvent } from './frame-events.ts';
import { StreamStoreError, type StoredStreamState, type StreamStore } from './stream-store.ts';
import type { WireEvent } from './types.ts';

/** Options of `createMemoryStreamStore`. */
export interface MemoryStreamStoreOptions {
  /** Streams held at once; creating one more drops the oldest finished stream (or fails when all are active). @default 1000 */
  maxStreams?: number;
  /** Events kept per stream; older ones are dropped, and a resume from before them fails (`trimmed`). @default 10000 */
  maxEvents?: number;
  /** How long a finished stream stays readable. @default 300000 (5 minutes) */
  ttlMs?: number;
  /** Clock. @default Date.now */
  now?: () => number;
}

interface Entry {
  events: NumberedEvent[];
  /** Sequence number of `events[0]`. */
  first: number;
  next: number;
  done: boolean;
  expiresAt: number;
  waiters: Set<() => void>;
  stopWatchers: Set<() => void>;
  stopped: boolean;
}

/** Create an in-memory stream store. */
export function createMemoryStreamStore(options: MemoryStreamStoreOptions = {}): StreamStore {
  const maxStreams = options.maxStreams ?? 1000;
  const maxEvents = options.maxEvents ?? 10_000;
  const ttlMs = options.ttlMs ?? 300_000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: the first finished entry is the oldest one.
  const streams = new Map<string, Entry>();

  function live(streamId: string): Entry | undefined {
    const entry = streams.get(streamId);
    if (entry && entry.done && entry.expiresAt <= now()) {
      streams.delete(streamId);
      return undefined;
    }
    return entry;
  }

  function wake(entry: Entry): void {
    const waiters = [...entry.waiters];
    entry.waiters.clear();
    for (const w of waiters) w();
  }

  function evict(): void {
    const t = now();
    for (const [id, entry] of streams) if (entry.done && entry.expiresAt <= t) streams.delete(id);
    if (streams.size < maxStreams) return;
    for (const [id, entry] of streams) {
      if (entry.done) {
        streams.delete(id);
        return;
      }
    }
    throw new StreamStoreError(`The memory stream store is full (${maxStreams} active streams)`, 'unavailable');
  }

  function need(streamId: string): Entry {
    const entry = live(streamId);
    if (!entry) throw new StreamStoreError(`No stream ${streamId}`, 'not-found');
    return entry;
  }

  return {
    async create(streamId) {
      const existing = live(streamId);
      if (existing && !existing.done) throw new StreamStoreError(`Stream ${streamId} is already active`, 'conflict');
      if (existing) streams.delete(streamId);
      else evict();
      streams.set(streamId, {
        events: [], first: 1, next: 1, done: false, expiresAt: Infinity,
        waiters: new Set(), stopWatchers: new Set(), stopped: false,
      });
    },
    async append(streamId, event: WireEvent) {
      const entry = need(streamId);
      const id = String(entry.next++);
      entry.events.push({ id, event });
      if (entry.events.length > maxEvents) {
        // Trim in batches so a long stream costs O(1) amortised per event.
        const drop = Math.ceil(maxEvents / 10);
        entry.events.splice(0, drop);
        entry.first += drop;
      }
      wake(entry);
      return id;
    },
    async finish(streamId) {
      const entry = live(streamId);
      if (!entry) return;
      entry.done = true;
      entry.expiresAt = now() + ttlMs;
      entry.stopWatchers.clear();
      wake(entry);
    },
    async state(streamId): Promise<StoredStreamState | undefined> {
      const entry = live(streamId);
      return entry ? (entry.done ? 'done' : 'active') : undefined;
    },
    read(streamId, afterId) {
      let entry: Entry | undefined;
      let cursor: number | undefined;
      let closed = false;
      let wakeMe: (() => void) | undefined;
      return {
        async next() {
          if (closed) return { done: true, value: undefined };
          if (!entry) {
            entry = need(streamId);
            const after = afterId === '' ? 0 : Number(afterId);
            if (!Number.isSafeInteger(after) || after < 0) throw new StreamStoreError(`Not an event id of this store: ${afterId}`, 'bad-id');
            if (after + 1 < entry.first) throw new StreamStoreError(`Events after ${afterId} are no longer held`, 'trimmed');
            cursor = after + 1;
          }
          for (;;) {
            if (closed) return { done: true, value: undefined };
            if (cursor! < entry.first) throw new StreamStoreError(`Events after ${cursor! - 1} were trimmed while reading`, 'trimmed');
            const index = cursor! - entry.first;
            if (index < entry.events.length) {
              cursor!++;
              return { done: false, value: entry.events[index]! };
            }
            if (entry.done || streams.get(streamId) !== entry) return { done: true, value: undefined };
            await new Promise<void>((resolve) => {
              wakeMe = resolve;
              entry!.waiters.add(resolve);
            });
          }
        },
        async return() {
          closed = true;
          if (wakeMe) {
            entry?.waiters.delete(wakeMe);
            wakeMe();
          }
          return { done: true, value: undefined };
        },
      };
    },
    async requestStop(streamId) {
      const entry = live(streamId);
      if (!entry || entry.done || entry.stopped) return;
      entry.stopped = true;
      for (const watcher of [...entry.stopWatchers]) watcher();
      entry.stopWatchers.clear();
    },
    watchStop(streamId, onStop) {
      const entry = live(streamId);
      if (!entry) return () => {};
      if (entry.stopped) {
        queueMicrotask(onStop);
        return () => {};
      }
      entry.stopWatchers.add(onStop);
      return () => entry.stopWatchers.delete(onStop);
    },
  };
}
