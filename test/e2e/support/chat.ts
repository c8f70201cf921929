import type { Page } from 'playwright';
import type { FakeStats } from '../../../dev/fake-llm/index.ts';

/** The last assistant row of the chat (or the bare message page's article). */
export const LAST_REPLY = 'article[aria-label="Assistant"]';

/** Types a message into the composer and presses Enter, as a user would. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.click();
  await box.fill(text);
  await page.keyboard.press('Enter');
}

/**
 * The visible text of the last reply: its plain box with `render=plain` (pre-wrap, so it equals the message
 * text character for character), otherwise the bubble as the kit renders it.
 */
export function replyText(page: Page): Promise<string> {
  return page.evaluate(async (selector) => {
    // A finished row becomes `content-visibility: auto`; until the next rendering update has judged it on screen
    // its contents count as skipped and innerText is ''. Read what is painted: after a full frame.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const rows = document.querySelectorAll<HTMLElement>(selector);
    const row = rows[rows.length - 1];
    if (!row) return '';
    const box = row.querySelector<HTMLElement>('.e2e-plain') ?? row.querySelector<HTMLElement>('.rcs-bubble') ?? row;
    return box.innerText;
  }, LAST_REPLY);
}

/** The status of the last reply row (`streaming`, `done`, `stopped`, `error`), or undefined before it exists. */
export function replyStatus(page: Page): Promise<string | undefined> {
  return page.evaluate((selector) => {
    const rows = document.querySelectorAll<HTMLElement>(selector);
    const row = rows[rows.length - 1];
    return row?.dataset.status ?? row?.querySelector<HTMLElement>('[data-status]')?.dataset.status;
  }, LAST_REPLY);
}

/** Waits until the last reply row has one of these statuses. */
export async function waitForReply(page: Page, statuses: string[] = ['done'], timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    ([selector, wanted]) => {
      const rows = document.querySelectorAll<HTMLElement>(selector as string);
      const row = rows[rows.length - 1];
      const status = row?.dataset.status ?? row?.querySelector<HTMLElement>('[data-status]')?.dataset.status;
      return status !== undefined && (wanted as string[]).includes(status);
    },
    [LAST_REPLY, statuses] as const,
    { timeout: timeoutMs, polling: 20 },
  );
}

/** Waits until the last reply shows at least `chars` characters. */
export async function waitForReplyLength(page: Page, chars: number, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    ([selector, min]) => {
      const rows = document.querySelectorAll<HTMLElement>(selector as string);
      const row = rows[rows.length - 1];
      const box = row?.querySelector<HTMLElement>('.e2e-plain') ?? row?.querySelector<HTMLElement>('.rcs-bubble') ?? row;
      return (box?.innerText.length ?? 0) >= (min as number);
    },
    [LAST_REPLY, chars] as const,
    { timeout: timeoutMs, polling: 20 },
  );
}

/**
 * Watches the last reply from inside the page every `everyMs` until it stops streaming, and returns the distinct
 * visible lengths seen, in order, while it was still streaming. Start it before sending.
 */
export function watchGrowth(page: Page, everyMs = 25, timeoutMs = 30_000): Promise<number[]> {
  return page.evaluate(
    ([selector, every, timeout]) =>
      new Promise<number[]>((resolve, reject) => {
        const lengths: number[] = [];
        const started = performance.now();
        const tick = () => {
          const rows = document.querySelectorAll<HTMLElement>(selector as string);
          const row = rows[rows.length - 1];
          const box = row?.querySelector<HTMLElement>('.e2e-plain') ?? row?.querySelector<HTMLElement>('.rcs-bubble') ?? row;
          const status = row?.dataset.status;
          if (row && status !== 'streaming' && status !== undefined) {
            resolve(lengths);
            return;
          }
          if (row && box) {
            const length = box.innerText.length;
            if (length > 0 && length !== lengths[lengths.length - 1]) lengths.push(length);
          }
          if (performance.now() - started > (timeout as number)) reject(new Error(`still streaming after ${timeout} ms`));
          else setTimeout(tick, every as number);
        };
        tick();
      }),
    [LAST_REPLY, everyMs, timeoutMs] as const,
  );
}

/** The fake model's log for a key (what the server saw). */
export async function fakeStats(baseURL: string, key: string): Promise<FakeStats> {
  const response = await fetch(`${baseURL}/api/fake-llm/stats?key=${encodeURIComponent(key)}`);
  return (await response.json()) as FakeStats;
}

/** Polls until `check` returns true (for things only the server knows, like a closed connection). */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Strictly increasing, as a growing reply's lengths must be. */
export function isIncreasing(values: number[]): boolean {
  return values.every((value, i) => i === 0 || value > (values[i - 1] ?? -Infinity));
}
