// marked lexes blockquotes and list items by recursion, one level per container marker, so one line of
// `">"`×2,000, `"- "`×2,000 or `"1. "`×2,000 overflows the stack. Nesting that deep has no meaning to a
// reader; past MAX_NESTING_DEPTH markers on a line, the next marker is escaped and the rest of the line
// is its text. Lines inside fenced code are never touched.

/** Container markers (`>`, `-`, `1.`) honoured on one line; deeper ones show as text. */
export const MAX_NESTING_DEPTH = 16;

import { fenceOf } from './endsInsideFence.ts';

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Index where the marker at `i` would need a backslash to be read as text, or -1 if `i` starts no marker. */
function markerAt(line: string, i: number): { escapeAt: number; end: number } | undefined {
  const c = line[i];
  if (c === '>') return { escapeAt: i, end: i + 1 };
  if ((c === '-' || c === '+' || c === '*') && (isBlank(line[i + 1]) || i + 1 === line.length)) {
    return { escapeAt: i, end: i + 1 };
  }
  let j = i;
  while (isDigit(line[j]) && j - i < 9) j++;
  if (j > i && (line[j] === '.' || line[j] === ')') && (isBlank(line[j + 1]) || j + 1 === line.length)) {
    return { escapeAt: j, end: j + 1 };
  }
  return undefined;
}

function limitLine(line: string): string {
  let depth = 0;
  let i = 0;
  for (;;) {
    while (isBlank(line[i])) i++;
    const marker = markerAt(line, i);
    if (!marker) return line;
    if (++depth > MAX_NESTING_DEPTH) return `${line.slice(0, marker.escapeAt)}\\${line.slice(marker.escapeAt)}`;
    i = marker.end;
  }
}

/**
 * Returns `src` with container nesting deeper than {@link MAX_NESTING_DEPTH} markers per line escaped.
 * One linear pass; the text is returned unchanged (same string) when no line is that deep. When
 * `inserted` is given, the output positions of the added backslashes are pushed to it (ascending).
 */
export function limitNesting(src: string, inserted?: number[]): string {
  // Cheap exit: a line this deep needs at least MAX_NESTING_DEPTH markers.
  if (src.length < MAX_NESTING_DEPTH) return src;
  let out: string[] | undefined;
  let fence: { char: string; length: number } | undefined;
  let start = 0;
  let copied = 0;
  while (start <= src.length) {
    let end = src.indexOf('\n', start);
    if (end === -1) end = src.length;
    const line = src.slice(start, end);
    const run = line.includes('``') || line.includes('~~') ? fenceOf(line) : undefined;
    if (fence) {
      if (run && run.char === fence.char && run.length >= fence.length && run.rest.trim() === '') fence = undefined;
    } else if (run && !(run.char === '`' && run.rest.includes('`'))) {
      fence = { char: run.char, length: run.length };
    } else if (end - start > MAX_NESTING_DEPTH) {
      const limited = limitLine(line);
      if (limited !== line) {
        out ??= [];
        out.push(src.slice(copied, start), limited);
        if (inserted) {
          let at = 0;
          while (limited[at] === line[at]) at++;
          inserted.push(start + inserted.length + at);
        }
        copied = end;
      }
    }
    start = end + 1;
  }
  if (!out) return src;
  out.push(src.slice(copied));
  return out.join('');
}
