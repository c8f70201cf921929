import { useEffect, useRef, useState, type HTMLAttributes, type Ref } from 'react';
import type { ChatMessage } from '../core/index.ts';
import { useChatLabels } from './labels.ts';

/** Props of `<MessageActions>`: the buttons under one message. */
export interface MessageActionsProps extends HTMLAttributes<HTMLDivElement> {
  message: ChatMessage;
  /** Shows Edit (user messages). */
  onEdit?: (() => void) | undefined;
  /** Shows Regenerate (assistant replies). */
  onRegenerate?: (() => void) | undefined;
  /** Shows Copy (assistant replies with text). @default false */
  copyable?: boolean | undefined;
  /** Ref to the Edit button, where focus returns when the editor closes. */
  editRef?: Ref<HTMLButtonElement> | undefined;
}

const COPIED_MS = 1500;

/**
 * Edit, Regenerate and Copy as real buttons: in the tab order, named for screen readers ("Edit message",
 * "Regenerate reply", "Copy reply"). Renders nothing when no action applies.
 *
 * @example
 * <MessageActions message={message} copyable onRegenerate={() => chat.regenerate(message.id)} />
 */
export function MessageActions({ message, onEdit, onRegenerate, copyable = false, editRef, className, ...rest }: MessageActionsProps) {
  const labels = useChatLabels();
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const isUser = message.role === 'user';
  const canCopy = copyable && !isUser && message.content !== '';
  const edit = isUser ? onEdit : undefined;
  const regenerate = isUser ? undefined : onRegenerate;
  if (!edit && !regenerate && !canCopy) return null;

  const copy = () => {
    void navigator.clipboard?.writeText(message.content).then(
      () => {
        setCopied(true);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => setCopied(false), COPIED_MS);
      },
      () => {},
    );
  };
  return (
    <div className={className ? `rcs-actions ${className}` : 'rcs-actions'} {...rest}>
      {edit && (
        <button ref={editRef} type="button" className="rcs-button rcs-action" data-action="edit" aria-label={labels.editMessage} onClick={edit}>
          {labels.edit}
        </button>
      )}
      {canCopy && (
        <button type="button" className="rcs-button rcs-action" data-action="copy" aria-label={labels.copyReply} onClick={copy}>
          {/* The visible word changes; the live region says it once. */}
          <span aria-live="polite">{copied ? labels.copied : labels.copy}</span>
        </button>
      )}
      {regenerate && (
        <button type="button" className="rcs-button rcs-action" data-action="regenerate" aria-label={labels.regenerateReply} onClick={regenerate}>
          {labels.regenerate}
        </button>
      )}
    </div>
  );
}
