import { describe, expect } from 'vitest';
import { fakeAnswer } from '../../dev/fake-llm/index.ts';
import { LAST_REPLY, replyText, sendMessage, waitForReply, waitForReplyLength } from './support/chat.ts';
import { e2e, uniqueKey, useChromium } from './support/e2e.ts';

useChromium();

describe('reload mid-answer', () => {
  e2e('shows the full reply after a reload with resumeOnMount, with no gap or duplicate', async ({ page, context, open, requests }) => {
    const id = uniqueKey('reload');
    // Every text the reply shows after the reload, recorded from the page's first script on.
    await context.addInitScript((selector) => {
      const shown: string[] = [];
      (window as unknown as { __shown: string[] }).__shown = shown;
      new MutationObserver(() => {
        const rows = document.querySelectorAll<HTMLElement>(selector);
        const text = rows[rows.length - 1]?.querySelector<HTMLElement>('.e2e-plain')?.textContent ?? '';
        if (text !== shown[shown.length - 1]) shown.push(text);
      }).observe(document, { childList: true, subtree: true, characterData: true });
    }, LAST_REPLY);
    await open({ render: 'plain', resumable: id });
    await sendMessage(page, 'Tell me everything');
    await waitForReplyLength(page, 80);
    const before = await replyText(page);
    expect(before.length).toBeLessThan(fakeAnswer().length);

    const loadedRequests = requests.length;
    await page.reload();
    await waitForReply(page, ['done']);
    const answer = fakeAnswer();
    expect(await replyText(page)).toBe(answer);
    expect(await page.locator(LAST_REPLY).count()).toBe(1);
    const shown = await page.evaluate(() => (window as unknown as { __shown: string[] }).__shown);
    for (const text of shown.filter((t) => t !== '')) {
      // Never a duplicate or a gap: each text shown is a prefix of the answer, and never less than before the reload.
      expect(answer.startsWith(text), JSON.stringify(text)).toBe(true);
      expect(text.length).toBeGreaterThanOrEqual(before.length);
    }
    // One reattach per page load (the first load's found nothing yet).
    expect(requests.slice(loadedRequests).filter((url) => url.endsWith(`/api/resumable/${id}/stream`))).toHaveLength(1);
  });
});
