/** Wire formats the fake model speaks (the same names the hook's `protocol` option takes). */
export type FakeProtocol = 'text' | 'openai' | 'openai-responses' | 'anthropic' | 'ai-sdk';

/** How each write is cut into network chunks. */
export type FakeSplit = 'none' | 'random' | 'utf8' | 'crlf';

/**
 * Every knob of the fake model. Send them as query parameters (`/api/chat?protocol=anthropic&tokensPerSecond=20`)
 * or as the JSON body field `fake` (`{ messages, fake: { dropAfter: 40 } }`); body fields win.
 */
export interface FakeLLMOptions {
  /**
   * Wire format: `ai-sdk` and `text` are written by `react-chat-stream/server`'s encoder; `openai` (Chat
   * Completions), `openai-responses` (the Responses API) and `anthropic` by the fake model's own frames.
   * @default 'openai'
   */
  protocol: FakeProtocol;
  /** Pace of the stream; 0 sends as fast as the connection takes it. @default 0 */
  tokensPerSecond: number;
  /** Tokens (SSE events) per write. @default 1 */
  tokensPerWrite: number;
  /** Chunk splitting; `crlf` also switches line endings to CRLF. @default 'none' */
  split: FakeSplit;
  /** Seed of the random splits. @default 1 */
  seed: number;
  /** Delay before the response starts (status line and headers included). @default 0 */
  ttfbMs: number;
  /** Answer length in characters (see `fakeAnswer`). */
  length: number | undefined;
  /** Answer length in tokens; wins over `length`. */
  tokens: number | undefined;
  /** Give every event an `id:` so a client can resume with `Last-Event-ID`. @default true */
  ids: boolean;
  /** Answer with this HTTP status and a JSON error body instead of a stream (e.g. 503, 429, 400). */
  status: number | undefined;
  /** Seconds sent as `Retry-After` with `status`. */
  retryAfter: number | undefined;
  /** Send a protocol error event after this many tokens, then end the stream. */
  failAfter: number | undefined;
  /** Cut the connection after this many tokens (no terminating event). */
  dropAfter: number | undefined;
  /** Send one malformed JSON event after this many tokens, then carry on. */
  malformedAfter: number | undefined;
  /** Names the conversation for `faultTimes` and the stats endpoint. */
  key: string | undefined;
  /** Only the first N requests of `key` (or of all keyless requests) get the faults; later ones stream normally. */
  faultTimes: number | undefined;
  /** Message used in error events and error bodies. @default 'The fake model failed on purpose' */
  errorMessage: string;
  /** Stream reasoning before the answer (OpenAI `reasoning_content`, Responses reasoning summary, Anthropic thinking, AI SDK reasoning). @default false */
  reasoning: boolean;
  /** Call `getWeather` with streamed arguments before the answer (AI SDK: with its output, then a second step). @default false */
  tools: boolean;
  /** Cite two sources (Anthropic citations, Responses `url_citation` annotations, AI SDK `source-url`; OpenAI chat has no citations). @default false */
  sources: boolean;
  /** Send token usage (OpenAI's usage chunk, AI SDK `finish.messageMetadata.usage`; Anthropic and the Responses API always send it). @default false */
  usage: boolean;
  /**
   * How the reply ends: `length` is a token-limit cut, `refusal` a refusal (OpenAI and Responses `refusal` deltas,
   * Anthropic `stop_reason`, AI SDK a refusal-marked text block), `content-filter` a filtered cut.
   * @default 'stop'
   */
  finish: FakeFinish;
}

/** Finish reasons the fake model can end with. */
export type FakeFinish = 'stop' | 'length' | 'refusal' | 'content-filter';
const FINISHES: readonly FakeFinish[] = ['stop', 'length', 'refusal', 'content-filter'];

export const DEFAULT_FAKE_OPTIONS: FakeLLMOptions = {
  protocol: 'openai',
  tokensPerSecond: 0,
  tokensPerWrite: 1,
  split: 'none',
  seed: 1,
  ttfbMs: 0,
  length: undefined,
  tokens: undefined,
  ids: true,
  status: undefined,
  retryAfter: undefined,
  failAfter: undefined,
  dropAfter: undefined,
  malformedAfter: undefined,
  key: undefined,
  faultTimes: undefined,
  errorMessage: 'The fake model failed on purpose',
  reasoning: false,
  tools: false,
  sources: false,
  usage: false,
  finish: 'stop',
};

/** Knobs as they arrive: strings from a query string, or JSON values from the body. */
export type FakeLLMInput = Partial<Record<keyof FakeLLMOptions | 'faultOnce' | 'malformed', unknown>>;


const PROTOCOLS: readonly FakeProtocol[] = ['text', 'openai', 'openai-responses', 'anthropic', 'ai-sdk'];
const SPLITS: readonly FakeSplit[] = ['none', 'random', 'utf8', 'crlf'];

/**
 * Merges knob sources left to right over the defaults; unknown or invalid values are ignored so a typo never
 * breaks the stream. `faultOnce=<key>` is short for `key=<key>&faultTimes=1`; `malformed=N` for `malformedAfter=N`.
 */
export function resolveFakeOptions(...sources: (FakeLLMInput | URLSearchParams | undefined | null)[]): FakeLLMOptions {
  const o: FakeLLMOptions = { ...DEFAULT_FAKE_OPTIONS };
  for (const source of sources) {
    if (!source) continue;
    const input: FakeLLMInput = source instanceof URLSearchParams ? Object.fromEntries(source) : source;
    const protocol = str(input.protocol);
    if (protocol && (PROTOCOLS as readonly string[]).includes(protocol)) o.protocol = protocol as FakeProtocol;
    const split = str(input.split);
    if (split && (SPLITS as readonly string[]).includes(split)) o.split = split as FakeSplit;
    o.tokensPerSecond = num(input.tokensPerSecond, 0) ?? o.tokensPerSecond;
    o.tokensPerWrite = Math.max(1, num(input.tokensPerWrite, 1) ?? o.tokensPerWrite);
    o.seed = num(input.seed) ?? o.seed;
    o.ttfbMs = num(input.ttfbMs, 0) ?? o.ttfbMs;
    o.length = num(input.length, 0) ?? o.length;
    o.tokens = num(input.tokens, 0) ?? o.tokens;
    o.ids = bool(input.ids) ?? o.ids;
    o.status = num(input.status, 100) ?? o.status;
    o.retryAfter = num(input.retryAfter, 0) ?? o.retryAfter;
    o.failAfter = num(input.failAfter, 0) ?? o.failAfter;
    o.dropAfter = num(input.dropAfter, 0) ?? o.dropAfter;
    o.malformedAfter = num(input.malformedAfter ?? input.malformed, 0) ?? o.malformedAfter;
    o.key = str(input.key) ?? o.key;
    o.faultTimes = num(input.faultTimes, 0) ?? o.faultTimes;
    const once = input.faultOnce;
    if (once !== undefined && once !== false && once !== 'false' && once !== '') {
      if (typeof once === 'string' && once !== 'true' && once !== '1') o.key = once;
      o.faultTimes = 1;
    }
    o.errorMessage = str(input.errorMessage) ?? o.errorMessage;
    o.reasoning = bool(input.reasoning) ?? o.reasoning;
    o.tools = bool(input.tools) ?? o.tools;
    o.sources = bool(input.sources) ?? o.sources;
    o.usage = bool(input.usage) ?? o.usage;
    const finish = str(input.finish);
    if (finish && (FINISHES as readonly string[]).includes(finish)) o.finish = finish as FakeFinish;
  }
  return o;
}

/** True when the options ask for any fault (so `faultTimes` has something to switch off). */
export function hasFault(o: FakeLLMOptions): boolean {
  return (
    o.status !== undefined || o.failAfter !== undefined || o.dropAfter !== undefined || o.malformedAfter !== undefined
  );
}

/** The same options with every fault removed. */
export function withoutFaults(o: FakeLLMOptions): FakeLLMOptions {
  return { ...o, status: undefined, retryAfter: undefined, failAfter: undefined, dropAfter: undefined, malformedAfter: undefined };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

function num(v: unknown, min = -Infinity): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) && n >= min ? n : undefined;
}

function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}
