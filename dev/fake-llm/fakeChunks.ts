/**
 * The fake answer as the kit's own `StreamChunk`s, for the protocols the server encoder speaks (`ai-sdk`, `text`):
 * the chunks go through `react-chat-stream/server`'s encoder exactly as a real backend's would, so the fake model
 * tests the encoder's framing instead of hand-writing it (the kit eats its own cooking).
 */
import type { FinishReason, StreamChunk } from '../../src/core/types.ts';
import { fakeTokens } from './answer.ts';
import type { FakeLLMOptions } from './options.ts';
import { FAKE_REASONING, FAKE_SOURCES, FAKE_TOOL } from './parts.ts';
import { sleep } from './fakeSSE.ts';

/** The answer as chunks: what comes before the first token, one chunk per token, what comes after the last. */
export interface FakeChunkPlan {
  preamble: StreamChunk[];
  token(text: string): StreamChunk;
  trailer: StreamChunk[];
}

const FINISH: Record<FakeLLMOptions['finish'], FinishReason> = {
  stop: 'stop',
  length: 'length',
  refusal: 'refusal',
  'content-filter': 'content-filter',
};

/** Input tokens the fake model claims to have read (any fixed number; the other protocols send the same). */
export const FAKE_INPUT_TOKENS = 12;

/**
 * The chunks of the answer for `o`: reasoning, then the `getWeather` call (arguments streamed, its output, then a
 * new step), then the text, sources, and a `finish` with the reason and (with `usage`) the token counts. The
 * `text` protocol carries text only, so there a refusal's text stays text.
 */
export function fakeChunkPlan(o: FakeLLMOptions, tokenCount: number): FakeChunkPlan {
  const preamble: StreamChunk[] = [];
  const { toolCallId, toolName, argumentPieces, output } = FAKE_TOOL;
  if (o.reasoning) {
    for (const delta of FAKE_REASONING) preamble.push({ type: 'reasoning-delta', id: 'r', delta });
    preamble.push({ type: 'reasoning-end', id: 'r' });
  }
  if (o.tools) {
    preamble.push({ type: 'tool-input-start', toolCallId, toolName });
    for (const delta of argumentPieces) preamble.push({ type: 'tool-input-delta', toolCallId, delta });
    preamble.push({ type: 'tool-input-available', toolCallId, toolName, input: JSON.parse(argumentPieces.join('')) });
    preamble.push({ type: 'tool-output-available', toolCallId, output });
    // The answer after a tool result is a second step, as in a multi-step AI SDK reply.
    preamble.push({ type: 'step-start' });
  }
  const refusal = o.finish === 'refusal' && o.protocol !== 'text';
  const trailer: StreamChunk[] = [];
  if (o.sources) FAKE_SOURCES.forEach((s, i) => trailer.push({ type: 'source', sourceId: `s${i + 1}`, url: s.url, title: s.title }));
  const reasoningTokens = o.reasoning ? FAKE_REASONING.length : 0;
  trailer.push({
    type: 'finish',
    finishReason: FINISH[o.finish],
    ...(o.usage
      ? {
          usage: {
            inputTokens: FAKE_INPUT_TOKENS,
            outputTokens: tokenCount,
            ...(o.reasoning ? { reasoningTokens } : {}),
            totalTokens: FAKE_INPUT_TOKENS + tokenCount,
          },
        }
      : {}),
  });
  return {
    preamble,
    token: (text) => (refusal ? { type: 'refusal-delta', delta: text } : { type: 'text-delta', delta: text }),
    trailer,
  };
}

/** Hooks of `fakeChunks`. */
export interface FakeChunksContext {
  /** Called after each token chunk is handed over, with the number of tokens produced so far. */
  onToken?: (tokens: number) => void;
}

/** Thrown by `fakeChunks` where `failAfter` says the model fails; the encoder turns it into the protocol's error event. */
export class FakeModelError extends Error {
  override readonly name = 'FakeModelError';
}

/**
 * The answer's chunks as a producer for the encoder (`toEventStream`, `createResumableStreams`): paced by
 * `tokensPerSecond`, throwing `FakeModelError` at `failAfter`, stopping when `signal` aborts. Connection faults
 * (`dropAfter`, splits) belong to the connection, not to the producer, so they are not here.
 */
export async function* fakeChunks(o: FakeLLMOptions, signal: AbortSignal, context: FakeChunksContext = {}): AsyncGenerator<StreamChunk> {
  const tokens = fakeTokens({ length: o.length, tokens: o.tokens });
  const plan = fakeChunkPlan(o, tokens.length);
  yield* plan.preamble;
  const t0 = Date.now();
  const msPerToken = o.tokensPerSecond > 0 ? 1000 / o.tokensPerSecond : 0;
  for (let index = 0; index <= tokens.length; index++) {
    if (o.failAfter === index) throw new FakeModelError(o.errorMessage);
    const token = tokens[index];
    if (token === undefined) break;
    // Pace by the schedule, not by the previous token, so timer lateness never slows the average rate.
    if (msPerToken > 0 && index > 0) await sleep(t0 + index * msPerToken - Date.now(), signal);
    if (signal.aborted) return;
    yield plan.token(token);
    context.onToken?.(index + 1);
  }
  yield* plan.trailer;
}
