import { memo, startTransition, useEffect, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useIsomorphicLayoutEffect } from '../hooks/useIsomorphicLayoutEffect.ts';
import type { ChatMessage } from '../core/index.ts';
import { useChatLabels } from './labels.ts';
import { MessageRow, type MessageRowProps, type RenderMessage } from './MessageRow.tsx';
import { useStickToBottom, type StickToBottom } from './useStickToBottom.ts';

/** Props of `<MessageList>`. */
export interface MessageListProps extends HTMLAttributes<HTMLDivElement> {
  messages: ChatMessage[];
  /** Scroll following shared with a `<JumpToLatest>`; the list makes its own when omitted. */
  stick?: StickToBottom;
  /** Custom bubble content (keep it stable: rows are memoized on it). */
  renderMessage?: RenderMessage;
  /** Retry action for a failed reply (keep it stable). */
  onRetry?: () => void;
  /** Edit action on user messages (keep it stable). */
  onEdit?: (messageId: string, content: string) => void;
  /** Regenerate action on the last assistant reply, whatever its status (keep it stable). */
  onRegenerate?: (messageId: string) => void;
  /** Copy action on each reply. @default false */
  copyable?: boolean;
  /** Shown when there are no messages. */
  empty?: ReactNode;
  /** Also render `system` messages. @default false */
  showSystem?: boolean;
  /** Renderer overrides (markdown and part kinds) for assistant replies. Keep it stable. */
  components?: MessageRowProps['components'];
  /** Renderers by tool name (`{ getWeather: WeatherCard }`). Keep it stable. */
  tools?: MessageRowProps['tools'];
  /** Which images in replies load without a click (see `StreamingMessage`). Keep it stable. @default 'click' */
  images?: MessageRowProps['images'];
}

/**
 * The conversation as a focusable, scrollable `role="log"`. It is `aria-live="off"`: screen readers hear
 * `<ChatAnnouncer>` once per reply instead of every token. Long histories stay cheap because finished rows
 * are memoized and skip layout and paint off screen (`content-visibility: auto` in the stylesheet), while
 * every row stays in the DOM for find-in-page, the screen reader's reading cursor and keyboard scrolling.
 *
 * @example
 * <MessageList messages={chat.messages} onRetry={retry} aria-label="Conversation" />
 */
export function MessageList({
  messages,
  stick: sharedStick,
  renderMessage,
  onRetry,
  onEdit,
  onRegenerate,
  copyable = false,
  empty,
  showSystem = false,
  components,
  tools,
  images,
  className,
  children,
  ...rest
}: MessageListProps) {
  const ownStick = useStickToBottom();
  const stick = sharedStick ?? ownStick;
  const { follow } = stick;

  // Every commit may have grown the text: keep the end in view before paint (ResizeObserver covers
  // growth that happens outside React, such as late Markdown layout).
  useIsomorphicLayoutEffect(() => {
    follow();
  });

  const blocks: ChatMessage[][] = [];
  for (let start = 0; start < messages.length; start += MESSAGE_BLOCK_SIZE) {
    blocks.push(messages.slice(start, start + MESSAGE_BLOCK_SIZE));
  }
  const lastBlock = blocks.length - 1;
  const labels = useChatLabels();
  let lastReplyId: string | undefined;
  for (let i = messages.length - 1; i >= 0 && lastReplyId === undefined; i--) {
    if (messages[i]!.role === 'assistant') lastReplyId = messages[i]!.id;
  }

  // A long history mounts newest-first: the blocks on screen paint at once, the older ones follow in an
  // interruptible transition, so opening a 2,000-message chat does not freeze the page. After that every
  // row stays in the DOM.
  const [olderMounted, setOlderMounted] = useState(false);
  useEffect(() => {
    if (!olderMounted) startTransition(() => setOlderMounted(true));
  }, [olderMounted]);
  const firstBlock = olderMounted ? 0 : Math.max(0, blocks.length - INITIAL_BLOCKS);

  return (
    <div
      ref={stick.scrollRef}
      role="log"
      aria-live="off"
      aria-label={labels.conversation}
      tabIndex={0}
      className={className ? `rcs-messages ${className}` : 'rcs-messages'}
      data-at-bottom={stick.isAtBottom ? '' : undefined}
      {...rest}
    >
      <div ref={stick.contentRef} className="rcs-messages-content">
        {messages.length === 0 && empty}
        {blocks.map((block, index) =>
          index < firstBlock ? null : (
            <MessageBlock
              // Blocks are cut by position, so appending only ever changes the last one.
              key={index}
              messages={block}
              live={index === lastBlock}
              renderMessage={renderMessage}
              // Only the failed last reply can be regenerated in place; other blocks keep stable props.
              onRetry={index === lastBlock ? onRetry : undefined}
              onEdit={onEdit}
              // Only the block holding the last reply gets Regenerate, so the others keep stable props.
              regenerateId={onRegenerate && block.some((m) => m.id === lastReplyId) ? lastReplyId : undefined}
              onRegenerate={onRegenerate}
              copyable={copyable}
              showSystem={showSystem}
              components={components}
              tools={tools}
              images={images}
            />
          ),
        )}
        {children}
      </div>
    </div>
  );
}

/**
 * Rows per block. The history is cut into blocks so that a token touches one block: React skips the other
 * blocks in one comparison each, and the browser lays out a few dozen block boxes instead of every row
 * (off-screen blocks are `content-visibility: auto`, so they skip layout and paint too).
 */
export const MESSAGE_BLOCK_SIZE = 25;

/** Newest blocks rendered in the first commit of a long history; the rest follow in a transition. */
const INITIAL_BLOCKS = 2;

interface MessageBlockProps {
  messages: ChatMessage[];
  /** The last block: it holds the growing reply, so it is never skipped by the browser. */
  live: boolean;
  renderMessage: RenderMessage | undefined;
  onRetry: (() => void) | undefined;
  onEdit: ((messageId: string, content: string) => void) | undefined;
  /** The reply that offers Regenerate, when it is in this block. */
  regenerateId: string | undefined;
  onRegenerate: ((messageId: string) => void) | undefined;
  copyable: boolean;
  showSystem: boolean;
  components: MessageRowProps['components'];
  tools: MessageRowProps['tools'];
  images: MessageRowProps['images'];
}

function MessageBlockImpl({
  messages,
  live,
  renderMessage,
  onRetry,
  onEdit,
  regenerateId,
  onRegenerate,
  copyable,
  showSystem,
  components,
  tools,
  images,
}: MessageBlockProps) {
  const lastIndex = messages.length - 1;
  return (
    <div className="rcs-message-block" data-live={live ? '' : undefined}>
      {messages.map((message, index) =>
        message.role === 'system' && !showSystem && !renderMessage ? null : (
          <MessageRow
            key={message.id}
            message={message}
            renderMessage={renderMessage}
            onRetry={index === lastIndex && message.status === 'error' ? onRetry : undefined}
            onEdit={onEdit}
            onRegenerate={message.id === regenerateId ? onRegenerate : undefined}
            copyable={copyable}
            components={components}
            tools={tools}
            images={images}
          />
        ),
      )}
    </div>
  );
}

function blockPropsEqual(previous: MessageBlockProps, next: MessageBlockProps): boolean {
  if (
    previous.live !== next.live ||
    previous.renderMessage !== next.renderMessage ||
    previous.onRetry !== next.onRetry ||
    previous.onEdit !== next.onEdit ||
    previous.regenerateId !== next.regenerateId ||
    previous.onRegenerate !== next.onRegenerate ||
    previous.copyable !== next.copyable ||
    previous.showSystem !== next.showSystem ||
    previous.components !== next.components ||
    previous.tools !== next.tools ||
    previous.images !== next.images ||
    previous.messages.length !== next.messages.length
  ) {
    return false;
  }
  // The store keeps unchanged messages by identity, so this is one pointer comparison per row.
  return previous.messages.every((message, index) => message === next.messages[index]);
}

const MessageBlock = memo(MessageBlockImpl, blockPropsEqual);
