import { cpSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { bin, installTarball, run, scratchApp } from './support/apps.ts';
import { viteTemplateTsconfig } from './support/consumerTsconfig.ts';
import { repoRoot } from './support/paths.ts';

// The README's "Copy into your app" steps, read from the README itself so the test and the text cannot drift.
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Copy into your app'), readme.indexOf('\n## ', readme.indexOf('### Copy into your app')));
const step1 = section.slice(section.indexOf('1. Copy'), section.indexOf('\n2. '));
const listed = [...step1.matchAll(/`([\w.-]+\.(?:tsx?|css)|[\w-]+\/)`/g)].map((m) => m[1]!);
const sedCommand = /```sh\n([\s\S]*?)```/.exec(section)![1]!.replace(/\\\n/g, ' ').trim();

describe("the README's copy-into-your-app steps", () => {
  it('list files and folders that exist in src/components', () => {
    expect(listed).toEqual(expect.arrayContaining(['ChatWindow.tsx', 'StreamingMessage.tsx', 'markdown/']));
    const present = new Set(readdirSync(path.join(repoRoot, 'src/components')).map((f) => f));
    for (const item of listed) expect(present.has(item.replace(/\/$/, '')), item).toBe(true);
  });

  it('give an app that typechecks and builds with the copied ChatWindow and the package as its engine', () => {
    const app = scratchApp('copy-app', {
      'package.json': JSON.stringify({ name: 'copy-app', private: true, type: 'module' }),
      'tsconfig.json': JSON.stringify(viteTemplateTsconfig),
      'index.html': '<!doctype html><div id="root"></div><script type="module" src="/src/main.tsx"></script>',
      'src/main.tsx': `import { createRoot } from 'react-dom/client';
import { ChatWindow } from './chat/ChatWindow.tsx';
import './chat/StreamingMessage.css';
import './chat/ChatWindow.css';
createRoot(document.getElementById('root')!).render(<ChatWindow api="/api/chat" protocol="openai" />);
`,
    });
    installTarball(app, inject('tarball'));
    // Step 1: copy what the README lists.
    for (const item of listed) {
      cpSync(path.join(repoRoot, 'src/components', item), path.join(app, 'src/chat', item), { recursive: true });
    }
    // Step 2: the README's sed command, verbatim.
    run('bash', ['-c', sedCommand], { cwd: app });
    const copied = readdirSync(path.join(app, 'src/chat'), { recursive: true }).map(String);
    for (const file of copied.filter((f) => /\.tsx?$/.test(f))) {
      const text = readFileSync(path.join(app, 'src/chat', file), 'utf8');
      // Nothing may still point outside the copied folder (at the repository's core or hooks).
      expect(text, file).not.toMatch(/from '\.\.\/(\.\.\/)?(core|hooks)\//);
    }
    expect(run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: app })).toBe('');
    run(bin('vite'), ['build', '--logLevel', 'error'], { cwd: app });
    const assets = readdirSync(path.join(app, 'dist/assets'));
    const css = assets.filter((f) => f.endsWith('.css')).map((f) => readFileSync(path.join(app, 'dist/assets', f), 'utf8'));
    expect(css.join('')).toContain('.rcs-');
  });
});
