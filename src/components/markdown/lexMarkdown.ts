import { Lexer, Tokenizer, type Links, type Token, type Tokens } from 'marked';

// marked is the lexer; this file keeps untrusted text from turning its worst cases into a frozen or
// crashed page. Three guards, each for a measured failure:
// - GFM's email-autolink lookahead rescans the rest of a run of word characters at every text token,
//   so `"_a"`×n (one 64 KB "word") took seconds. No address is longer than 254 characters, so a block
//   holding a longer run is lexed without email autolinks.
// - marked's emphasis and strikethrough scan from each opener to the last possible closer, so n openers
//   that never close cost n² (`" *a]"`×n, `"_a"`×n, and worse once the healer appends a closer). Each
//   block gets a budget of scanning linear in its length; once spent, its remaining delimiters are text.
// - Autolinked URLs longer than MAX_AUTOLINK_CHARS stay text (marked trims their trailing punctuation
//   one run at a time, quadratic in the URL's length).
// - Emphasis nested deeper than MAX_INLINE_DEPTH becomes text (each level is one recursion).
// - A block the lexer still fails on (a RangeError, an extension's bug) becomes plain text, alone.

/** Longest run of email-address characters a block may hold and still get email autolinks. */
export const MAX_EMAIL_RUN = 254;
/** Inline nesting (emphasis in emphasis in a link…) lexed as markdown; deeper content is text. */
export const MAX_INLINE_DEPTH = 32;
/** Delimiter scanning allowed per block: this many characters per character of the block, plus the base. */
export const INLINE_WORK_PER_CHAR = 16;
export const INLINE_WORK_BASE_CHARS = 64 * 1024;
/** Longest bare URL turned into a link; longer ones show as text. */
export const MAX_AUTOLINK_CHARS = 1024;

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

/** The longest run of email-address characters in `src` (runs never cross a line break). */
export function longestEmailRun(src: string): number {
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
  constructor(private readonly budget: { left: number }) {
    super();
  }
  override html(): undefined {
    return undefined;
  }
  override tag(): undefined {
    return undefined;
  }
  override emStrong(src: string, maskedSrc: string, prevChar?: string): ReturnType<Tokenizer['emStrong']> {
    const run = () => super.emStrong(src, maskedSrc, prevChar);
    return this.#closesOnly(src, maskedSrc, prevChar, this.rules.inline.emStrongLDelim, true) ? run() : this.#scan(src, prevChar, run);
  }
  override del(src: string, maskedSrc: string, prevChar?: string): ReturnType<Tokenizer['del']> {
    const run = () => super.del(src, maskedSrc, prevChar);
    return this.#closesOnly(src, maskedSrc, prevChar, this.rules.inline.delLDelim, false) ? run() : this.#scan(src, prevChar, run);
  }

  /**
   * True for a run that marked rejects as an opener before scanning: followed by punctuation and
   * preceded by a letter or digit, as in "**bold**," (the rule is marked's own, checked with its
   * regexes). Charging these as full scans spent a long paragraph's budget on its closers, and after
   * ~2 KB of prose every later delimiter showed literally.
   */
  #closesOnly(src: string, maskedSrc: string, prevChar: string | undefined, leftDelimiter: RegExp, walkRun: boolean): boolean {
    // Only a run's first 64 characters and the character after it (two code units: an emoji) matter.
    let end = 1;
    while (src[end] === src[0] && end < 64) end++;
    if (end >= 64) return false;
    const match = leftDelimiter.exec(src.slice(0, end + 2));
    if (!match) return true;
    // emStrong: group 1 or 3 is the punctuation after a `*` or `_` run; del: group 1.
    if (!(match[1] || match[3])) return false;
    let before = prevChar ?? '';
    if (walkRun) {
      // marked looks at the character before the whole run (of at most 64 here: longer ones are charged).
      const at = maskedSrc.length - src.length;
      let start = at;
      while (start > 0 && maskedSrc[start - 1] === src[0] && at - start < 64) start--;
      if (at - start >= 64) return false;
      if (start < at) before = [...maskedSrc.slice(Math.max(0, start - 2), start)].at(-1) ?? '';
    }
    return before !== '' && before !== '*' && before !== '_' && !this.rules.inline.punctuation.test(before);
  }
  override url(src: string): ReturnType<Tokenizer['url']> {
    if (AUTOLINK_START.test(src)) {
      const end = Math.min(src.length, MAX_AUTOLINK_CHARS + 1);
      let i = 0;
      while (i < end && src.charCodeAt(i) > 32 && src[i] !== '<') i++;
      if (i > MAX_AUTOLINK_CHARS) return undefined;
    }
    return super.url(src);
  }

  /** Runs a delimiter scan if the block's budget allows, charging what it may have cost. */
  #scan<T extends { raw: string }>(src: string, prevChar: string | undefined, run: () => T | undefined): T | undefined {
    if (this.budget.left <= 0) return undefined;
    const c = src[0];
    // Called at every position of a delimiter run, so look at a bounded prefix of it only.
    let end = 1;
    while (src[end] === c && end < 64) end++;
    const next = src[end];
    // Only an opener followed by a non-blank (and, for "_", not inside a word) makes marked scan ahead.
    const scans = next !== undefined && !/\s/.test(next) && !(c === '_' && prevChar !== undefined && /[\p{L}\p{N}]/u.test(prevChar));
    if (!scans) return run();
    const token = run();
    this.budget.left -= token ? token.raw.length : src.length;
    return token;
  }
}

const AUTOLINK_START = /^(?:[hH][tT][tT][pP][sS]?|[fF][tT][pP]):\/\/|^www\./;

/**
 * Delimiter-scanning budget of a block lexed as the continuation of text lexed before it (a growing
 * paragraph): `extra` is added to its own budget, and `left` reports what remained afterwards.
 */
export interface InlineBudget {
  extra: number;
  left?: number;
}

class GuardedLexer extends Lexer {
  #depth = 0;
  #budget = { left: 0 };
  #tokenizer: Tokenizer;
  #rules: Tokenizer['rules'] | undefined;
  #rulesWithoutEmail: Tokenizer['rules'] | undefined;

  constructor(private readonly extra = 0) {
    const budget = { left: 0 };
    const tokenizer = new TextOnlyTokenizer(budget);
    // A fresh options object each time: the Lexer writes its tokenizer into the options it is given.
    super({ gfm: true, tokenizer });
    this.#tokenizer = tokenizer;
    this.#budget = budget;
  }

  get budgetLeft(): number {
    return this.#budget.left;
  }

  override inlineTokens(src: string, tokens: Token[] = []): Token[] {
    if (this.#depth === 0) {
      // A top-level inline run: one block's text. Pick its rules once, in one linear pass.
      const rules = (this.#rules ??= this.#tokenizer.rules);
      const long = src.length > MAX_EMAIL_RUN && longestEmailRun(src) > MAX_EMAIL_RUN;
      this.#tokenizer.rules = long ? (this.#rulesWithoutEmail ??= withoutEmail(rules)) : rules;
      this.#budget.left = INLINE_WORK_BASE_CHARS + INLINE_WORK_PER_CHAR * src.length + this.extra;
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

function lexAll(src: string, links: Links, inline?: InlineBudget): Token[] {
  const lexer = new GuardedLexer(inline?.extra);
  Object.assign(lexer.tokens.links, links);
  const tokens = lexer.lex(src);
  if (inline) inline.left = lexer.budgetLeft;
  return tokens;
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
export function lexMarkdown(src: string, links: Links, inline?: InlineBudget): Token[] {
  try {
    return lexAll(src, links, inline);
  } catch {
    // A budget left unknown: the caller must not build on this lex.
    if (inline) inline.left = -1;
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
