import { createContext, createElement, Fragment, memo, useContext, useState, type ReactNode } from 'react';
import type { MarkedToken, Token, Tokens } from 'marked';
import { useChatLabels } from '../labels.ts';
import { Caret } from './Caret.tsx';
import { CodeBlock } from './CodeBlock.tsx';
import { decodeEntities } from './decodeEntities.ts';
import type { MarkdownBlock } from './createMarkdownBlocks.ts';
import { isExternalUrl, sanitizeUrl } from './sanitizeUrl.ts';
import type { Highlighter, ImagePolicy, ImageProps, LinkProps, StreamingMessageComponents } from './types.ts';

function DefaultLink({ href, title, external, children }: LinkProps) {
  return (
    <a href={href} title={title} rel="noopener noreferrer" target={external ? '_blank' : undefined}>
      {children}
    </a>
  );
}

function DefaultImage({ src, alt, title, autoLoad }: ImageProps) {
  const [shown, setShown] = useState(false);
  const labels = useChatLabels();
  if (autoLoad || shown) return <img src={src} alt={alt} title={title} loading="lazy" referrerPolicy="no-referrer" />;
  // Nothing is fetched until the reader asks: the URL came from the model.
  return (
    <button type="button" className="rcs-image-placeholder" title={src} onClick={() => setShown(true)}>
      {alt ? `${labels.showImage}: ${alt}` : labels.showImage}
    </button>
  );
}

/** Whether `policy` lets an image at `src` load without a click. */
export function imageAutoLoads(src: string, policy: ImagePolicy): boolean {
  // A data: image is already in the page: loading it sends nothing anywhere.
  if (/^data:/i.test(src)) return true;
  if (policy === 'load') return true;
  if (policy === 'click') return false;
  try {
    const origin = new URL(src, globalThis.location?.href).origin;
    return policy.allowOrigins.some((allowed) => {
      try {
        return new URL(allowed).origin === origin;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/** Resolved renderers shared by all blocks of one message. */
export interface Renderers extends Required<StreamingMessageComponents> {
  highlight?: Highlighter;
  images: ImagePolicy;
}

export const DEFAULT_RENDERERS: Renderers = { code: CodeBlock, link: DefaultLink, image: DefaultImage, images: 'click' };

export const RenderersContext = createContext<Renderers>(DEFAULT_RENDERERS);

export { Caret };

interface Context {
  renderers: Renderers;
  /** The block is the growing tail of a streaming reply. */
  open: boolean;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

function isFenceClosed(raw: string): boolean {
  const open = FENCE_OPEN.exec(raw)?.[1];
  if (open === undefined) return true;
  const body = raw.trimEnd();
  const lastLine = body.slice(body.lastIndexOf('\n') + 1).trim();
  if (body.indexOf('\n') === -1) return false;
  return lastLine.length >= open.length && lastLine === (open[0] ?? '`').repeat(lastLine.length);
}

// A language name, nothing more: the info string is model output and must not pick classes or attributes.
const LANGUAGE = /^[\w+#.-]{1,32}$/;

function languageOf(token: Tokens.Code): string | undefined {
  // Decode first: "x&#32;evil" is two words once decoded, as the reader sees it.
  const word = decodeEntities(token.lang ?? '').trim().split(/\s/, 1)[0];
  return word && LANGUAGE.test(word) ? word : undefined;
}

function renderCode(token: Tokens.Code, context: Context, caret: boolean, key?: number): ReactNode {
  const complete = !context.open || (token.codeBlockStyle !== 'indented' && isFenceClosed(token.raw));
  let code = token.text;
  if (!complete) {
    // A closing fence being typed ("``") would show as a code line and then vanish.
    const lastLine = code.slice(code.lastIndexOf('\n') + 1);
    const fence = lastLine.trim();
    if (fence !== '' && (fence === '`'.repeat(fence.length) || fence === '~'.repeat(fence.length))) {
      code = code.slice(0, Math.max(0, code.lastIndexOf('\n')));
    }
  }
  // The info string is final once its line ends; before that "py" would flicker through to "python".
  const language = complete || token.raw.includes('\n') ? languageOf(token) : undefined;
  const Code = context.renderers.code;
  // While the reply streams inside an open fence, the caret belongs at the end of the code, in the block.
  // The default block draws it there; a custom renderer that ignores `caret` gets it after the block.
  const inside = caret && !complete;
  const node = (
    <Code key={key} code={code} language={language} complete={complete} highlight={context.renderers.highlight} caret={inside || undefined} />
  );
  return followedByCaret(node, caret && !(inside && Code === CodeBlock), key);
}

function renderLink(token: Tokens.Link, context: Context, key: number): ReactNode {
  const children = renderInline(token.tokens, context, token.autolink === true);
  const safe = sanitizeUrl(token.href, 'link');
  // A dropped URL leaves its text visible, so nothing the model wrote silently disappears.
  if (safe === undefined) return <span key={key} className="rcs-link-blocked">{children}</span>;
  // Autolink destinations are literal; others had their character references decoded by sanitizeUrl.
  const href = token.autolink ? token.href : safe;
  const Link = context.renderers.link;
  return (
    <Link key={key} href={href} title={token.title ? decodeEntities(token.title) : undefined} external={isExternalUrl(href)}>
      {children}
    </Link>
  );
}

function renderImage(token: Tokens.Image, context: Context, key: number): ReactNode {
  const alt = decodeEntities(token.text);
  const src = sanitizeUrl(token.href, 'image');
  if (src === undefined) return <span key={key} className="rcs-image-blocked">{alt}</span>;
  const Image = context.renderers.image;
  const autoLoad = imageAutoLoads(src, context.renderers.images);
  return <Image key={key} src={src} alt={alt} title={token.title ? decodeEntities(token.title) : undefined} autoLoad={autoLoad} />;
}

function renderInline(tokens: Token[] | undefined, context: Context, literal = false): ReactNode[] {
  if (!tokens) return [];
  return tokens.map((token, key) => renderInlineToken(token as Tokens.Generic, context, key, literal));
}

function renderInlineToken(token: Tokens.Generic, context: Context, key: number, literal: boolean): ReactNode {
  const t = token as MarkedToken;
  switch (t.type) {
    case 'text':
      if (t.tokens) return renderInline(t.tokens, context, literal);
      return literal ? t.text : decodeEntities(t.text);
    case 'escape':
      return t.text;
    case 'strong':
      return <strong key={key}>{renderInline(t.tokens, context)}</strong>;
    case 'em':
      return <em key={key}>{renderInline(t.tokens, context)}</em>;
    case 'del':
      return <del key={key}>{renderInline(t.tokens, context)}</del>;
    case 'codespan':
      return <code key={key} className="rcs-inline-code">{t.text}</code>;
    case 'br':
      return <br key={key} />;
    case 'link':
      return renderLink(t, context, key);
    case 'image':
      return renderImage(t, context, key);
    case 'checkbox':
      return <input key={key} type="checkbox" className="rcs-task-checkbox" checked={t.checked} disabled readOnly />;
    default:
      // Raw HTML (the tokenizer never emits it, but extensions could) and unknown tokens: their source, as text.
      return token.raw;
  }
}

// The element tree keeps the same shape with and without the caret: when the tail block becomes final
// it loses its caret, and a changed shape would remount it (new DOM nodes, a second highlight).
function withCaret(children: ReactNode, caret: boolean): ReactNode {
  return (
    <>
      {children}
      {caret ? <Caret /> : null}
    </>
  );
}

/** Puts the caret after a block that has no text to end with (code, rule). */
function followedByCaret(node: ReactNode, caret: boolean, key?: number): ReactNode {
  return (
    <Fragment key={key}>
      {node}
      {caret ? <Caret /> : null}
    </Fragment>
  );
}

function renderBlocks(tokens: Token[], context: Context, caret: boolean): ReactNode[] {
  let last = tokens.length - 1;
  while (last >= 0 && (tokens[last]?.type === 'space' || tokens[last]?.type === 'def')) last--;
  return tokens.map((token, key) => renderBlockToken(token, context, caret && key === last, key));
}

// A growing table or list keeps its finished rows and items as the same objects (growingBlock.ts); they
// render in memoized groups, so a flush re-renders the last group, not every row of a 200 KB table.
const PART_GROUP = 32;

interface PartGroupProps<T> {
  parts: readonly T[];
  /** Index in the whole block of `parts[0]`. */
  offset: number;
  /** Index within the group that holds the caret, or -1. */
  caretAt: number;
  context: Context;
  render: (part: T, index: number, context: Context, caret: boolean) => ReactNode;
}

function PartGroupImpl<T>({ parts, offset, caretAt, context, render }: PartGroupProps<T>) {
  return parts.map((part, i) => render(part, offset + i, context, i === caretAt));
}


const sameGroup = <T,>(a: PartGroupProps<T>, b: PartGroupProps<T>) =>
  a.caretAt === b.caretAt &&
  a.render === b.render &&
  a.offset === b.offset &&
  a.context.renderers === b.context.renderers &&
  a.context.open === b.context.open &&
  a.parts.length === b.parts.length &&
  a.parts.every((part, i) => part === b.parts[i]);

const PartGroup = memo(PartGroupImpl, sameGroup) as <T>(props: PartGroupProps<T>) => ReactNode;

// Past PART_GROUP² parts (a 200 KB paragraph has ~17,000 inline tokens) the groups are grouped once
// more, so a flush reconciles a few dozen components rather than hundreds. Two levels at most.
const SUPER_GROUP = PART_GROUP * PART_GROUP;

function PartSuperGroupImpl<T>({ parts, offset, caretAt, context, render }: PartGroupProps<T>) {
  return renderGroupsOf(parts, offset, context, caretAt, render);
}

const PartSuperGroup = memo(PartSuperGroupImpl, sameGroup) as <T>(props: PartGroupProps<T>) => ReactNode;

function renderGroupsOf<T>(parts: readonly T[], offset: number, context: Context, caretAt: number, render: PartGroupProps<T>['render']): ReactNode[] {
  const groups: ReactNode[] = [];
  for (let start = 0; start < parts.length; start += PART_GROUP) {
    const slice = parts.slice(start, start + PART_GROUP);
    const at = caretAt >= start && caretAt < start + PART_GROUP ? caretAt - start : -1;
    groups.push(<PartGroup key={start} parts={slice} offset={offset + start} caretAt={at} context={context} render={render} />);
  }
  return groups;
}

function renderGroups<T>(parts: readonly T[], context: Context, caretAt: number, render: PartGroupProps<T>['render']): ReactNode[] {
  if (parts.length <= SUPER_GROUP) return renderGroupsOf(parts, 0, context, caretAt, render);
  const groups: ReactNode[] = [];
  for (let start = 0; start < parts.length; start += SUPER_GROUP) {
    const slice = parts.slice(start, start + SUPER_GROUP);
    const at = caretAt >= start && caretAt < start + SUPER_GROUP ? caretAt - start : -1;
    groups.push(<PartSuperGroup key={start} parts={slice} offset={start} caretAt={at} context={context} render={render} />);
  }
  return groups;
}

// Module-level, so memoized groups see the same function on every render.
const renderInlinePart = (token: Token, index: number, context: Context): ReactNode => renderInlineToken(token as Tokens.Generic, context, index, false);

function renderItem(item: Tokens.ListItem, index: number, context: Context, caret: boolean): ReactNode {
  return (
    <li key={index} className={item.task ? 'rcs-task' : undefined} data-checked={item.task ? item.checked === true : undefined}>
      {renderBlocks(item.tokens, context, caret)}
    </li>
  );
}

function renderList(token: Tokens.List, context: Context, caret: boolean, key?: number): ReactNode {
  const items = renderGroups(token.items, context, caret ? token.items.length - 1 : -1, renderItem);
  if (token.ordered) {
    const start = token.start === '' || token.start === 1 ? undefined : token.start;
    return <ol key={key} start={start}>{items}</ol>;
  }
  return <ul key={key} className={token.items.some((i) => i.task) ? 'rcs-task-list' : undefined}>{items}</ul>;
}

const align = (cell: Tokens.TableCell) => (cell.align ? { textAlign: cell.align } : undefined);

function renderRow(row: Tokens.TableCell[], r: number, context: Context, caret: boolean): ReactNode {
  return (
    <tr key={r}>
      {row.map((cell, i) => (
        <td key={i} style={align(cell)}>
          {withCaret(renderInline(cell.tokens, context), caret && i === row.length - 1)}
        </td>
      ))}
    </tr>
  );
}

function renderTable(token: Tokens.Table, context: Context, caret: boolean, key?: number): ReactNode {
  const lastRow = token.rows.length - 1;
  return (
    // Focusable so a table wider than the message can be scrolled sideways from the keyboard (WCAG 2.1.1).
    <div key={key} className="rcs-table" tabIndex={0}>
      <table>
        <thead>
          <tr>
            {token.header.map((cell, i) => (
              <th key={i} style={align(cell)}>
                {withCaret(renderInline(cell.tokens, context), caret && lastRow < 0 && i === token.header.length - 1)}
              </th>
            ))}
          </tr>
        </thead>
        {token.rows.length > 0 ? <tbody>{renderGroups(token.rows, context, caret ? lastRow : -1, renderRow)}</tbody> : null}
      </table>
    </div>
  );
}

function renderBlockToken(token: Token, context: Context, caret: boolean, key?: number): ReactNode {
  const t = token as MarkedToken;
  switch (t.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
      // A growing paragraph keeps its finished lines' tokens (growingParagraph.ts): group them like rows.
      return <p key={key}>{withCaret(t.tokens.length > PART_GROUP ? renderGroups(t.tokens, context, -1, renderInlinePart) : renderInline(t.tokens, context), caret)}</p>;
    case 'text':
      // Tight list items hold their text without a paragraph.
      return <span key={key}>{withCaret(t.tokens ? renderInline(t.tokens, context) : decodeEntities(t.text), caret)}</span>;
    case 'heading':
      return createElement(`h${Math.min(6, Math.max(1, t.depth))}`, { key }, withCaret(renderInline(t.tokens, context), caret));
    case 'hr':
      return followedByCaret(<hr key={key} />, caret, key);
    case 'blockquote':
      return <blockquote key={key}>{renderBlocks(t.tokens, context, caret)}</blockquote>;
    case 'list':
      return renderList(t, context, caret, key);
    case 'table':
      return renderTable(t, context, caret, key);
    case 'code':
      return renderCode(t, context, caret, key);
    case 'checkbox':
      return <input key={key} type="checkbox" className="rcs-task-checkbox" checked={t.checked} disabled readOnly />;
    default:
      // Raw HTML blocks (never emitted by our tokenizer) and unknown blocks: their source, as text.
      return <p key={key} className="rcs-raw">{withCaret(token.raw, caret)}</p>;
  }
}

/**
 * One top-level block. Memoized: a finished block receives the same `block` object on every update, so it
 * is neither re-rendered nor touched in the DOM while the reply keeps growing.
 */
export const MarkdownBlockView = memo(function MarkdownBlockView({ block, caret }: { block: MarkdownBlock; caret: boolean }) {
  const renderers = useContext(RenderersContext);
  return <>{renderBlockToken(block.token, { renderers, open: block.open }, caret)}</>;
});
