// Size budget (issue 10): what a tiny app pays for one import, bundled from the built `dist/` the way an app's
// bundler would (esbuild, minified, React external, tree-shaken through `sideEffects`), min+gz.
// Prints a table; exits 1 when a budgeted row is over. Run after `npm run build`: `npm run size`.
// To raise a budget, put the measured reason in the commit.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeEntries } from './entries.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const KB = 1024;

/**
 * Rows: a tiny app's source, the issue's `target` and the enforced `ceiling` (min+gz JS bytes). Where today's code
 * is over its target the ceiling is today's size plus ~1%, so it cannot grow while it is brought down; lower a
 * ceiling to its target as soon as the code fits. No ceiling = reported, not budgeted.
 */
const apps = [
  // Over target on 2026-12-02 after issue 11's message parts and issue 9's network hardening landed: 12.83 KB
  // (5.78 KB before them, 10.60 KB with the parts alone). The parts
  // builder (message-parts.js, 6 KB min) and three protocol decoders (Anthropic, AI SDK, OpenAI Responses, ~3 KB
  // min each) are all reachable from ChatStore's 'auto' protocol, so a bundler keeps them.
  // Then 13.45 KB with issue 12's request shaping (prepareRequest, async body/headers, regenerate/edit) merged.
  { name: 'core: ChatStore + readSSE', code: "import { ChatStore, readSSE } from 'react-chat-stream/core';", target: 5 * KB, ceiling: 14.15 * KB },
  // Over target for the same reasons: 12.93 KB (5.82 KB before the parts and the hardening).
  // 13.77 KB with issue 12 (the shared-store registry by id, bound stores) merged.
  { name: 'useChatStream', code: "import { useChatStream } from 'react-chat-stream';", target: 6 * KB, ceiling: 14.55 * KB },
  // Over target: 36.51 KB, of which marked's lexer is 15.1 KB (its published build has top-level side effects, so
  // a bundler keeps all of it) and the parts ~5 KB.
  // 40.57 KB once issue 9's markdown hardening (nesting limit, guarded lexer, error boundaries, image policy) and
  // issue 12's message actions, inline editor and labels were merged.
  // 42.49 KB with issue 11's part renderers (reasoning disclosure, tool card, sources, file, refusal, notices:
  // +1.92 KB).
  { name: 'ChatWindow (with markdown)', code: "import { ChatWindow } from 'react-chat-stream';", target: 28 * KB, ceiling: 43.3 * KB },
  { name: 'StreamingMessage', code: "import { StreamingMessage } from 'react-chat-stream';" },
  // Every entry of the exports map in full, so a new entry (./query, ./server) shows up here by itself.
  ...codeEntries(pkg).map(([key]) => {
    const spec = key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
    return { name: `all of ${spec}`, code: `export * from '${spec}';` };
  }),
];

// Resolve the package's own name through its exports map, as an installed copy would be.
const selfReference = {
  name: 'self-reference',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^${pkg.name}(/.*)?$`) }, (args) => {
      const key = args.path === pkg.name ? '.' : `.${args.path.slice(pkg.name.length)}`;
      const target = pkg.exports[key];
      const file = typeof target === 'string' ? target : target?.import;
      if (!file) return { errors: [{ text: `${args.path} is not in package.json exports` }] };
      return { path: join(root, file) };
    });
  },
};

async function measure(code) {
  // Reading the import into a global keeps it alive, as an app's use would.
  const contents = /^export \*/.test(code) ? code : `${code}\nglobalThis.__keep = [${code.match(/\{([^}]*)\}/)[1]}];`;
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    external: ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [selfReference],
  });
  const bytes = result.outputFiles[0].contents;
  return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
}

if (!existsSync(join(root, 'dist/index.js'))) {
  console.error('size: dist/ is missing; run `npm run build` first');
  process.exit(1);
}

const fmt = (n) => `${(n / KB).toFixed(2)} KB`;
const rows = [];
let over = 0;
for (const app of apps) {
  const { min, gz } = await measure(app.code);
  const ok = app.ceiling === undefined || gz <= app.ceiling;
  if (!ok) over++;
  const verdict = app.ceiling === undefined ? '' : !ok ? 'FAIL: over ceiling' : gz <= app.target ? 'ok' : 'over target';
  rows.push([app.name, fmt(min), fmt(gz), app.target ? fmt(app.target) : '-', app.ceiling ? fmt(app.ceiling) : '-', verdict]);
}
const css = readFileSync(join(root, 'dist/styles.css'));
const cssMin = (await build({ stdin: { contents: css.toString(), loader: 'css' }, minify: true, write: false })).outputFiles[0].contents;
rows.push(['styles.css (CSS, separate)', fmt(cssMin.length), fmt(gzipSync(cssMin, { level: 9 }).length), '-', '-', '']);

const head = ['import (esbuild, React external)', 'min', 'min+gz', 'target', 'ceiling', ''];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
console.log(`\nBundle size (${pkg.name} ${pkg.version}, esbuild minify + gzip -9)\n`);
console.log(line(head));
console.log(`|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(line(r));
if (over > 0) {
  console.error(`\nsize: ${over} import(s) over their ceiling`);
  process.exit(1);
}
