// @vitest-environment node
/**
 * The server entry and the client entry kept honest by each other: whatever parts a source yields, encoded in the
 * default (AI SDK) format, split at random byte boundaries and read back by the kit's own client, build the same
 * reply as the chunks themselves: parts, text, usage and finish reason (refusals and `refusal` included, which
 * travel in the kit's metadata because the AI SDK's schema has no place for them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPartsBuilder, type ReplyParts } from '../../src/core/message-parts.ts';
import { createProtocol } from '../../src/core/protocols/index.ts';
import { readResponse } from '../../src/core/response.ts';
import type { FinishReason, StreamChunk, Usage } from '../../src/core/types.ts';
import { toEventStream, type SourceItem } from '../../src/server/index.ts';
import { decodeReply } from '../helpers/decode.ts';
import { bodyOf, splitAt, sseResponse } from '../helpers/stream.ts';
import { readAll } from './support.ts';

const toChunk = (item: SourceItem): StreamChunk => (typeof item === 'string' ? { type: 'text-delta', delta: item } : item);

/** The reply the chunks build directly, with no wire in between. */
function replyOf(chunks: StreamChunk[]): ReplyParts {
  const builder = createPartsBuilder(() => 0);
  for (const chunk of chunks) builder.apply(chunk);
  builder.end('done');
  return builder.snapshot();
}

/** Encode `items`, cut the bytes at `cuts`, read them back through the kit's client: the chunks and the reply. */
async function throughTheWire(items: SourceItem[], cuts: number[] = []) {
  const bytes = await readAll(toEventStream(items, { heartbeatMs: 0 }));
  const chunks: StreamChunk[] = [];
  await readResponse(sseResponse(bodyOf(splitAt(bytes, cuts))), createProtocol('ai-sdk'), { onChunk: (chunk) => chunks.push(chunk) });
  return { chunks, reply: replyOf(chunks) };
}

const FINISH_REASONS: FinishReason[] = ['stop', 'length', 'content-filter', 'tool-calls', 'refusal', 'error', 'other'];
const awkward = fc.constantFrom('\n', '\r\n', '\n\n', '[DONE]', 'data: x', ' lead', 'é😀', '{"type":"finish"}');
const text = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }), awkward);
const count = fc.nat({ max: 100_000 });
// At least one count: a usage with none carries nothing and is not sent (the explicit case below).
const usage: fc.Arbitrary<Usage> = fc
  .record(
    { inputTokens: count, outputTokens: count, reasoningTokens: count, cachedInputTokens: count, totalTokens: count },
    { requiredKeys: [] },
  )
  .filter((u) => Object.keys(u).length > 0);

/** One step of a reply: a few chunks in an order a real source sends them. */
const step: fc.Arbitrary<SourceItem[]> = fc.oneof(
  text.map((t) => [t]),
  text.map((delta): SourceItem[] => [{ type: 'refusal-delta', delta }]),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((deltas): SourceItem[] => deltas.map((delta) => ({ type: 'reasoning-delta', delta }))),
  fc.constant<SourceItem[]>([{ type: 'reasoning-delta', delta: '', redacted: true }, { type: 'reasoning-end' }]),
  fc.tuple(fc.uuid(), fc.constantFrom('getWeather', 'search'), fc.array(text, { maxLength: 3 }), fc.boolean()).map(
    ([toolCallId, toolName, deltas, answered]): SourceItem[] => [
      { type: 'tool-input-start', toolCallId, toolName },
      ...deltas.map((delta): SourceItem => ({ type: 'tool-input-delta', toolCallId, delta })),
      { type: 'tool-input-available', toolCallId, input: { q: deltas.join('') } },
      answered ? { type: 'tool-output-available', toolCallId, output: { ok: true } } : { type: 'tool-output-error', toolCallId, errorText: 'down' },
    ],
  ),
  fc.tuple(fc.uuid(), fc.webUrl(), fc.option(text, { nil: undefined })).map(([sourceId, url, title]): SourceItem[] => [
    { type: 'source', sourceId, url, ...(title === undefined ? {} : { title }) },
  ]),
  fc.tuple(
    fc.constantFrom('weather', 'progress'),
    fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
    fc.json().map((json) => JSON.parse(json) as unknown),
    fc.boolean(),
  ).map(([name, id, data, transient]): SourceItem[] => [
    { type: 'data', name, data, ...(id === undefined ? {} : { id }), ...(transient ? { transient } : {}) },
  ]),
  fc.constant<SourceItem[]>([{ type: 'step-start' }]),
  fc.tuple(fc.option(fc.constantFrom(...FINISH_REASONS), { nil: undefined }), fc.option(usage, { nil: undefined })).map(
    ([finishReason, u]): SourceItem[] => [{ type: 'finish', ...(finishReason && { finishReason }), ...(u && { usage: u }) }],
  ),
);
const reply = fc.array(step, { maxLength: 12 }).map((steps) => steps.flat());

describe('server encoder -> kit client round trip', () => {
  it('rebuilds the same parts, text, usage and finish reason from any reply, however the bytes are split', async () => {
    await fc.assert(
      fc.asyncProperty(reply, fc.array(fc.integer({ min: 1, max: 6000 }), { maxLength: 30 }), async (items, cuts) => {
        const { reply: decoded } = await throughTheWire(items, cuts);
        expect(decoded).toEqual(replyOf(items.map(toChunk)));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a refusal back as refusal text, not as the answer', async () => {
    const { chunks, reply: decoded } = await throughTheWire([{ type: 'refusal-delta', delta: "I can't " }, { type: 'refusal-delta', delta: 'help.' }]);
    expect(chunks.filter((c) => c.type === 'refusal-delta' || c.type === 'text-delta')).toEqual([
      { type: 'refusal-delta', delta: "I can't " },
      { type: 'refusal-delta', delta: 'help.' },
    ]);
    expect(decoded.parts).toEqual([{ type: 'refusal', text: "I can't help." }]);
    expect(decoded.content).toBe('');
  });

  it("reads the finish reason 'refusal', which the AI SDK cannot name, and the usage sent in the finish metadata", async () => {
    const { reply: decoded } = await throughTheWire([
      { type: 'finish', usage: { inputTokens: 4, cachedInputTokens: 100 } },
      { type: 'finish', finishReason: 'refusal', usage: { outputTokens: 0 } },
    ]);
    expect(decoded.finishReason).toBe('refusal');
    expect(decoded.usage).toEqual({ inputTokens: 4, outputTokens: 0, cachedInputTokens: 100, totalTokens: 4 });
  });

  it('reads a finish with an empty usage as a reply without usage (nothing to show)', async () => {
    const { reply: decoded } = await throughTheWire([{ type: 'finish', usage: {} }]);
    expect(decoded).toEqual({ content: '', parts: [] });
  });

  it('keeps a redacted reasoning block as a redacted reasoning part', async () => {
    const { reply: decoded } = await throughTheWire([{ type: 'reasoning-delta', delta: '', redacted: true }, 'Answer.']);
    expect(decoded.parts).toEqual([
      { type: 'reasoning', text: '', state: 'done', redacted: true, durationMs: 0 },
      { type: 'text', text: 'Answer.' },
    ]);
  });

  it('reads usage an AI SDK server sends in message-metadata, keeping only finite token counts', () => {
    const wire = [
      { type: 'start' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hi' },
      { type: 'text-end', id: 't' },
      { type: 'message-metadata', messageMetadata: { usage: { inputTokens: 7, outputTokens: 'many', totalTokens: 9 } } },
      { type: 'finish', finishReason: 'stop' },
    ].map((part) => `data: ${JSON.stringify(part)}\n\n`).join('');
    const decoded = decodeReply(`${wire}data: [DONE]\n\n`, 'ai-sdk');
    expect(decoded.usage).toEqual({ inputTokens: 7, totalTokens: 9 });
    // onChunk sees the cleaned counts too, not the untrusted object.
    expect(decoded.chunks).toContainEqual({ type: 'finish', usage: { inputTokens: 7, totalTokens: 9 } });
    expect(decoded.finishReason).toBe('stop');
    expect(decoded.content).toBe('Hi');
  });
});
