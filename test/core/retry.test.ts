import { describe, expect, it } from 'vitest';
import { ChatStreamError } from '../../src/core/errors.ts';
import {
  MAX_SERVER_RETRY_MS,
  MIN_SERVER_RETRY_MS,
  RETRY_AFTER_CAP_MS,
  clampServerRetry,
  decideRetry,
  describeRetryTime,
  isRetryableStatus,
  parseRetryAfter,
  resolveRetryOptions,
  type RetryDecision,
  type RetryInput,
} from '../../src/core/retry.ts';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const network = new ChatStreamError('lost', { kind: 'network', retryable: true });
const incomplete = new ChatStreamError('cut off', { kind: 'incomplete', retryable: true });
const http503 = new ChatStreamError('HTTP 503', { kind: 'http', status: 503, retryable: true });
const http400 = new ChatStreamError('HTTP 400', { kind: 'http', status: 400, retryable: false });
const wait = (ms: number) => new ChatStreamError('HTTP 429', { kind: 'http', status: 429, retryable: true, retryAfterMs: ms });

function input(patch: Partial<RetryInput>): RetryInput {
  return {
    error: network,
    failures: 0,
    hasText: false,
    canResume: false,
    serverRetryMs: undefined,
    options: resolveRetryOptions(undefined),
    nowMs: NOW,
    random: () => 0.5,
    ...patch,
  };
}

describe('decideRetry', () => {
  const table: [string, Partial<RetryInput>, Partial<RetryDecision>][] = [
    ['re-sends a retryable failure before any text', {}, { action: 'retry', restart: false }],
    ['fails a non-retryable status at once', { error: http400 }, { action: 'fail' }],
    ['stops after `attempts` reconnects', { failures: 3 }, { action: 'fail' }],
    ['counts reconnects, not progress: the fourth drop of a resumable stream fails', { failures: 3, hasText: true, canResume: true }, { action: 'fail' }],
    ['resumes a drop after text when the stream had ids', { hasText: true, canResume: true }, { action: 'resume' }],
    ['resumes a truncated (incomplete) stream with ids', { error: incomplete, hasText: true, canResume: true }, { action: 'resume' }],
    ['keeps the partial and fails a drop after text without ids', { hasText: true }, { action: 'fail' }],
    ['keeps the partial of a truncated stream without ids', { error: incomplete, hasText: true }, { action: 'fail' }],
    [
      "restarts a drop without ids with onDropWithoutResume: 'restart'",
      { hasText: true, options: resolveRetryOptions({ onDropWithoutResume: 'restart' }) },
      { action: 'retry', restart: true },
    ],
    ['waits the Retry-After it was given', { error: wait(2000) }, { action: 'retry', delayMs: 2000 }],
    ['fails a Retry-After over 30 s with a time to try again', { error: wait(120_000) }, { action: 'fail' }],
    ['uses the clamped server retry: 0 as 250 ms on resume', { hasText: true, canResume: true, serverRetryMs: 0 }, { action: 'resume', delayMs: MIN_SERVER_RETRY_MS }],
    ['uses the clamped server retry: 3600000 as 30 s on resume', { hasText: true, canResume: true, serverRetryMs: 3_600_000 }, { action: 'resume', delayMs: MAX_SERVER_RETRY_MS }],
    ['retry: false fails at once', { error: http503, options: resolveRetryOptions(false) }, { action: 'fail' }],
  ];
  for (const [name, patch, expected] of table) {
    it(name, () => {
      expect(decideRetry(input(patch))).toMatchObject(expected);
    });
  }

  it('backs off with full jitter below base * 2^attempt', () => {
    const delays = [0, 1, 2, 3].map((failures) => {
      const d = decideRetry(input({ failures, random: () => 0.999, options: resolveRetryOptions({ attempts: 9 }) }));
      return d.action === 'retry' ? d.delayMs : -1;
    });
    expect(delays).toEqual([499, 999, 1998, 3996]);
  });

  it('says the date when the wait ends on another day, and never "Invalid Date"', () => {
    const late = Date.UTC(2026, 11, 2, 23, 59, 0);
    const decision = decideRetry(input({ error: wait(3 * 3_600_000), nowMs: late }));
    expect(decision.action).toBe('fail');
    const message = (decision as { error: ChatStreamError }).error.message;
    expect(message).toContain(new Date(late + 3 * 3_600_000).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }).split(' ')[0]);
    expect(message).not.toMatch(/Invalid Date/);
  });

  it('keeps the raw body and status on the error that says when to try again', () => {
    const error = new ChatStreamError('HTTP 429: slow down', { kind: 'http', status: 429, retryable: true, retryAfterMs: 60_000, body: '{"x":1}' });
    const decision = decideRetry(input({ error })) as { action: 'fail'; error: ChatStreamError };
    expect(decision.error).toMatchObject({ status: 429, body: '{"x":1}', retryAfterMs: 60_000 });
  });
});

describe('parseRetryAfter', () => {
  const cases: [string, number | undefined][] = [
    ['5', 5000],
    ['0', 0],
    [' 12 ', 12_000],
    ['-1', undefined],
    ['+5', undefined],
    ['1.5', undefined],
    ['Retry in 5', undefined],
    ['1e20', undefined],
    ['5s', undefined],
    ['tomorrow', undefined],
    ['999999999', RETRY_AFTER_CAP_MS],
    ['9'.repeat(400), RETRY_AFTER_CAP_MS],
    ['Wed, 02 Dec 2026 12:00:30 GMT', 30_000],
    ['Wednesday, 02-Dec-26 12:00:30 GMT', 30_000],
    ['Wed Dec  2 12:00:30 2026', 30_000],
    ['Wed, 02 Dec 2026 11:00:00 GMT', 0],
    ['Fri, 01 Jan 2100 00:00:00 GMT', RETRY_AFTER_CAP_MS],
    ['2026-12-02T12:00:30Z', undefined],
    ['Wed, 02 Dec 2026 12:00:30', undefined],
    ['Wed, 32 Dec 2026 12:00:30 GMT', undefined],
  ];
  for (const [header, expected] of cases) {
    it(`reads ${JSON.stringify(header.length > 30 ? `${header.slice(0, 12)}…` : header)} as ${expected}`, () => {
      expect(parseRetryAfter(header, NOW)).toBe(expected);
    });
  }
  it('reads nothing from an absent header', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
  });
});

describe('describeRetryTime', () => {
  it('gives a time today, a date on another day, and no date past the cap', () => {
    const morning = new Date(2026, 11, 2, 9, 0, 0).getTime();
    expect(describeRetryTime(60_000, morning)).toMatch(/^try again after \d/);
    const night = new Date(2026, 11, 2, 23, 0, 0).getTime();
    expect(describeRetryTime(2 * 3_600_000, night)).toMatch(/^try again after \D/);
    expect(describeRetryTime(RETRY_AFTER_CAP_MS, morning)).toBe('try again in a day or more');
  });
});

describe('server retry and statuses', () => {
  it('clamps the SSE retry: field to 250 ms - 30 s', () => {
    expect([0, 100, 250, 1000, 30_000, 3_600_000].map(clampServerRetry)).toEqual([250, 250, 250, 1000, 30_000, 30_000]);
  });
  it('does not retry 501 Not Implemented, but does 500, 502, 503, 504, 408, 425, 429', () => {
    expect([500, 502, 503, 504, 408, 425, 429].every(isRetryableStatus)).toBe(true);
    expect([501, 505, 400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });
});
