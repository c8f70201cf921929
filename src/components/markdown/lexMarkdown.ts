import { Lexer, Tokenizer, type Links, type Token, type Tokens } from 'marked';

// marked is the lexer; this file keeps untrusted text from turning its worst cases into a frozen or
// crashed page. Three guards, each for a measured failure:
// - GFM's email-autolink lookahead rescans the rest of a run of word characters at every text token,
//   so `"_a"`×n (one 64 KB "word") took seconds. No address is longer than 254 characters, so a block
//   holding a longer run is lexed without email autolinks.
// - Emphasis nested deeper than MAX_INLINE_DEPTH becomes text (each level is one recursion).
// - A block the lexer still fails on (a RangeError, an extension's bug) becomes plain text, alone.

/** Longest run of email-address characters a block may hold and still get email autolinks. */
export const MAX_EMAIL_RUN = 254;
/** Inline nesting (emphasis in emphasis in a link…) lexed as markdown; deeper content is text. */
export const MAX_INLINE_DEPTH = 32;

// The character class of GFM's email lookahead, as marked writes it (checked by a test).
const EMAIL_LOOKAHEAD = "(?=[a-zA-Z0-9.!#$%&'*+\\/=?_`{\\|}~-]+@)";
const EMAIL_CHARS = /[a-zA-Z0-9.!#$%&'*+/=?_`{|}~-]/;

function withoutEmail(rules: Tokenizer['rules']): Tokenizer['rules'] {
  const inline = rules.inline;
  const text = inline.text.source
    .replace(`|[^a-zA-Z0-9.!#$%&'*+\\/=?_\`{\\|}~-]${EMAIL_LOOKAHEAD}`, '')
    .replace(`|${EMAIL_LOOKAHEAD}`, '');
  // The last alternative of `url` is the bare email address.
  const url = inline.url.source.replace(/\|\^\[A-Za-z0-9\._\+-\]\+\(@\).*$/, '');
  return { ...rules, inline: { ...inline, text: new RegExp(text, inline.text.flags), url: new RegExp(url, inline.url.flags) } };
}

function longestEmailRun(src: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < src.length; i++) {
    if (EMAIL_CHARS.test(src[i] as string)) {
      if (++run > longest) longest = run;
    } else run = 0;
  }
  return longest;
}

// Raw HTML in model output is shown as text: without these rules '<' falls through to the text rule, so
// `<img onerror>` stays a visible string and is never turned into an html token at all.
class TextOnlyTokenizer extends Tokenizer {
  override html(): undefined {
    return undefined;
  }
  override tag(): undefined {
    return undefined;
  }
}

class GuardedLexer extends Lexer {
  #depth = 0;
  #tokenizer: Tokenizer;
  #rules: Tokenizer['rules'] | undefined;
  #rulesWithoutEmail: Tokenizer['rules'] | undefined;

  constructor() {
    const tokenizer = new TextOnlyTokenizer();
    // A fresh options object each time: the Lexer writes its tokenizer into the options it is given.
    super({ gfm: true, tokenizer });
    this.#tokenizer = tokenizer;
  }

  override inlineTokens(src: string, tokens: Token[] = []): Token[] {
    if (this.#depth === 0) {
      // A top-level inline run: one block's text. Pick its rules once, in one linear pass.
      const rules = (this.#rules ??= this.#tokenizer.rules);
      const long = src.length > MAX_EMAIL_RUN && longestEmailRun(src) > MAX_EMAIL_RUN;
      this.#tokenizer.rules = long ? (this.#rulesWithoutEmail ??= withoutEmail(rules)) : rules;
    } else if (this.#depth >= MAX_INLINE_DEPTH) {
      tokens.push({ type: 'text', raw: src, text: src } satisfies Tokens.Text);
      return tokens;
    }
    this.#depth++;
    try {
      return super.inlineTokens(src, tokens);
    } finally {
      this.#depth--;
    }
  }
}

function lexAll(src: string, links: Links): Token[] {
  const lexer = new GuardedLexer();
  Object.assign(lexer.tokens.links, links);
  return lexer.lex(src);
}

/** A block shown as its source text (the renderer's fallback for token types it does not know). */
export interface PlainBlockToken {
  type: 'rcs-plain';
  raw: string;
}

/**
 * Lexes markdown (GFM, raw HTML as text) into top-level tokens whose `raw`s concatenate to `src`.
 * Never throws: if the lexer fails, each blank-line-separated chunk is lexed alone and a chunk that
 * still fails becomes one `rcs-plain` token holding its source, so the rest keeps its formatting.
 */
export function lexMarkdown(src: string, links: Links): Token[] {
  try {
    return lexAll(src, links);
  } catch {
    // Fall through to per-chunk lexing.
  }
  const tokens: Token[] = [];
  let from = 0;
  while (from < src.length) {
    const blank = src.indexOf('\n\n', from);
    let end = blank === -1 ? src.length : blank + 2;
    while (src[end] === '\n') end++;
    const chunk = src.slice(from, end);
    try {
      for (const token of lexAll(chunk, links)) tokens.push(token);
    } catch {
      tokens.push({ type: 'rcs-plain', raw: chunk } satisfies PlainBlockToken as unknown as Token);
    }
    from = end;
  }
  return tokens;
}
