/** Turn timings: when a turn started, got its first byte and token, ended, and its token rate. */
import type { TurnTimings } from './types.ts';

/** A fresh copy for a snapshot: the runner keeps mutating its own. */
export function snapshotTimings(timings: TurnTimings): TurnTimings {
  return { ...timings };
}

/** Stamp the end and, with at least two tokens, the rate between the first token and the end. */
export function endTimings(timings: TurnTimings, end: number): void {
  timings.end = end;
  if (timings.firstToken !== undefined && timings.tokens > 1 && end > timings.firstToken) {
    timings.tokensPerSecond = (timings.tokens - 1) / ((end - timings.firstToken) / 1000);
  }
}
