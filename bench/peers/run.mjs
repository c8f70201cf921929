// Our hook vs @ai-sdk/react useChat (unthrottled, its default, and throttle: 50) driving the same <ChatWindow> in
// Debian Chromium, production builds, side by side in one run:
//   flood       React commits and main-thread time (CDP TaskDuration) for a 2,000-token reply
//   first-token first delta's network write -> text in the DOM -> the frame that painted it (target <= 1 frame)
//   heap        JS heap after streaming 1 MB into one message and after 200 turns (after a forced GC)
// Usage: npm run bench:peers [-- --runs 3 --tokens 2000 --trials 15 --only flood,first-token,heap]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { arg, openBenchPage, root } from '../support/page.mjs';
import { writeResult } from '../support/results.mjs';

const RUNS = Number(arg('runs', 3));
const TOKENS = Number(arg('tokens', 2000));
const TRIALS = Number(arg('trials', 15));
const ONLY = arg('only', 'flood,first-token,heap').split(',');
const HOOKS = ['ours', 'ours-raf', 'useChat', 'useChat-throttle-50'];
const version = (name) => JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const versions = { '@ai-sdk/react': version('@ai-sdk/react'), ai: version('ai'), react: version('react') };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bench = await openBenchPage('bench/peers/index.html');
const { browser } = bench;

async function withPage(fn) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  try {
    await page.goto(bench.url);
    await page.waitForFunction(() => '__flood' in window);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    return await fn(page, cdp);
  } finally {
    await page.close();
  }
}
const metrics = async (cdp) => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
async function heap(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return { v8: usage.usedSize, dom: usage.embedderHeapUsedSize ?? 0, total: usage.usedSize + (usage.embedderHeapUsedSize ?? 0) };
}

const out = { chromium: browser.version(), versions, tokens: TOKENS };
try {
  if (ONLY.includes('flood')) {
    const rows = [];
    for (let run = 0; run < RUNS; run++) {
      for (const hook of HOOKS) {
        rows.push(await withPage(async (page, cdp) => {
          const m0 = await metrics(cdp);
          const r = await page.evaluate(([h, t]) => window.__flood(h, t, 1), [hook, TOKENS]);
          const m1 = await metrics(cdp);
          return { ...r, taskMs: (m1.TaskDuration - m0.TaskDuration) * 1000, scriptMs: (m1.ScriptDuration - m0.ScriptDuration) * 1000 };
        }));
      }
    }
    out.flood = HOOKS.map((hook) => {
      const rs = rows.filter((r) => r.hook === hook);
      const m = (k) => median(rs.map((r) => r[k]));
      return { hook, commits: m('commits'), commitsPerRun: rs.map((r) => r.commits), taskMs: m('taskMs'), scriptMs: m('scriptMs'), wallMs: m('ms'), textLength: rs[0].textLength };
    });
    console.log(`\nFlood: ${TOKENS} tokens, one per network read, median of ${RUNS} runs (Chromium ${out.chromium}, @ai-sdk/react ${versions['@ai-sdk/react']})\n`);
    console.log('| hook | React commits | main-thread ms | script ms | wall ms | commits vs ours | main thread vs ours |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    const ours = out.flood[0];
    for (const r of out.flood) console.log(`| ${r.hook} | ${r.commits} | ${r.taskMs.toFixed(0)} | ${r.scriptMs.toFixed(0)} | ${r.wallMs.toFixed(0)} | ×${(r.commits / ours.commits).toFixed(1)} | ×${(r.taskMs / ours.taskMs).toFixed(2)} |`);
  }
  if (ONLY.includes('first-token')) {
    out.firstToken = [];
    for (const hook of HOOKS) {
      const r = await withPage((page) => page.evaluate(([h, n]) => window.__firstToken(h, n), [hook, TRIALS + 1]));
      // The first trial warms the page up (compilation, first layout); it is dropped.
      const toDom = r.toDom.slice(1);
      const toPaint = r.toPaint.slice(1);
      out.firstToken.push({ hook, trials: toDom.length, toDomMs: median(toDom), toPaintMs: median(toPaint), toPaintMaxMs: Math.max(...toPaint) });
    }
    console.log(`\nFirst token: first byte -> in the DOM -> painted, median of ${TRIALS} trials (ms; one frame = 16.7)\n`);
    console.log('| hook | to DOM | to painted frame | worst painted |');
    console.log('|---|---:|---:|---:|');
    for (const r of out.firstToken) console.log(`| ${r.hook} | ${r.toDomMs.toFixed(1)} | ${r.toPaintMs.toFixed(1)} | ${r.toPaintMaxMs.toFixed(1)} |`);
  }
  if (ONLY.includes('heap')) {
    // 1 MB in one message: 10,900 deltas of ~100 characters, 100 per write; 200 turns of 2 KB replies.
    const cases = [
      { name: '1 MB in one message', turns: 1, tokens: 10_900, chars: 100, perWrite: 100 },
      { name: '200 turns (2 KB replies)', turns: 200, tokens: 40, chars: 50, perWrite: 10 },
    ];
    out.heap = [];
    for (const c of cases) {
      for (const hook of ['ours', 'useChat-throttle-50', 'useChat']) {
        if (c.turns === 1 && hook === 'useChat') continue; // unthrottled, every 1 MB-so-far commit re-renders: minutes
        out.heap.push(await withPage(async (page, cdp) => {
          const before = await heap(cdp);
          const r = await page.evaluate(([h, t, k, ch, w]) => window.__heapRun(h, t, k, ch, w), [hook, c.turns, c.tokens, c.chars, c.perWrite]);
          const after = await heap(cdp);
          return { case: c.name, hook, beforeBytes: before.total, afterBytes: after.total, deltaBytes: after.total - before.total, v8DeltaBytes: after.v8 - before.v8, domDeltaBytes: after.dom - before.dom, ms: r.ms, textLength: r.textLength, rows: r.rows };
        }));
        console.error(`heap: ${c.name}, ${hook} done`);
      }
    }
    const mb = (x) => (x / 1024 / 1024).toFixed(1);
    console.log('\nHeap (V8 + DOM after forced GC, MB), same <ChatWindow> for both hooks\n');
    console.log('| case | hook | heap before | heap after | delta | of which V8 | of which DOM (Blink) | text shown (chars) | wall s |');
    console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of out.heap) console.log(`| ${r.case} | ${r.hook} | ${mb(r.beforeBytes)} | ${mb(r.afterBytes)} | ${mb(r.deltaBytes)} | ${mb(r.v8DeltaBytes)} | ${mb(r.domDeltaBytes)} | ${r.textLength.toLocaleString('en-US')} | ${(r.ms / 1000).toFixed(1)} |`);
  }
} finally {
  await bench.close();
}
writeResult('peers', out);
