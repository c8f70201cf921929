// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readResponse } from '../../src/core/response.ts';
import { createProtocol } from '../../src/core/protocols/index.ts';
import { isChatStreamError } from '../../src/core/errors.ts';
import { createEventStreamResponse, toEventStream } from '../../src/server/index.ts';
import type { ChunkSource, EventStreamOptions } from '../../src/server/index.ts';
import { splitAt } from '../helpers/stream.ts';
import { eventsOf, readAll, sleep, trackedSource } from './support.ts';

/** Encode, split the bytes at `cuts`, and read them back through the kit's client; the text deltas it saw. */
async function roundTrip(source: ChunkSource, options: EventStreamOptions, cuts: number[] = []) {
  const bytes = await readAll(toEventStream(source, { heartbeatMs: 0, ...options }));
  const pieces = splitAt(bytes, cuts);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of pieces) c.enqueue(p);
      c.close();
    },
  });
  const deltas: string[] = [];
  const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  await readResponse(response, createProtocol(options.protocol ?? 'ai-sdk'), { onChunk: (c) => { if (c.type === "text-delta") deltas.push(c.delta); } });
  return { deltas, bytes };
}

const awkward = fc.constantFrom('\n', '\r', '\r\n', '\n\n', '[DONE]', 'data: x', ' leading', 'id: 7', ': comment', '', 'é😀');
const token = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), awkward);
const cutsFor = (n: number) => fc.array(fc.integer({ min: 1, max: 4000 }), { maxLength: n });

describe('toEventStream', () => {
  it('gives back any sequence of tokens exactly in the ai-sdk format, however the bytes are split', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 30 }), cutsFor(40), async (tokens, cuts) => {
        const { deltas } = await roundTrip(tokens, {}, cuts);
        expect(deltas).toEqual(tokens.filter((t) => t !== ''));
      }),
      { numRuns: 150 },
    );
  });

  it('gives back any tokens without a CR in the text format (a token equal to [DONE] aside)', async () => {
    const textToken = token.filter((t) => !t.includes('\r') && t !== '[DONE]');
    await fc.assert(
      fc.asyncProperty(fc.array(textToken, { maxLength: 30 }), cutsFor(40), async (tokens, cuts) => {
        const { deltas } = await roundTrip(tokens, { protocol: 'text' }, cuts);
        expect(deltas).toEqual(tokens.filter((t) => t !== ''));
      }),
      { numRuns: 150 },
    );
  });

  it('sends a CR inside a text-format token as LF rather than cutting the token', async () => {
    const { deltas } = await roundTrip(['a\rb', 'c\r\nd'], { protocol: 'text' });
    expect(deltas).toEqual(['a\nb', 'c\nd']);
  });

  it('opens with retry:, gives every event a non-empty increasing id, and follows the AI SDK part order', async () => {
    const bytes = await readAll(toEventStream(['Hel', 'lo'], { heartbeatMs: 0, retryMs: 1234, messageId: 'm1' }));
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('retry: 1234\n')).toBe(true);
    const events = eventsOf(bytes);
    const ids = events.map((e) => Number(e.id));
    expect(ids.every((id, i) => Number.isInteger(id) && id > 0 && (i === 0 || id > ids[i - 1]!))).toBe(true);
    expect(events.map((e) => (e.data === '[DONE]' ? '[DONE]' : JSON.parse(e.data).type))).toEqual([
      'start', 'start-step', 'text-start', 'text-delta', 'text-delta', 'text-end', 'finish-step', 'finish', '[DONE]',
    ]);
    expect(JSON.parse(events[0]!.data)).toEqual({ type: 'start', messageId: 'm1' });
  });

  it('answers with the headers that keep proxies from buffering', () => {
    const response = createEventStreamResponse(['x']);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    response.body?.cancel();
  });

  it('sends heartbeat comments while the source is idle, and none when heartbeatMs is 0', async () => {
    const slow = () => trackedSource(['a'], 130).source;
    const withBeat = new TextDecoder().decode(await readAll(toEventStream(slow(), { heartbeatMs: 30 })));
    expect(withBeat.match(/^: ping$/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    const without = new TextDecoder().decode(await readAll(toEventStream(slow(), { heartbeatMs: 0 })));
    expect(without).not.toContain(': ping');
  });

  it('closes the source and fires the producer signal when the reader cancels mid-stream', async () => {
    let producerSignal: AbortSignal | undefined;
    const { source, state } = trackedSource(['a', 'b', 'c', 'd'], 20);
    const stream = toEventStream((signal) => {
      producerSignal = signal;
      return source;
    }, { heartbeatMs: 0 });
    const reader = stream.getReader();
    let seen = '';
    while (!seen.includes('"delta":"a"')) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(producerSignal?.aborted).toBe(true);
    await sleep(40);
    expect(state.closed).toBe(true);
    expect(state.yielded).toBeLessThan(4);
  });

  it('ends the stream and closes the source when the request signal aborts, even while the model is silent', async () => {
    const request = new AbortController();
    let closed = false;
    async function* stuck() {
      try {
        yield 'first';
        await new Promise(() => {});
      } finally {
        closed = true;
      }
    }
    let producerSignal: AbortSignal | undefined;
    const done = readAll(toEventStream((signal) => {
      producerSignal = signal;
      return stuck();
    }, { signal: request.signal, heartbeatMs: 0 }));
    await sleep(20);
    request.abort();
    const text = new TextDecoder().decode(await done);
    expect(text).toContain('"delta":"first"');
    expect(text).not.toContain('"finish"');
    expect(producerSignal?.aborted).toBe(true);
    // The generator is parked in an await that never settles, so its return() stays queued: a producer stops
    // through the signal it was given.
    expect(closed).toBe(false);
  });

  it('ends a throwing source with the protocol error event, keeping the text sent before it', async () => {
    async function* failing() {
      yield 'partial';
      throw new Error('model overloaded');
    }
    const deltas: string[] = [];
    const response = createEventStreamResponse(failing(), { heartbeatMs: 0 });
    const error = await readResponse(response, createProtocol('auto'), { onChunk: (c) => { if (c.type === "text-delta") deltas.push(c.delta); } }).catch((e) => e);
    expect(isChatStreamError(error) && error.kind).toBe('server');
    expect((error as Error).message).toBe('model overloaded');
    expect(deltas).toEqual(['partial']);
  });

  it('tells the client what onError returns, in both formats', async () => {
    const failing = (): ChunkSource => (async function* () {
      yield 'x';
      throw new Error('secret internal detail');
    })();
    for (const protocol of ['ai-sdk', 'text'] as const) {
      const response = createEventStreamResponse(failing(), { protocol, heartbeatMs: 0, onError: () => 'Something went wrong' });
      const error = await readResponse(response, createProtocol(protocol), { onChunk: () => {} }).catch((e) => e);
      expect((error as Error).message).toBe('Something went wrong');
    }
  });

  it('accepts a plain array and a function returning a promise of an iterable', async () => {
    expect((await roundTrip(['a', 'b'], {})).deltas).toEqual(['a', 'b']);
    expect((await roundTrip(async () => ['c', 'd'], {})).deltas).toEqual(['c', 'd']);
  });
});
