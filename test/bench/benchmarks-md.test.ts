// @vitest-environment node
// BENCHMARKS.md is written from the figures: its "where we lead / where we trail" lines must follow them, so a run
// where a peer wins says so instead of repeating last run's claim.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.resolve(__dirname, '../../scripts/benchmarks-md.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function sseFixture(ours: number, peer: number) {
  const group = (reads: number) => ({
    fullName: `bench/sse.bench.ts > 346 KB OpenAI stream in ${reads}-byte reads`,
    benchmarks: [
      { name: 'react-chat-stream createSSEParser', median: ours, rme: 1, sampleCount: 100 },
      { name: 'eventsource-parser 3 createParser (+ TextDecoder)', median: peer, rme: 1, sampleCount: 100 },
      { name: 'decode only (floor)', median: 0.5, rme: 1, sampleCount: 100 },
    ],
  });
  return { files: [{ groups: [group(64), group(16384)] }] };
}

function render(results: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcs-bench-md-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'results'));
  for (const [name, data] of Object.entries(results)) fs.writeFileSync(path.join(dir, 'results', `${name}.json`), JSON.stringify(data));
  const out = path.join(dir, 'BENCHMARKS.md');
  execFileSync(process.execPath, [script, '--md-only', '--results', path.join(dir, 'results'), '--out', out], { stdio: 'pipe' });
  return fs.readFileSync(out, 'utf8');
}

const sseSection = (md: string) => md.slice(md.indexOf('## SSE parsing'), md.indexOf('\n## ', md.indexOf('## SSE parsing') + 1));

describe('BENCHMARKS.md from bench results', () => {
  it('credits us with the lead only where our parser was faster than eventsource-parser in the run', () => {
    const md = sseSection(render({ sse: sseFixture(1, 2) }));
    expect(md).toContain('eventsource-parser takes ×2.00 our time at 64-byte reads');
    expect(md).not.toContain('eventsource-parser is faster');
  });

  it('says we lead nowhere, and where the peer is faster, when eventsource-parser won the run', () => {
    const md = sseSection(render({ sse: sseFixture(2, 1) }));
    expect(md).toContain('**Where we lead:** nowhere in this run');
    expect(md).toContain('eventsource-parser is faster at 64-byte reads, 16384-byte reads');
    expect(md).toContain('| 64-byte reads | eventsource-parser 3 createParser (+ TextDecoder) | 1.000 |');
  });

  it('marks every table whose bench did not run as not measured instead of leaving old figures', () => {
    const md = render({ sse: sseFixture(1, 2) });
    for (const title of ['React commits under a 2,000-token flood', 'Streamed markdown', 'Bundle sizes', 'Heap', 'Server']) {
      expect(md).toMatch(new RegExp(`## ${title}[^\\n]*\\n\\n_Not measured in this run`));
    }
  });
});
