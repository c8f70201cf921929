import { memo, useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import type { FinishReason, MessagePart, MessageStatus } from '../core/types.ts';
import { createMarkdownBlocks, type MarkdownBlock } from './markdown/createMarkdownBlocks.ts';
import { createTextBlocks } from './markdown/createTextBlocks.ts';
import { Caret, DEFAULT_RENDERERS, MarkdownBlockView, RenderersContext, type Renderers } from './markdown/MarkdownTokens.tsx';
import type { Highlighter, ImagePolicy, StreamingMessageComponents } from './markdown/types.ts';
import { MessageErrorBoundary } from './MessageErrorBoundary.tsx';
import { MessageParts, type PartComponents, type TextPartProps, type ToolRenderers } from './parts/MessageParts.tsx';

export type { CodeBlockProps, Highlighter, ImagePolicy, ImageProps, LinkProps, StreamingMessageComponents } from './markdown/types.ts';

/** Props of `<StreamingMessage>`; other `<div>` props are spread onto the root element. */
export interface StreamingMessageProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'content'> {
  /** The message text so far (append-only while streaming; any other change re-renders from scratch). */
  content: string;
  /** The message's status; the caret shows and `aria-busy` is true only while `'streaming'`. @default 'done' */
  status?: MessageStatus;
  /** `'markdown'` renders GFM markdown; `'text'` renders plain paragraphs. @default 'markdown' */
  format?: 'markdown' | 'text';
  /**
   * The reply's parts (reasoning, tool calls, sources, files, refusals, text), rendered in order; text parts
   * render like `content`. Without it, `content` is shown as one text part.
   */
  parts?: readonly MessagePart[] | undefined;
  /** Why the reply ended: `'length'` and `'content-filter'` add a notice once it is done. */
  finishReason?: FinishReason | undefined;
  /** Replace the code block, link or image renderer, or the renderer of a part kind. Pass stable components. */
  components?: (StreamingMessageComponents & PartComponents) | undefined;
  /** Renderers by tool name (`{ getWeather: WeatherCard }`) in place of the default tool card. Keep it stable. */
  tools?: ToolRenderers | undefined;
  /** Syntax highlighter for complete code blocks; none is bundled. Pass a stable function. */
  highlight?: Highlighter;
  /**
   * Which images load without a click. Model output is untrusted: an image URL in a reply is a tracking
   * and exfiltration channel (and a relative one a same-origin GET), so by default remote and relative
   * images show a "Show image" button and load only when clicked; `data:` images load at once. `'load'`
   * loads every image; `{ allowOrigins }` loads images from those origins (e.g. `'https://cdn.example'`).
   * Loaded images never send a referrer.
   * @default 'click'
   */
  images?: ImagePolicy;
}

const TextParagraph = memo(function TextParagraph({ text, caret }: { text: string; caret: boolean }) {
  const lines = text.split('\n');
  // Lines are separate children so a growing paragraph appends nodes instead of rewriting one text node.
  return (
    <p>
      {lines.map((line, i) => (
        <span key={i}>
          {i > 0 ? <br /> : null}
          {line}
        </span>
      ))}
      {caret ? <Caret /> : null}
    </p>
  );
});

// Finished blocks are rendered in fixed groups so that an update walks about GROUP_SIZE + n / GROUP_SIZE
// elements instead of every block of a long reply; groups are fragments, so the DOM stays flat.
const GROUP_SIZE = 64;

const BlockGroup = memo(function BlockGroup({ blocks, caretAt }: { blocks: MarkdownBlock[]; caretAt: number }) {
  return blocks.map((block, i) => <MarkdownBlockView key={i} block={block} caret={i === caretAt} />);
});

function MarkdownBody({ content, streaming, heal }: { content: string; streaming: boolean; heal: boolean }) {
  // The block cache is memoization, not state: for the same content it returns the same blocks, so
  // updating it during render stays idempotent (StrictMode double renders included).
  const [cache] = useState(() => ({ blocks: createMarkdownBlocks(), groups: [] as MarkdownBlock[][] }));
  const list = cache.blocks.update(content, streaming, heal);
  if (list.length === 0) return streaming ? <Caret /> : null;
  const groups: ReactNode[] = [];
  for (let start = 0, g = 0; start < list.length; start += GROUP_SIZE, g++) {
    const end = Math.min(start + GROUP_SIZE, list.length);
    const last = list[end - 1];
    let group = cache.groups[g];
    // A full group of final blocks keeps its array, so its memoized element skips rendering entirely.
    // Final blocks are never replaced in place, so checking the ends of the group is enough.
    const reusable = group !== undefined && group.length === end - start && group[0] === list[start] && group.at(-1) === last;
    if (!reusable) {
      group = list.slice(start, end);
      cache.groups[g] = end - start === GROUP_SIZE && last?.open === false ? group : [];
    }
    const caretAt = streaming && end === list.length ? end - start - 1 : -1;
    groups.push(<BlockGroup key={g} blocks={group as MarkdownBlock[]} caretAt={caretAt} />);
  }
  cache.groups.length = Math.ceil(list.length / GROUP_SIZE);
  return groups;
}

// Text parts render through these: memoized, so a finished text part skips while a later part grows.
const MarkdownText = memo(function MarkdownText({ text, streaming, status }: TextPartProps) {
  // A reply that ended early (stopped, failed) keeps the healed rendering it had while streaming.
  return <MarkdownBody content={text} streaming={streaming} heal={status !== 'done'} />;
});

const PlainText = memo(function PlainText({ text, streaming }: TextPartProps) {
  return <TextBody content={text} streaming={streaming} />;
});

function TextBody({ content, streaming }: { content: string; streaming: boolean }) {
  const [blocks] = useState(createTextBlocks);
  const list = blocks.update(content);
  if (list.length === 0) return streaming ? <Caret /> : null;
  return list.map((text, i) => <TextParagraph key={i} text={text} caret={streaming && i === list.length - 1} />);
}

/**
 * Renders one chat message while it streams: markdown parsed incrementally (finished blocks are lexed
 * once and never re-rendered), unfinished syntax healed for display, raw HTML shown as text, unsafe URLs
 * dropped, code blocks with a language label, a copy button and an optional highlighter. Works without
 * the stylesheet; `react-chat-stream/styles.css` adds the look, the caret blink and dark mode.
 * @example
 * const { messages } = useChatStream({ api: '/api/chat' });
 * return messages.map((m) => (
 *   <StreamingMessage key={m.id} content={m.content} status={m.status} />
 * ));
 */
export function StreamingMessage({
  content,
  status = 'done',
  format = 'markdown',
  parts,
  finishReason,
  tools,
  components,
  highlight,
  images = 'click',
  className,
  ...rest
}: StreamingMessageProps) {
  const streaming = status === 'streaming';
  const code = components?.code;
  const link = components?.link;
  const image = components?.image;
  const renderers = useMemo<Renderers>(
    () => ({
      code: code ?? DEFAULT_RENDERERS.code,
      link: link ?? DEFAULT_RENDERERS.link,
      image: image ?? DEFAULT_RENDERERS.image,
      highlight,
      images,
    }),
    [code, link, image, highlight, images],
  );
  return (
    <div
      {...rest}
      className={className ? `rcs-message ${className}` : 'rcs-message'}
      data-status={status}
      data-format={format}
      aria-busy={streaming}
    >
      <MessageErrorBoundary
        resetKey={`${status} ${format}`}
        // A renderer that threw (a lexer edge case, a custom component's bug) costs this message its
        // formatting, never its text, and never the page.
        fallback={<TextBody content={content} streaming={streaming} />}
      >
        <RenderersContext.Provider value={renderers}>
          <MessageParts
            parts={parts ?? [{ type: 'text', text: content }]}
            status={status}
            finishReason={finishReason}
            components={components}
            tools={tools}
            Text={format === 'text' ? PlainText : MarkdownText}
          />
        </RenderersContext.Provider>
      </MessageErrorBoundary>
    </div>
  );
}
