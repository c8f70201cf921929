// Per-flush cost of <ChatWindow> with 20 vs 2,000 messages in real Chromium (Debian /usr/bin/chromium).
// Usage: npm run bench:chat [-- --flushes 200 --runs 3]
import { build, preview } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const FLUSHES = arg('flushes', 200);
const RUNS = arg('runs', 3);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Production build: development React (jsxDEV, key warnings, double checks) would dominate the numbers.
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcs-bench-chat-'));
await build({
  root,
  configFile: false,
  logLevel: 'error',
  mode: 'production',
  plugins: [react()],
  build: { outDir, emptyOutDir: true, rolldownOptions: { input: path.join(root, 'bench/chat-window/index.html') } },
});
const server = await preview({
  root,
  configFile: false,
  logLevel: 'error',
  build: { outDir },
  preview: { host: '127.0.0.1', port: 0, strictPort: false },
});
const { port } = server.httpServer.address();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const variants = (process.env.VARIANTS ?? 'content-visibility,no-containment,tanstack-virtual').split(',');
const counts = [20, 2000];
const results = [];
const measure = async (variant, count, flushes) => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  await page.goto(`http://127.0.0.1:${port}/bench/chat-window/index.html`);
  await page.waitForFunction(() => '__bench' in window);
  const r = await page.evaluate(([v, n, f]) => window.__bench(v, n, f), [variant, count, flushes]);
  await page.close();
  return r;
};
try {
  // Warm-up (discarded): the browser's first page pays for cold caches and compilation.
  await measure('content-visibility', 20, 20);
  for (let run = 0; run < RUNS; run++) {
    for (const variant of variants) {
      for (const count of counts) {
        results.push(await measure(variant, count, FLUSHES));
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(outDir, { recursive: true, force: true });
}

// Median over runs of each metric.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => x.toFixed(2);
const version = browser.version();
console.log(`Chromium ${version}, ${FLUSHES} flushes per run, median of ${RUNS} runs (ms)\n`);
console.log('| variant | messages | DOM rows | first paint | all rows mounted | longest task while mounting | flush (render+commit+layout) median / p95 | flush incl. paint median / p95 | scroll to oldest |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const variant of variants) {
  for (const count of counts) {
    const rs = results.filter((r) => r.variant === variant && r.count === count);
    const m = (k) => median(rs.map((r) => r[k]));
    console.log(
      `| ${variant} | ${count} | ${m('domRows')} | ${fmt(m('firstPaintMs'))} | ${fmt(m('mountMs'))} | ${fmt(m('longestTaskMs'))} | ${fmt(m('flushSyncMedian'))} / ${fmt(m('flushSyncP95'))} | ${fmt(m('flushFrameMedian'))} / ${fmt(m('flushFrameP95'))} | ${fmt(m('scrollTopMs'))} |`,
    );
  }
}
