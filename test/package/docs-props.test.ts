import { describe, expect, it } from 'vitest';
import { run } from './support/apps.ts';
import { repoRoot } from './support/paths.ts';

describe('the ChatWindow docs page', () => {
  it('lists every prop as the types describe it today (stories/generated/chatWindowArgTypes.json is current)', () => {
    expect(() => run('node', ['scripts/props-docs.mjs', '--check'], { cwd: repoRoot })).not.toThrow();
  });
});
