// Issue 9 items 4 and 5 in Chromium: per-flush cost of one huge growing block (table, tight list,
// paragraph) at 50/100/200 KB, and `_a`×n at n, 2n, 4n (16/32/64 KB), finished and per flush.
// Usage: npm run bench:markdown (runs after the comparison; --skip-growing skips it), or
// node bench/markdown/growing.mjs [--growing-kb 50,100,200] [--underscore-kb 16,32,64] [--css 'extra rules']
import { arg, openBenchPage } from '../support/page.mjs';

const SIZES = arg('growing-kb', '50,100,200').split(',').map(Number);
const UNDERSCORE = arg('underscore-kb', '16,32,64').split(',').map(Number);
const bench = await openBenchPage('bench/markdown/index.html', { crossOriginIsolated: true });
const rows = [];
try {
  const cases = [
    ...['table', 'list', 'paragraph'].flatMap((kind) => SIZES.map((kb) => ({ kind, kb }))),
    ...UNDERSCORE.map((kb) => ({ kind: 'underscore', kb })),
  ];
  for (const c of cases) {
    const page = await bench.browser.newPage({ viewport: { width: 800, height: 900 } });
    await page.goto(bench.url);
    await page.waitForFunction(() => '__growing' in window);
    // --css injects extra rules (to compare layout strategies without editing the stylesheet).
    if (arg('css', '')) await page.addStyleTag({ content: arg('css', '') });
    rows.push(await page.evaluate((o) => window.__growing(o), c));
    await page.close();
  }
} finally {
  await bench.close();
}
const f = (x) => x.toFixed(2);
console.log(`\nOne growing block, Chromium ${bench.browser.version?.() ?? ''}: per flush = median of 40 flushes of 50 chars after the reply reached the size\n`);
console.log('| block | size | first render (ms) | per-flush script (ms) | vs smallest | per-flush layout (ms) | finished render (ms) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const kind of ['table', 'list', 'paragraph', 'underscore']) {
  const of = rows.filter((r) => r.kind === kind);
  for (const r of of) {
    const label = kind === 'underscore' ? '`_a`×n' : kind;
    console.log(`| ${label} | ${r.kb} KB | ${f(r.firstMs)} | ${f(r.flushMs)} | ×${f(r.flushMs / of[0].flushMs)} | ${f(r.layoutMs)} | ${f(r.finishedMs)} |`);
  }
}
