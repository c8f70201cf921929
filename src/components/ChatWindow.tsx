import { useCallback, useMemo, useRef, type HTMLAttributes, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { useIsomorphicLayoutEffect } from '../hooks/useIsomorphicLayoutEffect.ts';
import type { ChatStreamOptions } from '../core/index.ts';
import { useChatStream, type UseChatStreamResult } from '../hooks/useChatStream.ts';
import { ChatAnnouncer, type ChatAnnouncerProps } from './ChatAnnouncer.tsx';
import { Composer, type ComposerProps } from './Composer.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';
import { JumpToLatest } from './JumpToLatest.tsx';
import { ChatLabelsContext, defaultLabels, type ChatLabels } from './labels.ts';
import { MessageList, type MessageListProps } from './MessageList.tsx';
import type { RenderMessage } from './MessageRow.tsx';
import { useStickToBottom } from './useStickToBottom.ts';

/** What `ChatWindow` needs from a conversation: `useChatStream`'s result, or anything shaped like it. */
export type ChatController = Pick<UseChatStreamResult, 'messages' | 'status' | 'error' | 'send' | 'stop' | 'reload'> &
  Partial<Pick<UseChatStreamResult, 'retry' | 'regenerate' | 'edit'>> & {
    /** The conversation's history is still loading: the window shows a loading state instead of `empty`. */
    loading?: boolean;
    /** A problem outside the reply (say, the conversation could not be saved), shown as an alert with Retry. */
    notice?: { message: string; onRetry?: () => void };
  };

/** Props `ChatWindow` itself understands, whichever way the conversation comes in. */
export interface ChatWindowOwnProps extends Omit<HTMLAttributes<HTMLElement>, 'onError'> {
  /** Custom bubble content for every message (keep it stable: rows are memoized on it). */
  renderMessage?: RenderMessage;
  /** Renderer overrides (markdown and part kinds: reasoning, toolCall, sources, file, refusal, data, notice). Keep it stable. */
  components?: MessageListProps['components'];
  /** Renderers by tool name, e.g. `{ getWeather: WeatherCard }`, in place of the default tool card. Keep it stable. */
  tools?: MessageListProps['tools'];
  /**
   * Which images in replies load without a click: `'click'` (only `data:` images), `'load'` (all), or
   * `{ allowOrigins: ['https://cdn.example'] }`. Model output is untrusted, so by default a remote image
   * waits for a click. Keep it stable (module scope or `useMemo`). @default 'click'
   */
  images?: MessageListProps['images'];
  /** Force a colour scheme. @default undefined: follows `prefers-color-scheme` */
  theme?: 'light' | 'dark';
  /** Composer placeholder. @default labels.placeholder ('Type a message…') */
  placeholder?: string;
  /**
   * Words of the window and its parts, merged over the English defaults (`defaultLabels`), so an app can
   * translate every string: `labels={{ send: 'Senden', stop: 'Stopp' }}`. Keep it stable (memoize it).
   */
  labels?: Partial<ChatLabels>;
  /** Shown in the list before the first message. */
  empty?: ReactNode;
  /** Focus the composer on mount. @default false */
  autoFocus?: boolean;
  /** Extra props for the composer (sending, stopping and the streaming state stay the window's). */
  composerProps?: Omit<Partial<ComposerProps>, 'onSend' | 'onStop' | 'streaming'>;
  /** Words for the screen-reader announcement at the end of each reply. */
  formatAnnouncement?: ChatAnnouncerProps['formatAnnouncement'];
}

/** Self-contained: `ChatWindow` runs `useChatStream` with these options. */
export type ChatWindowOptionsProps = ChatWindowOwnProps & ChatStreamOptions & { chat?: undefined };

/** Controlled: you run `useChatStream` (or your own store) and pass its result. */
export type ChatWindowControlledProps = ChatWindowOwnProps & { chat: ChatController } & {
  [K in keyof ChatStreamOptions]?: never;
};

/** Props of `<ChatWindow>`: either the hook's options or a `chat` from `useChatStream`. */
export type ChatWindowProps = ChatWindowOptionsProps | ChatWindowControlledProps;

/**
 * A complete chat: message list, composer with Send/Stop, Retry on failed replies, Edit on your messages,
 * Regenerate on the last reply (whatever its status), Copy on each reply, "Jump to latest",
 * screen-reader announcements. Built from the exported parts, which you can recompose.
 * Switching between the two ways in (options vs `chat`) remounts the window.
 *
 * @example
 * <ChatWindow api="/api/chat" protocol="openai" />
 *
 * @example
 * const chat = useChatStream({ api: '/api/chat' });
 * <ChatWindow chat={chat} theme="dark" />
 */
export function ChatWindow(props: ChatWindowProps) {
  if (props.chat) return <ChatWindowView {...props} chat={props.chat} />;
  return <SelfContainedChatWindow {...(props as ChatWindowOptionsProps)} />;
}

// Every hook option, so the window can tell them from DOM props; a new option fails to typecheck until listed.
const OPTION_KEYS = {
  api: true,
  id: true,
  prepareRequest: true,
  leaveBehavior: true,
  fetch: true,
  headers: true,
  body: true,
  credentials: true,
  initialMessages: true,
  protocol: true,
  flush: true,
  retry: true,
  firstByteTimeoutMs: true,
  inactivityTimeoutMs: true,
  onToken: true,
  onChunk: true,
  onFinish: true,
  onError: true,
  generateId: true,
  now: true,
  resumable: true,
  resumeApi: true,
  stopApi: true,
  resumeOnMount: true,
} as const satisfies Record<keyof ChatStreamOptions, true>;

function SelfContainedChatWindow(props: ChatWindowOptionsProps) {
  const options = { api: props.api } as ChatStreamOptions;
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key === 'chat') continue;
    // Only pass what was given: an explicit `undefined` must not override the store's defaults.
    if (key in OPTION_KEYS) {
      if (value !== undefined) (options as unknown as Record<string, unknown>)[key] = value;
    } else {
      rest[key] = value;
    }
  }
  const chat = useChatStream(options);
  return <ChatWindowView {...(rest as ChatWindowOwnProps)} chat={chat} />;
}

function ChatWindowView({
  chat,
  renderMessage,
  components,
  tools,
  images,
  theme,
  placeholder,
  empty,
  autoFocus,
  composerProps,
  formatAnnouncement,
  labels: labelOverrides,
  className,
  onKeyDown,
  ...rest
}: ChatWindowOwnProps & { chat: ChatController }) {
  const labels = useMemo(() => (labelOverrides ? { ...defaultLabels, ...labelOverrides } : defaultLabels), [labelOverrides]);
  const { messages, status, error, retry, loading, notice } = chat;
  const busy = status === 'connecting' || status === 'streaming';
  const stick = useStickToBottom();

  // Stable callbacks: memoized rows must not re-render because the parent made a new closure.
  const latest = useRef(chat);
  useIsomorphicLayoutEffect(() => {
    latest.current = chat;
  });
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const reload = useCallback(() => {
    // The Retry button disappears as the reply restarts; keep focus somewhere useful instead of <body>.
    textarea.current?.focus();
    void latest.current.reload().catch(() => undefined);
  }, []);
  const userTextareaRef = composerProps?.textareaRef;
  const textareaRef = useCallback(
    (element: HTMLTextAreaElement | null) => {
      textarea.current = element;
      assignRef(userTextareaRef, element);
    },
    [userTextareaRef],
  );
  const stop = useCallback(() => latest.current.stop(), []);
  const regenerate = useCallback((messageId: string) => {
    // The button goes away while the new reply streams: focus waits in the composer, as after Retry.
    textarea.current?.focus();
    const current = latest.current;
    void (current.regenerate ? current.regenerate(messageId) : current.reload()).catch(() => undefined);
  }, []);
  const edit = useCallback((messageId: string, content: string) => {
    void latest.current.edit?.(messageId, content).catch(() => undefined);
  }, []);
  const send = useCallback((text: string) => {
    // A new message resumes following, like every chat app: the reader wants to see the reply.
    stick.scrollToBottom('auto');
    return latest.current.send(text);
  }, [stick.scrollToBottom]);

  const last = messages[messages.length - 1];
  // A failure with no failed reply row to show it on (e.g. a custom controller) still gets an alert.
  const looseError = status === 'error' && error && last?.status !== 'error' ? error : undefined;

  return (
    <ChatLabelsContext.Provider value={labels}>
      <section
        aria-label={labels.chat}
        className={className ? `rcs-chat ${className}` : 'rcs-chat'}
        data-status={status}
        data-theme={theme}
        data-loading={loading ? '' : undefined}
        aria-busy={loading || undefined}
        {...rest}
        onKeyDown={(event: KeyboardEvent<HTMLElement>) => {
          onKeyDown?.(event);
          // Escape anywhere in the window stops the reply (the composer handles its own first).
          if (!event.defaultPrevented && event.key === 'Escape' && busy) {
            event.preventDefault();
            stop();
          }
        }}
      >
        <div className="rcs-viewport">
          <MessageList
            messages={messages}
            stick={stick}
            renderMessage={renderMessage}
            components={components}
            tools={tools}
            images={images}
            onRetry={reload}
            onEdit={chat.edit ? edit : undefined}
            onRegenerate={regenerate}
            copyable
            empty={loading ? <p className="rcs-loading" role="status">{labels.loadingConversation}</p> : empty}
          />
          <JumpToLatest
            visible={!stick.isAtBottom}
            onClick={(event) => {
              // The button unmounts once at the end, so focus on it must go somewhere. A keyboard user (a click
              // with detail 0) goes on reading in the log; a pointer click only focused the button on the way, and
              // the next thing typed belongs in the composer.
              const hadFocus = document.activeElement === event.currentTarget;
              stick.scrollToBottom();
              if (!hadFocus) return;
              if (event.detail === 0) stick.getScrollElement()?.focus({ preventScroll: true });
              else textarea.current?.focus({ preventScroll: true });
            }}
          />
        </div>
        {looseError && <ErrorNotice message={looseError.serverMessage || looseError.message} onRetry={reload} />}
        {notice && <ErrorNotice className="rcs-notice" message={notice.message} onRetry={notice.onRetry} />}
        {retry && (
          <p className="rcs-status-line" data-retry-attempt={retry.attempt}>
            {(retry.resume ? labels.resuming : labels.retrying)(retry.attempt, retry.attempts)}
          </p>
        )}
        <Composer
          placeholder={placeholder}
          autoFocus={autoFocus}
          {...composerProps}
          textareaRef={textareaRef}
          onSend={send}
          onStop={stop}
          streaming={busy}
        />
        <ChatAnnouncer
          messages={messages}
          status={status}
          error={error}
          retry={retry}
          formatAnnouncement={formatAnnouncement}
        />
      </section>
    </ChatLabelsContext.Provider>
  );
}

function assignRef<T>(ref: Ref<T> | undefined, value: T | null): void {
  if (typeof ref === 'function') ref(value);
  else if (ref) (ref as { current: T | null }).current = value;
}
