import { describe, expect } from 'vitest';
import { fakeAnswer } from '../../dev/fake-llm/index.ts';
import { replyText, waitForReply, waitForReplyLength } from './support/chat.ts';
import { e2e, useChromium } from './support/e2e.ts';

useChromium();

describe('keyboard only', () => {
  e2e('Tab reaches the composer, Shift+Enter breaks the line, Enter sends, Escape stops', async ({ page, open }) => {
    await open({ 'fake.tokensPerSecond': 25 });
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? `${el.localName}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''}` : '';
      });
    const visited: string[] = [];
    for (let i = 0; i < 10 && (await focused()) !== 'textarea[Message]'; i++) {
      await page.keyboard.press('Tab');
      visited.push(await focused());
    }
    expect(await focused(), `Tab order: ${visited.join(' -> ')}`).toBe('textarea[Message]');

    // Enter on an empty composer sends nothing.
    await page.keyboard.press('Enter');
    await page.keyboard.type('Hello');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('world');
    const box = page.getByRole('textbox', { name: 'Message' });
    expect(await box.inputValue()).toBe('Hello\nworld');
    expect(await page.locator('article[aria-label="You"]').count()).toBe(0);

    await page.keyboard.press('Enter');
    const sent = page.locator('article[aria-label="You"]');
    await sent.waitFor();
    expect(await sent.count()).toBe(1);
    // The bubble's text (the row also holds its Edit action).
    expect(await sent.locator('.rcs-bubble').innerText()).toBe('Hello\nworld');
    expect(await box.inputValue()).toBe('');

    await waitForReplyLength(page, 30);
    expect(await focused()).toBe('textarea[Message]');
    await page.keyboard.press('Escape');
    await waitForReply(page, ['stopped']);
    const partial = await replyText(page);
    expect(partial.length).toBeGreaterThanOrEqual(30);
    await page.waitForTimeout(300);
    expect(await replyText(page)).toBe(partial);
    expect(await focused()).toBe('textarea[Message]');
    expect(fakeAnswer().length).toBeGreaterThan(partial.length);
  });
});
