// Display-only repair of a markdown tail that is still being typed. The input always starts at a block
// boundary (it is the unfinished tail of the reply), and only its last paragraph is inspected, so the
// cost is proportional to the tail, not to the reply.

const FENCE_LINE = /^[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})(.*)$/;
// A last line that is only the beginning of a block marker: a bullet, a setext underline or thematic
// break in progress, an ordered-list number, a fence or emphasis run of one or two characters, or a heading
// marker with no text yet (an empty <h2> holding only the caret fails axe's empty-heading rule).
const PARTIAL_MARKER_LINE = /^[ \t]{0,3}(?:[-+*] ?|[-=_*~`]{1,2}|\d{1,9}[.)] ?|>|#{1,6})[ \t]*$/;
// Prefixes after which a new inline context starts: list items, headings, blockquotes.
const BLOCK_PREFIX = /^[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?|#{1,6}[ \t]+|(?:>[ \t]?)+)/;
const TABLE_LINE = /^[ \t]*\|/;
const TABLE_DELIMITER_PARTIAL = /^[ \t]*\|?[ \t]*:?-*:?[ \t]*(?:\|[ \t]*:?-*:?[ \t]*)*\|?[ \t]*$/;

/** True when the text ends inside a fenced code block that has not been closed yet. */
export function endsInsideFence(src: string): boolean {
  let open: { char: string; length: number } | undefined;
  let start = 0;
  while (start <= src.length) {
    let end = src.indexOf('\n', start);
    if (end === -1) end = src.length;
    // Fast path: fence lines contain three backticks or tildes; most lines don't.
    const line = src.slice(start, end);
    if (line.includes('```') || line.includes('~~~')) {
      const match = FENCE_LINE.exec(line);
      if (match) {
        const run = match[1] ?? '';
        const rest = match[2] ?? '';
        if (open === undefined) {
          // "Info strings for backtick code blocks cannot contain backticks."
          if (!(run[0] === '`' && rest.includes('`'))) open = { char: run[0] ?? '`', length: run.length };
        } else if (run[0] === open.char && run.length >= open.length && rest.trim() === '') {
          open = undefined;
        }
      }
    }
    start = end + 1;
  }
  return open !== undefined;
}

interface Opener {
  kind: 'emphasis' | 'bracket';
  char: string;
  length: number;
  pos: number;
  image?: boolean;
}

const isSpace = (c: string | undefined) => c === undefined || c === '' || /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

function paragraphStart(src: string): number {
  const blank = src.lastIndexOf('\n\n');
  let start = blank === -1 ? 0 : blank + 2;
  // The last line that begins a list item, heading or quote opens a fresh inline context.
  let lineStart = src.length;
  while (lineStart > start) {
    const prev = src.lastIndexOf('\n', lineStart - 1);
    const from = prev < start ? start : prev + 1;
    const prefix = BLOCK_PREFIX.exec(src.slice(from, Math.min(src.length, from + 64)));
    if (prefix) return from + prefix[0].length;
    if (TABLE_LINE.test(src.slice(from, from + 8))) return from;
    lineStart = from - 1;
    if (from === start) break;
  }
  return start;
}

function healTable(src: string): string {
  const lineStart = src.lastIndexOf('\n') + 1;
  const last = src.slice(lineStart);
  if (!TABLE_LINE.test(last)) return src;
  const prevStart = lineStart === 0 ? -1 : src.lastIndexOf('\n', lineStart - 2) + 1;
  const prev = prevStart === -1 ? '' : src.slice(prevStart, lineStart - 1);
  const beforePrev = prevStart <= 0 ? '' : src.slice(src.lastIndexOf('\n', prevStart - 2) + 1, prevStart - 1);
  if (TABLE_LINE.test(prev) && !TABLE_LINE.test(beforePrev) && TABLE_DELIMITER_PARTIAL.test(last)) {
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
  const stack: Opener[] = [];
  let code: { length: number; pos: number } | undefined;
  let destination: { opener: Opener; close: number; depth: number } | undefined;
  let trailingBracket: { opener: Opener; close: number } | undefined;
  let cutAt = src.length;
  const n = src.length;
  let i = start;
  while (i < n) {
    const c = src[i];
    if (code) {
      if (c === '`') {
        let run = 1;
        while (src[i + run] === '`') run++;
        if (run === code.length) code = undefined;
        i += run;
      } else i++;
      continue;
    }
    if (destination) {
      if (c === '\\') i++;
      else if (c === '(') destination.depth++;
      else if (c === ')') {
        if (destination.depth === 0) destination = undefined;
        else destination.depth--;
      }
      i++;
      continue;
    }
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      let run = 1;
      while (src[i + run] === '`') run++;
      code = { length: run, pos: i };
      i += run;
      continue;
    }
    if (c === '*' || c === '_' || c === '~') {
      let run = 1;
      while (src[i + run] === c) run++;
      const prev = i > start ? src[i - 1] : undefined;
      const next = src[i + run];
      if (c === '~' && run !== 2) {
        i += run;
        continue;
      }
      let canOpen = !isSpace(next);
      let canClose = i > start && !isSpace(prev);
      if (c === '_') {
        canOpen &&= !isWordChar(prev);
        canClose &&= !isWordChar(next);
      }
      let remaining = run;
      if (canClose) {
        while (remaining > 0) {
          const top = stack.at(-1);
          if (!top || top.kind !== 'emphasis' || top.char !== c) break;
          const used = Math.min(top.length, remaining);
          top.length -= used;
          remaining -= used;
          if (top.length === 0) stack.pop();
        }
      }
      if (remaining > 0) {
        if (canOpen) stack.push({ kind: 'emphasis', char: c, length: Math.min(remaining, c === '~' ? 2 : 3), pos: i + run - remaining });
        else if (next === undefined) cutAt = Math.min(cutAt, i + run - remaining);
      }
      i += run;
      continue;
    }
    if (c === '[' || (c === '!' && src[i + 1] === '[')) {
      const image = c === '!';
      stack.push({ kind: 'bracket', char: '[', length: 1, pos: i, image });
      i += image ? 2 : 1;
      continue;
    }
    if (c === ']') {
      let k = stack.length - 1;
      while (k >= 0 && stack[k]?.kind !== 'bracket') k--;
      const opener = stack[k];
      if (opener) {
        // Emphasis left open inside the link text cannot close outside it.
        stack.length = k;
        if (src[i + 1] === '(') {
          destination = { opener, close: i, depth: 0 };
          i += 2;
          continue;
        }
        if (i + 1 === n) trailingBracket = { opener, close: i };
      }
      i++;
      continue;
    }
    i++;
  }

  const removed = new Set<number>();
  let suffix = '';
  const unfinishedLink = destination ?? trailingBracket;
  if (unfinishedLink) {
    const { opener, close } = unfinishedLink;
    if (opener.image) cutAt = Math.min(cutAt, opener.pos);
    else {
      removed.add(opener.pos);
      cutAt = Math.min(cutAt, close);
    }
  }
  for (const opener of stack) {
    if (opener.kind !== 'bracket' || opener.pos >= cutAt) continue;
    // "[text" with no "]" yet is a link being typed: show its text.
    if (opener.image) cutAt = Math.min(cutAt, opener.pos);
    else removed.add(opener.pos);
  }
  if (code && code.pos < cutAt) {
    if (src.slice(code.pos + code.length, cutAt).trim() === '') cutAt = code.pos;
    else suffix = '`'.repeat(code.length);
  }
  let body = '';
  let from = 0;
  for (const pos of [...removed].sort((a, b) => a - b)) {
    if (pos >= cutAt) break;
    body += src.slice(from, pos);
    from = pos + 1;
  }
  body += src.slice(from, cutAt);
  const shift = (pos: number) => {
    let s = pos;
    for (const r of removed) if (r < pos) s--;
    return s;
  };
  for (let k = stack.length - 1; k >= 0; k--) {
    const opener = stack[k];
    if (!opener || opener.kind !== 'emphasis' || opener.pos >= cutAt) continue;
    const at = shift(opener.pos);
    if (body.slice(at + opener.length).trim() === '') {
      body = body.slice(0, at);
      continue;
    }
    // A closer after whitespace is not right-flanking and would not close anything.
    if (suffix === '') body = body.trimEnd();
    suffix += opener.char.repeat(opener.length);
  }
  // Trailing whitespace of the tail is invisible once complete; keeping it would only add a text node
  // that the next token removes.
  return suffix === '' ? body.trimEnd() : body + suffix;
}
