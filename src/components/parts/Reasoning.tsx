import { memo, useId, useState, type HTMLAttributes } from 'react';
import type { ReasoningPart } from '../../core/types.ts';
import { useChatLabels } from '../labels.ts';

/** Props of `<Reasoning>`; other `<div>` props are spread onto the root. */
export interface ReasoningProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'part'> {
  part: ReasoningPart;
}

function ReasoningImpl({ part, className, ...rest }: ReasoningProps) {
  const streaming = part.state === 'streaming';
  // `undefined` until the user toggles: then their choice wins over the streaming default.
  const [chosen, setChosen] = useState<boolean | undefined>(undefined);
  const id = useId();
  const labels = useChatLabels();
  const classes = className ? `rcs-reasoning ${className}` : 'rcs-reasoning';
  if (part.redacted) {
    return (
      <div {...rest} className={classes} data-state={part.state} data-redacted="">
        <span className="rcs-reasoning-label">{labels.reasoningRedacted}</span>
      </div>
    );
  }
  const open = chosen ?? streaming;
  const label = streaming
    ? labels.thinking
    : part.durationMs !== undefined
      ? labels.thoughtFor(Math.max(1, Math.round(part.durationMs / 1000)))
      : labels.reasoning;
  return (
    <div {...rest} className={classes} data-state={part.state} data-open={open ? '' : undefined}>
      <button
        type="button"
        className="rcs-reasoning-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setChosen(!open)}
      >
        {label}
      </button>
      <div id={id} className="rcs-reasoning-text" hidden={!open}>
        {part.text}
      </div>
    </div>
  );
}

/**
 * The model's thinking as a disclosure: open with "Thinking…" while it streams, then collapsed to
 * "Thought for 4 s" unless the user opened it; "Reasoning redacted" when the provider withheld it.
 * The text is plain text (never HTML). Memoized: a finished part keeps its identity and skips rendering.
 * @example
 * <Reasoning part={{ type: 'reasoning', text: 'Let me see…', state: 'done', durationMs: 4000 }} />
 */
export const Reasoning = memo(ReasoningImpl);
