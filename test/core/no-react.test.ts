import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// If anything under src/core imported React, this empty mock would break it.
vi.mock('react', () => ({}));

describe('src/core', () => {
  it('loads and streams with React mocked away', async () => {
    const core = await import('../../src/core/index.ts');
    const events: string[] = [];
    core.createSSEParser({ onEvent: (e) => events.push(e.data) }).feed('data: ok\n\n');
    expect(events).toEqual(['ok']);
    expect(typeof core.ChatStore).toBe('function');
  });

  it('has no import of react in any file', () => {
    const dir = join(__dirname, '../../src/core');
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(10);
    for (const entry of files) {
      const file = join(entry.parentPath, entry.name);
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from\s+['"]react/);
      expect(text, file).not.toMatch(/from\s+['"]\.\.\/(hooks|components)/);
    }
  });
});
