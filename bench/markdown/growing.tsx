// One huge block growing at the end of a streaming reply (issue 9 item 5), and `_a`×n (item 4): the
// per-flush cost once the reply is already `kb` long, and the cost of rendering it finished.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { StreamingMessage } from '../../src/components/StreamingMessage.tsx';

export type GrowingKind = 'table' | 'list' | 'paragraph' | 'underscore';

function unit(kind: GrowingKind, i: number): string {
  switch (kind) {
    case 'table':
      return `| row ${i} | ${(i * 37) % 1000} ms | **ok** | [doc ${i}](https://example.com/d/${i}) |\n`;
    case 'list':
      return `- item ${i} with *emphasis*, \`code\` and [a link](https://example.com/i/${i})\n`;
    case 'paragraph':
      return `Sentence ${i} of one long paragraph with **bold**, _em_ and \`code\` in it.\n`;
    case 'underscore':
      return '_a'.repeat(16);
  }
}

function build(kind: GrowingKind, chars: number): string {
  let text = kind === 'table' ? '| Name | Latency | State | Doc |\n| --- | ---: | --- | --- |\n' : '';
  for (let i = 0; text.length < chars; i++) text += unit(kind, i);
  return text.slice(0, chars);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export interface GrowingResult {
  kind: GrowingKind;
  kb: number;
  /** First render of the reply at `kb` (streaming, script only): everything lexed once. */
  firstMs: number;
  /** Median per-flush script cost (React render + commit) of the following flushes. */
  flushMs: number;
  /** Median per-flush forced style + layout after each of those flushes. */
  layoutMs: number;
  /** Rendering the whole reply finished, in a fresh root (script only). */
  finishedMs: number;
}

export async function growing({ kind, kb, flushes = 40, charsPerFlush = 50 }: { kind: GrowingKind; kb: number; flushes?: number; charsPerFlush?: number }): Promise<GrowingResult> {
  const start = kb * 1024;
  const text = build(kind, start + flushes * charsPerFlush);
  const container = document.getElementById('root') as HTMLElement;
  let root = createRoot(container);
  let layout = 0;
  const time = (content: string, streaming: boolean) => {
    const t0 = performance.now();
    flushSync(() => root.render(<StreamingMessage content={content} status={streaming ? 'streaming' : 'done'} />));
    const t1 = performance.now();
    void container.offsetHeight;
    layout = performance.now() - t1;
    return t1 - t0;
  };
  const firstMs = time(text.slice(0, start), true);
  const times: number[] = [];
  const layouts: number[] = [];
  for (let i = 1; i <= flushes; i++) {
    times.push(time(text.slice(0, start + i * charsPerFlush), true));
    layouts.push(layout);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  root.unmount();
  root = createRoot(container);
  const finishedMs = time(text.slice(0, start), false);
  root.unmount();
  return { kind, kb, firstMs, flushMs: median(times), layoutMs: median(layouts), finishedMs };
}
