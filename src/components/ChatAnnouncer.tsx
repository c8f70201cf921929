import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import type { ChatMessage, ChatStatus, ChatStreamError, RetryState } from '../core/index.ts';
import { defaultLabels, useChatLabels, type ChatLabels } from './labels.ts';

/** What the announcer says and how urgently; `undefined` says nothing. */
export interface Announcement {
  text: string;
  /** `assertive` interrupts the screen reader (used for failures); `polite` waits. */
  urgency: 'polite' | 'assertive';
}

/** Props of `<ChatAnnouncer>`. */
export interface ChatAnnouncerProps extends HTMLAttributes<HTMLDivElement> {
  messages: ChatMessage[];
  status: ChatStatus;
  error?: ChatStreamError | undefined;
  /** While set, a failure is not final (the store is waiting to retry), so nothing is announced. */
  retry?: RetryState | undefined;
  /**
   * Words for the end of a turn. `reply` is the last assistant message, or `undefined` when the request
   * failed before any reply existed.
   * @default finished: "Reply finished. <text>", stopped: "Reply stopped.", failed: "Reply failed: <message>"
   */
  formatAnnouncement?: (reply: ChatMessage | undefined, error: ChatStreamError | undefined) => Announcement | undefined;
}

/**
 * What a finished reply says aloud: its answer text only (never reasoning or tool arguments), or its refusal,
 * and the token-limit or content-filter notice.
 */
function answerText(reply: ChatMessage, labels: ChatLabels): string {
  let text = reply.content;
  if (text === '') for (const part of reply.parts ?? []) if (part.type === 'refusal') text += part.text;
  if (text === '' && !reply.parts?.some((p) => p.type !== 'step-start')) text = labels.noticeEmpty;
  if (reply.finishReason === 'length') text += ` ${labels.noticeLength}`;
  if (reply.finishReason === 'content-filter') text += ` ${labels.noticeContentFilter}`;
  return text.trim();
}

/** The default words: the finished text, a short "stopped", or the failure's message (assertive). */
export function defaultAnnouncement(
  reply: ChatMessage | undefined,
  error: ChatStreamError | undefined,
  labels: ChatLabels = defaultLabels,
): Announcement | undefined {
  if (reply?.status === 'done') return { text: labels.replyFinished(answerText(reply, labels)).trimEnd(), urgency: 'polite' };
  if (reply?.status === 'stopped') return { text: labels.replyStopped, urgency: 'polite' };
  if (reply?.status !== 'error' && !error) return undefined;
  const why = (reply?.status === 'error' && reply.error) || error?.serverMessage || error?.message;
  return { text: labels.replyFailed(why || undefined), urgency: 'assertive' };
}

/**
 * Visually hidden live regions that tell screen readers when a reply finished (with its text), stopped or
 * failed: once per turn, never token by token. The message list itself is `aria-live="off"` for that reason.
 *
 * @example
 * <ChatAnnouncer messages={chat.messages} status={chat.status} error={chat.error} retry={chat.retry} />
 */
export function ChatAnnouncer({
  messages,
  status,
  error,
  retry,
  formatAnnouncement: customFormat,
  className,
  ...rest
}: ChatAnnouncerProps) {
  const labels = useChatLabels();
  const formatAnnouncement = useMemo(
    () => customFormat ?? ((r: ChatMessage | undefined, e: ChatStreamError | undefined) => defaultAnnouncement(r, e, labels)),
    [customFormat, labels],
  );
  const [said, setSaid] = useState<{ announcement: Announcement; n: number } | undefined>(undefined);
  // A turn is "open" from the first busy snapshot we see until it settles; it is announced when it settles.
  const turnOpen = useRef(false);
  const last = messages[messages.length - 1];
  const reply = last?.role === 'assistant' ? last : undefined;
  const busy = status === 'connecting' || status === 'streaming' || retry !== undefined || reply?.status === 'streaming';

  useEffect(() => {
    if (busy) {
      turnOpen.current = true;
      return;
    }
    if (!turnOpen.current) return;
    turnOpen.current = false;
    const announcement = formatAnnouncement(reply, status === 'error' ? error : undefined);
    if (announcement) setSaid((previous) => ({ announcement, n: (previous?.n ?? 0) + 1 }));
  }, [busy, reply, status, error, formatAnnouncement]);

  const polite = said?.announcement.urgency === 'polite' ? said : undefined;
  const assertive = said?.announcement.urgency === 'assertive' ? said : undefined;
  return (
    <div className={className ? `rcs-visually-hidden ${className}` : 'rcs-visually-hidden'} data-rcs-announcer="" {...rest}>
      <div role="status" aria-live="polite" aria-atomic="true" className="rcs-announcer-polite">
        {/* A fresh keyed node per announcement makes screen readers speak a repeated sentence again. */}
        {polite && <p key={polite.n}>{polite.announcement.text}</p>}
      </div>
      <div aria-live="assertive" aria-atomic="true" className="rcs-announcer-assertive">
        {assertive && <p key={assertive.n}>{assertive.announcement.text}</p>}
      </div>
    </div>
  );
}
