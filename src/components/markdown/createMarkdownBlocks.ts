import type { Links, Token } from 'marked';
import { afterNewlines, createGrowingBlock, endsWithBlankLine } from './growingBlock.ts';
import { healMarkdown } from './healMarkdown.ts';
import { lexMarkdown } from './lexMarkdown.ts';
import { limitNesting } from './limitNesting.ts';

/** One top-level markdown block, ready to render. */
export interface MarkdownBlock {
  /** The block's top-level token (never `space` or `def`). */
  token: Token;
  /**
   * True while the block is the growing tail of a streaming reply (its text may be healed and it may
   * still change); false once a later block has started, or the reply has ended.
   */
  open: boolean;
}

/** The incremental lexer behind `<StreamingMessage>`: call `update` with the whole text on every change. */
export interface MarkdownBlocks {
  /**
   * Returns the blocks of `content`. Blocks that were final in the previous call are returned as the very
   * same objects (so `React.memo` skips them); only the text after the last final block is lexed again.
   * `streaming` marks the tail block open; `heal` (default: `streaming`) repairs its unfinished syntax,
   * which a reply that was stopped or failed keeps so it does not change its rendering when it ends.
   */
  update(content: string, streaming: boolean, heal?: boolean): MarkdownBlock[];
}

const isRendered = (token: Token) => token.type !== 'space' && token.type !== 'def';
/** A letter (no list marker or indentation starts with one; digits may begin an ordered item). */
const isWordStart = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);

/**
 * Creates the block cache. Completed blocks are lexed once and kept; each update lexes only the tail
 * starting at the last block that may still change, so streaming a reply costs time linear in its length.
 *
 * A block is final when a later (non-blank) block has started after it: appended text can then no
 * longer reach it. That covers constructs that span blank lines: an open fence, a list followed by a
 * blank line, or indented code are all still the last block until something else begins.
 */
export function createMarkdownBlocks(): MarkdownBlocks {
  let final: MarkdownBlock[] = [];
  let finalSource = '';
  let links: Links = Object.create(null);
  let hasDefinitions = false;
  const growing = createGrowingBlock();
  let last: { content: string; streaming: boolean; heal: boolean; blocks: MarkdownBlock[] } | undefined;

  function reset() {
    final = [];
    finalSource = '';
    links = Object.create(null);
    hasDefinitions = false;
    growing.stop();
  }

  function compute(content: string, streaming: boolean, heal: boolean): MarkdownBlock[] {
    // Anything but an append (an edit, a regenerated reply) starts over. Equality of a slice is a
    // memcmp in V8, several times faster than startsWith on long strings.
    if (content.slice(0, finalSource.length) !== finalSource) reset();
    if (streaming) {
      // The open block alone, grown from its finished rows or items: no re-lexing of what cannot change.
      const grown = growing.grow(content.slice(finalSource.length), (piece, inline) => {
        const limited = limitNesting(piece);
        return lexMarkdown(heal ? healMarkdown(limited) : limited, links, inline);
      });
      if (grown) return [...final, { token: grown, open: true }];
    }
    growing.stop();
    const escapes: number[] = [];
    const tail = limitNesting(content.slice(finalSource.length), escapes);
    const source = heal ? healMarkdown(tail) : tail;
    const tokens = lexMarkdown(source, links);

    let lastIndex = tokens.length - 1;
    while (lastIndex >= 0 && tokens[lastIndex]?.type === 'space') lastIndex--;
    let length = 0;
    for (let i = 0; i < lastIndex; i++) length += tokens[i]?.raw.length ?? 0;
    // The blocks before the last are frozen only once the last block's start is certain: after a blank
    // line (which ends any block but those the lexer keeps open across it), or once the last block's first
    // line is complete (a table's first two: the delimiter row decides it) and reads the same healed or
    // not. A line still being typed can change what it starts ("```" becomes "```x`", not a fence), and
    // healing can fake a start (a dropped `[` turns "[>a" into a quote that ends the paragraph before).
    const lastToken = tokens[lastIndex];
    // A list goes on across a blank line when another item follows ("1. a\n\n2" becomes "2. b"), so after
    // a list a block that could still turn into an item is settled only by its complete first line.
    let before = lastIndex - 1;
    while (before >= 0 && tokens[before]?.type === 'space') before--;
    const mayJoinList = tokens[before]?.type === 'list' && !isWordStart(source[length]);
    const startsAfterBlank = !mayJoinList && endsWithBlankLine(source, length);
    const certainThrough = startsAfterBlank ? length : afterNewlines(source, lastToken?.type === 'table' ? 2 : 1, length);
    const frozen = lastIndex > 0 && certainThrough !== -1 && source.slice(0, certainThrough) === tail.slice(0, certainThrough) ? lastIndex : 0;
    for (let i = 0; i < frozen; i++) {
      const token = tokens[i] as Token;
      if (token.type === 'def') {
        hasDefinitions = true;
        links[token.tag] ??= { href: token.href, title: token.title };
      } else if (isRendered(token)) final.push({ token, open: false });
    }
    if (frozen > 0) {
      // Escapes limitNesting added are not in the content.
      let added = 0;
      while (added < escapes.length && (escapes[added] as number) < length) added++;
      finalSource = content.slice(0, finalSource.length + length - added);
    }

    const blocks = final.slice();
    for (let i = frozen; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (isRendered(token)) blocks.push({ token, open: false });
    }
    // Only the last block shown is open: when the blocks before the tail could not be frozen this round,
    // and when the tail shows nothing yet (a bullet being typed), in which case it is a frozen one.
    const tailBlock = blocks[blocks.length - 1];
    if (streaming && tailBlock) blocks[blocks.length - 1] = { token: tailBlock.token, open: true };
    const open = blocks[blocks.length - 1];
    // A paragraph's inline lexing sees the link definitions (marked masks reference links), so one that
    // follows definitions is lexed whole.
    const growable = open && (open.token.type !== 'paragraph' || !hasDefinitions);
    if (streaming && escapes.length === 0 && growable && blocks.length === final.length + 1) {
      growing.start(open.token, content.slice(finalSource.length));
    }
    if (!streaming && (hasDefinitions || tokens.some((token) => token.type === 'def'))) {
      // A reference may precede its definition; once the reply is complete, lex it whole once so such
      // links resolve in blocks that were frozen before the definition arrived.
      const whole = limitNesting(content);
      return lexMarkdown(heal ? healMarkdown(whole) : whole, Object.create(null))
        .filter(isRendered)
        .map((token) => ({ token, open: false }));
    }
    return blocks;
  }

  return {
    update(raw, streaming, heal = streaming) {
      const content = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
      if (last && last.content === content && last.streaming === streaming && last.heal === heal) return last.blocks;
      const blocks = compute(content, streaming, heal);
      last = { content, streaming, heal, blocks };
      return blocks;
    },
  };
}
