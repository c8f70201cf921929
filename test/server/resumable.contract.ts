import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createSSEParser } from '../../src/core/sse.ts';
import { createProtocol } from '../../src/core/protocols/index.ts';
import { readResponse } from '../../src/core/response.ts';
import { createResumableStreams, type StreamStore } from '../../src/server/index.ts';
import { readAll, sleep } from './support.ts';

const decoder = new TextDecoder();

/** The text deltas the kit's client reads from `bytes`. */
async function deltasOf(bytes: Uint8Array): Promise<string[]> {
  const deltas: string[] = [];
  const response = new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'text/event-stream' } });
  await readResponse(response, createProtocol('ai-sdk'), { onChunk: (c) => { if (c.type === "text-delta") deltas.push(c.delta); } }).catch(() => {});
  return deltas;
}

/** The id of the last event completely inside `bytes` (what a browser would send as Last-Event-ID). */
function lastIdIn(bytes: Uint8Array): string {
  const parser = createSSEParser({ onEvent: () => {} });
  parser.feed(bytes);
  return parser.lastEventId;
}

async function* paced(tokens: string[], gapMs: number, onClose?: () => void) {
  try {
    for (const t of tokens) {
      await sleep(gapMs);
      yield t;
    }
  } finally {
    onClose?.();
  }
}

/** The behaviour every stream store must give resumable streams. `makeStore(n)` gives process n's store. */
export function resumableContract(makeStore: (process: number) => StreamStore, runs = 40) {
  it('gives a reconnect with Last-Event-ID exactly the events it missed, then the live tail', async () => {
    const streams = createResumableStreams({ store: makeStore(0), heartbeatMs: 0 });
    const tokens = Array.from({ length: 12 }, (_, i) => `t${i} `);
    const first = (await streams.start('conv-live', paced(tokens, 15))).getReader();
    let seen = '';
    while (!seen.includes('t4 ')) seen += decoder.decode((await first.read()).value);
    await first.cancel();
    const bytes = new TextEncoder().encode(seen);
    const resumed = await streams.resume('conv-live', lastIdIn(bytes));
    expect(resumed).toBeDefined();
    const rest = await readAll(resumed!);
    const all = [...(await deltasOf(bytes)), ...(await deltasOf(rest))];
    expect(all).toEqual(tokens);
    await streams.settled();
  });

  it('survives a drop at any byte with a Last-Event-ID resume: nothing lost, nothing twice', async () => {
    const streams = createResumableStreams({ store: makeStore(0), heartbeatMs: 0 });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 20 }), fc.nat(), async (tokens, at) => {
        const id = `conv-drop-${n++}`;
        const whole = await readAll(await streams.start(id, tokens));
        const cut = at % (whole.length + 1);
        const before = whole.slice(0, cut);
        const lastId = lastIdIn(before);
        const after = await readAll((await streams.resume(id, lastId))!);
        // What the client keeps from the dropped connection is what it had fully received (complete events).
        const kept = lastId === '' ? [] : await deltasOf(before);
        expect([...kept, ...(await deltasOf(after))]).toEqual(tokens);
      }),
      { numRuns: runs },
    );
    await streams.settled();
  }, 60_000);

  it('replays a finished reply whole from the store after a reload', async () => {
    const streams = createResumableStreams({ store: makeStore(0), heartbeatMs: 0 });
    await readAll(await streams.start('conv-done', ['Hello', ' again']));
    await streams.settled();
    const replay = await streams.resume('conv-done');
    expect(await deltasOf(await readAll(replay!))).toEqual(['Hello', ' again']);
    expect(await streams.resume('conv-unknown')).toBeUndefined();
  });

  it('answers a reload GET with the stream, and with 204 when there is nothing to resume', async () => {
    const streams = createResumableStreams({ store: makeStore(0), heartbeatMs: 0 });
    await readAll(await streams.start('conv-get', ['x']));
    await streams.settled();
    const ok = await streams.resumeResponse('conv-get', new Request('http://127.0.0.1/api/chat/conv-get/stream'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await deltasOf(new Uint8Array(await ok.arrayBuffer()))).toEqual(['x']);
    const none = await streams.resumeResponse('conv-none', new Request('http://127.0.0.1/api/chat/conv-none/stream'));
    expect(none.status).toBe(204);
  });

  it('lets a client on another process stop the producer, and a resume started there serves the reply', async () => {
    const a = createResumableStreams({ store: makeStore(0), heartbeatMs: 0 });
    const b = createResumableStreams({ store: makeStore(1), heartbeatMs: 0 });
    let closed = false;
    let producerSignal: AbortSignal | undefined;
    const first = await a.start('conv-stop', (signal) => {
      producerSignal = signal;
      return paced(Array.from({ length: 200 }, (_, i) => `w${i} `), 10, () => {
        closed = true;
      });
    });
    void readAll(first);
    await sleep(80);
    const onB = (await b.resume('conv-stop'))!.getReader();
    let seen = '';
    while (!seen.includes('w3 ')) seen += decoder.decode((await onB.read()).value);
    const stoppedAt = performance.now();
    await b.stop('conv-stop');
    while (!producerSignal?.aborted && performance.now() - stoppedAt < 2000) await sleep(5);
    expect(producerSignal?.aborted).toBe(true);
    for (;;) {
      const { done, value } = await onB.read();
      if (done) break;
      seen += decoder.decode(value);
    }
    await a.settled();
    expect(seen).toContain('"type":"abort"');
    expect(seen).not.toContain('w199');
    await sleep(20);
    expect(closed).toBe(true);
  });

  it('tells the client clearly when its resume point is no longer held', async () => {
    const streams = createResumableStreams({ store: makeStore(0), heartbeatMs: 0 });
    const reply = await readAll(await streams.resume('conv-missing', '1').then((s) => s ?? new Response('').body!));
    expect(reply.length).toBe(0);
    const bad = await streams.start('conv-bad-id', ['a']);
    await readAll(bad);
    await streams.settled();
    const text = decoder.decode(await readAll((await streams.resume('conv-bad-id', 'not-an-id'))!));
    expect(text).toMatch(/"type":"error","errorText":"The stream could not be read: Not an event id/);
  });
}
