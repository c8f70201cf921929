// The build's entry list, derived from package.json `exports` so a new entry (`./query`, `./server`) is one line
// there: `.` is `src/index.ts`, `./name` is `src/name/index.ts`. Non-JS exports (CSS, package.json) are skipped.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Source file of an export key: `.` -> `src/index.ts`, `./core` -> `src/core/index.ts`. */
export function sourceOf(key) {
  return key === '.' ? 'src/index.ts' : `src/${key.slice(2)}/index.ts`;
}

/** Entries with JS code, as `[exportKey, sourcePath]`, in the order of the exports map. */
export function codeEntries(pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))) {
  return Object.entries(pkg.exports)
    .filter(([, target]) => typeof target === 'object' && target !== null && 'import' in target)
    .map(([key]) => [key, sourceOf(key)]);
}

/** Rolldown `input`: entry name (the source path without `src/` and `.ts`) -> source. Fails on a missing file. */
export function buildInput() {
  const input = {};
  for (const [key, source] of codeEntries()) {
    if (!existsSync(join(root, source))) {
      throw new Error(`package.json exports "${key}" but ${source} does not exist`);
    }
    input[source.slice('src/'.length, -'.ts'.length)] = source;
  }
  return input;
}
