import { Profiler, useCallback, useEffect, useRef, useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatWindow, useChatStream, type ProtocolName } from '../src/index.ts';
import { FAKE_ANSWER, type FakeProtocol, type FakeSplit } from '../dev/fake-llm/index.ts';
import { fakeModel, fakeStats, uniqueKey, IN_BROWSER_MODEL } from './fakeModel.ts';

/** Every knob of the fake model, plus the hook options that matter for speed and failure. */
interface PlaygroundArgs {
  protocol: FakeProtocol;
  /** What the hook is told: `auto` sniffs, `same` passes the fake model's protocol. */
  hookProtocol: 'auto' | 'same';
  tokensPerSecond: number;
  tokensPerWrite: number;
  split: FakeSplit;
  seed: number;
  ttfbMs: number;
  length: number;
  /** Answer length in tokens; wins over `length` when set. */
  tokens?: number;
  ids: boolean;
  status?: number;
  retryAfter?: number;
  failAfter?: number;
  dropAfter?: number;
  malformedAfter?: number;
  /** Faults hit only the first request of each question, so retries and resumes succeed. */
  faultOnce: boolean;
  errorMessage: string;
  /** Message parts the fake model adds (not in the text protocol). */
  reasoning: boolean;
  tools: boolean;
  sources: boolean;
  usage: boolean;
  finish: 'stop' | 'length' | 'refusal' | 'content-filter';
  flush: 'raf' | 0 | 16 | 50 | 100 | 250;
  retryAttempts: number;
  theme: 'light' | 'dark';
}

interface Readout {
  tokens: number;
  commits: number;
  ttftMs: number | undefined;
  tokensPerSecond: number | undefined;
  server: string;
}

const meta = {
  title: 'Playground/Fake model',
  // A full-screen tool, not a component: no autodocs page (Docs / Fake model documents the knobs).
  tags: ['!autodocs'],
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          'Every knob of the embedded fake model as a control. The readout counts tokens received (`onToken`), React commits ' +
          'of the chat (`<Profiler onRender>`), time to first token and the hook status, and shows what the server saw.',
      },
    },
  },
  argTypes: {
    protocol: { control: 'inline-radio', options: ['text', 'openai', 'openai-responses', 'anthropic', 'ai-sdk'], description: 'Wire protocol of the fake model (`ai-sdk` and `text` come from the server encoder)' },
    hookProtocol: { control: 'inline-radio', options: ['auto', 'same'], description: "The hook's `protocol` option" },
    tokensPerSecond: { control: { type: 'range', min: 0, max: 5000, step: 5 }, description: 'Pace; 0 = as fast as possible' },
    tokensPerWrite: { control: { type: 'range', min: 1, max: 50, step: 1 }, description: 'Token events per network write' },
    split: { control: 'inline-radio', options: ['none', 'random', 'utf8', 'crlf'], description: 'Chunk splitting' },
    seed: { control: { type: 'number', min: 0 }, description: 'Seed of the random splits' },
    ttfbMs: { control: { type: 'range', min: 0, max: 5000, step: 100 }, description: 'Time to first byte (ms)' },
    length: { control: { type: 'number', min: 1, step: 500 }, description: 'Answer length in characters' },
    tokens: { control: { type: 'number', min: 0, step: 100 }, description: 'Answer length in tokens (wins over length)' },
    ids: { control: 'boolean', description: 'Send SSE `id:` fields (enables Last-Event-ID resume)' },
    status: { control: 'select', options: [undefined, 400, 401, 429, 500, 503], description: 'Answer with this HTTP status instead' },
    retryAfter: { control: { type: 'number', min: 0 }, description: 'Retry-After seconds sent with `status`' },
    failAfter: { control: { type: 'number', min: 0 }, description: 'Send an error event after N tokens' },
    dropAfter: { control: { type: 'number', min: 0 }, description: 'Cut the connection after N tokens' },
    malformedAfter: { control: { type: 'number', min: 0 }, description: 'One malformed JSON event after N tokens' },
    faultOnce: { control: 'boolean', description: 'Faults only on the first request of each question' },
    errorMessage: { control: 'text', description: 'Message of error events and bodies' },
    reasoning: { control: 'boolean', description: 'Stream reasoning before the answer' },
    tools: { control: 'boolean', description: 'Call getWeather with streamed arguments (ai-sdk: with output, multi-step)' },
    sources: { control: 'boolean', description: 'Cite two sources (anthropic, ai-sdk)' },
    usage: { control: 'boolean', description: "Send OpenAI's usage chunk" },
    finish: { control: 'inline-radio', options: ['stop', 'length', 'refusal', 'content-filter'], description: 'How the reply ends' },
    flush: { control: 'select', options: ['raf', 0, 16, 50, 100, 250], description: "The hook's `flush` option" },
    retryAttempts: { control: { type: 'range', min: 0, max: 5, step: 1 }, description: 'Automatic retries' },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
  },
  args: {
    protocol: 'openai',
    hookProtocol: 'auto',
    tokensPerSecond: 50,
    tokensPerWrite: 1,
    split: 'none',
    seed: 1,
    ttfbMs: 300,
    length: FAKE_ANSWER.length,
    ids: true,
    faultOnce: true,
    errorMessage: 'The fake model failed on purpose',
    reasoning: false,
    tools: false,
    sources: false,
    usage: false,
    finish: 'stop',
    flush: 50,
    retryAttempts: 3,
    theme: 'light',
  },
  render: (args, context) => <PlaygroundView {...args} theme={context.globals.theme === 'dark' ? 'dark' : args.theme} />,
} satisfies Meta<PlaygroundArgs>;

export default meta;
type Story = StoryObj<typeof meta>;

const SESSION = uniqueKey('playground');

function PlaygroundView(args: PlaygroundArgs) {
  // A new fault key per question: faultOnce then fails each question's first request, not only the very first.
  const [round, setRound] = useState(0);
  const key = `${SESSION}-${round}`;
  const transport = fakeModel({
    protocol: args.protocol,
    tokensPerSecond: args.tokensPerSecond,
    tokensPerWrite: args.tokensPerWrite,
    split: args.split,
    seed: args.seed,
    ttfbMs: args.ttfbMs,
    length: args.length,
    tokens: args.tokens,
    ids: args.ids,
    status: args.status,
    retryAfter: args.retryAfter,
    failAfter: args.failAfter,
    dropAfter: args.dropAfter,
    malformedAfter: args.malformedAfter,
    key,
    faultTimes: args.faultOnce ? 1 : undefined,
    errorMessage: args.errorMessage,
    reasoning: args.reasoning,
    tools: args.tools,
    sources: args.sources,
    usage: args.usage,
    finish: args.finish,
  });

  // Counters live in refs: updating state from onRender would itself commit and count forever.
  const tokens = useRef(0);
  const commits = useRef(0);
  const chat = useChatStream({
    ...transport,
    protocol: (args.hookProtocol === 'same' ? args.protocol : 'auto') as ProtocolName,
    flush: args.flush,
    retry: args.retryAttempts === 0 ? false : { attempts: args.retryAttempts, baseDelayMs: 300, maxDelayMs: 3000 },
    onToken: () => {
      tokens.current++;
    },
    // A failed reply keeps its key, so Retry finds the fault used up and succeeds; the next question faults anew.
    onFinish: (message) => {
      if (message.status !== 'error') setRound((r) => r + 1);
    },
  });
  const { send, reload } = chat;
  // The readout counts one reply at a time: a new question or a regenerate starts from zero.
  const resetCounters = () => {
    tokens.current = 0;
    commits.current = 0;
  };
  const ask = useCallback(
    (text: string) => {
      resetCounters();
      return send(text);
    },
    [send],
  );
  const regenerate = useCallback(() => {
    resetCounters();
    return reload();
  }, [reload]);
  const controller = { ...chat, send: ask, reload: regenerate };

  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 300px', gap: 16, height: '100vh', padding: 16, boxSizing: 'border-box' }}>
      <Profiler
        id="chat"
        onRender={() => {
          commits.current++;
        }}
      >
        <ChatWindow chat={controller} theme={args.theme} placeholder="Ask the fake model…" />
      </Profiler>
      <ReadoutPanel
        status={chat.status}
        read={() => {
          const reply = [...chat.messages].reverse().find((m) => m.role === 'assistant');
          const t = reply?.timings;
          return {
            tokens: tokens.current,
            commits: commits.current,
            ttftMs: t?.firstToken !== undefined ? t.firstToken - t.requestStart : undefined,
            tokensPerSecond: t?.tokensPerSecond,
            server: '',
          };
        }}
        statsKey={key}
        previousKey={`${SESSION}-${round - 1}`}
        onAsk={() => void ask('Show me everything you can render')}
        busy={chat.status === 'connecting' || chat.status === 'streaming'}
        theme={args.theme}
      />
    </div>
  );
}

function ReadoutPanel(props: {
  status: string;
  read: () => Readout;
  statsKey: string;
  previousKey: string;
  onAsk: () => void;
  busy: boolean;
  theme: 'light' | 'dark';
}) {
  const { read, statsKey, previousKey } = props;
  const latestRead = useRef(read);
  latestRead.current = read;
  const [readout, setReadout] = useState<Readout>(() => read());
  useEffect(() => {
    let server = '';
    const timer = setInterval(() => {
      setReadout({ ...latestRead.current(), server });
      // While a question is open its key has requests; after it ends, the key moved on: show the previous one.
      void fakeStats(statsKey)
        .then((stats) => (stats.requests > 0 ? stats : fakeStats(previousKey)))
        .then((stats) => {
          const last = stats.last;
          server = last
            ? `${stats.requests} request(s); last ${last.outcome} after ${last.tokensSent} tokens${last.lastEventId ? ` (resumed at ${last.lastEventId})` : ''}`
            : 'no request yet';
        })
        .catch(() => undefined);
    }, 200);
    return () => clearInterval(timer);
  }, [statsKey, previousKey]);

  const dark = props.theme === 'dark';
  return (
    <aside
      aria-label="Live readout"
      style={{
        fontFamily: 'system-ui, sans-serif',
        fontSize: 14,
        padding: 12,
        borderRadius: 12,
        background: dark ? '#1f2329' : '#f4f5f7',
        color: dark ? '#e6e8eb' : '#1b1d21',
        alignSelf: 'start',
      }}
    >
      <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>Live readout</h2>
      <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px', margin: 0 }}>
        <dt>Status</dt>
        <dd style={{ margin: 0 }}>
          <output data-testid="readout-status">{props.status}</output>
        </dd>
        <dt>Tokens received</dt>
        <dd style={{ margin: 0 }}>
          <output data-testid="readout-tokens">{readout.tokens}</output>
        </dd>
        <dt>React commits</dt>
        <dd style={{ margin: 0 }}>
          <output data-testid="readout-commits">{readout.commits}</output>
        </dd>
        <dt>Time to first token</dt>
        <dd style={{ margin: 0 }}>
          <output data-testid="readout-ttft">{readout.ttftMs === undefined ? '–' : `${Math.round(readout.ttftMs)} ms`}</output>
        </dd>
        <dt>Tokens/s</dt>
        <dd style={{ margin: 0 }}>
          <output>{readout.tokensPerSecond === undefined ? '–' : Math.round(readout.tokensPerSecond)}</output>
        </dd>
        <dt>Server</dt>
        <dd style={{ margin: 0 }}>
          <output data-testid="readout-server">{readout.server || '–'}</output>
        </dd>
        <dt>Transport</dt>
        <dd style={{ margin: 0 }}>{IN_BROWSER_MODEL ? 'in-browser fetch' : 'dev server /api/chat'}</dd>
      </dl>
      <button type="button" onClick={props.onAsk} disabled={props.busy} style={{ marginTop: 12 }}>
        Ask a sample question
      </button>
    </aside>
  );
}

/** Change any control, then ask: the readout shows what the stream did to React. */
export const Playground: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Ask a sample question' }));
    await waitFor(() => expect(canvas.getByTestId('readout-ttft')).not.toHaveTextContent('–'), { timeout: 5000 });
    // The a11y check runs after play: audit the finished reply, not whichever token just arrived.
    await waitFor(() => expect(canvas.getByTestId('readout-status')).toHaveTextContent('idle'), { timeout: 20_000 });
  },
};

/** 2,000 tokens/s split at random byte offsets: thousands of tokens, a few dozen commits. */
export const Flood: Story = {
  args: { tokensPerSecond: 2000, split: 'random', length: 20_000, ttfbMs: 0 },
};

/** Drop after 80 tokens: the hook resumes with Last-Event-ID and the server log shows the resumed request. */
export const DropAndResume: Story = {
  args: { dropAfter: 80, tokensPerSecond: 40 },
};

/** Every chunk split inside multi-byte characters (Anthropic protocol). */
export const SplitUtf8: Story = {
  name: 'Split inside UTF-8',
  args: { split: 'utf8', protocol: 'anthropic', tokensPerSecond: 100 },
};

/** CRLF line endings, every chunk cut between CR and LF (AI SDK protocol). */
export const SplitCrlf: Story = {
  name: 'Split between CR and LF',
  args: { split: 'crlf', protocol: 'ai-sdk', tokensPerSecond: 100 },
};

/** An error event after 50 tokens: the partial reply stays with Retry, which succeeds (faults hit once per question). */
export const ServerErrorEvent: Story = {
  args: { failAfter: 50, protocol: 'anthropic' },
};

/** One malformed JSON event after 50 tokens: a `protocol` error, never silently dropped text. */
export const MalformedEvent: Story = {
  args: { malformedAfter: 50, protocol: 'ai-sdk' },
};

/** The OpenAI Responses API stream with reasoning summary, a function call, citations and usage. */
export const OpenAIResponses: Story = {
  name: 'OpenAI Responses',
  args: { protocol: 'openai-responses', hookProtocol: 'same', reasoning: true, tools: true, sources: true, usage: true, tokensPerSecond: 100 },
};

/** HTTP 429 with `Retry-After: 1`: the hook waits the second and retries on its own. */
export const RateLimited: Story = {
  args: { status: 429, retryAfter: 1 },
};
