import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/components/ChatWindow.css'), 'utf8');
const rule = (selector: string) => {
  const start = css.indexOf(`${selector} {`);
  expect(start, selector).toBeGreaterThanOrEqual(0);
  return css.slice(start, css.indexOf('}', start));
};

describe('ChatWindow.css', () => {
  it('paints its own background and text colour from --rcs-* properties', () => {
    const root = rule('.rcs-chat');
    expect(root).toContain('background: var(--rcs-bg)');
    expect(root).toContain('color: var(--rcs-fg)');
  });

  it('goes dark under data-theme="dark", and under prefers-color-scheme unless light is forced', () => {
    expect(rule(".rcs-chat[data-theme='dark']")).toContain('--rcs-bg:');
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\) \{\s*\.rcs-chat:not\(\[data-theme='light'\]\) \{[^}]*--rcs-bg:/);
  });

  it('switches animation off under prefers-reduced-motion', () => {
    expect(css).toMatch(/@media \(prefers-reduced-motion: reduce\)[\s\S]*animation-duration/);
  });

  it('only uses rcs- classes', () => {
    const classes = css.replace(/\/\*[\s\S]*?\*\//g, '').match(/\.[a-z][\w-]*/gi) ?? [];
    expect(classes.filter((c) => !c.startsWith('.rcs-') && !/^\.\d/.test(c))).toEqual([]);
  });
});
