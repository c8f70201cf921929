import { describe, expect } from 'vitest';
import type { Page } from 'playwright';
import { LAST_REPLY, sendMessage, waitForReply } from './support/chat.ts';
import { e2e, useChromium, type E2EContext } from './support/e2e.ts';

useChromium();

/** Everything in the DOM that could run script: `on*` attributes, script-ish elements, script URLs. */
function findDangerousMarkup(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    const scriptUrl = /^\s*(javascript|vbscript|data\s*:\s*text\/html)/i;
    const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'poster', 'background'];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`<${el.localName} ${attr.name}="${attr.value}">`);
        if (urlAttributes.includes(attr.name.toLowerCase()) && scriptUrl.test(attr.value.replace(/[\u0000-\u001f]/g, ''))) {
          found.push(`<${el.localName} ${attr.name}="${attr.value}">`);
        }
      }
    }
    // Elements the reply's markup could smuggle in (the kit's own form, the composer, is outside the replies).
    const smuggled = 'script, iframe, object, embed, frame, frameset, base, meta, link, style, form, input, math, audio, video';
    for (const reply of Array.from(document.querySelectorAll('article[aria-label="Assistant"]'))) {
      for (const el of Array.from(reply.querySelectorAll(smuggled))) found.push(`<${el.localName}> element in a reply`);
      for (const a of Array.from(reply.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
        if (!/^(https?:|mailto:)/i.test(a.href)) found.push(`link to ${a.href}`);
      }
    }
    return found;
  });
}

/** Moves over and clicks every element of the reply, so hover/click handlers would fire if any existed. */
async function poke(page: Page) {
  const reply = page.locator(LAST_REPLY).last();
  const box = await reply.boundingBox();
  if (!box) return;
  for (let y = box.y + 5; y < Math.min(box.y + box.height, 640); y += 20) await page.mouse.move(box.x + 40, y);
  // Clicking links would navigate away; clicking text and the "hover or click me" payload is enough.
  await page.getByText('hover or click me').first().click();
}

async function expectNothingRan({ page, requests, dialogs }: E2EContext) {
  expect(dialogs, 'dialogs opened by the reply').toEqual([]);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  const bad = requests.filter((url) => /\/xss-hit|^javascript:|^vbscript:|^data:text\/html/i.test(url));
  expect(bad, 'requests made by the reply').toEqual([]);
  expect(await findDangerousMarkup(page)).toEqual([]);
}

describe('a reply made of attack payloads', () => {
  e2e('runs nothing in ChatWindow, while streaming and once finished', async (t) => {
    const { page, open } = t;
    await open({ api: '/api/attack', theme: 'light' });
    await sendMessage(page, 'Attack me');
    // Check while the payloads are half-written too, where healing might produce markup.
    await page.waitForFunction((selector) => (document.querySelector(selector) as HTMLElement | null)?.innerText.length! > 300, LAST_REPLY);
    expect(await findDangerousMarkup(page)).toEqual([]);
    await waitForReply(page, ['done']);
    await page.waitForTimeout(300);
    await poke(page);
    await expectNothingRan(t);
    // Raw HTML is shown as text, not dropped.
    expect(await page.locator(LAST_REPLY).last().innerText()).toContain('<script>alert(1)</script>');
  });

  e2e('runs nothing in a bare StreamingMessage', async (t) => {
    const { page, open } = t;
    await open({ page: 'message', stream: 1, api: '/api/attack' });
    await waitForReply(page, ['done']);
    await page.waitForTimeout(300);
    await poke(page);
    await expectNothingRan(t);
    expect(await page.locator(LAST_REPLY).last().innerText()).toContain('<img src=/xss-hit/img onerror=alert(1)>');
  });

  e2e('is caught by these checks when a renderer injects it as HTML (negative control)', async ({ page, open, dialogs }) => {
    await open({ api: '/api/attack', render: 'unsafe-html' });
    await sendMessage(page, 'Attack me');
    await waitForReply(page, ['done']);
    await page.waitForFunction(() => document.querySelector('.e2e-unsafe img[onerror]') !== null);
    await page.waitForTimeout(300);
    expect(dialogs.length).toBeGreaterThan(0);
    expect((await findDangerousMarkup(page)).some((s) => s.includes('onerror'))).toBe(true);
  }, { allowPageErrors: true });
});
