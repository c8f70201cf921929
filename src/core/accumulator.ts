/**
 * Batched parts: the first chunk of a turn is published at once (time to first token is what users feel), then
 * chunks of every kind coalesce into at most one publish per window or animation frame. Parts are built by
 * message-parts.ts; this file only decides when the store hears about them.
 */
import { createPartsBuilder, type ReplyEnd, type ReplyParts } from './message-parts.ts';
import type { StreamChunk } from './types.ts';

export type { ReplyEnd, ReplyParts } from './message-parts.ts';

/** Schedules one callback and returns a function that cancels it. */
export type FlushScheduler = (callback: () => void) => () => void;

/** Default publish window. */
export const DEFAULT_FLUSH_MS = 50;
/** Frame length assumed where there is no requestAnimationFrame. */
const FALLBACK_FRAME_MS = 16;

/** A scheduler for `flush: number` (a timer) or `flush: 'raf'` (a frame, or a timer where there are no frames). */
export function createFlushScheduler(flush: 'raf' | number = DEFAULT_FLUSH_MS): FlushScheduler {
  if (flush === 'raf') {
    return (callback) => {
      // Looked up per call, not at import: server rendering and tests may install frames later.
      const raf = globalThis.requestAnimationFrame;
      if (typeof raf === 'function') {
        const handle = raf(() => callback());
        return () => globalThis.cancelAnimationFrame(handle);
      }
      const timer = setTimeout(callback, FALLBACK_FRAME_MS);
      return () => clearTimeout(timer);
    };
  }
  if (!Number.isFinite(flush) || flush < 0) throw new RangeError(`flush must be 'raf' or a number of ms >= 0, got ${flush}`);
  return (callback) => {
    const timer = setTimeout(callback, flush);
    return () => clearTimeout(timer);
  };
}

export interface Accumulator {
  /** Add a chunk (a string is a text delta); publishes now if it is the first since `reset`, else within the window. */
  push(chunk: StreamChunk | string): void;
  /** Publish anything pending now. Terminal states call this first so nothing received is lost. */
  flush(): void;
  /** Cancel the pending publish without publishing (the reply stays readable through `reply`). */
  cancel(): void;
  /** Start over (restart of a turn): forget everything, the next chunk publishes at once. */
  reset(): void;
  /** Settle unfinished parts as the turn ends (reasoning done; a stopped reply's partial tool calls end in error). */
  end(how: ReplyEnd): void;
  /** Mark the point after an event carrying an id was applied (what a resume continues from). Cheap. */
  checkpoint(): void;
  /** Drop everything since the last checkpoint (a resumed stream re-sends it). The next flush publishes the result. */
  rollback(): void;
  /** The concatenated text received so far, published or not. */
  readonly text: string;
  /** True while nothing at all has arrived. */
  readonly isEmpty: boolean;
  /** Everything received so far, published or not. */
  readonly reply: ReplyParts;
}

function defaultNow(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/**
 * @param publish receives the whole reply so far, at most once per window.
 * @param schedule from `createFlushScheduler`.
 * @param now clock for reasoning durations.
 */
export function createAccumulator(
  publish: (reply: ReplyParts) => void,
  schedule: FlushScheduler,
  now: () => number = defaultNow,
): Accumulator {
  let builder = createPartsBuilder(now);
  let dirty = false;
  let publishedOnce = false;
  let cancelScheduled: (() => void) | undefined;

  const cancel = () => {
    cancelScheduled?.();
    cancelScheduled = undefined;
  };

  const flush = () => {
    cancel();
    if (!dirty) return;
    dirty = false;
    publish(builder.snapshot());
  };

  const changed = () => {
    dirty = true;
    if (!publishedOnce) {
      publishedOnce = true;
      flush();
    } else if (!cancelScheduled) {
      cancelScheduled = schedule(flush);
    }
  };

  return {
    push(chunk) {
      const applied = builder.apply(typeof chunk === 'string' ? { type: 'text-delta', delta: chunk } : chunk);
      if (applied) changed();
    },
    flush,
    cancel,
    reset() {
      cancel();
      builder = createPartsBuilder(now);
      dirty = false;
      publishedOnce = false;
    },
    end(how) {
      if (builder.end(how)) dirty = true;
    },
    checkpoint() {
      builder.checkpoint();
    },
    rollback() {
      if (builder.rollback()) {
        dirty = true;
        if (!cancelScheduled) cancelScheduled = schedule(flush);
      }
    },
    get text() {
      return builder.content;
    },
    get isEmpty() {
      return builder.isEmpty;
    },
    get reply() {
      return builder.snapshot();
    },
  };
}
