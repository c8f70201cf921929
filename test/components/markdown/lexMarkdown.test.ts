import type { Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { lexMarkdown } from '../../../src/components/markdown/lexMarkdown.ts';

function count(tokens: Token[], type: string): number {
  let n = 0;
  const stack = [...tokens];
  while (stack.length > 0) {
    const t = stack.pop() as Token & { tokens?: Token[] };
    if (t.type === type) n++;
    if (t.tokens) stack.push(...t.tokens);
  }
  return n;
}

describe('lexMarkdown', () => {
  it('keeps formatting to the end of a long paragraph of ordinary prose', () => {
    // Closers followed by punctuation ("**bold**,") were charged to the scanning budget as if they had
    // scanned the rest of the paragraph, so after ~2 KB every later delimiter showed literally.
    const lines = 600;
    const text = Array.from({ length: lines }, (_, i) => `Line ${i} has **bold**, *em*. _under_) and ~~gone~~; done.`).join('\n');
    const [paragraph] = lexMarkdown(text, Object.create(null));
    expect(paragraph?.type).toBe('paragraph');
    expect(count([paragraph as Token], 'strong')).toBe(lines);
    expect(count([paragraph as Token], 'em')).toBe(2 * lines);
    expect(count([paragraph as Token], 'del')).toBe(lines);
  });
});
