import { describe, expect, it } from 'vitest';
import { createMarkdownBlocks } from '../../../src/components/markdown/createMarkdownBlocks.ts';
import { endsInsideFence } from '../../../src/components/markdown/endsInsideFence.ts';
import { healMarkdown } from '../../../src/components/markdown/healMarkdown.ts';
import { MAX_HEAL_OPENERS } from '../../../src/components/markdown/scanInline.ts';
import { limitNesting, MAX_NESTING_DEPTH } from '../../../src/components/markdown/limitNesting.ts';
import { growth } from '../../helpers/growth.ts';

// Hostile inputs from issue 9 (and their neighbours), as n-sized generators. Linear work grows about 8x
// when n does; quadratic work 64x. The bound leaves room for a busy machine but not for n².
const LINEAR = 24;
const repeat = (unit: string, suffix = '') => (n: number) => unit.repeat(Math.ceil(n / unit.length)) + suffix;

const healerCorpus: Record<string, (n: number) => string> = {
  'table delimiter of blank cells': (n) => '| a | b |\n|' + '  |'.repeat(n / 3),
  'table delimiter that fails at the end': (n) => '| a | b |\n|' + ' \t|'.repeat(n / 3) + 'x',
  'fence line behind leading whitespace': (n) => ' '.repeat(n) + 'x```',
  'fence line behind quote markers': (n) => '> '.repeat(n / 2) + '``x`',
  '" *a]"×n': repeat(' *a]'),
  '"[ *a"×n': repeat('[ *a'),
  '"*"×n + "a"': (n) => '*'.repeat(n) + 'a',
  '"*a "×n': repeat('*a '),
  '"_a"×n': repeat('_a'),
  '"![a"×n': repeat('![a'),
  '"[a]("×n': repeat('[a]('),
  '"`a``"×n': repeat('`a``'),
  '"~~a "×n': repeat('~~a '),
  'list markers "- "×n': repeat('- '),
};

const lexerCorpus: Record<string, (n: number) => string> = {
  ...healerCorpus,
  '"_a"×n (email autolink rescans)': repeat('_a'),
  '"~a"×n': repeat('~a'),
  '"a_"×n': repeat('a_'),
  '"*a"×n': repeat('*a'),
  '"**a"×n': repeat('**a'),
  '"[a"×n': repeat('[a'),
  '"a@"×n': repeat('a@'),
  'url with trailing punctuation': (n) => 'http://a' + '.)'.repeat(n / 2),
  '"&#"×n': repeat('&#'),
  '">"×n': repeat('>'),
  '"1. "×n': repeat('1. '),
  // Runs the budget no longer charges (marked rejects them before scanning), next to openers it must.
  '"a**,"×n (closers before punctuation)': repeat('a**,'),
  '"a**, **b"×n': repeat('a**, **b'),
  '"a~~;"×n': repeat('a~~;'),
  '"a_,"×n': repeat('a_,'),
};

describe('healMarkdown on hostile input', () => {
  it.each(Object.entries(healerCorpus))('heals %s in linear time', (_, make) => {
    expect(growth(make, (s) => healMarkdown(s), 8000)).toBeLessThan(LINEAR);
  });

  it('finishes the 24-cell table delimiter line from the issue at once', () => {
    // 16 cells took 7.7 s before; 24 never finished.
    const line = '| a | b |\n|' + '  |'.repeat(24);
    expect(healMarkdown(line)).toBe('| a | b |\n| --- | --- |');
  });

  it('appends a bounded number of closers however many openers are left open', () => {
    for (const n of [100, 1000, 10_000]) {
      const input = '*a '.repeat(n).trimEnd();
      const healed = healMarkdown(input);
      expect(healed.startsWith(input)).toBe(true);
      expect(healed.length - input.length).toBeLessThanOrEqual(2 * MAX_HEAL_OPENERS * 3);
    }
  });

  it('still closes the emphasis being typed after many unclosed openers', () => {
    expect(healMarkdown('*a '.repeat(500) + '**bo')).toMatch(/\*\*bo\*\*/);
  });

  it('tells an open fence from a closed one behind any mix of indentation and quote markers', () => {
    expect(endsInsideFence('  > > ```js\n> > code')).toBe(true);
    expect(endsInsideFence('> ```\n> code\n> ```')).toBe(false);
    // An unquoted line ends the quote and the fence in it (marked lexes it as a paragraph after the quote).
    expect(endsInsideFence('  > > ```js\ncode')).toBe(false);
    expect(endsInsideFence(' '.repeat(10_000) + 'x```')).toBe(false);
  });
});

describe('markdown blocks on hostile input', () => {
  it.each(Object.entries(lexerCorpus))('lexes and heals %s in linear time', (_, make) => {
    expect(growth(make, (s) => createMarkdownBlocks().update(s, true), 1000)).toBeLessThan(LINEAR);
  });

  it.each(Object.entries(lexerCorpus))('lexes finished %s in linear time', (_, make) => {
    expect(growth(make, (s) => createMarkdownBlocks().update(s, false), 1000)).toBeLessThan(LINEAR);
  });

  it.each(['>', '- ', '1. ', '* ', '> - 1. '])('lexes %j×2000 on one line without overflowing the stack', (unit) => {
    const text = unit.repeat(2000) + 'end';
    const blocks = createMarkdownBlocks().update(text, false);
    expect(blocks.length).toBeGreaterThan(0);
    // Nothing is lost: the deep markers beyond the limit show as text.
    expect(JSON.stringify(blocks.map((b) => b.token))).toContain('end');
  });

  it('does not overflow on "*a "×n healed while streaming (it used to nest n closers)', () => {
    expect(() => createMarkdownBlocks().update('*a '.repeat(8000), true)).not.toThrow();
  });

  it('keeps emphasis nested deeper than the inline limit as text instead of recursing', () => {
    const text = '*_'.repeat(3000) + 'a' + '_*'.repeat(3000);
    expect(() => createMarkdownBlocks().update(text, false)).not.toThrow();
  });
});

describe('limitNesting', () => {
  it('escapes the marker after the limit and keeps every character', () => {
    const line = '> '.repeat(MAX_NESTING_DEPTH + 3) + 'x';
    const limited = limitNesting(line);
    expect(limited.replace('\\', '')).toBe(line);
    expect(limited.indexOf('\\')).toBe(2 * MAX_NESTING_DEPTH);
  });

  it('leaves shallow nesting and fenced code alone', () => {
    const text = '> > - a\n\n```\n' + '> '.repeat(100) + '\n```';
    expect(limitNesting(text)).toBe(text);
  });

  it('reports where it inserted escapes', () => {
    const deep = '- '.repeat(40) + 'x';
    const inserted: number[] = [];
    const out = limitNesting(`a\n${deep}\n${deep}`, inserted);
    expect(inserted.map((p) => out[p])).toEqual(['\\', '\\']);
  });
});
