import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { bin, installTarball, run, scratchApp } from './support/apps.ts';
import { strictTsconfig } from './support/consumerTsconfig.ts';

const tarball = inject('tarball');

// A fresh Vite React TS app with the packed tarball installed, like a user's first `npm install react-chat-stream`.
const app = scratchApp('consumer', {
  'package.json': JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  'tsconfig.json': JSON.stringify(strictTsconfig),
  'index.html': '<!doctype html><div id="root"></div><script type="module" src="/src/main.tsx"></script>',
  'src/main.tsx': `import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
createRoot(document.getElementById('root')!).render(<App />);
`,
  'src/App.tsx': `import { ChatWindow, useChatStream, isChatStreamError, type ChatStreamError } from 'react-chat-stream';
import { ChatStore, readSSE } from 'react-chat-stream/core';
import 'react-chat-stream/styles.css';

// onError receives the typed error: its kind typechecks.
const logKind = (error: ChatStreamError): string => error.kind;
export const store = new ChatStore({ api: '/api/chat', protocol: 'openai', onError: (e) => void logKind(e) });
export const reader = readSSE;

export function Hooked() {
  const { messages, send } = useChatStream({ api: '/api/chat', onError: (error) => void error.kind });
  return <button onClick={() => void send('hi')}>{messages.length}</button>;
}

export function App() {
  return <ChatWindow api="/api/chat" protocol="text" placeholder="Ask" onError={(e) => isChatStreamError(e) && void e.kind} />;
}
`,
});
installTarball(app, tarball);
const installed = path.join(app, 'node_modules/react-chat-stream');
const pkg = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | Record<string, string>>;
};
// Every JS entry of the installed package's exports map: entries added later are covered without editing this.
const entries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && 'import' in target)
  .map(([key]) => (key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`));

describe('the packed tarball in a fresh Vite React TS app', () => {
  it('exports at least the root and core entries', () => {
    expect(entries).toEqual(expect.arrayContaining(['react-chat-stream', 'react-chat-stream/core']));
  });

  it('strict-typechecks an import of every entry in the exports map (types read from the tarball)', () => {
    const lines = entries.map((spec, i) => `import * as entry${i} from '${spec}';`);
    lines.push(`export const all = [${entries.map((_, i) => `entry${i}`).join(', ')}];`);
    // Each entry must export something a consumer can name.
    entries.forEach((_, i) => lines.push(`export type Names${i} = keyof typeof entry${i};`));
    writeFileSync(path.join(app, 'src/entries.ts'), lines.join('\n') + '\n');
    const out = run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: app });
    expect(out).toBe('');
  });

  it('imports every entry in Node by its package name, with named exports', async () => {
    for (const spec of entries) {
      const mod = run('node', ['--input-type=module', '-e', `const m = await import('${spec}'); console.log(Object.keys(m).length)`], { cwd: app });
      expect(Number(mod.trim()), spec).toBeGreaterThan(0);
    }
  });

  it('can be required from CommonJS on Node >= 20.19 (require of ESM; no separate CJS build)', () => {
    const out = run('node', ['-e', "const { ChatStore } = require('react-chat-stream/core'); console.log(typeof ChatStore)"], { cwd: app });
    expect(out.trim().split('\n').at(-1)).toBe('function');
  });

  it('builds with vite, CSS included, React left to the app', () => {
    run(bin('vite'), ['build', '--logLevel', 'error'], { cwd: app });
    const assets = readdirSync(path.join(app, 'dist/assets'));
    expect(assets.some((f) => f.endsWith('.js'))).toBe(true);
    const css = assets.filter((f) => f.endsWith('.css')).map((f) => readFileSync(path.join(app, 'dist/assets', f), 'utf8'));
    expect(css.join('')).toContain('.rcs-');
  });

  it('server-renders ChatWindow from the installed package with no warnings', () => {
    const script = `
      import { createElement } from 'react';
      import { renderToString } from 'react-dom/server';
      import { ChatWindow } from 'react-chat-stream';
      const said = [];
      console.error = console.warn = (...a) => said.push(a.join(' '));
      const html = renderToString(createElement(ChatWindow, { api: '/api/chat', initialMessages: [{ id: 'a', role: 'assistant', content: '**Hello** there', status: 'done' }] }));
      process.stdout.write(JSON.stringify({ html, said }));`;
    const { html, said } = JSON.parse(run('node', ['--input-type=module', '-e', script], { cwd: app })) as { html: string; said: string[] };
    expect(html).toContain('role="log"');
    expect(html).toContain('<strong>Hello</strong>');
    expect(said).toEqual([]);
  });

  it('ships no sources or tests, only dist, README, CHANGELOG, LICENSE and package.json', () => {
    const top = readdirSync(installed).filter((f) => f !== 'node_modules').sort();
    expect(top).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'dist', 'package.json']);
    expect(existsSync(path.join(installed, 'dist/index.js.map')) || existsSync(path.join(installed, 'dist/components/ChatWindow.js.map'))).toBe(true);
  });
});
