// Real-Chromium checks that jsdom cannot make: stick-to-bottom under wheel / keyboard scrolling while a reply
// grows, "Jump to latest", find-in-page reaching the oldest of 2,000 messages, and both colour schemes.
// Usage: node bench/chat-window/check-scroll.mjs   (exit code 1 on any failed check)
import { build, preview } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcs-check-chat-'));
await build({
  root, configFile: false, logLevel: 'error', mode: 'production', plugins: [react()],
  build: { outDir, emptyOutDir: true, rolldownOptions: { input: path.join(root, 'bench/chat-window/index.html') } },
});
const server = await preview({ root, configFile: false, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
const url = `http://127.0.0.1:${server.httpServer.address().port}/bench/chat-window/index.html`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let failed = 0;
const check = (name, ok, detail) => {
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `  ${JSON.stringify(detail)}` : ''}`);
};

async function open(count, colorScheme = 'light') {
  const page = await browser.newPage({ viewport: { width: 900, height: 800 }, colorScheme });
  await page.goto(url);
  await page.waitForFunction(() => '__mount' in window);
  await page.evaluate((n) => window.__mount(n), count);
  await page.waitForFunction((n) => document.querySelectorAll('.rcs-row').length >= n, count);
  await page.waitForTimeout(100);
  return page;
}
const state = (page) =>
  page.evaluate(() => {
    const s = document.querySelector('.rcs-messages');
    return { top: Math.round(s.scrollTop), max: Math.round(s.scrollHeight - s.clientHeight), jump: !!document.querySelector('.rcs-jump') };
  });
async function grow(page, from, to) {
  for (let i = from; i < to; i++) {
    await page.evaluate((i) => window.__grow(` token${i}${i % 10 === 9 ? '\n\n' : ''}`), i);
    await page.waitForTimeout(16);
  }
}

try {
  const page = await open(200);
  let s = await state(page);
  check('starts at the bottom', s.top === s.max && !s.jump, s);
  await grow(page, 0, 30);
  s = await state(page);
  check('follows a growing reply', s.top === s.max && s.max > 0, s);

  await page.mouse.move(450, 300);
  await page.mouse.wheel(0, -400);
  await page.waitForTimeout(150);
  const up = await state(page);
  check('wheel up stops following and shows Jump to latest', up.top < up.max && up.jump, up);
  await grow(page, 30, 60);
  s = await state(page);
  check('the reader stays put while the reply grows', Math.abs(s.top - up.top) <= 1 && s.max > up.max, s);

  await page.getByRole('button', { name: 'Jump to latest' }).click();
  await page.waitForTimeout(800);
  s = await state(page);
  check('Jump to latest scrolls to the end and hides itself', s.top === s.max && !s.jump, s);
  await grow(page, 60, 80);
  s = await state(page);
  check('following resumes after the jump', s.top === s.max, s);

  await page.focus('.rcs-messages');
  await page.keyboard.press('PageUp');
  await page.waitForTimeout(300);
  const key = await state(page);
  await grow(page, 80, 95);
  s = await state(page);
  check('PageUp on the focused log stops following', key.jump && Math.abs(s.top - key.top) <= 1 && s.top < s.max, s);

  await page.evaluate(() => {
    const s = document.querySelector('.rcs-messages');
    s.scrollTop = s.scrollHeight;
  });
  await page.waitForTimeout(150);
  s = await state(page);
  check('scrolling back to the end by hand resumes following', !s.jump, s);

  const textarea = page.getByRole('textbox', { name: 'Message' });
  const h0 = await textarea.evaluate((el) => el.offsetHeight);
  await textarea.click();
  await page.keyboard.type('one');
  for (const line of ['two', 'three', 'four']) {
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type(line);
  }
  const h4 = await textarea.evaluate((el) => el.offsetHeight);
  for (let i = 5; i < 30; i++) {
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type(`line ${i}`);
  }
  const hMax = await textarea.evaluate((el) => ({ height: el.offsetHeight, scrolls: el.scrollHeight > el.clientHeight }));
  await textarea.fill('');
  const hBack = await textarea.evaluate((el) => el.offsetHeight);
  check('the composer grows with its lines, caps and scrolls, and shrinks back', h4 > h0 && hMax.height > h4 && hMax.height < 400 && hMax.scrolls && hBack === h0, { h0, h4, hMax, hBack });
  await page.close();

  const long = await open(2000);
  // Scroll up through never-rendered blocks: what the reader looks at must not jump as estimates become real.
  const probe = () =>
    long.evaluate(() => {
      const box = document.querySelector('.rcs-messages').getBoundingClientRect();
      const row = document.elementFromPoint(box.left + 60, box.top + 200)?.closest('.rcs-row');
      return row ? { text: row.textContent.slice(0, 40), y: Math.round(row.getBoundingClientRect().top) } : null;
    });
  await long.mouse.move(450, 300);
  let steady = true;
  const samples = [];
  for (let i = 0; i < 8; i++) {
    await long.mouse.wheel(0, -2500);
    await long.waitForTimeout(120);
    const a = await probe();
    await long.waitForTimeout(250);
    const b = await probe();
    samples.push([a?.text, a?.y, b?.y]);
    if (!a || !b || a.text !== b.text || Math.abs(a.y - b.y) > 2) steady = false;
  }
  check('scrolling up into off-screen history does not shift what is on screen', steady, samples.filter(([, a, b]) => a !== b));

  // window.find selects but does not scroll in headless Chromium, so the match is brought into view by hand.
  const found = await long.evaluate(() => window.find('Question 0: how does', false, true, true) && String(window.getSelection()));
  check('find-in-page finds the oldest of 2,000 messages', found === 'Question 0: how does', { found });
  await long.evaluate(() => window.getSelection().getRangeAt(0).startContainer.parentElement.scrollIntoView());
  await long.waitForTimeout(400);
  const where = await state(long);
  check('scrolled to the oldest message, it stays there (not pulled back down)', where.top < 100 && where.jump, where);
  await long.close();

  for (const [scheme, theme] of [['dark', undefined], ['light', 'dark'], ['dark', 'light']]) {
    const p = await browser.newPage({ viewport: { width: 600, height: 400 }, colorScheme: scheme });
    await p.goto(url);
    await p.waitForFunction(() => '__mount' in window);
    await p.evaluate(() => window.__mount(4));
    await p.waitForSelector('.rcs-chat');
    if (theme) await p.evaluate((t) => document.querySelector('.rcs-chat').setAttribute('data-theme', t), theme);
    const bg = await p.evaluate(() => getComputedStyle(document.querySelector('.rcs-chat')).backgroundColor);
    const dark = bg === 'rgb(22, 24, 28)';
    const wantDark = theme ? theme === 'dark' : scheme === 'dark';
    check(`prefers-color-scheme ${scheme}, data-theme ${theme ?? 'unset'}: ${wantDark ? 'dark' : 'light'} background`, dark === wantDark, { bg });
    await p.close();
  }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(outDir, { recursive: true, force: true });
}
console.log(failed === 0 ? 'all checks passed' : `${failed} check(s) failed`);
process.exit(failed === 0 ? 0 : 1);
