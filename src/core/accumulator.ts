/**
 * Batched text: the first delta of a turn is published at once (time to first token is what users feel), then
 * deltas coalesce into at most one publish per window or animation frame.
 */

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
  /** Add a delta; publishes now if it is the first since `reset`, else within the window. */
  push(delta: string): void;
  /** Publish anything pending now. Terminal states call this first so nothing received is lost. */
  flush(): void;
  /** Cancel the pending publish without publishing (the text stays readable through `text`). */
  cancel(): void;
  /** Start over (restart of a turn): forget the text, the next delta publishes at once. */
  reset(text?: string): void;
  /**
   * Mark everything pushed so far as confirmed: called after an event carrying an id was applied, so it is what a
   * resume with that Last-Event-ID continues after. O(1).
   */
  checkpoint(): void;
  /**
   * Drop everything pushed since the last checkpoint (the un-id'd tail a resumed server sends again), and publish
   * the shorter text within the window. O(1) bookkeeping; one slice.
   */
  rollback(): void;
  /** Everything received so far, published or not. */
  readonly text: string;
}

/**
 * @param publish receives the whole text so far, at most once per window.
 * @param schedule from `createFlushScheduler`.
 */
export function createAccumulator(publish: (text: string) => void, schedule: FlushScheduler): Accumulator {
  let text = '';
  let confirmedLength = 0;
  let published = '';
  let publishedOnce = false;
  let cancelScheduled: (() => void) | undefined;

  const flush = () => {
    cancelScheduled?.();
    cancelScheduled = undefined;
    if (text === published) return;
    published = text;
    publish(text);
  };

  return {
    push(delta) {
      if (delta === '') return;
      text += delta;
      if (!publishedOnce) {
        publishedOnce = true;
        flush();
      } else if (!cancelScheduled) {
        cancelScheduled = schedule(flush);
      }
    },
    flush,
    cancel() {
      cancelScheduled?.();
      cancelScheduled = undefined;
    },
    reset(initial = '') {
      cancelScheduled?.();
      cancelScheduled = undefined;
      text = initial;
      confirmedLength = initial.length;
      published = initial;
      publishedOnce = false;
    },
    checkpoint() {
      confirmedLength = text.length;
    },
    rollback() {
      if (text.length === confirmedLength) return;
      text = text.slice(0, confirmedLength);
      if (!cancelScheduled) cancelScheduled = schedule(flush);
    },
    get text() {
      return text;
    },
  };
}
