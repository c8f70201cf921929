import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatStore, reduce, initialChatState, type ChatAction } from '../../src/core/chat-store.ts';
import { ChatStreamError } from '../../src/core/errors.ts';
import type { ChatMessage, ChatSnapshot, ChatStreamOptions } from '../../src/core/types.ts';
import { controlledBody, scriptedFetch, sseResponse } from '../helpers/stream.ts';
import { setupStore, useFakeClock } from '../helpers/store.ts';



const tick = useFakeClock();

describe('ChatStore: a turn', () => {
  it('POSTs JSON with the history ending in the new user turn, never the empty placeholder', async () => {
    const { store, requests } = setupStore([sseResponse(['data: hi\n\n'])], {
      body: { model: 'm1' },
      headers: () => ({ Authorization: 'Bearer t' }),
      initialMessages: [{ id: 's', role: 'system', content: 'Be brief.' }],
    });
    await store.send('Hello');
    expect(requests).toHaveLength(1);
    const req = requests[0]!;
    expect(req.url).toBe('/api/chat');
    expect(req.init.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBe('Bearer t');
    expect(req.body).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      model: 'm1',
    });
  });

  it('streams text into the assistant message and ends done, [DONE] or not', async () => {
    const { store, onFinish, last } = setupStore([
      sseResponse(['data: Hel', 'lo\n\ndata: , wor', 'ld\n\n']),
      sseResponse(['data: again\n\ndata: [DONE]\n\n']),
    ]);
    await store.send('hi');
    expect(last()).toMatchObject({ role: 'assistant', content: 'Hello, world', status: 'done' });
    expect(store.getSnapshot().status).toBe('idle');
    await store.send('more');
    expect(last()).toMatchObject({ content: 'again', status: 'done' });
    expect(onFinish).toHaveBeenCalledTimes(2);
    expect(onFinish.mock.calls[0]![0]).toMatchObject({ content: 'Hello, world', status: 'done' });
  });

  it('goes connecting -> streaming -> idle', async () => {
    const body = controlledBody();
    const { store, snapshots } = setupStore([sseResponse(body.stream)]);
    const done = store.send('hi');
    expect(store.getSnapshot().status).toBe('connecting');
    await tick();
    expect(store.getSnapshot().status).toBe('streaming');
    body.push('data: x\n\n');
    body.close();
    await done;
    expect(store.getSnapshot().status).toBe('idle');
    expect([...new Set(snapshots.map((s) => s.status))]).toEqual(['connecting', 'streaming', 'idle']);
  });

  it('records timings: request start, first byte, first token, end and tokens per second', async () => {
    let clock = 1000;
    const body = controlledBody();
    const { store, onFinish } = setupStore([sseResponse(body.stream)], { now: () => clock });
    const done = store.send('hi');
    clock = 1100;
    await tick();
    clock = 1200;
    body.push(': comment only\n\n');
    await tick();
    clock = 1300;
    body.push('data: a\n\n');
    await tick();
    clock = 1800;
    body.push('data: b\n\ndata: c\n\n');
    body.close();
    await done;
    const timings = onFinish.mock.calls[0]![0].timings;
    expect(timings).toEqual({ requestStart: 1000, firstByte: 1200, firstToken: 1300, end: 1800, tokens: 3, tokensPerSecond: 4 });
    expect(store.getSnapshot().messages.at(-1)!.timings).toEqual(timings);
  });

  it('reads a text/plain body as raw text deltas, UTF-8 split across reads included', async () => {
    const bytes = new TextEncoder().encode('plain 你好 text');
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 7));
        c.enqueue(bytes.slice(7));
        c.close();
      },
    });
    const { store, last } = setupStore([new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } })]);
    await store.send('hi');
    expect(last()).toMatchObject({ content: 'plain 你好 text', status: 'done' });
  });

  it('fails clearly on a JSON body or another content type instead of an empty reply', async () => {
    const { store, last, onError } = setupStore([
      new Response(JSON.stringify({ error: { message: 'Model not found' } }), { headers: { 'content-type': 'application/json' } }),
      new Response('<html></html>', { headers: { 'content-type': 'text/html' } }),
    ]);
    await store.send('a');
    expect(store.getSnapshot().status).toBe('error');
    expect(store.getSnapshot().error).toMatchObject({ kind: 'protocol', serverMessage: 'Model not found' });
    expect(last()).toMatchObject({ status: 'error' });
    await store.send('b');
    expect(store.getSnapshot().error?.message).toMatch(/text\/html/);
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('keeps the partial reply and fails typed when the server sends an error event mid-stream', async () => {
    const { store, last } = setupStore([
      sseResponse(['data: {"choices":[{"delta":{"content":"Part"}}]}\n\n', 'data: {"error":{"message":"context length exceeded"}}\n\n']),
    ]);
    await store.send('hi');
    expect(last()).toMatchObject({ content: 'Part', status: 'error', error: 'context length exceeded' });
    expect(store.getSnapshot().error).toMatchObject({ kind: 'server', serverMessage: 'context length exceeded' });
  });

  it('keeps the partial reply on a malformed event', async () => {
    const { store, last } = setupStore([sseResponse(['data: {"choices":[{"delta":{"content":"ok"}}]}\n\n', 'data: {"choi\n\n'])], {
      protocol: 'openai',
    });
    await store.send('hi');
    expect(last()).toMatchObject({ content: 'ok', status: 'error' });
    expect(store.getSnapshot().error?.kind).toBe('protocol');
  });

  it('does not mistake a bug in onToken for a network failure', async () => {
    const { store, last, requests } = setupStore([sseResponse(['data: a\n\ndata: b\n\n'])], {
      onToken: () => {
        throw new Error('user bug');
      },
    });
    const errors: unknown[] = [];
    const handler = (e: unknown) => errors.push(e);
    process.on('uncaughtException', handler);
    await store.send('hi');
    await tick();
    process.off('uncaughtException', handler);
    expect(last()).toMatchObject({ content: 'ab', status: 'done' });
    expect(requests).toHaveLength(1);
    // The bug is still reported (as an uncaught error), once per throwing call, not swallowed.
    expect(errors.map((e) => (e as Error).message)).toEqual(['user bug', 'user bug']);
  });
});

describe('ChatStore: batching', () => {
  it('publishes the first token at once, before the first flush window ends', async () => {
    const body = controlledBody();
    const { store, last } = setupStore([sseResponse(body.stream)], { flush: 50 });
    store.send('hi');
    await tick();
    body.push('data: first\n\n');
    await tick(1);
    expect(last().content).toBe('first');
    body.push('data:  second\n\n');
    await tick(1);
    expect(last().content).toBe('first');
    await tick(50);
    expect(last().content).toBe('first second');
    body.close();
  });

  it('gives at most one update per flush window under a flood, and keeps the snapshot between flushes', async () => {
    const body = controlledBody();
    const { store, snapshots } = setupStore([sseResponse(body.stream)], { flush: 50 });
    const done = store.send('hi');
    await tick();
    const before = snapshots.length;
    let lastSnapshot = store.getSnapshot();
    let changesBetweenFlushes = 0;
    // 1,000 tokens spread over 1 s.
    for (let i = 0; i < 1000; i++) {
      body.push(`data: t${i} \n\n`);
      await tick(1);
      if (store.getSnapshot() !== lastSnapshot) {
        lastSnapshot = store.getSnapshot();
        changesBetweenFlushes++;
      }
    }
    body.close();
    await done;
    const textUpdates = snapshots.slice(before).filter((s) => s.status === 'streaming').length;
    expect(textUpdates).toBeLessThanOrEqual(22);
    expect(textUpdates).toBeGreaterThanOrEqual(10);
    expect(changesBetweenFlushes).toBeLessThanOrEqual(22);
    const expected = Array.from({ length: 1000 }, (_, i) => `t${i} `).join('');
    expect(store.getSnapshot().messages.at(-1)!.content).toBe(expected);
  });

  it("publishes once per animation frame with flush: 'raf', falling back to a timer without frames", async () => {
    const body = controlledBody();
    const { store, last } = setupStore([sseResponse(body.stream)], { flush: 'raf' });
    const raf = globalThis.requestAnimationFrame;
    // jsdom may or may not implement frames; remove them to prove the fallback.
    (globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame = undefined;
    try {
      store.send('hi');
      await tick();
      body.push('data: a\n\n');
      await tick();
      body.push('data: b\n\n');
      await tick(1);
      expect(last().content).toBe('a');
      await tick(20);
      expect(last().content).toBe('ab');
    } finally {
      globalThis.requestAnimationFrame = raf;
      body.close();
    }
  });

  it('flushes pending text when the turn ends, stops or fails', async () => {
    const body = controlledBody();
    const { store, last } = setupStore([sseResponse(body.stream)], { flush: 10_000 });
    const done = store.send('hi');
    await tick();
    body.push('data: a\n\ndata: b\n\n');
    await tick();
    expect(last().content).toBe('a');
    store.stop();
    expect(last()).toMatchObject({ content: 'ab', status: 'stopped' });
    await done;
  });
});

describe('ChatStore: stop and lifecycle', () => {
  it('stop() aborts the request, keeps the partial, returns to idle, no error', async () => {
    const body = controlledBody();
    const { store, requests, onError, onFinish, last } = setupStore([sseResponse(body.stream)]);
    const done = store.send('hi');
    await tick();
    body.push('data: partial\n\n');
    await tick();
    store.stop();
    await done;
    expect(requests[0]!.signal.aborted).toBe(true);
    expect(body.cancelled).toBe(true);
    expect(last()).toMatchObject({ content: 'partial', status: 'stopped' });
    expect(store.getSnapshot()).toMatchObject({ status: 'idle', error: undefined });
    expect(onError).not.toHaveBeenCalled();
    expect(onFinish).toHaveBeenCalledWith(expect.objectContaining({ status: 'stopped', content: 'partial' }));
  });

  it('stop() while still connecting aborts the fetch', async () => {
    const { store, requests, last } = setupStore([
      (req) =>
        new Promise<Response>((_, reject) => req.signal.addEventListener('abort', () => reject(req.signal.reason))),
    ]);
    const done = store.send('hi');
    await tick();
    store.stop();
    await expect(done).resolves.toBeUndefined();
    expect(requests[0]!.signal.aborted).toBe(true);
    expect(last()).toMatchObject({ content: '', status: 'stopped' });
  });

  it('send() while a turn streams stops that turn first', async () => {
    const first = controlledBody();
    const { store, requests } = setupStore([sseResponse(first.stream), sseResponse(['data: second\n\n'])]);
    const p1 = store.send('one');
    await tick();
    first.push('data: first partial\n\n');
    await tick();
    const p2 = store.send('two');
    await Promise.all([p1, p2]);
    const messages = store.getSnapshot().messages;
    expect(messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'one', undefined],
      ['assistant', 'first partial', 'stopped'],
      ['user', 'two', undefined],
      ['assistant', 'second', 'done'],
    ]);
    expect(requests[0]!.signal.aborted).toBe(true);
    expect(requests[1]!.body.messages.map((m) => m.content)).toEqual(['one', 'first partial', 'two']);
    expect(store.getSnapshot().status).toBe('idle');
  });

  it('reload() replaces the last assistant reply in place, and answers a trailing user turn', async () => {
    const { store, requests } = setupStore([sseResponse(['data: v1\n\n']), sseResponse(['data: v2\n\n']), sseResponse(['data: v3\n\n'])]);
    await store.send('q');
    const firstReplyId = store.getSnapshot().messages[1]!.id;
    await store.reload();
    expect(store.getSnapshot().messages.map((m) => m.content)).toEqual(['q', 'v2']);
    expect(store.getSnapshot().messages[1]!.id).toBe(firstReplyId);
    expect(requests[1]!.body.messages).toEqual([{ role: 'user', content: 'q' }]);
    store.setMessages([{ id: 'u', role: 'user', content: 'only user' }]);
    await store.reload();
    expect(store.getSnapshot().messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'only user'],
      ['assistant', 'v3'],
    ]);
  });

  it('never rejects from send() or reload(), even on failure', async () => {
    const { store } = setupStore([new TypeError('offline')], { retry: false });
    await expect(store.send('hi')).resolves.toBeUndefined();
    expect(store.getSnapshot().error).toMatchObject({ kind: 'network' });
  });
});

describe('ChatStore: retry before any text', () => {
  it('retries 5xx and network errors with backoff, then completes', async () => {
    const { store, requests, last } = setupStore(
      [
        new Response('busy', { status: 503 }),
        new TypeError('Failed to fetch'),
        sseResponse(['data: ok\n\n']),
      ],
      { retry: { baseDelayMs: 100, maxDelayMs: 1000 } },
    );
    const done = store.send('hi');
    await tick();
    expect(store.getSnapshot().status).toBe('connecting');
    expect(store.getSnapshot().retry).toMatchObject({ attempt: 1, attempts: 3, resume: false });
    expect(store.getSnapshot().retry!.error.status).toBe(503);
    await vi.runAllTimersAsync();
    await done;
    expect(requests).toHaveLength(3);
    expect(last()).toMatchObject({ content: 'ok', status: 'done' });
    expect(store.getSnapshot().retry).toBeUndefined();
  });

  it('retries 408, 425 and 429 but fails other 4xx at once with the server message', async () => {
    for (const status of [408, 425, 429]) {
      const { store, requests } = setupStore([new Response('', { status }), sseResponse(['data: ok\n\n'])]);
      const done = store.send('hi');
      await vi.runAllTimersAsync();
      await done;
      expect(requests).toHaveLength(2);
    }
    const { store, requests, last } = setupStore([
      new Response(JSON.stringify({ error: { message: 'messages must not be empty' } }), { status: 400 }),
    ]);
    await store.send('hi');
    expect(requests).toHaveLength(1);
    expect(store.getSnapshot().error).toMatchObject({ kind: 'http', status: 400, retryable: false, serverMessage: 'messages must not be empty' });
    expect(last()).toMatchObject({ status: 'error' });
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const { store, requests } = setupStore(
      [
        new Response('', { status: 429, headers: { 'Retry-After': '2' } }),
        new Response('', { status: 503, headers: { 'Retry-After': new Date('2026-01-01T00:00:05Z').toUTCString() } }),
        sseResponse(['data: ok\n\n']),
      ],
      { retry: { baseDelayMs: 1, maxDelayMs: 1 } },
    );
    const done = store.send('hi');
    await tick();
    expect(store.getSnapshot().retry?.delayMs).toBe(2000);
    await tick(1999);
    expect(requests).toHaveLength(1);
    await tick(1);
    expect(requests).toHaveLength(2);
    expect(store.getSnapshot().retry?.delayMs).toBeGreaterThan(2500);
    await vi.runAllTimersAsync();
    await done;
    expect(requests).toHaveLength(3);
  });

  it('fails with a message saying when to try again when Retry-After is over 30 s', async () => {
    const { store, requests } = setupStore([new Response('', { status: 503, headers: { 'Retry-After': '120' } })]);
    await store.send('hi');
    expect(requests).toHaveLength(1);
    expect(store.getSnapshot().error?.message).toMatch(/120 s/);
    expect(store.getSnapshot().error?.message).toMatch(/try again after/);
  });

  it('gives up after retry.attempts retries', async () => {
    const { store, requests } = setupStore(Array.from({ length: 5 }, () => new Response('', { status: 500 })), {
      retry: { attempts: 2, baseDelayMs: 10 },
    });
    const done = store.send('hi');
    await vi.runAllTimersAsync();
    await done;
    expect(requests).toHaveLength(3);
    expect(store.getSnapshot()).toMatchObject({ status: 'error', error: { status: 500 } });
  });

  it('retry: false fails at once', async () => {
    const { store, requests } = setupStore([new Response('', { status: 503 })], { retry: false });
    await store.send('hi');
    expect(requests).toHaveLength(1);
    expect(store.getSnapshot().status).toBe('error');
  });

  it('stop() during the retry wait ends the turn as stopped', async () => {
    const { store, requests, onError, last } = setupStore([new Response('', { status: 503 })], { retry: { baseDelayMs: 5000 } });
    const done = store.send('hi');
    await tick();
    store.stop();
    await done;
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(1);
    expect(last().status).toBe('stopped');
    expect(onError).not.toHaveBeenCalled();
  });
});

describe('ChatStore: a dropped stream after text arrived', () => {
  it('resumes with Last-Event-ID when the server gave ids, appending without duplicates', async () => {
    const first = controlledBody();
    const { store, requests, last } = setupStore([
      sseResponse(first.stream),
      (req) => {
        expect(req.headers['last-event-id']).toBe('2');
        return sseResponse(['id: 3\ndata: C\n\nid: 4\ndata: D\n\ndata: [DONE]\n\n']);
      },
    ]);
    const done = store.send('hi');
    await tick();
    first.push('retry: 250\nid: 1\ndata: A\n\nid: 2\ndata: B\n\nid: 3\ndata: half');
    await tick();
    first.fail(new TypeError('network error'));
    await tick();
    expect(store.getSnapshot()).toMatchObject({ status: 'connecting', retry: { resume: true, delayMs: 250 } });
    expect(last().content).toBe('AB');
    await tick(250);
    await done;
    expect(requests).toHaveLength(2);
    expect(last()).toMatchObject({ content: 'ABCD', status: 'done' });
  });

  it('skips a replay from a server that ignores Last-Event-ID', async () => {
    const first = controlledBody();
    const { store, last } = setupStore([
      sseResponse(first.stream),
      sseResponse(['id: 1\ndata: A\n\nid: 2\ndata: B\n\nid: 3\ndata: C\n\n']),
    ]);
    const done = store.send('hi');
    await tick();
    first.push('id: 1\ndata: A\n\nid: 2\ndata: B\n\n');
    await tick();
    first.fail();
    await vi.runAllTimersAsync();
    await done;
    expect(last()).toMatchObject({ content: 'ABC', status: 'done' });
  });

  it('without ids keeps the partial with status error and never re-sends the POST', async () => {
    const first = controlledBody();
    const { store, requests, last, onError } = setupStore([sseResponse(first.stream), sseResponse(['data: fresh\n\n'])]);
    const done = store.send('hi');
    await tick();
    first.push('data: partial \n\n');
    await tick();
    first.fail(new TypeError('terminated'));
    await vi.runAllTimersAsync();
    await done;
    expect(requests).toHaveLength(1);
    expect(last()).toMatchObject({ content: 'partial ', status: 'error' });
    expect(store.getSnapshot()).toMatchObject({ status: 'error', error: { kind: 'network', retryable: true } });
    expect(onError).toHaveBeenCalledTimes(1);
    // The user chooses to regenerate: the partial is replaced, never appended to.
    await store.reload();
    expect(store.getSnapshot().messages.map((m) => m.content)).toEqual(['hi', 'fresh']);
    expect(store.getSnapshot().status).toBe('idle');
  });

  it("restarts and replaces the partial with onDropWithoutResume: 'restart'", async () => {
    const first = controlledBody();
    const { store, requests, last, snapshots } = setupStore([sseResponse(first.stream), sseResponse(['data: whole answer\n\n'])], {
      retry: { onDropWithoutResume: 'restart', baseDelayMs: 10 },
    });
    const done = store.send('hi');
    await tick();
    first.push('data: whole \n\n');
    await tick();
    first.fail();
    await vi.runAllTimersAsync();
    await done;
    expect(requests).toHaveLength(2);
    expect(last()).toMatchObject({ content: 'whole answer', status: 'done' });
    expect(snapshots.every((s) => !s.messages.at(-1)!.content.startsWith('whole whole'))).toBe(true);
  });
});

describe('reduce', () => {
  const user: ChatMessage = { id: 'u', role: 'user', content: 'q' };
  const reply: ChatMessage = { id: 'a', role: 'assistant', content: '', status: 'streaming' };
  const timings = { requestStart: 0, tokens: 1 };
  const cases: [string, ChatAction, Partial<ChatSnapshot>][] = [
    ['turn-start connects and clears the error', { type: 'turn-start', messages: [user, reply] }, { status: 'connecting', error: undefined }],
    ['response starts streaming', { type: 'response' }, { status: 'streaming' }],
    ['text streams', { type: 'text', id: 'a', content: 'x', timings }, { status: 'streaming' }],
    ['turn-end done goes idle', { type: 'turn-end', id: 'a', status: 'done', timings }, { status: 'idle', error: undefined }],
    ['turn-end stopped goes idle', { type: 'turn-end', id: 'a', status: 'stopped', timings }, { status: 'idle', error: undefined }],
  ];
  for (const [name, action, expected] of cases) {
    it(name, () => {
      const state = reduce({ ...initialChatState, messages: [user, reply] }, action);
      expect(state).toMatchObject(expected);
    });
  }

  it('turn-end error keeps the text and records the message', () => {
    const error = new ChatStreamError('boom', { kind: 'server' });
    const state = reduce(
      { ...initialChatState, status: 'streaming', messages: [user, { ...reply, content: 'part' }] },
      { type: 'turn-end', id: 'a', status: 'error', error, timings },
    );
    expect(state.status).toBe('error');
    expect(state.error).toBe(error);
    expect(state.messages[1]).toMatchObject({ content: 'part', status: 'error', error: 'boom' });
  });

  it('returns the same state when nothing changes, and leaves other messages untouched', () => {
    const streaming = { ...initialChatState, status: 'streaming' as const, messages: [user, reply] };
    expect(reduce(streaming, { type: 'response' })).toBe(streaming);
    const next = reduce(streaming, { type: 'text', id: 'a', content: 'x', timings });
    expect(next.messages[0]).toBe(user);
    expect(reduce(streaming, { type: 'text', id: 'missing', content: 'x', timings }).messages).toBe(streaming.messages);
  });
});
