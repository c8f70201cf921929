import { describe, expect } from 'vitest';
import type { Page } from 'playwright';
import { replyText, sendMessage, waitForReply, waitForReplyLength } from './support/chat.ts';
import { e2e, useChromium } from './support/e2e.ts';

useChromium();

/** Scroll state of the conversation log, as the browser lays it out. */
function scrollState(page: Page) {
  return page.evaluate(() => {
    const log = document.querySelector<HTMLElement>('[role="log"]')!;
    return {
      top: log.scrollTop,
      fromEnd: log.scrollHeight - log.clientHeight - log.scrollTop,
      overflow: log.scrollHeight - log.clientHeight,
    };
  });
}

/**
 * Samples the log every `everyMs` for `forMs` inside the page, and returns the largest distance from the end and
 * the scrollTop values seen, with the reply length at the start and the end.
 */
function sampleScroll(page: Page, forMs: number, everyMs = 40) {
  return page.evaluate(
    ([duration, every]) =>
      new Promise<{ maxFromEnd: number; tops: number[]; lengthBefore: number; lengthAfter: number }>((resolve) => {
        const log = document.querySelector<HTMLElement>('[role="log"]')!;
        const replyLength = () => {
          const rows = log.querySelectorAll<HTMLElement>('article[aria-label="Assistant"]');
          return rows[rows.length - 1]?.innerText.length ?? 0;
        };
        const tops: number[] = [];
        let maxFromEnd = 0;
        const lengthBefore = replyLength();
        const started = performance.now();
        const tick = () => {
          tops.push(log.scrollTop);
          maxFromEnd = Math.max(maxFromEnd, log.scrollHeight - log.clientHeight - log.scrollTop);
          if (performance.now() - started < (duration as number)) setTimeout(tick, every as number);
          else resolve({ maxFromEnd, tops, lengthBefore, lengthAfter: replyLength() });
        };
        tick();
      }),
    [forMs, everyMs] as const,
  );
}

describe('scrolling while a reply streams', () => {
  e2e('follows at the bottom, holds still once the user scrolls up, and jumps back', async ({ page, open }) => {
    await open({ 'fake.length': 8000, 'fake.tokensPerSecond': 80 });
    await sendMessage(page, 'A long answer, please');
    await page.waitForFunction(() => {
      const log = document.querySelector<HTMLElement>('[role="log"]');
      return !!log && log.scrollHeight > log.clientHeight + 300;
    }, undefined, { timeout: 30_000, polling: 50 });

    // At the bottom: the newest text stays in view as it grows.
    const following = await sampleScroll(page, 1000);
    expect(following.lengthAfter).toBeGreaterThan(following.lengthBefore);
    expect(following.maxFromEnd).toBeLessThanOrEqual(8);

    // The user scrolls up with the mouse wheel.
    const log = page.getByRole('log');
    const box = (await log.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    // Wheel scrolling may be animated: wait until the position settles.
    let previous = -1;
    for (let i = 0; i < 40; i++) {
      const { top } = await scrollState(page);
      if (top === previous) break;
      previous = top;
      await page.waitForTimeout(75);
    }
    const before = await scrollState(page);
    expect(before.fromEnd).toBeGreaterThan(100);

    // The reply keeps growing; the view does not move.
    const held = await sampleScroll(page, 1200);
    expect(held.lengthAfter - held.lengthBefore).toBeGreaterThan(20);
    expect(new Set(held.tops), `scrollTop values while scrolled up: ${[...new Set(held.tops)].join(', ')}`).toEqual(
      new Set([before.top]),
    );
    const jump = page.getByRole('button', { name: 'Jump to latest' });
    expect(await jump.isVisible()).toBe(true);

    // "Jump to latest" brings the user back to the end, and following resumes.
    await jump.click();
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLElement>('[role="log"]')!;
      return el.scrollHeight - el.clientHeight - el.scrollTop <= 8;
    }, undefined, { timeout: 5_000, polling: 20 });
    await jump.waitFor({ state: 'hidden' });
    const lengthNow = (await replyText(page)).length;
    await waitForReplyLength(page, lengthNow + 30);
    expect((await scrollState(page)).fromEnd).toBeLessThanOrEqual(8);

    await page.getByRole('button', { name: 'Stop' }).click();
    await waitForReply(page, ['stopped']);
  });
});
