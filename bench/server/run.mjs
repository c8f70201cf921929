// Server benches (issue 14): bundle server-bench.ts with esbuild (dependencies stay external), run it with
// `node --expose-gc` (the memory bench needs gc), print the tables and write bench/results/server.json.
// Usage: npm run bench:server [-- --chunks 20000 --runs 7 --streams 1000 --events 50]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, writeResult } from '../support/results.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcs-bench-server-'));
const outfile = path.join(root, 'bench/server/.server-bench.mjs');
try {
  await build({
    entryPoints: [path.join(root, 'bench/server/server-bench.ts')],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'error',
  });
  const stdout = execFileSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const result = JSON.parse(stdout.trim().split('\n').at(-1));
  writeResult('server', result);
  const n = (x) => Math.round(x).toLocaleString('en-US');
  const mb = (x) => (x / 1e6).toFixed(1);
  const table = (rows, base) => {
    console.log('| encoder / reader | chunks | bytes | median ms | chunks/s | MB/s | speed vs first row |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.name} | ${n(r.chunks)} | ${n(r.bytes)} | ${r.ms.toFixed(1)} | ${n(r.chunksPerS)} | ${mb(r.bytesPerS)} | ×${(base.ms / r.ms).toFixed(2)} |`);
  };
  console.log(`\nServer encoder (${result.node}, ai ${result.versions.ai})\n`);
  table(result.encoder.slice(0, 2), result.encoder[0]);
  table(result.encoder.slice(2), result.encoder[2]);
  console.log(`\nRedis-backed resume: produced ${n(result.redis.produce.events)} events at ${n(result.redis.produce.eventsPerS)} events/s; read back:\n`);
  table(result.redis.rows, result.redis.rows[0]);
  const m = result.memory;
  console.log(`\nIn-memory store: ${m.streams} concurrent active streams, ${m.eventsPerStream} events each: heap +${mb(m.heapDeltaBytes)} MB (${n(m.bytesPerStream)} bytes per stream: producer, store and a reading client);\n` +
    `the store alone holding the same events: +${mb(m.storeOnlyHeapDeltaBytes)} MB (${n(m.storeOnlyBytesPerStream)} bytes per stream)`);
} finally {
  fs.rmSync(outfile, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
}
