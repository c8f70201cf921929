import { describe, expect } from 'vitest';
import { fakeAnswer, fakeTokens } from '../../dev/fake-llm/index.ts';
import {
  LAST_REPLY,
  eventually,
  fakeStats,
  replyText,
  sendMessage,
  waitForReply,
  waitForReplyLength,
} from './support/chat.ts';
import { e2e, uniqueKey, useChromium } from './support/e2e.ts';

useChromium();

describe('stop', () => {
  e2e('freezes the text mid-reply, keeps the partial and closes the request', async ({ page, open, baseURL }) => {
    const key = uniqueKey('stop');
    await open({ render: 'plain', 'fake.tokensPerSecond': 30, 'fake.key': key });
    await sendMessage(page, 'Tell me everything');
    await waitForReplyLength(page, 40);
    await page.getByRole('button', { name: 'Stop' }).click();
    await waitForReply(page, ['stopped']);

    const partial = await replyText(page);
    expect(partial.length).toBeGreaterThanOrEqual(40);
    expect(partial.length).toBeLessThan(fakeAnswer().length);
    expect(fakeAnswer().startsWith(partial), `partial: ${JSON.stringify(partial)}`).toBe(true);
    // At 30 tokens/s another dozen tokens would have arrived by now.
    await page.waitForTimeout(500);
    expect(await replyText(page)).toBe(partial);
    await page.getByRole('button', { name: 'Send' }).waitFor();

    await eventually(async () => (await fakeStats(baseURL, key)).last?.outcome === 'aborted', 'the server to see the close');
    const stats = await fakeStats(baseURL, key);
    expect(stats.requests).toBe(1);
    expect(stats.last?.aborted).toBe(true);
  });
});

describe('HTTP errors', () => {
  e2e('retries a 503 after its Retry-After and completes the reply', async ({ page, open, baseURL }) => {
    const key = uniqueKey('503');
    await open({
      render: 'plain',
      'fake.status': 503,
      'fake.retryAfter': 1,
      'fake.faultOnce': key,
      'fake.tokensPerSecond': 400,
    });
    await sendMessage(page, 'Hello');
    await page.getByText(/Retrying \(attempt 1 of \d+\)/).waitFor();
    await waitForReply(page, ['done']);
    expect(await replyText(page)).toBe(fakeAnswer());
    expect(await page.getByRole('alert').count()).toBe(0);

    const { records } = await fakeStats(baseURL, key);
    expect(records.map((r) => r.status)).toEqual([503, 200]);
    expect(records[1]?.outcome).toBe('done');
    // Retry-After: 1 was honoured (the retry did not come early).
    expect((records[1]?.startedAt ?? 0) - (records[0]?.endedAt ?? 0)).toBeGreaterThanOrEqual(900);
  });

  e2e('shows a 400 as an error and does not retry it', async ({ page, open, baseURL }) => {
    const key = uniqueKey('400');
    await open({ 'fake.status': 400, 'fake.key': key, 'fake.errorMessage': 'Your request was rejected on purpose' });
    await sendMessage(page, 'Hello');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Your request was rejected on purpose');
    // Long enough for any backoff (base 500 ms) to have fired a second request.
    await page.waitForTimeout(1500);
    expect((await fakeStats(baseURL, key)).requests).toBe(1);
    expect(await page.getByText(/Retrying/).count()).toBe(0);
    expect(await page.locator('.rcs-chat').getAttribute('data-status')).toBe('error');
  });
});

describe('a dropped connection', () => {
  e2e('resumes from the last event id with no duplicated character', async ({ page, open, baseURL }) => {
    const key = uniqueKey('resume');
    await open({ render: 'plain', 'fake.dropAfter': 40, 'fake.faultOnce': key, 'fake.tokensPerSecond': 300 });
    await sendMessage(page, 'Hello');
    await waitForReply(page, ['done']);
    expect(await replyText(page)).toBe(fakeAnswer());
    expect(await page.locator(LAST_REPLY).count()).toBe(1);

    const { records } = await fakeStats(baseURL, key);
    expect(records.map((r) => r.outcome)).toEqual(['dropped', 'done']);
    // The server sent 40 tokens, but Chromium drops body chunks the page had not read yet when the connection
    // fails, so the client resumes from the last event it processed: at most 40.
    const resumedAt = Number(records[1]?.lastEventId);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(40);
  });

  e2e('without event ids keeps the partial with an error, and Retry regenerates cleanly', async ({ page, open, baseURL }) => {
    const key = uniqueKey('no-ids');
    await open({
      render: 'plain',
      'fake.ids': false,
      'fake.dropAfter': 40,
      'fake.faultOnce': key,
      // Slow enough that the page reads every chunk before the drop (see the resume case above).
      'fake.tokensPerSecond': 60,
    });
    await sendMessage(page, 'Hello');
    await waitForReply(page, ['error']);
    const partial = await replyText(page);
    const sent = fakeTokens().slice(0, 40).join('');
    // What arrived stays, exactly as it arrived: a non-empty start of what the server sent.
    expect(partial.length).toBeGreaterThan(0);
    expect(sent.startsWith(partial), `partial: ${JSON.stringify(partial)}`).toBe(true);
    await page.waitForTimeout(300);
    expect(await replyText(page)).toBe(partial);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.innerText()).trim().length).toBeGreaterThan(0);
    expect((await fakeStats(baseURL, key)).requests).toBe(1);

    await alert.getByRole('button', { name: 'Retry' }).click();
    await waitForReply(page, ['done']);
    expect(await replyText(page)).toBe(fakeAnswer());
    expect(await page.locator(LAST_REPLY).count()).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);

    const { records } = await fakeStats(baseURL, key);
    expect(records.map((r) => r.outcome)).toEqual(['dropped', 'done']);
    expect(records[1]?.lastEventId).toBeUndefined();
  });
});
