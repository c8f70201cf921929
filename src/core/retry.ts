/** Which failures retry, how long to wait (exponential backoff with full jitter, Retry-After), and an abortable sleep. */
import { ChatStreamError } from './errors.ts';
import type { RetryOptions } from './types.ts';

export const DEFAULT_RETRY_ATTEMPTS = 3;
export const DEFAULT_BASE_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 8000;
/** A Retry-After longer than this fails the turn with a message saying when to try again. */
export const MAX_RETRY_AFTER_MS = 30_000;
/** Retry-After values beyond this (a year-2100 date, `999999999`) are read as this: a day is already "later". */
export const RETRY_AFTER_CAP_MS = 86_400_000;
/** The server's `retry:` field is clamped to this range: `retry: 0` must not cause a reconnect storm. */
export const MIN_SERVER_RETRY_MS = 250;
/** ...and `retry: 3600000` must not leave the reply "resuming" for an hour. */
export const MAX_SERVER_RETRY_MS = 30_000;

/** Clamp the server's SSE reconnection time (`retry:` field) to `MIN_SERVER_RETRY_MS`..`MAX_SERVER_RETRY_MS`. */
export function clampServerRetry(ms: number): number {
  return Math.min(MAX_SERVER_RETRY_MS, Math.max(MIN_SERVER_RETRY_MS, ms));
}

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

/**
 * 408 Request Timeout, 425 Too Early, 429 Too Many Requests and the transient 5xx are worth another try; other 4xx
 * are not, and neither is 501 Not Implemented (the server will not do it however often it is asked) nor 505.
 */
export function isRetryableStatus(status: number): boolean {
  if (status === 501 || status === 505) return false;
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// RFC 9110 section 5.6.7, the three forms a recipient must accept (anchored, no nested quantifiers: linear):
// IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", obsolete RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT",
// and asctime "Sun Nov  6 08:49:37 1994".
const IMF_FIXDATE = /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC_850 = /^[A-Za-z]{6,9}, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME = /^[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

function utc(year: number, month: string, day: number, h: number, m: number, s: number, nowMs: number): number | undefined {
  const monthIndex = MONTHS.indexOf(month.toLowerCase());
  if (monthIndex === -1 || day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return undefined;
  let fullYear = year;
  if (year < 100) {
    // "MUST interpret a timestamp in RFC 850 format that appears to be more than 50 years in the future as
    // representing the most recent year in the past that had the same last two digits."
    const thisYear = new Date(nowMs).getUTCFullYear();
    fullYear = year + Math.floor(thisYear / 100) * 100;
    if (fullYear > thisYear + 50) fullYear -= 100;
  }
  return Date.UTC(fullYear, monthIndex, day, h, m, s);
}

/** An HTTP-date in one of its three forms, as epoch ms; undefined for anything else (no lenient Date.parse). */
export function parseHttpDate(value: string, nowMs: number = Date.now()): number | undefined {
  let m = IMF_FIXDATE.exec(value);
  if (m) return utc(+m[3]!, m[2]!, +m[1]!, +m[4]!, +m[5]!, +m[6]!, nowMs);
  m = RFC_850.exec(value);
  if (m) return utc(+m[3]!, m[2]!, +m[1]!, +m[4]!, +m[5]!, +m[6]!, nowMs);
  m = ASCTIME.exec(value);
  if (m) return utc(+m[6]!, m[1]!, +m[2]!.trim(), +m[3]!, +m[4]!, +m[5]!, nowMs);
  return undefined;
}

/**
 * Parse a Retry-After header strictly: delay-seconds (ASCII digits only) or an HTTP-date. Returns milliseconds
 * from `nowMs` (epoch), capped at `RETRY_AFTER_CAP_MS`, or undefined when absent or unreadable (`-1`, `+5`,
 * `1.5`, `Retry in 5`, `1e20` are unreadable, not dates).
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (header == null) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) {
    // Past 9 digits it is beyond the cap anyway; parsing a 400-digit value would only make Infinity.
    return value.length > 9 ? RETRY_AFTER_CAP_MS : Math.min(RETRY_AFTER_CAP_MS, Number.parseInt(value, 10) * 1000);
  }
  const date = parseHttpDate(value, nowMs);
  if (date === undefined) return undefined;
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, date - nowMs));
}

/** "try again after 3:52 PM" today, with the date when it is another day, "in more than a day" past the cap. */
export function describeRetryTime(retryAfterMs: number, nowMs: number = Date.now()): string {
  if (retryAfterMs >= RETRY_AFTER_CAP_MS) return 'try again in a day or more';
  const now = new Date(nowMs);
  const at = new Date(nowMs + retryAfterMs);
  const time = at.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  const sameDay =
    at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  if (sameDay) return `try again after ${time}`;
  const date = at.toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
  return `try again after ${date}, ${time}`;
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
  /** Reconnects already made in this turn: every one counts, whatever arrived in between. */
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
    const wait = seconds < 3600 ? `${seconds} s` : seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;
    const when = describeRetryTime(error.retryAfterMs, input.nowMs);
    return {
      action: 'fail',
      error: new ChatStreamError(`${error.message} The server asked to wait ${wait}: ${when}.`, {
        kind: error.kind,
        status: error.status,
        serverMessage: error.serverMessage,
        retryable: true,
        retryAfterMs: error.retryAfterMs,
        body: error.body,
        cause: error,
      }),
    };
  }
  const delayMs =
    error.retryAfterMs ??
    (resume && input.serverRetryMs !== undefined
      ? clampServerRetry(input.serverRetryMs)
      : backoffDelay(failures, options, input.random));
  return resume ? { action: 'resume', delayMs } : { action: 'retry', delayMs, restart: hasText };
}
