// The page the bench drives: a ChatWindow fed by a fake controller, so a "flush" is exactly one store update.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { ChatMessage, ChatStatus } from '../../src/core/index.ts';
import { ChatWindow, type ChatController } from '../../src/components/ChatWindow.tsx';
import { Composer } from '../../src/components/Composer.tsx';
import { VirtualMessageList } from './VirtualMessageList.tsx';

type Variant = 'content-visibility' | 'no-containment' | 'tanstack-virtual';

const PARAGRAPH =
  'Server-sent events keep one HTTP response open and push **text** as it is produced. The client parses ' +
  '`data:` lines, joins them, and hands each event to the protocol layer, which extracts the text delta.';

function history(count: number): ChatMessage[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? { id: `h${i}`, role: 'user', content: `Question ${i}: how does streaming work in case ${i}?` }
      : { id: `h${i}`, role: 'assistant', status: 'done', content: `Answer ${i}.\n\n${PARAGRAPH}\n\n- point one\n- point two\n\n${PARAGRAPH}` },
  );
}

let setState: (updater: (s: { messages: ChatMessage[]; status: ChatStatus }) => { messages: ChatMessage[]; status: ChatStatus }) => void;
const noop = async () => undefined;

function App({ variant, initial }: { variant: Variant; initial: ChatMessage[] }) {
  const [state, set] = useState<{ messages: ChatMessage[]; status: ChatStatus }>({ messages: initial, status: 'idle' });
  setState = set;
  const chat: ChatController = { ...state, error: undefined, send: noop, stop: () => undefined, reload: noop };
  if (variant === 'tanstack-virtual') {
    return (
      <section className="rcs-chat">
        <div className="rcs-viewport">
          <VirtualMessageList messages={state.messages} />
        </div>
        <Composer onSend={() => undefined} streaming={state.status === 'streaming'} />
      </section>
    );
  }
  return <ChatWindow chat={chat} />;
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
// A message posted from inside rAF is delivered after that frame's style, layout and paint.
const afterFrame = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(variant: Variant, count: number, flushes: number) {
  if (variant === 'no-containment') {
    const style = document.createElement('style');
    style.textContent = '.rcs-row, .rcs-message-block { content-visibility: visible !important; }';
    document.head.append(style);
  }
  const root = createRoot(document.getElementById('root')!);
  await nextFrame();
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const mountStart = performance.now();
  flushSync(() => root.render(<App variant={variant} initial={history(count)} />));
  const scroller = document.querySelector<HTMLElement>('.rcs-messages')!;
  void scroller.scrollHeight;
  await nextFrame();
  await afterFrame();
  const firstPaintMs = performance.now() - mountStart;
  // The list mounts older history in a transition after the first paint; wait until every row is there.
  if (variant !== 'tanstack-virtual') {
    while (document.querySelectorAll('.rcs-row').length < count) await nextFrame();
    await nextFrame();
    await afterFrame();
  }
  const mountMs = performance.now() - mountStart;
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const longestTaskMs = Math.max(0, ...longTasks);
  const domRows = document.querySelectorAll('.rcs-row').length;

  const replyId = 'reply';
  flushSync(() =>
    setState((s) => ({
      status: 'streaming',
      messages: [...s.messages, { id: 'q', role: 'user', content: 'Go' }, { id: replyId, role: 'assistant', content: '', status: 'streaming' }],
    })),
  );
  await nextFrame();

  const syncMs: number[] = [];
  const frameMs: number[] = [];
  let text = '';
  for (let i = 0; i < flushes; i++) {
    await nextFrame();
    const t0 = performance.now();
    text += i % 25 === 24 ? ' word.\n\n' : ` word${i}`;
    const content = text;
    flushSync(() =>
      setState((s) => ({ ...s, messages: [...s.messages.slice(0, -1), { ...s.messages[s.messages.length - 1]!, content }] })),
    );
    void scroller.scrollHeight; // style + layout now, inside the measured span
    syncMs.push(performance.now() - t0);
    await afterFrame();
    frameMs.push(performance.now() - t0);
  }

  // Jump to the oldest message and back: off-screen rows must be laid out (or mounted) on the way.
  await nextFrame();
  const top0 = performance.now();
  scroller.scrollTop = 0;
  await nextFrame();
  await afterFrame();
  const scrollTopMs = performance.now() - top0;

  return {
    variant,
    count,
    domRows,
    firstPaintMs,
    mountMs,
    longestTaskMs,
    flushSyncMedian: percentile(syncMs, 50),
    flushSyncP95: percentile(syncMs, 95),
    flushFrameMedian: percentile(frameMs, 50),
    flushFrameP95: percentile(frameMs, 95),
    scrollTopMs,
  };
}

(window as unknown as { __bench: typeof run }).__bench = run;

// Manual/visual checks (not part of the timing run): mount a window, then grow a reply from outside.
(window as unknown as Record<string, unknown>).__mount = (count: number, theme?: 'light' | 'dark') => {
  const el = document.getElementById('root')!;
  if (theme) el.dataset.theme = theme;
  createRoot(el).render(<App variant="content-visibility" initial={history(count)} />);
};
(window as unknown as Record<string, unknown>).__grow = (text: string, done = false) => {
  flushSync(() =>
    setState((s) => {
      const last = s.messages[s.messages.length - 1]!;
      const reply: ChatMessage =
        last.id === 'live' ? { ...last, content: last.content + text } : { id: 'live', role: 'assistant', content: text, status: 'streaming' };
      const base = last.id === 'live' ? s.messages.slice(0, -1) : s.messages;
      return { status: done ? 'idle' : 'streaming', messages: [...base, done ? { ...reply, status: 'done' } : reply] };
    }),
  );
};
