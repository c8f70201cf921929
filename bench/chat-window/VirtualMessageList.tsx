// Bench-only comparison: the finished history virtualized with @tanstack/react-virtual, the streaming reply in
// normal flow below it. Not shipped; it exists to measure against the content-visibility list.
import { useLayoutEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ChatMessage } from '../../src/core/index.ts';
import { MessageRow } from '../../src/components/MessageRow.tsx';

export function VirtualMessageList({ messages }: { messages: ChatMessage[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const last = messages[messages.length - 1];
  const streaming = last?.status === 'streaming' ? last : undefined;
  const history = streaming ? messages.slice(0, -1) : messages;
  const virtualizer = useVirtualizer({
    count: history.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 80,
    overscan: 6,
    getItemKey: (index) => history[index]!.id,
  });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  });
  return (
    <div ref={scrollRef} role="log" aria-live="off" tabIndex={0} className="rcs-messages">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
          >
            <MessageRow message={history[item.index]!} aria-setsize={history.length} aria-posinset={item.index + 1} />
          </div>
        ))}
      </div>
      {streaming && <MessageRow message={streaming} />}
    </div>
  );
}
