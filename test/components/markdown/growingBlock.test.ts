import { describe, expect, it } from 'vitest';
import { createMarkdownBlocks } from '../../../src/components/markdown/createMarkdownBlocks.ts';

const table = (rows: number) =>
  '| Protocol | Status | Link |\n| :--- | ---: | --- |\n' +
  Array.from({ length: rows }, (_, i) => `| **p${i}** | ${i} ms | [doc ${i}](https://example.com/${i}) |`).join('\n');
const list = (items: number, bullet = '-') =>
  Array.from({ length: items }, (_, i) => `${bullet} item *${i}* with \`code\` and [a link](https://x.example/${i})`).join('\n');
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
  for (const [name, doc] of docs) {
    for (const step of [1, 3, 17]) {
      it(`${name}, streamed ${step} characters at a time`, () => streamAndCompare(doc, step));
    }
  }
});

describe('a growing table or list reuses its finished rows and items', () => {
  it('keeps every finished table row as the same object while the table grows', () => {
    const blocks = createMarkdownBlocks();
    const doc = table(200);
    let previous: unknown[] = [];
    for (let end = 60; end <= doc.length; end += 23) {
      const [block] = blocks.update(doc.slice(0, end), true);
      if (block?.token.type !== 'table') continue;
      const rows = block.token.rows as unknown[];
      // All rows but the last two of the previous update were finished then and must be reused.
      for (let i = 0; i < previous.length - 2; i++) expect(rows[i]).toBe(previous[i]);
      previous = rows;
    }
    expect(previous.length).toBeGreaterThan(190);
  });

  it('keeps every finished list item as the same object while the list grows', () => {
    const blocks = createMarkdownBlocks();
    const doc = list(200);
    let previous: unknown[] = [];
    for (let end = 10; end <= doc.length; end += 31) {
      const [block] = blocks.update(doc.slice(0, end), true);
      if (block?.token.type !== 'list') continue;
      const items = block.token.items as unknown[];
      for (let i = 0; i < previous.length - 2; i++) expect(items[i]).toBe(previous[i]);
      previous = items;
    }
    expect(previous.length).toBeGreaterThan(190);
  });
});
