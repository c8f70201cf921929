// Size budget (issue 10): what a tiny app pays for one import, bundled from the built `dist/` the way an app's
// bundler would (esbuild, minified, React external, tree-shaken through `sideEffects`), min+gz.
// Prints a table; exits 1 when a budgeted row is over. Run after `npm run build`: `npm run size`.
// `npm run size -- --why [N]` also prints, per row, the N (default 8) modules that weigh most in the minified bundle
// (esbuild's metafile `bytesInOutput`; gzip cannot be split per module, so the share is of the minified bytes).
// To raise a budget, put the measured reason in the commit.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeEntries } from './entries.mjs';
import { selfReference } from './self-reference.mjs';

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
  // (5.78 KB before them, 10.60 KB with the parts alone), then 13.45 KB with issue 12's request shaping
  // (prepareRequest, async body/headers, regenerate/edit). `--why` shows what it pays for: ChatStore's default
  // 'auto' protocol reaches all five decoders (Anthropic, AI SDK, Responses, OpenAI ~3 KB min each) and the parts
  // builder (message-parts.js). 13.48 KB with message-parts split and tightened (5.82 -> 4.93 KB min, -0.05 KB gz),
  // BaseChatStore split out of ChatStore (+0.05 KB gz: the subclass and the injected factory) and a clearer error
  // for a factory passed as `protocol` (+0.03 KB gz). Terser forms that gzip worse were measured and left out.
  // 13.63 KB with the ai-sdk decoder reading the kit server's usage, refusal, redacted and finish-reason markers
  // (+0.15 KB gz, issue 14; lighter forms without the usage check or redacted reasoning were measured: -0.04/-0.03).
  // 14.07 KB with issue 14's resume after reload (resume(), stop requests, the GET reattach: +0.59 KB).
  // 14.25 KB with both merged (the decoder's markers and resume).
  { name: 'core: ChatStore + readSSE', code: "import { ChatStore, readSSE } from 'react-chat-stream/core';", target: 5 * KB, ceiling: 14.35 * KB },
  // The same store with one named decoder (BaseChatStore takes a protocol factory, so the others and 'auto' are
  // dropped): 10.86 KB. Still over 5 KB: the parts builder (4.9 KB min), the store and turn runner (6.2), retry
  // and Retry-After parsing (2.8), readable error bodies (2.8), the response reader (2.3) and the SSE parser (2.1).
  {
    name: 'core: BaseChatStore + one protocol + readSSE',
    code: "import { BaseChatStore, createOpenAIProtocol, readSSE } from 'react-chat-stream/core';",
    target: 5 * KB,
    // 11.46 KB with resume after reload (+0.60 KB).
    ceiling: 11.55 * KB,
  },
  // Over target for the same reasons: 12.93 KB (5.82 KB before the parts and the hardening), 13.77 KB with issue 12
  // (the shared-store registry by id, bound stores), 13.82 KB with the split message-parts and BaseChatStore.
  // 13.97 KB with the ai-sdk decoder's server markers (+0.14 KB gz, issue 14).
  // 14.48 KB with resume after reload (+0.66 KB: resume(), resumeOnMount).
  // 14.66 KB with both merged.
  { name: 'useChatStream', code: "import { useChatStream } from 'react-chat-stream';", target: 6 * KB, ceiling: 14.8 * KB },
  // Over target: 36.51 KB, of which marked's lexer is 15.1 KB (its published build has top-level side effects, so
  // a bundler keeps all of it; importing only `Lexer` costs the same 15.1 KB: the lexer, tokenizer and rule tables
  // are the bulk) and the parts ~5 KB. 40.57 KB once issue 9's markdown hardening (nesting limit, guarded lexer,
  // error boundaries, image policy) and issue 12's message actions, inline editor and labels were merged. 42.49 KB
  // with issue 11's part renderers (reasoning disclosure, tool card, sources, file, refusal, notices: +1.92 KB).
  // 42.46 KB with the split message-parts and BaseChatStore. Lexers that could replace marked, measured the same
  // way on 2026-12-02: marked's Lexer 15.09 KB, micromark + GFM 19.44 KB (HTML output only, no tokens),
  // markdown-to-jsx's parser 25.79 KB, markdown-it 40.69 KB: none is smaller, so marked stays.
  // render (issue 9 item 5, issue 11): 42.41 -> 43.46 KB measured (+1.05 KB) for the incremental growing table/list
  // (growingBlock.ts + memoized row groups: 200 KB table flushes at 2.4 ms instead of re-lexing it), the caret
  // inside open fences and the images/labels plumbing. Resume after reload (issue 14): +0.70 KB.
  // Growing paragraph (issue 9 item 5): 44.38 -> 45.95 KB measured (+1.57 KB: growingParagraph.ts 2.25 KB min,
  // the healer's scan split, the closer check in lexMarkdown, groups of groups): a 200 KB paragraph flushes
  // at 1.2 ms instead of 38 ms.
  { name: 'ChatWindow (with markdown)', code: "import { ChatWindow } from 'react-chat-stream';", target: 28 * KB, ceiling: 46.4 * KB },
  // The TanStack Query entry's hook (TanStack external, like React): the store plus its query glue. Measured
  // 2026-12-02: 14.48 KB; budgeted like useChatStream (a hook), over it for the same reasons plus ~1 KB of glue.
  { name: 'query: useChatQuery', code: "import { useChatQuery } from 'react-chat-stream/query';", target: 6 * KB, ceiling: 15.4 * KB }, // 15.08 KB with resume after reload (+0.60 KB)
  // What a route handler pays to stream: the encoder and the response (no store, no decoders). Measured 2026-12-02:
  // 2.51 KB; budgeted like the core (no React), and under it.
  { name: 'server: createEventStreamResponse', code: "import { createEventStreamResponse } from 'react-chat-stream/server';", target: 5 * KB, ceiling: 5 * KB },
  { name: 'StreamingMessage', code: "import { StreamingMessage } from 'react-chat-stream';" },
  // Every entry of the exports map in full, so a new entry (./query, ./server) shows up here by itself.
  ...codeEntries(pkg).map(([key]) => {
    const spec = key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
    return { name: `all of ${spec}`, code: `export * from '${spec}';` };
  }),
];


const whyAt = process.argv.indexOf('--why');
const why = whyAt < 0 ? 0 : Number(process.argv[whyAt + 1]) || 8;

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
    metafile: why > 0,
    logLevel: 'silent',
    external: ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [selfReference(pkg, root)],
  });
  const bytes = result.outputFiles[0].contents;
  const modules = why > 0 ? Object.entries(Object.values(result.metafile.outputs)[0].inputs) : [];
  return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length, modules };
}

if (!existsSync(join(root, 'dist/index.js'))) {
  console.error('size: dist/ is missing; run `npm run build` first');
  process.exit(1);
}

const fmt = (n) => `${(n / KB).toFixed(2)} KB`;
const rows = [];
const reasons = [];
let over = 0;
for (const app of apps) {
  const { min, gz, modules } = await measure(app.code);
  if (why > 0) {
    const top = modules.map(([file, { bytesInOutput }]) => [file.replace(/^dist\//, ''), bytesInOutput]).sort((a, b) => b[1] - a[1]);
    const lines = top.slice(0, why).map(([file, n]) => `  ${fmt(n).padStart(9)}  ${((100 * n) / min).toFixed(0).padStart(3)}%  ${file}`);
    const rest = top.slice(why).reduce((sum, [, n]) => sum + n, 0);
    if (rest > 0) lines.push(`  ${fmt(rest).padStart(9)}  ${((100 * rest) / min).toFixed(0).padStart(3)}%  (${top.length - why} more modules)`);
    reasons.push(`${app.name}: ${fmt(min)} min, ${top.length} modules\n${lines.join('\n')}`);
  }
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
if (reasons.length > 0) console.log(`\nWhat each row pays for (minified bytes per module)\n\n${reasons.join('\n\n')}`);
if (over > 0) {
  console.error(`\nsize: ${over} import(s) over their ceiling`);
  process.exit(1);
}
