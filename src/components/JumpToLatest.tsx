import type { ButtonHTMLAttributes } from 'react';

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
  if (!visible) return null;
  return (
    <button
      type="button"
      aria-label="Jump to latest"
      className={className ? `rcs-button rcs-jump ${className}` : 'rcs-button rcs-jump'}
      {...rest}
    >
      {children ?? (
        <>
          <span aria-hidden="true" className="rcs-jump-icon">
            ↓
          </span>{' '}
          Jump to latest
        </>
      )}
    </button>
  );
}
