import { describe, expect, it } from 'vitest';
import { healMarkdown } from '../../../src/components/markdown/healMarkdown.ts';

describe('healMarkdown', () => {
  it.each([
    ['Hello **wor', 'Hello **wor**'],
    ['Intro\n\n## ', 'Intro'],
    ['Intro\n\n###', 'Intro'],
    ['## Ti', '## Ti'],
    ['Hello **', 'Hello'],
    ['**bold **', '**bold**'],
    ['Hello _it', 'Hello _it_'],
    ['Use `cod', 'Use `cod`'],
    ['Use ``a ` b', 'Use ``a ` b``'],
    ['Use `', 'Use'],
    ['~~str', '~~str~~'],
    ['**bold and _both', '**bold and _both_**'],
    ['**bold `code', '**bold `code`**'],
    ['See [docs](https://ex', 'See docs'],
    ['See [do', 'See do'],
    ['See [docs]', 'See docs'],
    ['See [a **b](http', 'See a **b'],
    ['x ![img](http', 'x'],
    ['- item **b', '- item **b**'],
    ['> quote *it', '> quote *it*'],
    ['Foo\n-', 'Foo'],
    ['- a\n- ', '- a'],
    ['1. one\n2.', '1. one'],
    ['| a | b |\n|--', '| a | b |\n| --- | --- |'],
    ['| a | b |', ''],
  ])('heals %j as %j', (input, expected) => {
    expect(healMarkdown(input)).toBe(expected);
  });

  it.each([
    '2 * 3 = 6',
    'snake_case_name and __init__',
    '**Note:** done',
    'a [b](https://c.example) d',
    'escaped \\*star and \\[bracket',
    'see `a*b` here',
  ])('leaves complete text %j alone', (input) => {
    expect(healMarkdown(input)).toBe(input);
  });

  it('leaves an open code fence alone: it already renders as code', () => {
    expect(healMarkdown('```js\nconst a = **1')).toBe('```js\nconst a = **1');
  });

  it('only looks at the last paragraph', () => {
    expect(healMarkdown('Literal * star\n\nNew **para')).toBe('Literal * star\n\nNew **para**');
  });

  it('does not close a heading\'s opener in the paragraph after it (a heading is one line)', () => {
    expect(healMarkdown('# ~~word  \nwo')).toBe('# ~~word  \nwo');
    expect(healMarkdown('## a **b\nthen *c')).toBe('## a **b\nthen *c*');
    expect(healMarkdown('# a **b')).toBe('# a **b**');
    expect(healMarkdown('~~word\n---\nwo')).toBe('~~word\n---\nwo');
    expect(healMarkdown('a *b\n===\nthen')).toBe('a *b\n===\nthen');
  });
});
