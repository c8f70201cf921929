// Streams a ~120 KB markdown answer into <StreamingMessage>, react-markdown and streamdown in real
// Chromium (Debian /usr/bin/chromium) and reports per-flush script cost at the start and the end, total
// script time, and how the total grows when the answer doubles (30 -> 60 -> 120 KB, prefixes of one stream).
// Writes bench/results/markdown.json.
// Usage: npm run bench:markdown [-- --kb 120 --chars-per-flush 50 --renderers ours,streamdown,react-markdown]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { arg, openBenchPage, root } from '../support/page.mjs';
import { writeResult } from '../support/results.mjs';

const KB = Number(arg('kb', 120));
const TOTAL_CHARS = KB * 1024;
// 5-character tokens; a flush carries the tokens that arrived in its 50 ms window (10 tokens = 200 tokens/s).
const CHARS_PER_FLUSH = Number(arg('chars-per-flush', 50));
const RENDERERS = arg('renderers', 'ours,streamdown,react-markdown').split(',');
const EDGE_FLUSHES = 20;
const bench = await openBenchPage('bench/markdown/index.html', { crossOriginIsolated: true });
const { browser } = bench;

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
let parsers;
try {
  {
    const page = await browser.newPage();
    await page.goto(bench.url);
    await page.waitForFunction(() => '__parsers' in window);
    parsers = await page.evaluate((n) => window.__parsers(n), TOTAL_CHARS);
    await page.close();
  }
  for (const renderer of RENDERERS) {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    await page.goto(bench.url);
    await page.waitForFunction(() => '__bench' in window);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const before = await metric();
    const started = Date.now();
    const r = await page.evaluate((o) => window.__bench(o), { renderer, totalChars: TOTAL_CHARS, charsPerFlush: CHARS_PER_FLUSH });
    const after = await metric();
    const half = r.lengths.findIndex((l) => l >= TOTAL_CHARS / 2) + 1;
    const flushes = r.script.length;
    const total = (xs, n = flushes) => sum(xs.slice(0, n));
    const both = r.script.map((s, i) => s + r.layout[i]);
    results.push({
      renderer,
      flushes,
      domNodes: r.domNodes,
      wallS: (Date.now() - started) / 1000,
      startMs: median(r.script.slice(0, EDGE_FLUSHES)),
      endMs: median(r.script.slice(-EDGE_FLUSHES)),
      endLayoutMs: median(r.layout.slice(-EDGE_FLUSHES)),
      p95Ms: [...r.script].sort((a, b) => a - b)[Math.floor(flushes * 0.95)],
      maxMs: Math.max(...r.script),
      totalScriptS: total(r.script) / 1000,
      halfScriptS: total(r.script, half) / 1000,
      totalBothS: total(both) / 1000,
      halfBothS: total(both, half) / 1000,
      // Everything the main thread did during the run, including work between flushes (effects, timers).
      taskS: after.TaskDuration - before.TaskDuration,
      // Per-flush script cost at a few lengths, to show its shape.
      // The answer at 30 / 60 / 120 KB: the first quarter, half and all of the same stream.
      checkpoints: [KB / 4, KB / 2, KB].map((kb) => {
        const n = r.lengths.findIndex((l) => l >= kb * 1024) + 1 || flushes;
        return { kb, flushes: n, totalScriptS: total(r.script, n) / 1000, totalBothS: total(both, n) / 1000, endMs: median(r.script.slice(Math.max(0, n - EDGE_FLUSHES), n)) };
      }),
      profile: [0.1, 0.25, 0.5, 0.75, 1].map((f) => {
        const i = Math.min(flushes - 1, Math.floor(f * flushes) - 1);
        return median(r.script.slice(Math.max(0, i - EDGE_FLUSHES + 1), i + 1));
      }),
    });
    console.error(`${renderer}: done in ${results.at(-1).wallS.toFixed(1)} s`);
    await page.close();
  }
} finally {
  await bench.close();
}

const f2 = (x) => x.toFixed(2);
const f1 = (x) => x.toFixed(1);
console.log(`Chromium ${browser.version()}; ${KB} KB answer, ${CHARS_PER_FLUSH} chars per flush (${results[0]?.flushes} flushes); ` +
  `per-flush = median of ${EDGE_FLUSHES} flushes\n`);
console.log(`| renderer | flush at start (ms) | flush at end (ms) | layout at end (ms) | total script ${KB / 2} KB (s) | total script ${KB} KB (s) | doubling ratio | script+layout ${KB} KB (s) | doubling (script+layout) | main-thread tasks (s) | DOM nodes |`);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.renderer} | ${f2(r.startMs)} | ${f2(r.endMs)} | ${f2(r.endLayoutMs)} | ${f2(r.halfScriptS)} | ${f2(r.totalScriptS)} | ×${f2(r.totalScriptS / r.halfScriptS)} | ${f2(r.totalBothS)} | ×${f2(r.totalBothS / r.halfBothS)} | ${f2(r.taskS)} | ${r.domNodes} |`);
}
console.log('\nPer-flush script (ms, median of 20) at 10% / 25% / 50% / 75% / 100% of the answer, p95 and max over all flushes:\n');
console.log('| renderer | 10% | 25% | 50% | 75% | 100% | p95 | max |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) console.log(`| ${r.renderer} | ${r.profile.map(f2).join(' | ')} | ${f2(r.p95Ms)} | ${f2(r.maxMs)} |`);
console.log(`\nFull parse of the ${KB} KB answer (median of 7): marked lexer ${f2(parsers.marked)} ms, ` +
  `micromark + mdast + GFM (remark-parse + remark-gfm) ${f2(parsers.micromark)} ms (×${f1(parsers.micromark / parsers.marked)}).`);
console.log(`\nThe same stream at ${KB / 4} / ${KB / 2} / ${KB} KB: total script (s), per-flush script at that point (ms, median of ${EDGE_FLUSHES}), growth of the total per doubling:\n`);
console.log('| renderer | ' + results[0].checkpoints.map((c) => `total ${c.kb} KB | flush at ${c.kb} KB`).join(' | ') + ' | growth ×2 (first) | growth ×2 (second) |');
console.log('|---|' + results[0].checkpoints.map(() => '---:|---:').join('|') + '|---:|---:|');
for (const r of results) {
  const c = r.checkpoints;
  console.log(`| ${r.renderer} | ${c.map((x) => `${f2(x.totalScriptS)} | ${f2(x.endMs)}`).join(' | ')} | ×${f2(c[1].totalScriptS / c[0].totalScriptS)} | ×${f2(c[2].totalScriptS / c[1].totalScriptS)} |`);
}
const versionOf = (name) => JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
writeResult('markdown', {
  chromium: browser.version(), kb: KB, charsPerFlush: CHARS_PER_FLUSH, edgeFlushes: EDGE_FLUSHES, parsers,
  versions: { streamdown: versionOf('streamdown'), 'react-markdown': versionOf('react-markdown'), 'remark-gfm': versionOf('remark-gfm'), marked: versionOf('marked') },
  results,
});
const ours = results.find((r) => r.renderer === 'ours');
if (ours) {
  console.log('\nRatios vs ours (peer / ours):\n');
  console.log(`| renderer | flush at end | total script ${KB} KB | doubling ratio |`);
  console.log('|---|---:|---:|---:|');
  for (const r of results) {
    if (r === ours) continue;
    console.log(`| ${r.renderer} | ×${f1(r.endMs / ours.endMs)} | ×${f1(r.totalScriptS / ours.totalScriptS)} | ${f2(r.totalScriptS / r.halfScriptS)} vs ${f2(ours.totalScriptS / ours.halfScriptS)} |`);
  }
}

// Issue 9 items 4 and 5: one huge growing block and `_a`×n, so `npm run bench` prints them too.
if (!process.argv.includes('--skip-growing')) await import('./growing.mjs');
