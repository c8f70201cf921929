// Streams the same markdown answer into one renderer, flush by flush, and times each flush.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { Streamdown } from 'streamdown';
import type { ReactNode } from 'react';
import { StreamingMessage } from '../../src/components/StreamingMessage.tsx';
import { buildAnswer } from './corpus.ts';
import { compareParsers } from './parsers.ts';

const remarkPlugins = [remarkGfm];

const RENDERERS: Record<string, (text: string, streaming: boolean) => ReactNode> = {
  ours: (text, streaming) => <StreamingMessage content={text} status={streaming ? 'streaming' : 'done'} />,
  'react-markdown': (text) => <ReactMarkdown remarkPlugins={remarkPlugins}>{text}</ReactMarkdown>,
  streamdown: (text, streaming) => (
    <Streamdown mode="streaming" isAnimating={streaming}>
      {text}
    </Streamdown>
  ),
};

export interface BenchOptions {
  renderer: string;
  totalChars: number;
  charsPerFlush: number;
}

export interface BenchResult {
  renderer: string;
  lengths: number[];
  /** Synchronous render + commit of each flush (ms). */
  script: number[];
  /** Forced style + layout right after each flush (ms). */
  layout: number[];
  domNodes: number;
}

// A macrotask between flushes, as between real network chunks: effects and async work run here.
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

async function run({ renderer, totalChars, charsPerFlush }: BenchOptions): Promise<BenchResult> {
  const render = RENDERERS[renderer];
  if (!render) throw new Error(`unknown renderer ${renderer}`);
  const text = buildAnswer(totalChars);
  const container = document.getElementById('root') as HTMLElement;
  const root = createRoot(container);
  const lengths: number[] = [];
  const script: number[] = [];
  const layout: number[] = [];
  // Built by concatenation, as a chat store appends deltas: each renderer gets a fresh (cons) string.
  let shown = '';
  for (let end = charsPerFlush; ; end += charsPerFlush) {
    const length = Math.min(end, text.length);
    shown += text.slice(shown.length, length);
    const content = shown;
    const t0 = performance.now();
    flushSync(() => root.render(render(content, true)));
    const t1 = performance.now();
    void container.offsetHeight;
    const t2 = performance.now();
    lengths.push(length);
    script.push(t1 - t0);
    layout.push(t2 - t1);
    await nextTask();
    if (length === text.length) break;
  }
  const domNodes = container.querySelectorAll('*').length;
  root.unmount();
  return { renderer, lengths, script, layout, domNodes };
}

declare global {
  interface Window {
    __bench: typeof run;
    __parsers: typeof compareParsers;
  }
}
window.__bench = run;
window.__parsers = compareParsers;

import { growing } from './growing.tsx';
declare global {
  interface Window {
    __growing: typeof growing;
  }
}
window.__growing = growing;
