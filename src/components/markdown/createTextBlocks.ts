/** Plain-text blocks: one entry per paragraph (text between blank lines). */
export interface TextBlocks {
  /** Returns the paragraphs of `content`; finished paragraphs are the same strings as last time. */
  update(content: string): string[];
}

/**
 * Splits plain text into paragraphs incrementally, so a long reply is many small DOM subtrees instead of
 * one growing text node (whose layout cost grows with the square of its length).
 */
export function createTextBlocks(): TextBlocks {
  let final: string[] = [];
  let finalSource = '';
  let last: { content: string; blocks: string[] } | undefined;
  return {
    update(content) {
      if (last?.content === content) return last.blocks;
      if (content.slice(0, finalSource.length) !== finalSource) {
        final = [];
        finalSource = '';
      }
      const tail = content.slice(finalSource.length);
      const parts = tail.split(/\n[ \t]*\n\s*/);
      // The last part may still grow (or be followed by a blank line that is still arriving).
      let consumed = 0;
      for (let i = 0; i < parts.length - 1; i++) {
        const part = parts[i] ?? '';
        const at = tail.indexOf(parts[i + 1] ?? '', consumed + part.length);
        consumed = at;
        if (part.trim() !== '') final.push(part);
      }
      finalSource = content.slice(0, finalSource.length + consumed);
      const rest = parts.at(-1) ?? '';
      const blocks = rest.trim() === '' ? final.slice() : [...final, rest];
      last = { content, blocks };
      return blocks;
    },
  };
}
