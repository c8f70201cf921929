import { memo, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import type { ChatMessage } from '../core/index.ts';
import { useIsomorphicLayoutEffect } from '../hooks/useIsomorphicLayoutEffect.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { MessageErrorBoundary } from './MessageErrorBoundary.tsx';
import { useChatLabels } from './labels.ts';
import { MessageActions } from './MessageActions.tsx';
import { MessageEditor } from './MessageEditor.tsx';
import { StreamingMessage, type StreamingMessageProps } from './StreamingMessage.tsx';

/**
 * Renders the inside of one message bubble in place of the default (plain text for the user, Markdown via
 * `<StreamingMessage>` for the assistant). Keep it stable (module scope or `useCallback`): rows are memoized
 * on it, and a new function each render re-renders every row.
 */
export type RenderMessage = (message: ChatMessage) => ReactNode;

/** Props of `<MessageRow>`. */
export interface MessageRowProps extends HTMLAttributes<HTMLElement> {
  message: ChatMessage;
  /** Custom bubble content. */
  renderMessage?: RenderMessage | undefined;
  /** Shown as the Retry action of a failed reply. */
  onRetry?: (() => void) | undefined;
  /** Offers Edit on a user message: an inline editor whose saved text this receives (keep it stable). */
  onEdit?: ((messageId: string, content: string) => void) | undefined;
  /** Offers Regenerate on an assistant reply that is not streaming (keep it stable). */
  onRegenerate?: ((messageId: string) => void) | undefined;
  /** Offers Copy on an assistant reply with text. @default false */
  copyable?: boolean | undefined;
  /** Renderer overrides (markdown and part kinds) for the assistant's `<StreamingMessage>`. Keep it stable. */
  components?: StreamingMessageProps['components'];
  /** Renderers by tool name for the assistant's tool calls. Keep it stable. */
  tools?: StreamingMessageProps['tools'];
  /** Which images in the assistant's reply load without a click (see `StreamingMessage`). Keep it stable. @default 'click' */
  images?: StreamingMessageProps['images'];
}

// A component of its own so that a throwing `renderMessage` throws inside the bubble's error boundary.
function BubbleBody({ message, renderMessage, components, tools, images }: { message: ChatMessage; renderMessage: RenderMessage | undefined } & Pick<MessageRowProps, 'components' | 'tools' | 'images'>) {
  if (renderMessage) return renderMessage(message);
  if (message.role === 'assistant') {
    return (
      <StreamingMessage
        content={message.content}
        status={message.status}
        parts={message.parts}
        finishReason={message.finishReason}
        components={components}
        tools={tools}
        images={images}
      />
    );
  }
  return <p className="rcs-message-text">{message.content}</p>;
}

function MessageRowImpl({ message, renderMessage, onRetry, onEdit, onRegenerate, copyable, components, tools, images, className, ...rest }: MessageRowProps) {
  const { role, status } = message;
  const labels = useChatLabels();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  // Focus goes back to Edit when the editor closes (saved or cancelled), never to <body>.
  const returnFocus = useRef(false);
  useIsomorphicLayoutEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);
  const closeEditor = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  return (
    <article
      className={className ? `rcs-row ${className}` : 'rcs-row'}
      data-role={role}
      data-status={status}
      aria-label={labels[role]}
      aria-busy={status === 'streaming' ? true : undefined}
      {...rest}
    >
      {/* A reply that ended before any text (a 400, a stop while connecting) shows no empty bubble. */}
      {editing ? (
        <MessageEditor
          initialValue={message.content}
          onCancel={closeEditor}
          onSave={(text) => {
            closeEditor();
            if (text !== message.content) onEdit?.(message.id, text);
          }}
        />
      ) : (
        // A finished empty reply (or one with only non-text parts) still gets a bubble: it says what it holds.
        (renderMessage || message.content !== '' || status === 'streaming' || (role === 'assistant' && (status === 'done' || !!message.parts?.length))) && (
          <div className="rcs-bubble">
            {/* A bubble that fails to render shows its text; the rest of the conversation stays. */}
            <MessageErrorBoundary
              resetKey={renderMessage}
              fallback={<p className="rcs-message-text" data-render-error="">{message.content}</p>}
            >
              <BubbleBody message={message} renderMessage={renderMessage} components={components} tools={tools} images={images} />
            </MessageErrorBoundary>
          </div>
        )
      )}
      {status === 'error' && <ErrorNotice message={message.error} onRetry={onRetry} />}
      {!editing && status !== 'streaming' && (
        <MessageActions
          message={message}
          editRef={editButton}
          onEdit={onEdit && (() => setEditing(true))}
          onRegenerate={onRegenerate && (() => onRegenerate(message.id))}
          copyable={copyable}
        />
      )}
    </article>
  );
}

/** Fields a row shows; a finished row whose fields are unchanged is skipped even if the store copied it. */
function sameMessage(a: ChatMessage, b: ChatMessage): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.role === b.role &&
      a.content === b.content &&
      a.parts === b.parts &&
      a.finishReason === b.finishReason &&
      a.status === b.status &&
      a.error === b.error &&
      a.timings === b.timings)
  );
}

function rowPropsEqual(previous: MessageRowProps, next: MessageRowProps): boolean {
  let count = 0;
  for (const key in next) {
    count++;
    const k = key as keyof MessageRowProps;
    if (k === 'message' ? !sameMessage(previous.message, next.message) : !Object.is(previous[k], next[k])) return false;
  }
  for (const _ in previous) count--;
  return count === 0;
}

/**
 * One message as an `<article>` with `data-role` and `data-status`; a failed reply shows its error and Retry.
 * Memoized: while a reply streams, every other row is skipped.
 *
 * @example
 * <MessageRow message={{ id: '1', role: 'user', content: 'Hi' }} />
 */
export const MessageRow = memo(MessageRowImpl, rowPropsEqual);
