import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.ts';

// globalSetup has just built dist/ (npm pack runs prepack), exactly what the tarball holds.
const dist = path.join(repoRoot, 'dist');
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? walk(file) : [file];
  });
}
const js = walk(dist).filter((f) => f.endsWith('.js'));
const rel = (f: string) => path.relative(dist, f);
const firstLine = (f: string) => readFileSync(f, 'utf8').split('\n', 1)[0];

describe('the built dist/', () => {
  it("starts the root entry and every hook and component module with 'use client'", () => {
    const client = js.filter((f) => /^(index\.js|hooks\/|components\/)/.test(rel(f)));
    expect(client.length).toBeGreaterThan(5);
    for (const f of client) expect(firstLine(f), rel(f)).toBe('"use client";');
  });

  it("has no 'use client' in core (server-safe) and no React import there", () => {
    const core = js.filter((f) => rel(f).startsWith('core/'));
    expect(core.length).toBeGreaterThan(3);
    for (const f of core) {
      const text = readFileSync(f, 'utf8');
      expect(text.includes('use client'), rel(f)).toBe(false);
      expect(/from ["']react/.test(text), rel(f)).toBe(false);
    }
  });

  it('is one unminified module per source file with a source map, and production JSX only', () => {
    expect(js.map(rel)).toEqual(expect.arrayContaining(['index.js', 'core/index.js', 'hooks/useChatStream.js', 'components/ChatWindow.js']));
    const chatWindow = readFileSync(path.join(dist, 'components/ChatWindow.js'), 'utf8');
    expect(chatWindow).toContain('function ChatWindow(');
    expect(chatWindow).toMatch(/\/\/# sourceMappingURL=ChatWindow\.js\.map/);
    for (const f of js) expect(readFileSync(f, 'utf8').includes('jsx-dev-runtime'), rel(f)).toBe(false);
  });

  it('keeps React and marked external (never bundled)', () => {
    for (const f of js) {
      const text = readFileSync(f, 'utf8');
      expect(text.includes('function useState('), rel(f)).toBe(false);
      expect(text.includes('class Lexer'), rel(f)).toBe(false);
    }
  });
});
