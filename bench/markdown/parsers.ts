// Full-document parse time of the candidate parsers on the same answer: marked's lexer (what
// <StreamingMessage> and streamdown's block splitter use) vs micromark + mdast with GFM (what
// remark-parse + remark-gfm, i.e. react-markdown and streamdown's per-block pipeline, run).
import { Lexer } from 'marked';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { buildAnswer } from './corpus.ts';

function medianTime(fn: () => unknown, runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

export function compareParsers(totalChars: number): { marked: number; micromark: number; chars: number } {
  const text = buildAnswer(totalChars);
  return {
    chars: text.length,
    marked: medianTime(() => new Lexer({ gfm: true }).lex(text)),
    micromark: medianTime(() => fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })),
  };
}
