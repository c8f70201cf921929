import type { Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { createMarkdownBlocks } from '../../../src/components/markdown/createMarkdownBlocks.ts';

const table = (rows: number) =>
  '| Protocol | Status | Link |\n| :--- | ---: | --- |\n' +
  Array.from({ length: rows }, (_, i) => `| **p${i}** | ${i} ms | [doc ${i}](https://example.com/${i}) |`).join('\n');
const list = (items: number, bullet = '-') =>
  Array.from({ length: items }, (_, i) => `${bullet} item *${i}* with \`code\` and [a link](https://x.example/${i})`).join('\n');
const paragraph = (lines: number) =>
  Array.from({ length: lines }, (_, i) => `Sentence ${i} of one long paragraph with **bold**, _em_ and \`code\` in it.`).join('\n');
const ordered = (items: number) => Array.from({ length: items }, (_, i) => `${i + 3}. step ${i}`).join('\n');

/** The blocks as a fresh cache lexes them: no incremental state. */
function whole(content: string, streaming: boolean) {
  return createMarkdownBlocks().update(content, streaming);
}

/** Blocks as JSON, without the block's own `raw` (never rendered; may differ by a trailing newline). */
const shown = (blocks: ReturnType<typeof whole>) => JSON.stringify(blocks.map(({ token, open }) => ({ token: { ...token, raw: undefined }, open })));

function streamAndCompare(doc: string, step: number) {
  const blocks = createMarkdownBlocks();
  for (let end = 1; end <= doc.length; end += step) {
    const prefix = doc.slice(0, end);
    expect(shown(blocks.update(prefix, true)), `at ${end}: ${JSON.stringify(prefix.slice(-40))}`).toBe(shown(whole(prefix, true)));
  }
  expect(blocks.update(doc, false)).toEqual(whole(doc, false));
}

/** One test per document and chunk size: streamed, it renders exactly as if lexed whole at every step. */
function itStreamsAsIfWhole(docs: [string, string][], steps = [1, 3, 17]) {
  for (const [name, doc] of docs) {
    for (const step of steps) {
      it(`${name}, streamed ${step} characters at a time`, () => streamAndCompare(doc, step));
    }
  }
}

describe('a growing table or list renders exactly as if lexed whole', () => {
  const docs: [string, string][] = [
    ['a table', table(12)],
    ['a table ending in a newline per row', table(6) + '\n'],
    ['a table followed by a paragraph', table(5) + '\n\nAfter the **table**.'],
    ['a table interrupted by a list', table(4) + '\n- a\n- b'],
    ['a tight list', list(10)],
    ['an ordered list that starts at 3', ordered(12)],
    ['a list that turns loose', list(4) + '\n\n' + list(3)],
    ['a list whose bullet changes (two lists)', list(3) + '\n' + list(3, '*')],
    ['a list with nested items and a code fence', '- a\n  - a1\n  - a2\n- b\n  ```js\n  x\n  ```\n- c **bold'],
    ['a list item with a lazy continuation line', '- one\ntwo\n- three\n- four'],
    ['a paragraph then a list then a table', 'Intro\n\n' + list(4) + '\n\n' + table(4)],
  ];
  itStreamsAsIfWhole(docs);
});

/**
 * Streams `doc` in steps of `step` and returns the parts `partsOf` reads from the growing block at each
 * update; all but the last `open` parts of the previous update were final then and must be the same objects.
 */
function expectFinishedPartsReused(doc: string, start: number, step: number, open: number, partsOf: (token: Token) => unknown[] | undefined) {
  const blocks = createMarkdownBlocks();
  let previous: unknown[] = [];
  let reused = 0;
  for (let end = start; end <= doc.length; end += step) {
    const [block] = blocks.update(doc.slice(0, end), true);
    const parts = block && partsOf(block.token);
    if (!parts) continue;
    for (let i = 0; i < previous.length - open; i++) expect(parts[i]).toBe(previous[i]);
    reused += Math.max(0, previous.length - open);
    previous = parts;
  }
  expect(reused).toBeGreaterThan(0);
  return previous.length;
}

describe('a growing table or list reuses its finished rows and items', () => {
  it('keeps every finished table row as the same object while the table grows', () => {
    const rows = expectFinishedPartsReused(table(200), 60, 23, 2, (t) => (t.type === 'table' ? t.rows : undefined));
    expect(rows).toBeGreaterThan(190);
  });

  it('keeps every finished list item as the same object while the list grows', () => {
    const items = expectFinishedPartsReused(list(200), 10, 31, 2, (t) => (t.type === 'list' ? t.items : undefined));
    expect(items).toBeGreaterThan(190);
  });
});

describe('a growing paragraph renders exactly as if lexed whole', () => {
  const docs: [string, string][] = [
    ['a long paragraph', paragraph(14)],
    ['a paragraph with links, autolinks and apostrophes', "It's [a link](https://a.example/x) and don't\nsee https://b.example/y now\nthe user&#39;s <b>tag</b>\nmore text & stuff\nend"],
    ['a paragraph with hard breaks', 'one  \ntwo\\\nthree  \nfour  \nfive'],
    ['a paragraph whose lines start with punctuation', 'alpha\n(beta) gamma\n"quoted" line\n- not yet\n*star* line\nomega'],
    ['a paragraph with a literal asterisk and underscore', 'a * b\nc _ d\ne ~ f\ng **h\ni** j\nk'],
    ['a paragraph that turns into a setext heading', 'line one\nline two\nline three\n==='],
    ['a paragraph with a setext dash underline', 'line one\nline two\n---\nafter'],
    ['a paragraph with numbered-looking lines', 'intro\n2. not a list\n1. a list\n3. b'],
    ['a paragraph with an HTML line', 'intro line\n<div>block</div>\nafter'],
    ['a paragraph with a code span across lines', 'a `code\nspan` b\nc `x` d\ne'],
    ['a paragraph with a link across lines', 'see [the\nlink](https://x.example) and\n[ref] text\nend'],
    ['a paragraph interrupted by a table', 'intro\nmore intro\n| a | b |\n| - | - |\n| 1 | 2 |'],
    ['a paragraph interrupted by a fence and a quote', 'intro\nmore\n```js\nx\n```\ntext\n> quote\nend'],
    ['a paragraph after a reference definition', '[ref]: https://r.example\n\nsee [ref] one\ntwo [ref]\nthree'],
    ['a paragraph with a long email-like run', 'a\n' + 'x'.repeat(300) + '@example.com\nb c\nd'],
    ['a paragraph with snake_case words and underscores at word edges', 'use my_var here\nand other_name too\n_start of em\nend_ here\nlast'],
    ['a paragraph with emphasis spanning lines', 'a **bold\nacross** lines\nand _em\nhere_ too\nend *x*'],
    ['a paragraph followed by a list and a paragraph', paragraph(4) + '\n\n- a\n- b\n\n' + paragraph(3)],
  ];
  itStreamsAsIfWhole(docs);
});

describe('a growing paragraph reuses its finished lines', () => {
  it('keeps the inline tokens of finished lines as the same objects', () => {
    // Tokens of lines that ended two lines (up to 24 tokens) before the previous update's end are final.
    const tokens = expectFinishedPartsReused(paragraph(200), 40, 29, 24, (t) => (t.type === 'paragraph' ? t.tokens : undefined));
    expect(tokens).toBeGreaterThan(1000);
  });
});

describe('a block is frozen only once the block after it has certainly started', () => {
  // Each of these once froze the first paragraph on a start the finished text does not have, so the
  // completed reply rendered as two paragraphs where a fresh lex shows one.
  const docs: [string, string][] = [
    ['a dropped `[` that made the next line look like a quote', 'word\n[>word'],
    ['a fence line that turns out to have a backtick in its info string', 'word\n```word`'],
    ['a line being typed that looks like a list marker', 'word\n1\\. item'],
    ['a heading after a paragraph', 'para one\n# Heading **bold\nmore'],
    ['a list, a blank line and a number that becomes its next item', '1. a\n\n2. b\n\n3'],
  ];
  itStreamsAsIfWhole(docs, [1]);

  it('freezes a list once the paragraph after its blank line begins with a letter (no item can start so)', () => {
    const blocks = createMarkdownBlocks();
    const [first] = blocks.update(list(50) + '\n\nThen a [lin', true);
    const [again] = blocks.update(list(50) + '\n\nThen a [link](https://x.example) and', true);
    expect(again).toBe(first);
  });

  it('freezes after a blank line at once, so a reply of short paragraphs stays incremental', () => {
    const blocks = createMarkdownBlocks();
    const [first] = blocks.update('One **bold** paragraph.\n\nNext [lin', true);
    const [again] = blocks.update('One **bold** paragraph.\n\nNext [link](https://x.example) and', true);
    expect(again).toBe(first);
  });
});
