/**
 * Attempt timeouts: a stall right after the request or in the middle of a stream must not leave a reply
 * "streaming" forever. Until the first byte of the body the first-byte timeout runs; after it, the inactivity
 * timeout restarts on every byte (SSE comments and heartbeats are bytes, so they count as activity).
 */
import { ChatStreamError } from './errors.ts';
import type { ChatStreamOptions } from './types.ts';

/** Default `firstByteTimeoutMs`: from sending the request to the first byte of the response body. */
export const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 30_000;
/** Default `inactivityTimeoutMs`: the longest silence allowed once the body started. */
export const DEFAULT_INACTIVITY_TIMEOUT_MS = 30_000;

function resolveTimeout(value: number | false | undefined, fallback: number): number | undefined {
  if (value === false || value === 0) return undefined;
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`A timeout must be a number of ms >= 0 or false, got ${value}`);
  return value;
}

function timeoutError(message: string, ms: number): ChatStreamError {
  return new ChatStreamError(`${message} for ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}`, {
    kind: 'network',
    retryable: true,
  });
}

/** One attempt's signal (aborted by the turn or by a timeout) and its two timers. */
export interface AttemptTimer {
  /** Aborts when the turn aborts (with its reason) or a timeout fires (with a retryable `network` error). */
  readonly signal: AbortSignal;
  /** Bytes arrived: switch to (or restart) the inactivity timeout. */
  activity(): void;
  /** Settle with `promise`, or reject as soon as the signal aborts (an injected fetch may ignore the signal). */
  race<T>(promise: Promise<T>): Promise<T>;
  /** Stop the timers and unhook from the turn's signal. */
  clear(): void;
}

export function createAttemptTimer(
  turnSignal: AbortSignal,
  options: Pick<ChatStreamOptions, 'firstByteTimeoutMs' | 'inactivityTimeoutMs'>,
): AttemptTimer {
  const firstByteMs = resolveTimeout(options.firstByteTimeoutMs, DEFAULT_FIRST_BYTE_TIMEOUT_MS);
  const inactivityMs = resolveTimeout(options.inactivityTimeoutMs, DEFAULT_INACTIVITY_TIMEOUT_MS);
  const controller = new AbortController();
  const onTurnAbort = () => controller.abort(turnSignal.reason);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = false;

  const arm = (ms: number | undefined, message: string) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = ms === undefined ? undefined : setTimeout(() => controller.abort(timeoutError(message, ms)), ms);
  };
  const clear = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    turnSignal.removeEventListener('abort', onTurnAbort);
  };

  if (turnSignal.aborted) controller.abort(turnSignal.reason);
  else {
    turnSignal.addEventListener('abort', onTurnAbort, { once: true });
    arm(firstByteMs, 'The server did not respond');
  }

  return {
    signal: controller.signal,
    activity() {
      if (controller.signal.aborted) return;
      // Re-armed per chunk read, not per event: one clearTimeout/setTimeout pair per network read is cheap.
      if (!started || inactivityMs !== undefined) arm(inactivityMs, 'The stream went silent');
      started = true;
    },
    race(promise) {
      const signal = controller.signal;
      if (signal.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then(
          (value) => {
            signal.removeEventListener('abort', onAbort);
            resolve(value);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
    },
    clear,
  };
}
