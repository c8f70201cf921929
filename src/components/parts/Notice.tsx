import { memo, type HTMLAttributes } from 'react';
import type { FinishReason } from '../../core/types.ts';
import { useChatLabels, type ChatLabels } from '../labels.ts';

/** Why a notice is shown under a reply. */
export type NoticeReason = Extract<FinishReason, 'length' | 'content-filter'> | 'empty';

/** Props of `<Notice>`. */
export interface NoticeProps extends Omit<HTMLAttributes<HTMLParagraphElement>, 'children'> {
  reason: NoticeReason;
}

const WORDS: Record<NoticeReason, keyof ChatLabels & `notice${string}`> = {
  length: 'noticeLength',
  'content-filter': 'noticeContentFilter',
  empty: 'noticeEmpty',
};

/** The notice for a reason, or `undefined` when a finished reply needs none. */
export function noticeReason(finishReason: FinishReason | undefined, empty: boolean): NoticeReason | undefined {
  if (finishReason === 'length' || finishReason === 'content-filter') return finishReason;
  return empty ? 'empty' : undefined;
}

function NoticeImpl({ reason, className, ...rest }: NoticeProps) {
  const labels = useChatLabels();
  return (
    <p {...rest} className={className ? `rcs-notice ${className}` : 'rcs-notice'} data-reason={reason}>
      {labels[WORDS[reason]]}
    </p>
  );
}

/** A short line under a reply: cut off at the token limit, stopped by the content filter, or empty. */
export const Notice = memo(NoticeImpl);
