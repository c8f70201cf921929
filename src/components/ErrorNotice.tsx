import type { HTMLAttributes, ReactNode } from 'react';
import { defaultLabels, useChatLabels } from './labels.ts';

/** Props of `<ErrorNotice>`: the `role="alert"` box shown on a failed reply. */
export interface ErrorNoticeProps extends HTMLAttributes<HTMLDivElement> {
  /** What went wrong: the server's own message when it sent one. */
  message?: ReactNode;
  /** Shows a Retry button that calls this (in `ChatWindow`: the hook's `reload()`, regenerating in place). */
  onRetry?: () => void;
}

/** Text shown when a failure came without any message. */
export const DEFAULT_ERROR_MESSAGE = defaultLabels.errorFallback;

/**
 * A failed reply's error, announced at once (`role="alert"`), with an optional Retry action.
 *
 * @example
 * <ErrorNotice message={message.error} onRetry={() => chat.reload()} />
 */
export function ErrorNotice({ message, onRetry, className, children, ...rest }: ErrorNoticeProps) {
  const labels = useChatLabels();
  return (
    <div role="alert" className={className ? `rcs-error ${className}` : 'rcs-error'} {...rest}>
      <p className="rcs-error-message">{message || labels.errorFallback}</p>
      {children}
      {onRetry && (
        <button type="button" className="rcs-button rcs-retry" onClick={onRetry}>
          {labels.retry}
        </button>
      )}
    </div>
  );
}
