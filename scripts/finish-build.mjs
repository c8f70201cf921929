// After `vite build` (JS) and `tsc -p tsconfig.build.json` (declarations):
// 1. Declarations keep the sources' `.ts` import specifiers; point them at the emitted `.js` (which resolves to the
//    `.d.ts` beside it) so consumers on any moduleResolution (bundler, node16, nodenext) can read them.
// 2. Concatenate the components' stylesheets into the one exported `react-chat-stream/styles.css`.
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

const specifier = /((?:from\s+|import\s*\(\s*)['"]\.{1,2}\/[^'"]*?)\.tsx?(['"])/g;
let rewritten = 0;
for (const file of walk('dist').filter((f) => f.endsWith('.d.ts'))) {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(specifier, '$1.js$2');
  if (next !== text) {
    writeFileSync(file, next);
    rewritten++;
  }
}

// Order matters: tokens first, then parts from the smallest to the window that composes them.
const cssOrder = ['tokens.css', 'StreamingMessage.css'];
const cssDir = 'src/components';
const cssFiles = existsSync(cssDir) ? readdirSync(cssDir).filter((f) => f.endsWith('.css')) : [];
cssFiles.sort((a, b) => {
  const ia = cssOrder.indexOf(a);
  const ib = cssOrder.indexOf(b);
  return (ia === -1 ? cssOrder.length : ia) - (ib === -1 ? cssOrder.length : ib) || a.localeCompare(b);
});
const css = cssFiles.map((f) => `/* ${f} */\n${readFileSync(join(cssDir, f), 'utf8').trim()}\n`).join('\n');
writeFileSync('dist/styles.css', css);
console.log(`finish-build: ${rewritten} declaration files re-pointed to .js, styles.css from ${cssFiles.length} files`);
