import type { ButtonHTMLAttributes } from 'react';
import { useChatLabels } from './labels.ts';

/** Props of `<JumpToLatest>`. */
export interface JumpToLatestProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Render the button (typically `!stick.isAtBottom`); nothing is rendered otherwise. */
  visible: boolean;
}

/**
 * The "Jump to latest" button that appears once the reader scrolled away from the end and resumes following.
 * Its accessible name stays "Jump to latest" whatever `children` you pass, so give it visible text or an icon.
 *
 * @example
 * <JumpToLatest visible={!stick.isAtBottom} onClick={() => stick.scrollToBottom()} />
 */
export function JumpToLatest({ visible, className, children, ...rest }: JumpToLatestProps) {
  const labels = useChatLabels();
  if (!visible) return null;
  return (
    <button
      type="button"
      aria-label={labels.jumpToLatest}
      className={className ? `rcs-button rcs-jump ${className}` : 'rcs-button rcs-jump'}
      {...rest}
    >
      {children ?? (
        <>
          <span aria-hidden="true" className="rcs-jump-icon">
            ↓
          </span>{' '}
          {labels.jumpToLatest}
        </>
      )}
    </button>
  );
}
