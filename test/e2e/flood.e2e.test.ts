import { describe, expect } from 'vitest';
import type { Page } from 'playwright';
import { fakeAnswer } from '../../dev/fake-llm/index.ts';
import { replyStatus, replyText, waitForReply, waitForReplyLength } from './support/chat.ts';
import { e2e, useChromium } from './support/e2e.ts';

useChromium();

/** The hook's default flush window (`flush` option). */
const FLUSH_WINDOW_MS = 50;
const FLOOD = { 'fake.tokens': 6000, 'fake.tokensPerSecond': 2000 } as const;

interface Probe {
  commits: number[];
  longTasks: { start: number; duration: number }[];
}
const probe = (page: Page) => page.evaluate(() => window.__e2e as Probe);

/** Long tasks that overlap [from, to] on the page clock: how many, their total and the longest. */
function longTaskTotals(tasks: Probe['longTasks'], from: number, to: number) {
  const inside = tasks.filter((t) => t.start + t.duration >= from && t.start <= to);
  const total = inside.reduce((sum, t) => sum + t.duration, 0);
  return { count: inside.length, totalMs: Math.round(total), maxMs: Math.round(Math.max(0, ...inside.map((t) => t.duration))) };
}

describe('a flood at 2,000 tokens/s', () => {
  e2e('commits at most once per flush window', async ({ page, open }) => {
    await open(FLOOD);
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.click();
    await box.fill('Flood me');
    const before = (await probe(page)).commits.length;
    const sentAt = await page.evaluate(() => performance.now());
    await page.keyboard.press('Enter');
    await waitForReply(page, ['done'], 60_000);
    // Let the end-of-turn effects (announcer, scroll) settle so their commits are counted too.
    await page.waitForTimeout(300);
    const { commits, longTasks } = await probe(page);
    const turn = commits.slice(before);
    const durationMs = (turn[turn.length - 1] ?? sentAt) - (turn[0] ?? sentAt);
    const allowed = Math.ceil(durationMs / FLUSH_WINDOW_MS) + 2;
    const tasks = longTaskTotals(longTasks, sentAt, sentAt + durationMs);
    const chars = fakeAnswer({ tokens: FLOOD['fake.tokens'] }).length;
    console.log(
      `flood (6,000 tokens, ${chars} chars at 2,000 tok/s): ${turn.length} React commits in ${Math.round(durationMs)} ms ` +
        `(allowed ${allowed}); long tasks: ${tasks.count}, total ${tasks.totalMs} ms, longest ${tasks.maxMs} ms`,
    );
    expect(turn.length).toBeLessThanOrEqual(allowed);
    expect(await replyStatus(page)).toBe('done');
  });

  e2e('leaves the composer typeable while the reply streams', async ({ page, open }) => {
    // Longer than the first flood (about 4 s), so slow typing on a loaded machine still ends mid-stream.
    await open({ ...FLOOD, 'fake.tokens': 8000 });
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.click();
    await box.fill('Flood me');
    await page.keyboard.press('Enter');
    await waitForReplyLength(page, 200);
    const typed = 'typing while it streams';
    const started = await page.evaluate(() => performance.now());
    await page.keyboard.type(typed, { delay: 10 });
    const typedInMs = (await page.evaluate(() => performance.now())) - started;
    const statusAfterTyping = await replyStatus(page);
    expect(await box.inputValue()).toBe(typed);
    // The typing happened during the stream, not after it.
    expect(statusAfterTyping).toBe('streaming');
    await waitForReply(page, ['done'], 60_000);
    expect(await box.inputValue()).toBe(typed);
    const { longTasks } = await probe(page);
    const tasks = longTaskTotals(longTasks, started, started + typedInMs);
    console.log(
      `flood typing: ${typed.length} keys in ${Math.round(typedInMs)} ms while streaming; long tasks meanwhile: ` +
        `${tasks.count}, total ${tasks.totalMs} ms, longest ${tasks.maxMs} ms`,
    );
    expect((await replyText(page)).length).toBeGreaterThan(1000);
  });
});
