// Bundle sizes side by side with the peers, measured exactly as scripts/size.mjs measures ours: a one-import app
// bundled by esbuild (minified, browser, es2022, React external, production define), gzip -9 of the output.
// Ours come from the built dist/ through package.json exports (run `npm run build` first); peers from
// node_modules, with their own dependencies bundled, as an app would pay for them.
// Usage: npm run bench:size    (writes bench/results/size.json)
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { root, writeResult } from '../support/results.mjs';
import { selfReference } from '../../scripts/self-reference.mjs';

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const version = (name) => JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

/** Pairs: what a chat app imports for the same job from us and from the peer. */
const rows = [
  { job: 'chat hook', ours: "import { useChatStream } from 'react-chat-stream';", peer: "import { useChat } from '@ai-sdk/react';", peerName: `@ai-sdk/react ${version('@ai-sdk/react')} useChat` },
  { job: 'streaming markdown', ours: "import { StreamingMessage } from 'react-chat-stream';", peer: "import { Streamdown } from 'streamdown';", peerName: `streamdown ${version('streamdown')}` },
  { job: 'streaming markdown', ours: "import { StreamingMessage } from 'react-chat-stream';", peer: "import ReactMarkdown from 'react-markdown'; import remarkGfm from 'remark-gfm';", peerName: `react-markdown ${version('react-markdown')} + remark-gfm ${version('remark-gfm')}` },
  { job: 'SSE parser', ours: "import { createSSEParser } from 'react-chat-stream/core';", peer: "import { createParser } from 'eventsource-parser';", peerName: `eventsource-parser ${version('eventsource-parser')}` },
  { job: 'hook + window (ours) / hook (peer)', ours: "import { ChatWindow, useChatStream } from 'react-chat-stream';", peer: "import { useChat } from '@ai-sdk/react';", peerName: `@ai-sdk/react ${version('@ai-sdk/react')} useChat (no UI)` },
];


const names = (code) => [...code.matchAll(/import\s+(?:\{([^}]*)\}|(\w+))/g)].flatMap((m) => (m[1] ?? m[2]).split(',').map((s) => s.trim()).filter(Boolean));
async function measure(code) {
  // Reading the imports into a global keeps them alive, as an app's use would (same as scripts/size.mjs).
  const result = await build({
    stdin: { contents: `${code}\nglobalThis.__keep = [${names(code).join(', ')}];`, resolveDir: root, loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
    external: ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [selfReference(pkg, root)],
  });
  const bytes = result.outputFiles[0].contents;
  return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
}

if (!existsSync(path.join(root, 'dist/index.js'))) {
  console.error('bench:size: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
const out = [];
for (const r of rows) out.push({ ...r, oursSize: await measure(r.ours), peerSize: await measure(r.peer) });
const kb = (n) => (n / 1024).toFixed(2);
console.log(`\nBundle size vs peers (${pkg.name} ${pkg.version} from dist/; esbuild minify, React external, gzip -9; KB)\n`);
console.log('| job | ours | ours min+gz | peer | peer min+gz | peer / ours |');
console.log('|---|---|---:|---|---:|---:|');
for (const r of out) console.log(`| ${r.job} | \`${r.ours.replace(/^import /, '')}\` | ${kb(r.oursSize.gz)} | ${r.peerName} | ${kb(r.peerSize.gz)} | ×${(r.peerSize.gz / r.oursSize.gz).toFixed(2)} |`);
writeResult('size', { version: pkg.version, rows: out });
