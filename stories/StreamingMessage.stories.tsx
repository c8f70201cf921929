import { useEffect, useRef } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { StreamingMessage, useChatStream, type StreamingMessageProps } from '../src/index.ts';
import { FAKE_ANSWER } from '../dev/fake-llm/index.ts';
import { fakeModel, type Knobs } from './fakeModel.ts';

const meta = {
  title: 'Components/StreamingMessage',
  component: StreamingMessage,
  parameters: {
    docs: {
      description: {
        component:
          'One message rendered while it streams: markdown parsed incrementally, unfinished syntax healed for display, ' +
          'raw HTML shown as text, unsafe URLs dropped. The live stories stream from the embedded fake model.',
      },
    },
  },
  argTypes: {
    status: { control: 'inline-radio', options: ['streaming', 'done', 'stopped', 'error'] },
    format: { control: 'inline-radio', options: ['markdown', 'text'] },
  },
  args: { content: FAKE_ANSWER, status: 'done', format: 'markdown' },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 760 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof StreamingMessage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The fake model's whole answer, finished: headings, lists, code, a table, links, emoji and CJK text. */
export const StaticMarkdown: Story = {};

/** Streams one answer from the fake model through `useChatStream` and renders the reply as it grows. */
function LiveReply({ knobs, format }: { knobs: Knobs; format?: StreamingMessageProps['format'] }) {
  const chat = useChatStream({ ...fakeModel(knobs) });
  const sent = useRef(false);
  useEffect(() => {
    // Once per mount, also under StrictMode's double effects.
    if (sent.current) return;
    sent.current = true;
    void chat.send('Show me everything you can render');
  }, [chat]);
  const reply = chat.messages.find((m) => m.role === 'assistant');
  return (
    <div>
      <p style={{ fontFamily: 'system-ui, sans-serif', fontSize: 13, margin: '0 0 8px' }}>
        <button type="button" onClick={() => void chat.reload()} disabled={chat.status === 'streaming' || chat.status === 'connecting'}>
          Replay
        </button>{' '}
        status: <output>{chat.status}</output>
      </p>
      <StreamingMessage content={reply?.content ?? ''} status={reply?.status ?? 'streaming'} format={format} />
    </div>
  );
}

/** Live from the fake model at 50 tokens/s: finished blocks stay put while the last one grows. */
export const LiveStreaming: Story = {
  render: (args) => <LiveReply knobs={{ tokensPerSecond: 50 }} format={args.format} />,
  play: async ({ canvasElement }) => {
    // The a11y check runs after play: let the reply finish so it audits the whole answer, not a random moment.
    await waitFor(() => expect(canvasElement).toHaveTextContent('happy streaming!'), { timeout: 15_000 });
    await waitFor(() => expect(canvasElement.querySelector('.rcs-caret')).toBeNull());
  },
};

/** Live and split at random byte offsets, inside UTF-8 characters included: the text still comes out whole. */
export const LiveWithRandomSplits: Story = {
  render: (args) => <LiveReply knobs={{ tokensPerSecond: 120, split: 'random', seed: 42 }} format={args.format} />,
};

// Each sample runs from the start of its block (`from`) to just inside the unfinished syntax (`to`).
const CUTS: { label: string; from: string; to: string }[] = [
  { label: 'inside **bold**', from: 'Here is how', to: '**streamed re' },
  { label: 'inside `code`', from: '1. The server', to: '`text/ev' },
  { label: 'inside an open code fence', from: '```ts', to: 'const { messages, send, status } = useCh' },
  { label: 'inside a table row', from: '| Protocol |', to: '| openai | `[DONE]` | `{"err' },
  { label: 'inside a link', from: 'Read the', to: '[SSE spec](https://html.spec.whatwg.org/multi' },
];

/**
 * The answer cut mid-syntax, as a stream leaves it between two tokens: the unfinished bold, code, fence, table
 * and link are healed for display (no stray asterisks or raw brackets) and fix themselves as text arrives.
 */
export const Healing: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: 16 }}>
      {CUTS.map(({ label, from, to }) => {
        const start = FAKE_ANSWER.indexOf(from);
        const end = FAKE_ANSWER.indexOf(to, start) + to.length;
        return (
          <section key={label} aria-label={`Cut ${label}`}>
            <h3 style={{ fontFamily: 'system-ui, sans-serif', fontSize: 13, margin: '0 0 4px' }}>Cut {label}</h3>
            <StreamingMessage content={FAKE_ANSWER.slice(start, end)} status="streaming" />
          </section>
        );
      })}
    </div>
  ),
};

const XSS_PAYLOADS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 1">',
  '<svg onload="window.__xss = 1"></svg>',
  '<iframe src="javascript:window.__xss = 1"></iframe>',
  '[click me](javascript:window.__xss=1)',
  '[data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '![image](javascript:window.__xss=1)',
  '<a href="javascript:window.__xss=1">raw anchor</a>',
  '[vbscript](vbscript:msgbox(1))',
  '<details open ontoggle="window.__xss = 1">details</details>',
].map((payload) => `- ${payload}`);

/** Classic XSS payloads as a model might echo them: raw HTML is shown as text and unsafe URLs lose their link. */
export const XSSPayloadsInert: Story = {
  args: { content: `### Payloads (all inert)\n\n${XSS_PAYLOADS.join('\n')}\n`, status: 'done' },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('script, iframe, svg[onload], img[onerror], details[ontoggle]')).toBeNull();
    for (const a of canvasElement.querySelectorAll('a')) {
      await expect(a.getAttribute('href') ?? '').not.toMatch(/^\s*(javascript|vbscript|data):/i);
    }
    await expect((window as { __xss?: number }).__xss).toBeUndefined();
  },
};

const LONG_CODE = [
  '```ts',
  ...Array.from({ length: 120 }, (_, i) =>
    i % 10 === 0
      ? `// Section ${i / 10 + 1}: a deliberately long line to show horizontal scrolling inside the block instead of the page growing sideways ${'='.repeat(40)}`
      : `export const value${i} = compute(${i}, { retries: ${i % 4}, label: 'item-${i}' });`,
  ),
  '```',
].join('\n');

/** 120 lines with very long ones: the block scrolls on its own, the copy button copies it all. */
export const LongCodeBlock: Story = {
  args: { content: `Here is a long listing:\n\n${LONG_CODE}\n\nAnd text after it.` },
};

/** `format="text"`: the same answer as plain paragraphs, markdown characters shown as typed. */
export const TextFormat: Story = {
  args: { format: 'text' },
};

/** Plain text, streaming live from the fake model. */
export const TextFormatLive: Story = {
  render: () => <LiveReply knobs={{ tokensPerSecond: 60, protocol: 'text' }} format="text" />,
};

/** The rectangles of `text` where it occurs in `root` (one per line it spans). */
function rectsOf(root: Element, text: string): DOMRect[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent?.indexOf(text) ?? -1;
    if (at === -1) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    return [...range.getClientRects()];
  }
  return [];
}

/** Streaming inside an open code fence: the caret sits at the end of the code, inside the block. */
export const CaretInOpenFence: Story = {
  args: { content: 'Here is the code:\n\n```ts\nconst answer = 42;\nconsole.log(answer', status: 'streaming' },
  play: async ({ canvasElement }) => {
    const caret = canvasElement.querySelector('[data-rcs-caret]') as HTMLElement;
    const code = canvasElement.querySelector('.rcs-code-pre code') as HTMLElement;
    await expect(canvasElement.querySelectorAll('[data-rcs-caret]')).toHaveLength(1);
    await expect(code.contains(caret)).toBe(true);
    // On the last code line, right after its text: not on a line of its own below the block.
    const [last] = rectsOf(code, 'console.log(answer').slice(-1);
    const box = caret.getBoundingClientRect();
    await expect(last).toBeDefined();
    await expect(Math.abs(box.top + box.height / 2 - (last!.top + last!.height / 2))).toBeLessThan(last!.height / 2);
    await expect(box.left).toBeGreaterThanOrEqual(last!.right - 1);
    await expect(box.bottom).toBeLessThanOrEqual((canvasElement.querySelector('.rcs-code') as HTMLElement).getBoundingClientRect().bottom);
  },
};

/** A wide table on a narrow screen: cells keep their words whole and the table scrolls sideways. */
export const NarrowTable: Story = {
  args: {
    content:
      '| Protocol | Transport | Resumable | Reasoning | Description |\n| --- | --- | --- | --- | --- |\n' +
      '| OpenAI | EventStream | Sometimes | Encrypted | Chat completions deltas |\n' +
      '| Anthropic | EventStream | Never | Summarized | Messages with content blocks |\n',
  },
  decorators: [
    (Story) => (
      <div style={{ width: 320 }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const wrapper = canvasElement.querySelector('.rcs-table') as HTMLElement;
    const message = canvasElement.querySelector('.rcs-message') as HTMLElement;
    for (const word of ['Protocol', 'Transport', 'EventStream', 'Summarized', 'Description']) {
      await expect(rectsOf(wrapper, word), `"${word}" breaks across lines`).toHaveLength(1);
    }
    // The table scrolls inside its wrapper; the message itself stays as wide as the screen.
    await expect(wrapper.scrollWidth).toBeGreaterThan(wrapper.clientWidth);
    await expect(message.scrollWidth).toBeLessThanOrEqual(message.clientWidth + 1);
    await expect(message.getBoundingClientRect().width).toBeLessThanOrEqual(320);
  },
};
