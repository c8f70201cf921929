import { memo, type HTMLAttributes } from 'react';
import type { RefusalPart } from '../../core/types.ts';
import { useChatLabels } from '../labels.ts';

/** Props of `<Refusal>`. */
export interface RefusalProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'part'> {
  part: RefusalPart;
}

function RefusalImpl({ part, className, ...rest }: RefusalProps) {
  const labels = useChatLabels();
  return (
    <div role="note" aria-label={labels.refusal} {...rest} className={className ? `rcs-refusal ${className}` : 'rcs-refusal'}>
      {part.text}
    </div>
  );
}

/** The model's refusal, as plain text set apart from the answer. */
export const Refusal = memo(RefusalImpl);
