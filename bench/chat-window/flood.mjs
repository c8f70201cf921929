// React commits for a 2,000-chunk flood mixing reasoning, tool-argument and text deltas vs a text-only flood of
// the same size, through the real pipeline in Debian Chromium. Target: the mixed flood commits at most once more.
// Usage: node bench/chat-window/flood.mjs [--chunks 2000 --perWrite 20 --runs 3]
import { arg, openBenchPage } from '../support/page.mjs';
import { writeResult } from '../support/results.mjs';

const CHUNKS = Number(arg('chunks', 2000));
const PER_WRITE = Number(arg('perWrite', 20));
const RUNS = Number(arg('runs', 3));
const bench = await openBenchPage('bench/chat-window/flood.html');
const results = [];
try {
  for (let run = 0; run < RUNS; run++) {
    for (const kind of ['text', 'mixed']) {
      const page = await bench.browser.newPage({ viewport: { width: 1000, height: 800 } });
      await page.goto(bench.url);
      await page.waitForFunction(() => '__flood' in window);
      results.push(await page.evaluate(([k, c, w]) => window.__flood(k, c, w), [kind, CHUNKS, PER_WRITE]));
      await page.close();
    }
  }
} finally {
  await bench.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`Chromium ${bench.browser.version?.() ?? ''}: ${CHUNKS} chunks, ${PER_WRITE} per write, median of ${RUNS} runs\n`);
console.log('| flood | React commits (median) | commits per run | wall ms (median) | reasoning+tool parts shown |');
console.log('|---|---:|---|---:|---:|');
for (const kind of ['text', 'mixed']) {
  const rs = results.filter((r) => r.kind === kind);
  console.log(`| ${kind} | ${median(rs.map((r) => r.commits))} | ${rs.map((r) => r.commits).join(', ')} | ${median(rs.map((r) => r.ms)).toFixed(0)} | ${rs[0].parts} |`);
}
writeResult('flood-parts', {
  chromium: bench.browser.version?.() ?? '', chunks: CHUNKS, perWrite: PER_WRITE, runs: RUNS,
  rows: ['text', 'mixed'].map((kind) => {
    const rs = results.filter((r) => r.kind === kind);
    return { kind, commits: median(rs.map((r) => r.commits)), commitsPerRun: rs.map((r) => r.commits), ms: median(rs.map((r) => r.ms)), parts: rs[0].parts };
  }),
});
