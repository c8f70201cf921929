// Per-flush cost of <ChatWindow> with 20 vs 2,000 messages in real Chromium (Debian /usr/bin/chromium).
// Usage: npm run bench:chat [-- --flushes 200 --runs 3]
import { arg, openBenchPage } from '../support/page.mjs';
import { writeResult } from '../support/results.mjs';

const FLUSHES = Number(arg('flushes', 200));
const RUNS = Number(arg('runs', 3));
const bench = await openBenchPage('bench/chat-window/index.html');
const { browser } = bench;

const variants = (process.env.VARIANTS ?? 'content-visibility,no-containment,tanstack-virtual').split(',');
const counts = [20, 2000];
const results = [];
const measure = async (variant, count, flushes) => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  await page.goto(bench.url);
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
  await bench.close();
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

writeResult('chat-window', {
  chromium: version, flushes: FLUSHES, runs: RUNS,
  rows: variants.flatMap((variant) => counts.map((count) => {
    const rs = results.filter((r) => r.variant === variant && r.count === count);
    const keys = Object.keys(rs[0]).filter((k) => typeof rs[0][k] === 'number' && k !== 'count');
    return { variant, count, ...Object.fromEntries(keys.map((k) => [k, median(rs.map((r) => r[k]))])) };
  })),
});
