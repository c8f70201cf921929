// The healer's inline scan: one linear pass that tracks emphasis and bracket openers (a bounded number),
// the open code span and a link destination being typed. healMarkdown.ts turns its result into the
// closers to append and the text to hold back; a growing paragraph asks whether a piece is neutral.

/**
 * Emphasis and bracket openers tracked at once. An unbounded stack made `"*a "`×n append n closers
 * (which the lexer then nested n deep) and `" *a]"`×n search n openers per `]`. Past the bound the
 * oldest openers are forgotten (they show literally until the reply completes them).
 */
export const MAX_HEAL_OPENERS = 16;

export interface Opener {
  kind: 'emphasis' | 'bracket';
  char: string;
  length: number;
  pos: number;
  image?: boolean;
}

export const isSpace = (c: string | undefined) => c === undefined || c === '' || /\s/.test(c);
export const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

export interface InlineScan {
  stack: Opener[];
  code: { length: number; pos: number } | undefined;
  destination: { opener: Opener; close: number; depth: number } | undefined;
  trailingBracket: { opener: Opener; close: number } | undefined;
  cutAt: number;
}

/**
 * True when the healer leaves `src` as it is and carries nothing past its end: no opener, code span or
 * link destination is still open. Healing a text that continues such a piece then equals the piece
 * followed by the healed continuation, which lets a growing paragraph heal only its unfinished part.
 */
export function healsNeutrally(src: string): boolean {
  const scan = scanInline(src, 0);
  return scan.stack.length === 0 && !scan.code && !scan.destination && !scan.trailingBracket && scan.cutAt === src.length;
}

/** One pass over `src` from `start`: the openers, code span and link still open at its end, and where healing must cut. */
export function scanInline(src: string, start: number): InlineScan {
  let stack: Opener[] = [];
  let code: { length: number; pos: number } | undefined;
  let destination: { opener: Opener; close: number; depth: number } | undefined;
  let trailingBracket: { opener: Opener; close: number } | undefined;
  let cutAt = src.length;
  const n = src.length;
  const push = (opener: Opener) => {
    // Keep the newest openers: they are the ones still being typed. Dropping half at once keeps this O(1)
    // amortized.
    if (stack.length === 2 * MAX_HEAL_OPENERS) stack = stack.slice(MAX_HEAL_OPENERS);
    stack.push(opener);
  };
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
        if (canOpen) push({ kind: 'emphasis', char: c, length: Math.min(remaining, c === '~' ? 2 : 3), pos: i + run - remaining });
        else if (next === undefined) cutAt = Math.min(cutAt, i + run - remaining);
      }
      i += run;
      continue;
    }
    if (c === '[' || (c === '!' && src[i + 1] === '[')) {
      const image = c === '!';
      push({ kind: 'bracket', char: '[', length: 1, pos: i, image });
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
  return { stack, code, destination, trailingBracket, cutAt };
}
