/** Which failures retry, how long to wait (exponential backoff with full jitter, Retry-After), and an abortable sleep. */
import { ChatStreamError } from './errors.ts';
import type { RetryOptions } from './types.ts';

export const DEFAULT_RETRY_ATTEMPTS = 3;
export const DEFAULT_BASE_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 8000;
/** A Retry-After longer than this fails the turn with a message saying when to try again. */
export const MAX_RETRY_AFTER_MS = 30_000;

export type ResolvedRetryOptions = Required<RetryOptions>;

export function resolveRetryOptions(retry: false | RetryOptions | undefined): ResolvedRetryOptions {
  if (retry === false) {
    return { attempts: 0, baseDelayMs: 0, maxDelayMs: 0, onDropWithoutResume: 'fail' };
  }
  return {
    attempts: retry?.attempts ?? DEFAULT_RETRY_ATTEMPTS,
    baseDelayMs: retry?.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
    maxDelayMs: retry?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
    onDropWithoutResume: retry?.onDropWithoutResume ?? 'fail',
  };
}

/** 408 Request Timeout, 425 Too Early, 429 Too Many Requests and every 5xx are worth another try; other 4xx are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * Parse a Retry-After header: delay-seconds or an HTTP date. Returns milliseconds from `nowMs` (epoch), or
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (header == null) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) return Number.parseInt(value, 10) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): a uniform wait in
 * [0, min(max, base * 2^attempt)), which spreads a herd of clients better than equal or no jitter.
 * @param attempt 0 for the first retry.
 */
export function backoffDelay(
  attempt: number,
  options: Pick<ResolvedRetryOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** What to do after a failed attempt. */
export type RetryDecision =
  /** End the turn with this error (the partial reply stays). */
  | { action: 'fail'; error: ChatStreamError }
  /** Re-send from scratch after `delayMs`; `restart` replaces a partial reply (never appends a replay). */
  | { action: 'retry'; delayMs: number; restart: boolean }
  /** Reconnect with Last-Event-ID after `delayMs` and keep appending. */
  | { action: 'resume'; delayMs: number };

/** Everything the retry decision depends on; nothing else. */
export interface RetryInput {
  error: ChatStreamError;
  /** Retries already made in this turn. */
  failures: number;
  /** Text of this turn arrived before the failure. */
  hasText: boolean;
  /** The stream carried event ids, so a reconnect can continue where it stopped. */
  canResume: boolean;
  /** The server's `retry:` field, when it sent one. */
  serverRetryMs: number | undefined;
  options: ResolvedRetryOptions;
  /** Wall clock (epoch ms), for the "try again after" time. */
  nowMs?: number;
  random?: () => number;
}

/**
 * The retry decision as a pure function: before any text, re-send; after text with event ids, resume; after text
 * without ids, fail with the partial kept (or restart when asked); never past `attempts`, never for a
 * non-retryable error, never for a Retry-After beyond `MAX_RETRY_AFTER_MS`.
 */
export function decideRetry(input: RetryInput): RetryDecision {
  const { error, failures, hasText, canResume, options } = input;
  let resume = false;
  if (hasText) {
    if (canResume && error.retryable) {
      resume = true;
    } else if (error.kind !== 'network' || options.onDropWithoutResume !== 'restart') {
      // Without event ids the server cannot continue where it stopped, and re-sending would replay text:
      // keep the partial reply and let the user choose to regenerate.
      return { action: 'fail', error };
    }
  }
  if (!error.retryable || failures >= options.attempts) return { action: 'fail', error };
  if (error.retryAfterMs !== undefined && error.retryAfterMs > MAX_RETRY_AFTER_MS) {
    const seconds = Math.ceil(error.retryAfterMs / 1000);
    const when = new Date((input.nowMs ?? Date.now()) + error.retryAfterMs).toLocaleTimeString();
    return {
      action: 'fail',
      error: new ChatStreamError(`${error.message} The server asked to wait ${seconds} s: try again after ${when}.`, {
        kind: error.kind,
        status: error.status,
        serverMessage: error.serverMessage,
        retryable: true,
        retryAfterMs: error.retryAfterMs,
        cause: error,
      }),
    };
  }
  const delayMs =
    error.retryAfterMs ??
    (resume && input.serverRetryMs !== undefined ? input.serverRetryMs : backoffDelay(failures, options, input.random));
  return resume ? { action: 'resume', delayMs } : { action: 'retry', delayMs, restart: hasText };
}
