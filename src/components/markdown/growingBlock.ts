import type { Token, Tokens } from 'marked';
import { createParagraphState, growParagraph, type ParagraphState } from './growingParagraph.ts';
import type { InlineBudget } from './lexMarkdown.ts';

// A reply that streams one huge block (a 200 KB table or tight list) would otherwise be re-lexed and
// re-rendered whole on every flush. Rows and items end at known places: once a row's line has ended, or
// a later item has begun, appended text can no longer change them. So they are kept (the same objects,
// which the renderer memoizes) and only the text after the last finished one is lexed again, behind the
// table's header lines so it lexes as rows of the same table. Anything the merge cannot vouch for (the
// block ended, a list turned loose, a different bullet) returns undefined and the caller lexes it whole.
// A paragraph keeps its finished lines' inline tokens instead (growingParagraph.ts).

/** Lexes a piece of markdown the way the block cache does (nesting limit, healing, guarded lexer). */
export type LexPiece = (source: string, inline?: InlineBudget) => Token[];

interface Grown {
  kind: 'table' | 'list';
  /** Source (as in the content) from the block's start covered by the finished parts (and table head). */
  prefix: string;
  /** The table's header and delimiter lines, lexed again in front of each new piece. */
  head: string;
  /** Finished rows or items, in order; reused by identity. */
  done: unknown[];
  header?: Tokens.TableCell[];
  /** Lists: the first item's marker, numbering and order, which the whole list keeps. */
  bullet?: string;
  start?: number | '';
  ordered?: boolean;
}

/** The incremental lexer of the tail block; `start` it on a block, then `grow` it on each update. */
export interface GrowingBlock {
  /** Starts tracking `token`, the open block that `tail` (its source) begins with. */
  start(token: Token, tail: string): void;
  /** The block lexed from `tail` reusing its finished rows or items, or undefined (lex it whole). */
  grow(tail: string, lex: LexPiece): Token | undefined;
  stop(): void;
}

const isRendered = (token: Token) => token.type !== 'space' && token.type !== 'def';

/** The marker character of a list item: `-`, `*`, `+`, or the `.`/`)` after an ordered number. */
function bulletOf(raw: string): string {
  let i = 0;
  while (raw[i] === ' ' || raw[i] === '\t') i++;
  while (raw[i] !== undefined && (raw[i] as string) >= '0' && (raw[i] as string) <= '9') i++;
  return raw[i] ?? '';
}

/** `text` before `end` ends in a blank line (then only whitespace). Scans back over whitespace only. */
export function endsWithBlankLine(text: string, end = text.length): boolean {
  let newlines = 0;
  for (let i = end - 1; i >= 0 && /\s/.test(text[i] as string); i--) if (text[i] === '\n' && ++newlines === 2) return true;
  return false;
}

/** Index just past the `count`-th newline of `text` (from `from`), or -1. */
export function afterNewlines(text: string, count: number, from = 0): number {
  let at = from;
  for (let n = 0; n < count; n++) {
    const nl = text.indexOf('\n', at);
    if (nl === -1) return -1;
    at = nl + 1;
  }
  return at;
}

export function createGrowingBlock(): GrowingBlock {
  let state: Grown | undefined;
  let paragraph: ParagraphState | undefined;

  function growTable(s: Grown, piece: string, t: Tokens.Table): Token | undefined {
    s.header ??= t.header;
    if (t.header.length !== s.header.length) return undefined;
    const rows = (s.done as Tokens.TableCell[][]).concat(t.rows);
    const merged: Tokens.Table = { ...t, header: s.header, rows, raw: s.prefix + t.raw.slice(s.head.length) };
    // Every line of the piece is one row; all but the last have ended, so they are final.
    let lines = 1;
    for (let i = piece.indexOf('\n'); i !== -1; i = piece.indexOf('\n', i + 1)) lines++;
    // A piece ending in a newline ends in a finished row (and an empty line that is no row).
    const finished = lines - 1;
    if (lines - (piece.endsWith('\n') ? 1 : 0) === t.rows.length && finished > 0) {
      s.prefix += piece.slice(0, afterNewlines(piece, finished));
      s.done = (s.done as Tokens.TableCell[][]).concat(t.rows.slice(0, finished));
    }
    return merged;
  }

  function growList(s: Grown, piece: string, t: Tokens.List): Token | undefined {
    const first = t.items[0];
    if (t.loose || !first || t.ordered !== s.ordered || bulletOf(first.raw) !== s.bullet) return undefined;
    const done = s.done as Tokens.ListItem[];
    // A blank line after a finished item would make the whole list loose once another item follows.
    const lastDone = done[done.length - 1];
    if (lastDone && endsWithBlankLine(lastDone.raw)) return undefined;
    const merged: Tokens.List = { ...t, start: s.start ?? t.start, items: done.concat(t.items), raw: s.prefix + t.raw };
    // Items before the last are final once a later one has begun and their raws are the piece's start.
    const finished = t.items.slice(0, -1);
    let length = 0;
    for (const item of finished) length += item.raw.length;
    if (finished.length > 0 && !finished.some((item) => item.loose) && piece.slice(0, length) === finished.map((i) => i.raw).join('')) {
      s.prefix += piece.slice(0, length);
      s.done = done.concat(finished);
    }
    return merged;
  }

  return {
    start(token, tail) {
      state = undefined;
      paragraph = token.type === 'paragraph' ? createParagraphState() : undefined;
      if (token.type === 'table') {
        const headEnd = afterNewlines(tail, 2);
        if (headEnd > 0) state = { kind: 'table', prefix: tail.slice(0, headEnd), head: tail.slice(0, headEnd), done: [] };
      } else if (token.type === 'list' && !(token as Tokens.List).loose) {
        const list = token as Tokens.List;
        const first = list.items[0];
        if (first) state = { kind: 'list', prefix: '', head: '', done: [], bullet: bulletOf(first.raw), start: list.start, ordered: list.ordered };
      }
    },
    grow(tail, lex) {
      if (paragraph) return growParagraph(paragraph, tail, lex);
      const s = state;
      if (!s || tail.length <= s.prefix.length || tail.slice(0, s.prefix.length) !== s.prefix) return undefined;
      const piece = tail.slice(s.prefix.length);
      const tokens = lex(s.head + piece);
      const rendered = tokens.filter(isRendered);
      const token = rendered[0];
      if (rendered.length !== 1 || tokens[0] !== token || !token) return undefined;
      if (s.kind === 'table') return token.type === 'table' ? growTable(s, piece, token as Tokens.Table) : undefined;
      return token.type === 'list' ? growList(s, piece, token as Tokens.List) : undefined;
    },
    stop() {
      state = undefined;
      paragraph = undefined;
    },
  };
}
