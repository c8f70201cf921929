import { createChunkEncoder, formatEvent, type ServerProtocol, type WireEvent } from '../../src/server/index.ts';
import { fakeTokens } from './answer.ts';
import { fakeChunkPlan } from './fakeChunks.ts';
import type { FakeLLMOptions, FakeProtocol } from './options.ts';
import { hasParts, partsPreamble, partsToken, partsTrailer } from './parts.ts';

/** Thrown by `fakeSSE` where `dropAfter` cuts the connection; adapters turn it into a socket reset. */
export class FakeDropError extends Error {
  override readonly name = 'FakeDropError';
}

/** Per-request context of `fakeSSE`. */
export interface FakeSSEContext {
  /** Stops the generator (the client went away). */
  signal?: AbortSignal;
  /** The request's `Last-Event-ID`: the stream continues after that many tokens. */
  lastEventId?: string | null;
  /** Called after each token event is yielded, with the number of tokens sent so far. */
  onToken?: (tokensSent: number) => void;
  /** Called just before the last write: `done` with the closing events, `failed` with an error event. */
  onEnd?: (outcome: 'done' | 'failed') => void;
}

type SSEFrame = WireEvent;

/** One stream's writer of a protocol (stateful: the server encoder tracks its open blocks). */
interface Encoder {
  preamble(): SSEFrame[];
  token(text: string): SSEFrame[];
  error(message: string): SSEFrame[];
  /** `undefined` when the protocol has no JSON to break (text). */
  malformed(): SSEFrame | undefined;
  trailer(tokens: number): SSEFrame[];
}

const MODEL = 'fake-llm';
const CREATED_S = 1_764_000_000;

const openaiChunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: CREATED_S,
    model: MODEL,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });

// The provider protocols the server encoder does not speak keep their own hand-written frames.
const PROVIDER_ENCODERS: Record<'openai' | 'anthropic', Encoder> = {
  openai: {
    preamble: () => [{ data: openaiChunk({ role: 'assistant' }) }],
    token: (text) => [{ data: openaiChunk({ content: text }) }],
    error: (message) => [{ data: JSON.stringify({ error: { message, type: 'server_error', code: null } }) }],
    malformed: () => ({ data: '{"id":"chatcmpl-fake","choices":[{"delta":{"content":"unterminated' }),
    trailer: () => [{ data: openaiChunk({}, 'stop') }, { data: '[DONE]' }],
  },
  anthropic: {
    preamble: () => [
      {
        event: 'message_start',
        data: JSON.stringify({
          type: 'message_start',
          message: {
            id: 'msg_fake',
            type: 'message',
            role: 'assistant',
            content: [],
            model: MODEL,
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: 12, output_tokens: 1 },
          },
        }),
      },
      {
        event: 'content_block_start',
        data: JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      },
      { event: 'ping', data: JSON.stringify({ type: 'ping' }) },
    ],
    token: (text) => [{
      event: 'content_block_delta',
      data: JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
    }],
    error: (message) => [{
      event: 'error',
      data: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message } }),
    }],
    malformed: () => ({ event: 'content_block_delta', data: '{"type":"content_block_delta","index":0,"delta":{' }),
    trailer: (tokens) => [
      { event: 'content_block_stop', data: JSON.stringify({ type: 'content_block_stop', index: 0 }) },
      {
        event: 'message_delta',
        data: JSON.stringify({
          type: 'message_delta',
          delta: { stop_reason: 'end_turn', stop_sequence: null },
          usage: { output_tokens: tokens },
        }),
      },
      { event: 'message_stop', data: JSON.stringify({ type: 'message_stop' }) },
    ],
  },
};

/**
 * `ai-sdk` and `text` come from `react-chat-stream/server`'s own encoder fed the answer's chunks (the kit eats its
 * own cooking): only the deliberately broken `malformedAfter` event is written by hand.
 */
function kitEncoder(o: FakeLLMOptions, tokenCount: number): Encoder {
  const encoder = createChunkEncoder(o.protocol as ServerProtocol);
  const plan = fakeChunkPlan(o, tokenCount);
  return {
    preamble: () => [...encoder.start(), ...plan.preamble.flatMap((chunk) => encoder.encode(chunk))],
    token: (text) => encoder.encode(plan.token(text)),
    error: (message) => encoder.error(message),
    malformed: () => (o.protocol === 'ai-sdk' ? { data: '{"type":"text-delta","id":"t0","delta":' } : undefined),
    trailer: () => [...plan.trailer.flatMap((chunk) => encoder.encode(chunk)), ...encoder.end()],
  };
}

function encoderFor(o: FakeLLMOptions, tokenCount: number): Encoder {
  if (o.protocol === 'ai-sdk' || o.protocol === 'text') return kitEncoder(o, tokenCount);
  return withParts(PROVIDER_ENCODERS[o.protocol], o);
}

/** Response headers of a fake stream in a protocol (the AI SDK's UI stream announces itself with a header). */
export function fakeSSEHeaders(protocol: FakeProtocol): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  };
  if (protocol === 'ai-sdk') headers['x-vercel-ai-ui-message-stream'] = 'v1';
  return headers;
}

/**
 * The JSON error body a real provider sends with a non-2xx status: Anthropic's `{type:'error', error}` or the
 * OpenAI-style `{error:{message}}` the other protocols use. Both carry `error.message`.
 */
export function fakeErrorBody(protocol: FakeProtocol, status: number, message: string): string {
  if (protocol === 'anthropic') {
    const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'overloaded_error' : 'invalid_request_error';
    return JSON.stringify({ type: 'error', error: { type, message } });
  }
  const type = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return JSON.stringify({ error: { message, type, code: status } });
}

/**
 * The fake model's stream: SSE bytes of the deterministic answer in one protocol, paced, split and faulted as the
 * options say. Uses only `TextEncoder`, timers and `AbortSignal`, so it runs the same in Node and in a browser.
 *
 * Event ids count tokens: the preamble carries `id: 0`, the k-th token `id: k`, the closing events the total.
 * Given `lastEventId` k, the stream skips the preamble and the first k tokens, and faults at or before k do
 * not fire again, so a resumed request finishes the answer with no gap and no duplicate.
 *
 * @throws FakeDropError where `dropAfter` says to cut the connection.
 */
export async function* fakeSSE(options: FakeLLMOptions, context: FakeSSEContext = {}): AsyncGenerator<Uint8Array> {
  const { signal, onToken, onEnd } = context;
  const tokens = fakeTokens({ length: options.length, tokens: options.tokens });
  const encoder = encoderFor(options, tokens.length);
  const resumeId = parseLastEventId(context.lastEventId);
  const resumed = resumeId !== undefined;
  const start = Math.min(resumeId ?? 0, tokens.length);
  const eol = options.split === 'crlf' ? '\r\n' : '\n';
  const random = mulberry32(options.seed);
  const utf8 = new TextEncoder();
  // A fault sits between tokens; on a resumed request only the ones still ahead of the resume point fire.
  const fires = (at: number | undefined, index: number) =>
    at !== undefined && at === index && (resumed ? at > start : at >= start);
  const serialize = (frames: SSEFrame[], id: number) =>
    frames.map((frame) => formatFrame(frame, options.ids ? String(id) : undefined, eol)).join('');
  const pieces = (text: string) => splitChunk(utf8.encode(text), options.split, random);

  const preamble = encoder.preamble();
  if (!resumed && preamble.length > 0) yield* pieces(serialize(preamble, 0));
  // A resumed stream replays what it skips through the (stateful) encoder, so it continues where the first
  // connection stopped (no second `text-start`).
  for (let index = 0; index < start; index++) encoder.token(tokens[index]!);

  const t0 = Date.now();
  const msPerToken = options.tokensPerSecond > 0 ? 1000 / options.tokensPerSecond : 0;
  let sent = start;
  let batch = '';
  let batchTokens = 0;

  for (let index = start; index <= tokens.length; index++) {
    let stop: 'fail' | 'drop' | undefined;
    if (fires(options.malformedAfter, index)) {
      const frame = encoder.malformed();
      if (frame) batch += serialize([frame], index);
    }
    if (fires(options.failAfter, index)) stop = 'fail';
    else if (fires(options.dropAfter, index)) stop = 'drop';

    const token = tokens[index];
    if (stop === undefined && token !== undefined) {
      batch += serialize(encoder.token(token), index + 1);
      batchTokens += 1;
    }
    const last = token === undefined || stop !== undefined;
    if (batchTokens < options.tokensPerWrite && !last) continue;

    if (stop === 'fail') batch += serialize(encoder.error(options.errorMessage), index);
    if (stop === undefined && token === undefined) batch += serialize(encoder.trailer(tokens.length), tokens.length);
    if (batch !== '') {
      // Pace by the schedule, not by the previous write, so timer lateness never slows the average rate.
      const due = t0 + (sent - start) * msPerToken;
      if (msPerToken > 0 && sent > start) await sleep(due - Date.now(), signal);
      if (signal?.aborted) return;
      // The outcome is settled before the last bytes leave: a client that stops reading at the closing event
      // and hangs up got the whole answer, and must not be logged as an abort.
      if (stop === 'fail') onEnd?.('failed');
      else if (stop === undefined && token === undefined) onEnd?.('done');
      yield* pieces(batch);
      sent += batchTokens;
      if (batchTokens > 0) onToken?.(sent);
    }
    batch = '';
    batchTokens = 0;
    if (stop === 'drop') throw new FakeDropError(`fake-llm dropped the connection after ${index} tokens`);
    if (last) return;
  }
}

// The parts knobs replace the opening and closing events (and Anthropic's text block index).
function withParts(base: Encoder, o: FakeLLMOptions): Encoder {
  if (!hasParts(o)) return base;
  return {
    ...base,
    preamble: () => partsPreamble(o.protocol, o),
    token: (text) => {
      const frame = partsToken(o.protocol, o, text);
      return frame ? [frame] : base.token(text);
    },
    trailer: (tokens) => partsTrailer(o.protocol, o, tokens),
  };
}

function parseLastEventId(value: string | null | undefined): number | undefined {
  if (value === undefined || value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

// The server's own framing (one `data:` line per line of a value, which the client joins back with LF); CRLF
// line endings for `split=crlf`, where every line break of the frame is one the framer wrote.
function formatFrame(frame: SSEFrame, id: string | undefined, eol: string): string {
  const out = formatEvent(frame, id);
  return eol === '\n' ? out : out.replaceAll('\n', eol);
}

/**
 * Cuts one write into network chunks: `random` anywhere (inside UTF-8 sequences and CRLF pairs included),
 * `utf8` inside every multi-byte character, `crlf` between every CR and its LF.
 */
export function splitChunk(bytes: Uint8Array, split: FakeLLMOptions['split'], random: () => number): Uint8Array[] {
  if (split === 'none' || bytes.length < 2) return [bytes];
  const cuts: number[] = [];
  if (split === 'random') {
    const count = Math.floor(random() * 4);
    for (let i = 0; i < count; i++) cuts.push(1 + Math.floor(random() * (bytes.length - 1)));
  } else if (split === 'utf8') {
    for (let i = 1; i < bytes.length; i++) if (((bytes[i] ?? 0) & 0xc0) === 0x80 && ((bytes[i - 1] ?? 0) & 0xc0) !== 0x80) cuts.push(i);
  } else {
    for (let i = 1; i < bytes.length; i++) if (bytes[i - 1] === 0x0d && bytes[i] === 0x0a) cuts.push(i);
  }
  const sorted = [...new Set(cuts)].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const cut of sorted) {
    out.push(bytes.subarray(from, cut));
    from = cut;
  }
  out.push(bytes.subarray(from));
  return out;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same splits on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resolves after `ms` (at once when `ms <= 0`), or early when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
