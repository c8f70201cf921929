// Fenced code seen line by line, without a lexer: the healer leaves an open fence alone (it already
// renders as code) and limitNesting skips fenced lines.

export const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/** The fence run opening or closing a code block on this line, with what follows it (the info string). */
export function fenceOf(line: string): { char: string; length: number; rest: string } | undefined {
  // Indentation and blockquote markers in any mix: "  > > ```js".
  let i = 0;
  while (isBlank(line[i]) || line[i] === '>') i++;
  const char = line[i];
  if (char !== '`' && char !== '~') return undefined;
  let end = i;
  while (line[end] === char) end++;
  return end - i >= 3 ? { char, length: end - i, rest: line.slice(end) } : undefined;
}

function isQuoted(line: string): boolean {
  let i = 0;
  while (isBlank(line[i])) i++;
  return line[i] === '>';
}

/** True when the text ends inside a fenced code block that has not been closed yet. */
export function endsInsideFence(src: string): boolean {
  let open: { char: string; length: number; quoted: boolean } | undefined;
  let start = 0;
  while (start <= src.length) {
    let end = src.indexOf('\n', start);
    if (end === -1) end = src.length;
    const line = src.slice(start, end);
    // A fence opened in a blockquote ends with the quote: its content has no lazy lines.
    if (open?.quoted && !isQuoted(line)) open = undefined;
    // Fast path: fence lines contain three backticks or tildes; most lines don't.
    if (line.includes('```') || line.includes('~~~')) {
      const fence = fenceOf(line);
      if (fence) {
        if (open === undefined) {
          // "Info strings for backtick code blocks cannot contain backticks."
          if (!(fence.char === '`' && fence.rest.includes('`'))) open = { char: fence.char, length: fence.length, quoted: isQuoted(line) };
        } else if (fence.char === open.char && fence.length >= open.length && fence.rest.trim() === '') {
          open = undefined;
        }
      }
    }
    start = end + 1;
  }
  return open !== undefined;
}
