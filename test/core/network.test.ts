import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatStore } from '../../src/core/chat-store.ts';
import type { ChatStreamError } from '../../src/core/errors.ts';
import {
  createAiSdkProtocol,
  createAnthropicProtocol,
  createOpenAIProtocol,
  createOpenAIResponsesProtocol,
  createProtocol,
  textProtocol,
} from '../../src/core/protocols/index.ts';
import type { ChatStreamOptions } from '../../src/core/types.ts';
import { controlledBody, scriptedFetch, sseResponse } from '../helpers/stream.ts';
import { setupStore, useFakeClock } from '../helpers/store.ts';


/** A body that sends `chunk` and then breaks, as a connection dropped by a proxy does. */
function dropsAfter(chunk: string): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent) c.error(new TypeError('network error'));
      else c.enqueue(new TextEncoder().encode(chunk));
      sent = true;
    },
  });
}

const openai = (text: string) => `data: ${JSON.stringify({ choices: [{ delta: { content: text } }] })}\n\n`;

const tick = useFakeClock();

describe('timeouts (first byte, inactivity)', () => {
  it('retries a stall right after the headers once the first-byte timeout (default 30 s) passes', async () => {
    const stalled = controlledBody();
    const { store, requests, last } = setupStore([sseResponse(stalled.stream), sseResponse(['data: hi\n\n'])], {
      retry: { baseDelayMs: 10 },
    });
    const done = store.send('q');
    await tick(29_000);
    expect(requests).toHaveLength(1);
    expect(store.getSnapshot().status).toBe('streaming');
    await tick(1_100);
    await tick(100);
    await done;
    expect(stalled.cancelled).toBe(true);
    expect(requests).toHaveLength(2);
    expect(last()).toMatchObject({ content: 'hi', status: 'done' });
  });

  it('times out a fetch that never answers', async () => {
    const { store, last, error } = setupStore([() => new Promise<Response>(() => {})], { retry: false, firstByteTimeoutMs: 5000 });
    const done = store.send('q');
    await tick(5000);
    await done;
    expect(last().status).toBe('error');
    expect(error()).toMatchObject({ kind: 'network', retryable: true });
  });

  it('fails a mid-stream stall as a retryable network error that keeps the partial (no ids: no resume)', async () => {
    const body = controlledBody();
    const { store, requests, last, error } = setupStore([sseResponse(body.stream)]);
    const done = store.send('q');
    await tick();
    body.push('data: partial\n\n');
    await tick(30_000);
    await done;
    expect(requests).toHaveLength(1);
    expect(last()).toMatchObject({ content: 'partial', status: 'error' });
    expect(error()).toMatchObject({ kind: 'network', retryable: true });
    expect(error()!.message).toMatch(/silent for 30 s/);
    expect(body.cancelled).toBe(true);
  });

  it('resumes a mid-stream stall with Last-Event-ID when the stream had ids', async () => {
    const body = controlledBody();
    const { store, requests, last } = setupStore([sseResponse(body.stream), sseResponse(['id: 2\ndata: B\n\n'])], {
      inactivityTimeoutMs: 1000,
    });
    const done = store.send('q');
    await tick();
    body.push('id: 1\ndata: A\n\n');
    await tick(1000);
    await tick(1000);
    await done;
    expect(requests[1]!.headers['last-event-id']).toBe('1');
    expect(last()).toMatchObject({ content: 'AB', status: 'done' });
  });

  it('counts heartbeats and comments as activity', async () => {
    const body = controlledBody();
    const { store, last } = setupStore([sseResponse(body.stream)], { inactivityTimeoutMs: 15_000 });
    const done = store.send('q');
    await tick();
    body.push('data: a\n\n');
    for (let i = 0; i < 10; i++) {
      await tick(10_000);
      body.push(': ping\n\n');
    }
    expect(store.getSnapshot().status).toBe('streaming');
    body.push('data: b\n\n');
    body.close();
    await done;
    expect(last()).toMatchObject({ content: 'ab', status: 'done' });
  });

  it('waits forever when both timeouts are off', async () => {
    const body = controlledBody();
    const { store, last } = setupStore([sseResponse(body.stream)], { firstByteTimeoutMs: false, inactivityTimeoutMs: false });
    const done = store.send('q');
    await tick(600_000);
    expect(store.getSnapshot().status).toBe('streaming');
    body.push('data: late\n\n');
    body.close();
    await done;
    expect(last()).toMatchObject({ content: 'late', status: 'done' });
  });
});

describe('truncation: a clean close without the end marker', () => {
  const cases: [string, ChatStreamOptions['protocol'], string[]][] = [
    ['OpenAI without [DONE]', 'openai', [openai('Hel'), openai('lo')]],
    ['auto-detected OpenAI without [DONE]', 'auto', [openai('Hel'), openai('lo')]],
    [
      'Anthropic without message_stop',
      'anthropic',
      [
        `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } })}\n\n`,
      ],
    ],
    ['AI SDK without finish', 'ai-sdk', [`data: ${JSON.stringify({ type: 'text-delta', id: 't', delta: 'Hello' })}\n\n`]],
  ];
  for (const [name, protocol, chunks] of cases) {
    it(`ends ${name} as an incomplete error, keeping the partial`, async () => {
      const { store, last, error, onError } = setupStore([sseResponse(chunks)], { protocol });
      await store.send('q');
      expect(last()).toMatchObject({ content: 'Hello', status: 'error' });
      expect(error()).toMatchObject({ kind: 'incomplete', retryable: true });
      expect(onError).toHaveBeenCalledTimes(1);
    });
  }

  it('ends OpenAI with [DONE] as done', async () => {
    const { store, last } = setupStore([sseResponse([openai('Hi'), 'data: [DONE]\n\n'])], { protocol: 'openai' });
    await store.send('q');
    expect(last()).toMatchObject({ content: 'Hi', status: 'done' });
  });

  it('resumes a truncated OpenAI stream that had ids', async () => {
    const { store, requests, last } = setupStore([
      sseResponse([`id: 1\n${openai('Hel')}`]),
      sseResponse([`id: 2\n${openai('lo')}`, 'data: [DONE]\n\n']),
    ]);
    const done = store.send('q');
    await vi.runAllTimersAsync();
    await done;
    expect(requests[1]!.headers['last-event-id']).toBe('1');
    expect(last()).toMatchObject({ content: 'Hello', status: 'done' });
  });

  it('leaves text and custom protocols as they were: a clean close is the end', async () => {
    const text = setupStore([sseResponse(['data: plain\n\n'])], { protocol: 'text' });
    await text.store.send('q');
    expect(text.last()).toMatchObject({ content: 'plain', status: 'done' });
    const custom = setupStore([sseResponse(['data: x\n\n'])], { protocol: (e) => e.data.toUpperCase() });
    await custom.store.send('q');
    expect(custom.last()).toMatchObject({ content: 'X', status: 'done' });
  });

  it('fails a 200 with an empty body clearly instead of an empty done', async () => {
    const { store, last, error } = setupStore([sseResponse([])], { retry: false });
    await store.send('q');
    expect(last().status).toBe('error');
    expect(error()).toMatchObject({ kind: 'protocol' });
    expect(error()!.message).toMatch(/empty response/);
  });

  it('marks which protocols expect an end marker, and auto follows the one it picked', () => {
    expect(
      [createOpenAIProtocol(), createOpenAIResponsesProtocol(), createAnthropicProtocol(), createAiSdkProtocol()].map((p) => p.expectsEnd),
    ).toEqual([true, true, true, true]);
    expect(textProtocol.expectsEnd).toBe(false);
    const auto = createProtocol('auto') as ReturnType<typeof createProtocol> & { expectsEnd: boolean };
    expect(auto.expectsEnd).toBe(false);
    auto({ event: 'message', data: JSON.stringify({ choices: [{ delta: { content: 'a' } }] }), id: '' });
    expect(auto.expectsEnd).toBe(true);
    const plain = createProtocol('auto') as typeof auto;
    plain({ event: 'message', data: 'hello', id: '' });
    expect(plain.expectsEnd).toBe(false);
  });
});

describe('reconnect storms and waits', () => {
  it('stops a server that sends retry: 0 and drops after every event after `attempts` reconnects', async () => {
    let n = 0;
    const drop = () => sseResponse(dropsAfter(`retry: 0\nid: ${++n}\ndata: t${n}\n\n`));
    const { store, requests, last, error } = setupStore(Array.from({ length: 100 }, () => drop));
    const done = store.send('q');
    await tick(499);
    // Clamped to 250 ms per reconnect: at most 2 reconnects in the first half second.
    expect(requests.length).toBeLessThanOrEqual(3);
    await vi.runAllTimersAsync();
    await done;
    expect(requests).toHaveLength(4);
    expect(last()).toMatchObject({ content: 't1t2t3t4', status: 'error' });
    expect(error()).toMatchObject({ kind: 'network' });
  });

  it('waits at most 30 s when the server asks for retry: 3600000', async () => {
    const first = controlledBody();
    const { store, requests, last } = setupStore([sseResponse(first.stream), sseResponse(['id: 2\ndata: B\n\n'])]);
    const done = store.send('q');
    await tick();
    first.push('retry: 3600000\nid: 1\ndata: A\n\n');
    await tick();
    first.fail();
    await tick(29_000);
    expect(requests).toHaveLength(1);
    expect(store.getSnapshot().retry).toMatchObject({ delayMs: 30_000, resume: true });
    await tick(1_000);
    await done;
    expect(requests).toHaveLength(2);
    expect(last()).toMatchObject({ content: 'AB', status: 'done' });
  });
});

describe('event ids that cannot be sent as a header', () => {
  it('disables resume for the turn instead of failing in fetch', async () => {
    const body = controlledBody();
    const { store, requests, last, error } = setupStore([sseResponse(body.stream)]);
    const done = store.send('q');
    await tick();
    body.push('id: 日本-1\ndata: partial\n\n');
    await tick();
    body.fail();
    await done;
    // The no-ids rule: keep the partial, do not re-send (it would replay), and no "Could not reach".
    expect(requests).toHaveLength(1);
    expect(last()).toMatchObject({ content: 'partial', status: 'error' });
    expect(error()!.message).not.toMatch(/Could not reach/);
  });

  it("restarts instead with onDropWithoutResume: 'restart', sending no Last-Event-ID", async () => {
    const body = controlledBody();
    const { store, requests, last } = setupStore([sseResponse(body.stream), sseResponse(['data: whole\n\n'])], {
      retry: { onDropWithoutResume: 'restart', baseDelayMs: 1 },
    });
    const done = store.send('q');
    await tick();
    body.push('id: ü1\ndata: part\n\n');
    await tick();
    body.fail();
    await vi.runAllTimersAsync();
    await done;
    expect(requests).toHaveLength(2);
    expect(requests[1]!.headers['last-event-id']).toBeUndefined();
    expect(last()).toMatchObject({ content: 'whole', status: 'done' });
  });
});

describe('error messages users read', () => {
  it('does not retry a 501', async () => {
    const { store, requests, error } = setupStore([new Response('Not Implemented', { status: 501 })]);
    await store.send('q');
    expect(requests).toHaveLength(1);
    expect(error()).toMatchObject({ kind: 'http', status: 501, retryable: false });
  });

  it('shows the title of an HTML 502 page, the page itself on error.body', async () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
    const { store, error, last } = setupStore([new Response(html, { status: 502, headers: { 'content-type': 'text/html' } })], { retry: false });
    await store.send('q');
    expect(error()!.message).toBe('HTTP 502: 502 Bad Gateway');
    expect(error()!.body).toBe(html);
    expect(last().error).toBe('HTTP 502: 502 Bad Gateway');
  });

  it('says "The server sent an event the kit could not read", with the event in cause', async () => {
    const { store, last, error } = setupStore([sseResponse([openai('ok'), 'data: {"choices": [\n\n'])], { protocol: 'openai' });
    await store.send('q');
    expect(last()).toMatchObject({ content: 'ok', status: 'error', error: 'The server sent an event the kit could not read' });
    expect(error()).toMatchObject({ kind: 'protocol' });
    expect(String(error()!.cause)).toContain('{"choices": [');
  });

  it('says the same when a custom protocol function throws, its error in cause', async () => {
    const bug = new TypeError('cannot read x');
    const { store, error } = setupStore([sseResponse(['data: a\n\n'])], {
      protocol: () => {
        throw bug;
      },
    });
    await store.send('q');
    expect(error()!.message).toBe('The server sent an event the kit could not read');
    expect(error()!.cause).toBe(bug);
  });
});
