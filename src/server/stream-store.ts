/**
 * Where resumable streams live: the producer appends encoded events, any number of readers (the first client, a
 * reconnect with Last-Event-ID, a reload) read them back in order and then follow the live tail.
 */
import type { NumberedEvent } from './frame-events.ts';
import type { WireEvent } from './types.ts';

/** The state of one stored stream. */
export type StoredStreamState = 'active' | 'done';

/** A store of resumable event streams (in memory, Redis, or your own). Ids are opaque, non-empty, increasing. */
export interface StreamStore {
  /** Start a stream under `streamId`, replacing a finished one; rejects with `kind: 'conflict'` while one is active. */
  create(streamId: string): Promise<void>;
  /** Append one event; resolves with its id. */
  append(streamId: string, event: WireEvent): Promise<string>;
  /** Mark the stream finished: readers end after its last event; it expires after the store's TTL. */
  finish(streamId: string): Promise<void>;
  /** The stream's state, or `undefined` when there is none (never created, or expired). */
  state(streamId: string): Promise<StoredStreamState | undefined>;
  /**
   * The events after `afterId` (all of them when `''`), then the live tail until the stream finishes. Rejects
   * (on `next()`) with a `StreamStoreError` when `afterId` is no longer held or the store fails.
   */
  read(streamId: string, afterId: string): AsyncIterator<NumberedEvent, undefined>;
  /** Ask the producer of `streamId` to stop, wherever it runs. */
  requestStop(streamId: string): Promise<void>;
  /** Call `onStop` once when any client requests a stop of `streamId`; returns the unsubscribe function. */
  watchStop(streamId: string, onStop: () => void): () => void;
}

/** What went wrong in a stream store. */
export type StreamStoreErrorKind = 'not-found' | 'conflict' | 'trimmed' | 'unavailable' | 'bad-id';

/** The one error stream stores throw: `kind` says what failed. */
export class StreamStoreError extends Error {
  override readonly name = 'StreamStoreError';
  readonly kind: StreamStoreErrorKind;
  constructor(message: string, kind: StreamStoreErrorKind, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}
