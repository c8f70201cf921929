// README screenshots of a running Storybook, taken in Debian's Chromium:
//   npm run storybook &   node dev/screenshots.mjs [http://127.0.0.1:6006]
// Writes docs/screenshots/chat-window-streaming.png and docs/screenshots/playground.png.
import { chromium } from 'playwright';

const base = process.argv[2] ?? 'http://127.0.0.1:6006';
const out = new URL('../docs/screenshots/', import.meta.url).pathname;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function shoot(path, file, ready) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await page.goto(`${base}/?path=${path}`);
  const story = page.frameLocator('#storybook-preview-iframe');
  // Catch the reply mid-stream, once it shows enough markdown to be worth a picture.
  await ready(story, page);
  await page.screenshot({ path: `${out}${file}` });
  await page.close();
  console.log(`wrote docs/screenshots/${file}`);
}

try {
  await shoot('/story/components-chatwindow--default&panel=false', 'chat-window-streaming.png', (story) =>
    story.locator('article[data-role="assistant"] table').waitFor({ timeout: 30_000 }),
  );
  await shoot('/story/playground-fake-model--playground', 'playground.png', async (story, page) => {
    await story.locator('article[data-role="assistant"] pre').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(400);
  });
} finally {
  await browser.close();
}
