// Display-only repair of a markdown tail that is still being typed. The input always starts at a block
// boundary (it is the unfinished tail of the reply), and only its last paragraph is inspected, so the
// cost is proportional to the tail, not to the reply. Model output is untrusted: every pass here is a
// single linear scan (no regex with adjacent unbounded runs, which backtrack quadratically or worse on
// a line that almost matches), and the number of closers it appends is bounded.

import { endsInsideFence, isBlank } from './endsInsideFence.ts';
import { isSpace, scanInline } from './scanInline.ts';

// A last line that is only the beginning of a block marker: a bullet, a setext underline or thematic
// break in progress, an ordered-list number, a fence or emphasis run of one or two characters, or a heading
// marker with no text yet (an empty <h2> holding only the caret fails axe's empty-heading rule).
const PARTIAL_MARKER_LINE = /^[ \t]{0,3}(?:[-+*] ?|[-=_*~`]{1,2}|\d{1,9}[.)] ?|>|#{1,6})[ \t]*$/;
// Prefixes after which a new inline context starts: list items, headings, blockquotes.
const BLOCK_PREFIX = /^[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?|#{1,6}[ \t]+|(?:>[ \t]?)+)/;
const TABLE_LINE = /^[ \t]*\|/;

/** A table delimiter row being typed: `|`, `| --- |:-`, `:--|--:`; cells of `:?-*:?` between pipes. */
function isPartialDelimiterRow(line: string): boolean {
  let cell = 0; // 0: before dashes, 1: in dashes, 2: after the closing colon or trailing blanks
  let colonSeen = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '|') {
      cell = 0;
      colonSeen = false;
    } else if (isBlank(c)) {
      if (cell === 1 || colonSeen) cell = 2;
    } else if (c === ':') {
      if (cell === 2) return false;
      if (cell === 0 && !colonSeen) colonSeen = true;
      else cell = 2;
    } else if (c === '-') {
      if (cell === 2) return false;
      cell = 1;
    } else return false;
  }
  return true;
}

function isBlankLine(src: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) if (!isBlank(src[i])) return false;
  return true;
}

/** `===`, `---` or a thematic break (`* * *`, `___`): one marker character repeated, blanks between. */
function isUnderlineOrBreak(src: string, from: number, end: number): boolean {
  let i = from;
  while (i < end && i - from < 4 && isBlank(src[i])) i++;
  const marker = src[i];
  if (marker !== '=' && marker !== '-' && marker !== '*' && marker !== '_') return false;
  let count = 0;
  for (; i < end; i++) {
    if (src[i] === marker) count++;
    else if (!isBlank(src[i])) return false;
  }
  return marker === '=' || marker === '-' ? count >= 1 : count >= 3;
}

function paragraphStart(src: string): number {
  const blank = src.lastIndexOf('\n\n');
  let start = blank === -1 ? 0 : blank + 2;
  // The last line that begins a list item, heading or quote opens a fresh inline context.
  let lineStart = src.length;
  while (lineStart > start) {
    const prev = src.lastIndexOf('\n', lineStart - 1);
    const from = prev < start ? start : prev + 1;
    // A line of blanks is a blank line too, and a setext underline or thematic break ends the text above
    // it: the paragraph starts after either.
    if (lineStart < src.length && (isBlankLine(src, from, lineStart) || isUnderlineOrBreak(src, from, lineStart))) return lineStart + 1;
    const prefix = BLOCK_PREFIX.exec(src.slice(from, Math.min(src.length, from + 64)));
    if (prefix) {
      // A heading is one line: the lines after it are a paragraph of their own.
      const end = src.indexOf('\n', from);
      if (prefix[0].trimStart().startsWith('#') && end !== -1) return end + 1;
      return from + prefix[0].length;
    }
    if (TABLE_LINE.test(src.slice(from, from + 8))) return from;
    lineStart = from - 1;
    if (from === start) break;
  }
  return start;
}

/** True when no line of `src` starts a fresh inline context for the healer (a list item, heading, quote or table row). */
export function hasNoInlineContextLine(src: string): boolean {
  for (let from = 0; from < src.length; ) {
    const end = src.indexOf('\n', from);
    if (BLOCK_PREFIX.test(src.slice(from, from + 64)) || TABLE_LINE.test(src.slice(from, from + 8))) return false;
    if (end === -1) break;
    from = end + 1;
  }
  return true;
}

function healTable(src: string): string {
  const lineStart = src.lastIndexOf('\n') + 1;
  const last = src.slice(lineStart);
  if (!TABLE_LINE.test(last)) return src;
  const prevStart = lineStart === 0 ? -1 : src.lastIndexOf('\n', lineStart - 2) + 1;
  const prev = prevStart === -1 ? '' : src.slice(prevStart, lineStart - 1);
  const beforePrev = prevStart <= 0 ? '' : src.slice(src.lastIndexOf('\n', prevStart - 2) + 1, prevStart - 1);
  if (TABLE_LINE.test(prev) && !TABLE_LINE.test(beforePrev) && isPartialDelimiterRow(last)) {
    // Header typed, delimiter row in progress: complete the delimiter so the table appears at once.
    const cells = prev.trim().replace(/^\||\|$/g, '').split('|').length;
    return src.slice(0, lineStart) + '|' + ' --- |'.repeat(cells);
  }
  if (!TABLE_LINE.test(prev)) {
    // A lone header row would render as a paragraph of pipes and then jump into a table.
    return src.slice(0, lineStart);
  }
  return src;
}

/**
 * Repairs unfinished syntax at the end of a streaming markdown tail so that it renders as it will once
 * complete: a dangling `**`, `_`, `~~` or backtick is closed (or dropped when nothing follows it yet), a
 * half-typed link shows its text only, a half-typed image is hidden, and a trailing line that is only
 * the start of a block marker is held back. An open code fence is left alone: it already renders as code.
 */
export function healMarkdown(src: string): string {
  if (src === '' || endsInsideFence(src)) return src;
  let text = src;
  const lineStart = text.lastIndexOf('\n') + 1;
  if (PARTIAL_MARKER_LINE.test(text.slice(lineStart))) text = text.slice(0, lineStart);
  text = healTable(text);
  return healInline(text, paragraphStart(text));
}

function healInline(src: string, start: number): string {
  const scan = scanInline(src, start);
  const { stack, code, destination, trailingBracket } = scan;
  let cutAt = scan.cutAt;
  // At most 2 * MAX_HEAL_OPENERS + 1 positions: everything below is bounded work per opener.
  const removed: number[] = [];
  let suffix = '';
  const unfinishedLink = destination ?? trailingBracket;
  if (unfinishedLink) {
    const { opener, close } = unfinishedLink;
    if (opener.image) cutAt = Math.min(cutAt, opener.pos);
    else {
      removed.push(opener.pos);
      cutAt = Math.min(cutAt, close);
    }
  }
  for (const opener of stack) {
    if (opener.kind !== 'bracket' || opener.pos >= cutAt) continue;
    // "[text" with no "]" yet is a link being typed: show its text.
    if (opener.image) cutAt = Math.min(cutAt, opener.pos);
    else removed.push(opener.pos);
  }
  if (code && code.pos < cutAt) {
    if (src.slice(code.pos + code.length, cutAt).trim() === '') cutAt = code.pos;
    else suffix = '`'.repeat(code.length);
  }
  removed.sort((a, b) => a - b);
  const kept = removed.filter((pos) => pos < cutAt);
  let body = '';
  let from = 0;
  for (const pos of kept) {
    body += src.slice(from, pos);
    from = pos + 1;
  }
  body += src.slice(from, cutAt);
  const shift = (pos: number) => {
    let s = pos;
    for (const r of kept) if (r < pos) s--;
    return s;
  };
  // Index of the last non-blank character of body; body only ever shrinks from its end below.
  let lastText = body.length - 1;
  const settle = () => {
    while (lastText >= 0 && isSpace(body[lastText])) lastText--;
  };
  settle();
  for (let k = stack.length - 1; k >= 0; k--) {
    const opener = stack[k];
    if (!opener || opener.kind !== 'emphasis' || opener.pos >= cutAt) continue;
    const at = shift(opener.pos);
    if (lastText < at + opener.length) {
      body = body.slice(0, at);
      lastText = Math.min(lastText, at - 1);
      settle();
      continue;
    }
    // A closer after whitespace is not right-flanking and would not close anything.
    if (suffix === '') body = body.slice(0, lastText + 1);
    suffix += opener.char.repeat(opener.length);
  }
  // Trailing whitespace of the tail is invisible once complete; keeping it would only add a text node
  // that the next token removes.
  return suffix === '' ? body.trimEnd() : body + suffix;
}
