// Where each bench leaves its figures for scripts/benchmarks-md.mjs: bench/results/NAME.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const resultsDir = path.join(root, 'bench/results');

/** Write one bench's figures (with the time they were taken). */
export function writeResult(name, data) {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${name}.json`), `${JSON.stringify({ at: new Date().toISOString(), ...data }, null, 2)}\n`);
}
