import { useEffect, useState, type ReactNode } from 'react';
import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  ChatWindow,
  useChatStream,
  type ChatMessage,
  type ChatWindowOptionsProps,
  type RenderMessage,
} from '../src/index.ts';
import { fakeAnswer } from '../dev/fake-llm/index.ts';
import { fakeModel, fakeStats, uniqueKey } from './fakeModel.ts';
// Every prop with its description, type and default, generated from the types (npm run docs:props).
import chatWindowArgTypes from './generated/chatWindowArgTypes.json';

const QUESTION = 'How does streaming work?';
const ANSWER_END = 'happy streaming!';

// Full height on a story's own page; a compact frame when a dozen windows stack on the docs page.
const frame: Decorator = (Story, context) => (
  <div
    style={{
      height: context.viewMode === 'docs' ? 420 : 'min(720px, calc(100vh - 32px))',
      minHeight: 320,
      maxWidth: 760,
      margin: '0 auto',
    }}
  >
    <Story />
  </div>
);

const meta = {
  title: 'Components/ChatWindow',
  component: ChatWindow,
  decorators: [frame],
  argTypes: chatWindowArgTypes,
  parameters: {
    docs: {
      description: {
        component:
          'A complete chat on `useChatStream`. Every story streams from the embedded fake model: the real `POST /api/chat` ' +
          'on the dev server, or the same model in the browser (`createFakeFetch`) in the static build.',
      },
    },
  },
  args: {
    ...fakeModel({ tokensPerSecond: 60 }),
    placeholder: 'Ask the fake model…',
    empty: 'Ask anything: a fake model streams back a markdown answer (no API key involved).',
  },
  render: (args, context) => <ChatWindow theme={themeOf(context)} {...args} />,
} satisfies Meta<ChatWindowOptionsProps>;

export default meta;
type Story = StoryObj<typeof meta>;

function themeOf(context: { globals: Record<string, unknown> }): 'light' | 'dark' {
  return context.globals.theme === 'dark' ? 'dark' : 'light';
}

async function ask(canvasElement: HTMLElement, text = QUESTION) {
  const canvas = within(canvasElement);
  await userEvent.type(canvas.getByRole('textbox'), `${text}{Enter}`);
}

function lastReply(canvasElement: HTMLElement): HTMLElement | undefined {
  const rows = canvasElement.querySelectorAll<HTMLElement>('article[data-role="assistant"]');
  return rows[rows.length - 1];
}

async function waitForReply(canvasElement: HTMLElement, status: string, timeout = 15_000) {
  await waitFor(() => expect(lastReply(canvasElement)?.dataset.status).toBe(status), { timeout });
}

/** A line under the window saying what the fake model saw of the last request of a key. */
function ServerSaw({ keyName }: { keyName: string }) {
  const [line, setLine] = useState('Server: no request yet');
  useEffect(() => {
    const timer = setInterval(() => {
      void fakeStats(keyName).then((stats) => {
        const last = stats.last;
        if (!last) return;
        const resumed = last.lastEventId ? `, resumed after event ${last.lastEventId}` : '';
        setLine(`Server saw ${stats.requests} request(s); last: ${last.outcome} after ${last.tokensSent} tokens${resumed}`);
      });
    }, 300);
    return () => clearInterval(timer);
  }, [keyName]);
  return (
    <p data-testid="server-saw" style={{ margin: '8px 0 0', fontSize: 13, fontFamily: 'system-ui, sans-serif' }}>
      {line}
    </p>
  );
}

function WithServerLine({ keyName, children }: { keyName: string; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <div style={{ flex: 1, minHeight: 0 }}>{children}</div>
      <ServerSaw keyName={keyName} />
    </div>
  );
}

/** Type a question: the fake model streams a markdown answer at 60 tokens/s. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await waitForReply(canvasElement, 'done');
    await expect(lastReply(canvasElement)).toHaveTextContent(ANSWER_END);
  },
};

/** 5 tokens/s after 1.5 s to first byte: the connecting state, then a slow trickle. */
export const SlowModel: Story = {
  args: { ...fakeModel({ tokensPerSecond: 5, ttfbMs: 1500 }) },
};

/** 2,000 tokens/s for a long answer: text is batched (one commit per 50 ms), the page stays responsive. */
export const Flood: Story = {
  args: { ...fakeModel({ tokensPerSecond: 2000, length: 12_000 }) },
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await waitForReply(canvasElement, 'done');
    await expect(lastReply(canvasElement)).toHaveTextContent('Part 2');
  },
};

const retryKey = uniqueKey('retry');
/**
 * The first two requests answer 503 with `Retry-After: 1`; the hook waits and retries on its own, and the
 * third request streams. Each new question starts the fault count again.
 */
export const ErrorsWithRetry: Story = {
  render: function Render(args, context) {
    const [round, setRound] = useState(0);
    const knobs = { tokensPerSecond: 60, status: 503, retryAfter: 1, key: `${retryKey}-${round}`, faultTimes: 2 };
    return (
      <ChatWindow
        theme={themeOf(context)}
        {...args}
        {...fakeModel(knobs)}
        onFinish={() => setRound((r) => r + 1)}
      />
    );
  },
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await waitFor(() => expect(canvasElement.querySelector('[data-retry-attempt]')).not.toBeNull(), { timeout: 5000 });
    await waitForReply(canvasElement, 'done');
  },
};

const failKey = uniqueKey('fail');
/** The model sends an error event after 30 tokens: the partial reply stays with the error and a Retry button, which regenerates it. */
export const ServerErrorThenRetry: Story = {
  args: { ...fakeModel({ tokensPerSecond: 60, failAfter: 30, faultOnce: failKey, errorMessage: 'The model is overloaded' }) },
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await waitForReply(canvasElement, 'error');
    await expect(lastReply(canvasElement)).toHaveTextContent('The model is overloaded');
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Retry' }));
    await waitForReply(canvasElement, 'done');
  },
};

const stopKey = uniqueKey('stop');
/** Press Stop (or Escape) mid-reply: the partial text stays, marked stopped; the line below shows the server saw the close. */
export const StopMidReply: Story = {
  args: { ...fakeModel({ tokensPerSecond: 15, key: stopKey }) },
  render: (args, context) => (
    <WithServerLine keyName={stopKey}>
      <ChatWindow theme={themeOf(context)} {...args} />
    </WithServerLine>
  ),
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    const canvas = within(canvasElement);
    await waitFor(() => expect(lastReply(canvasElement)?.textContent?.length ?? 0).toBeGreaterThan(20), { timeout: 5000 });
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }));
    await waitForReply(canvasElement, 'stopped');
    await waitFor(() => expect(canvas.getByTestId('server-saw')).toHaveTextContent('last: aborted'), { timeout: 3000 });
  },
};

const dropKey = uniqueKey('drop');
/** The connection drops after 60 tokens; the hook reconnects with `Last-Event-ID: 60` and the answer continues seamlessly. */
export const DroppedConnection: Story = {
  // faultOnce: a browser may discard body bytes it had not read when a connection fails, so the resume point can be
  // before token 60; a drop that fired again on every resume could then exhaust the retries.
  args: { ...fakeModel({ tokensPerSecond: 40, dropAfter: 60, faultOnce: dropKey }) },
  render: (args, context) => (
    <WithServerLine keyName={dropKey}>
      <ChatWindow theme={themeOf(context)} {...args} />
    </WithServerLine>
  ),
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await waitForReply(canvasElement, 'done');
    await expect(lastReply(canvasElement)).toHaveTextContent(ANSWER_END);
    await waitFor(() => expect(within(canvasElement).getByTestId('server-saw')).toHaveTextContent(/resumed after event [1-6]?\d\b/), {
      timeout: 3000,
    });
  },
};

const dropNoIdsKey = uniqueKey('drop-no-ids');
/** The same drop on a stream without event ids: nothing to resume from, so the partial reply fails with Retry (which then succeeds). */
export const DroppedWithoutIds: Story = {
  args: { ...fakeModel({ tokensPerSecond: 40, dropAfter: 60, ids: false, faultOnce: dropNoIdsKey }) },
};

function history(count: number): ChatMessage[] {
  const sample = fakeAnswer({ length: 400 });
  return Array.from({ length: count }, (_, i) => ({
    id: `h${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: i % 2 === 0 ? `Question ${i / 2 + 1}: tell me about message ${i}?` : sample,
    status: i % 2 === 0 ? undefined : 'done',
  }));
}

/** 500 messages of history: finished rows skip layout off-screen, and streaming a new reply re-renders only its row. */
export const LongHistory: Story = {
  args: { ...fakeModel({ tokensPerSecond: 200 }), initialMessages: history(500) },
};

/** The dark theme (also reachable from the toolbar's Theme switch for every story). */
export const DarkTheme: Story = {
  globals: { theme: 'dark' },
  args: { ...fakeModel({ tokensPerSecond: 60 }), theme: 'dark' },
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await waitForReply(canvasElement, 'done');
  },
};

const renderPlain: RenderMessage = (message) => (
  <div>
    <strong>{message.role === 'user' ? '🙂 You' : '🤖 Model'}</strong>
    <p style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{message.content}</p>
    {message.role === 'assistant' && message.status === 'done' && (
      <small>{message.content.split(/\s+/).filter(Boolean).length} words</small>
    )}
  </div>
);

/** `renderMessage` replaces the bubble content: here plain text with a word count instead of markdown. */
export const CustomMessageRenderer: Story = {
  args: { ...fakeModel({ tokensPerSecond: 80 }), renderMessage: renderPlain },
};

/** Controlled mode: you own the `useChatStream` state and pass it as `chat`; the buttons outside drive the same conversation. */
export const Controlled: Story = {
  render: function Render(_args, context) {
    const chat = useChatStream({ ...fakeModel({ tokensPerSecond: 60, protocol: 'anthropic' }), protocol: 'anthropic' });
    const busy = chat.status === 'connecting' || chat.status === 'streaming';
    return (
      <div style={{ display: 'flex', flexDirection: 'column', height: '100%', gap: 8 }}>
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', fontFamily: 'system-ui, sans-serif', fontSize: 14 }}>
          <button type="button" onClick={() => void chat.send('Summarise streaming in one table')} disabled={busy}>
            Ask a preset question
          </button>
          <button type="button" onClick={() => chat.setMessages([])} disabled={busy}>
            Clear
          </button>
          <span>
            status: <output>{chat.status}</output>, messages: <output>{chat.messages.length}</output>
          </span>
        </div>
        <div style={{ flex: 1, minHeight: 0 }}>
          <ChatWindow chat={chat} theme={themeOf(context)} />
        </div>
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Ask a preset question' }));
    await waitForReply(canvasElement, 'done');
    await expect(canvas.getByText('Summarise streaming in one table')).toBeInTheDocument();
  },
};
