import type { Token, Tokens } from 'marked';
import { hasNoInlineContextLine } from './healMarkdown.ts';
import { healsNeutrally, isWordChar } from './scanInline.ts';
import { INLINE_WORK_BASE_CHARS, INLINE_WORK_PER_CHAR, longestEmailRun, MAX_EMAIL_RUN, type InlineBudget } from './lexMarkdown.ts';
import { limitNesting } from './limitNesting.ts';

// A growing paragraph is cut at line starts: the lines before a cut keep their inline tokens (the same
// objects, which the renderer memoizes) and only the text after it is healed and lexed again. A cut is
// taken only where appended text provably cannot reach back across it:
// - inline: every delimiter before it belongs to a finished construct (no literal `*_~\`[]<` left in
//   top-level text, none of `` `[]< `` in nested text), so no opener waits for a closer to come;
// - the healer's scan is neutral there, so healing the whole equals the kept lines plus the healed rest;
// - nothing else sees across it: no nesting escapes, fence-like or table/list/quote-looking lines,
//   long email runs (which switch the whole paragraph's rules), and the budget of delimiter scanning
//   is carried over as an upper bound so the guard trips exactly where a whole lex would;
// - the line after it starts with a letter or digit: not a block marker, never removed by healing, and
//   the line before it is followed by text (a hard break's lookahead is settled).
// A paragraph that fails these keeps growing without new cuts: correct, just not incremental.

/** Lexes a piece of markdown as the block cache does, with an inline budget carried over. */
export type LexParagraphPiece = (source: string, inline: InlineBudget) => Token[];

export interface ParagraphState {
  /** Source from the paragraph's start covered by `done`; ends at a line start. */
  prefix: string;
  /** Inline tokens of `prefix`; the last may be a text token split at the cut. */
  done: Token[];
  /** Upper bound of the scanning budget spent on `prefix`. */
  spent: number;
  /** A segment failed the checks: grow without cutting. */
  stuck: boolean;
}

export const createParagraphState = (): ParagraphState => ({ prefix: '', done: [], spent: 0, stuck: false });

const TOP_LEVEL_DELIMITERS = /[*_~`[\]<]/g;
const NESTED_DELIMITERS = /[`[\]<]/;
const FINISHED_INLINE = new Set(['strong', 'em', 'del', 'codespan', 'link', 'escape', 'image']);

/**
 * Index of the first character in top-level text that a later closer could still pair with, or -1. An
 * underscore inside a word (snake_case) neither opens nor closes emphasis, so it does not block a cut.
 */
function firstDelimiter(raw: string): number {
  TOP_LEVEL_DELIMITERS.lastIndex = 0;
  for (let match = TOP_LEVEL_DELIMITERS.exec(raw); match; match = TOP_LEVEL_DELIMITERS.exec(raw)) {
    const i = match.index;
    if (raw[i] !== '_' || !isWordChar(raw[i - 1]) || !isWordChar(raw[i + 1])) return i;
  }
  return -1;
}

/** No text inside `token` (at any depth, bounded by the lexer's inline depth) holds a nested delimiter. */
function nestedTextIsPlain(token: Token): boolean {
  const stack: Token[] = [token];
  while (stack.length > 0) {
    const t = stack.pop() as Tokens.Generic;
    if (t !== token && t.type === 'text' && NESTED_DELIMITERS.test(t.raw)) return false;
    if (t.tokens) for (const child of t.tokens) stack.push(child);
  }
  return true;
}

/** Backtick runs of one, in pairs, and balanced brackets and parentheses: no marked mask can span the cut. */
function balanced(segment: string): boolean {
  let parens = 0;
  let brackets = 0;
  let ticks = 0;
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '(') parens++;
    else if (c === ')') parens--;
    else if (c === '[') brackets++;
    else if (c === ']') brackets--;
    else if (c === '`') {
      if (segment[i + 1] === '`') return false;
      ticks++;
    } else if (c === '<') return false;
  }
  return parens === 0 && brackets === 0 && ticks % 2 === 0;
}

function segmentIsFinal(segment: string): boolean {
  return (
    !segment.includes('```') &&
    !segment.includes('~~~') &&
    balanced(segment) &&
    hasNoInlineContextLine(segment) &&
    limitNesting(segment) === segment &&
    longestEmailRun(segment) <= MAX_EMAIL_RUN &&
    healsNeutrally(segment)
  );
}

/** The last usable cut in `tokens` (the whole paragraph's), after `after`: [token index, offset in it, position]. */
function findCut(tokens: Token[], charAt: (i: number) => string | undefined, from: number, fromPos: number, after: number): [number, number, number] | undefined {
  let best: [number, number, number] | undefined;
  let pos = fromPos;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as Tokens.Generic;
    if (t.type === 'text') {
      const bad = firstDelimiter(t.raw);
      const limit = bad === -1 ? t.raw.length : bad;
      if (t.raw === t.text) {
        for (let k = t.raw.lastIndexOf('\n', limit - 1); k !== -1 && pos + k + 1 > after; k = k === 0 ? -1 : t.raw.lastIndexOf('\n', k - 1)) {
          if (isWordChar(charAt(pos + k + 1))) {
            best = k + 1 === t.raw.length ? [i + 1, 0, pos + k + 1] : [i, k + 1, pos + k + 1];
            break;
          }
        }
      }
      if (bad !== -1) break;
    } else if (t.type === 'br') {
      if (pos + t.raw.length > after && t.raw.endsWith('\n') && isWordChar(charAt(pos + t.raw.length))) best = [i + 1, 0, pos + t.raw.length];
    } else if (!FINISHED_INLINE.has(t.type) || !nestedTextIsPlain(t)) break;
    pos += t.raw.length;
  }
  return best;
}

/**
 * The paragraph lexed from `source` (its whole text from the block's start), reusing the tokens of the
 * lines before the last cut, or undefined when the piece is no longer one paragraph (lex it whole).
 */
export function growParagraph(state: ParagraphState, source: string, lex: LexParagraphPiece): Tokens.Paragraph | undefined {
  if (source.length <= state.prefix.length || source.slice(0, state.prefix.length) !== state.prefix) return undefined;
  const piece = source.slice(state.prefix.length);
  const budget: InlineBudget = { extra: INLINE_WORK_PER_CHAR * state.prefix.length - state.spent };
  const tokens = lex(piece, budget);
  const para = tokens[0];
  if (!para || para.type !== 'paragraph' || tokens.some((t, i) => i > 0 && t.type !== 'space')) return undefined;
  // The guard must trip where a whole lex would: with the carried budget left over, a whole lex never
  // ran out either, so both lexed without it.
  if (budget.left === undefined || budget.left <= 0 || longestEmailRun(para.text) > MAX_EMAIL_RUN) return undefined;

  const { done } = state;
  const own = (para as Tokens.Paragraph).tokens;
  const last = done[done.length - 1];
  const first = own[0];
  // A whole lex merges adjacent text into one token; so does the merge at the cut.
  const joined = last?.type === 'text' && first?.type === 'text';
  // concat, not spread: a memcpy of the (up to tens of thousands of) kept tokens instead of an iteration.
  const inline = joined
    ? done.slice(0, -1).concat([{ ...last, raw: last.raw + first.raw, text: (last as Tokens.Text).text + (first as Tokens.Text).text }], own.slice(1))
    : done.concat(own);
  const text = state.prefix + para.text;
  const merged: Tokens.Paragraph = { ...(para as Tokens.Paragraph), raw: state.prefix + para.raw, text, tokens: inline };

  if (!state.stuck) {
    // The done tokens' raws are the prefix: the search resumes at the last one (it may have been joined).
    const from = Math.max(0, done.length - 1);
    const fromPos = state.prefix.length - (done.length > 0 ? (done[from] as Token).raw.length : 0);
    // Read characters from the two parts: indexing `text` (a fresh concatenation) would flatten it, a
    // copy of the whole paragraph on every flush.
    const { prefix } = state;
    const charAt = (i: number) => (i < prefix.length ? prefix[i] : para.text[i - prefix.length]);
    const cut = findCut(inline, charAt, from, fromPos, prefix.length);
    if (cut) {
      const [index, offset, end] = cut;
      const segment = source.slice(state.prefix.length, end);
      if (segment === para.text.slice(0, segment.length) && segmentIsFinal(segment)) {
        const split = inline[index] as Tokens.Text | undefined;
        const kept = inline.slice(0, index);
        state.done = offset === 0 || !split ? kept : kept.concat([{ ...split, raw: split.raw.slice(0, offset), text: split.text.slice(0, offset) }]);
        state.spent += INLINE_WORK_BASE_CHARS + INLINE_WORK_PER_CHAR * para.text.length + budget.extra - budget.left;
        state.prefix += segment;
      } else state.stuck = true;
    }
  }
  return merged;
}
