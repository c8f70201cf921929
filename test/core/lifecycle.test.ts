import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatStore } from '../../src/core/chat-store.ts';
import type { ChatMessage } from '../../src/core/types.ts';
import { controlledBody, scriptedFetch, sseResponse } from '../helpers/stream.ts';

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('re-entrant callbacks', () => {
  it('a send() from onFinish while the user also sends leaves no turn streaming and aborts every replaced request', async () => {
    const bodies = [controlledBody(), controlledBody(), controlledBody()];
    const { fetch, requests } = scriptedFetch(bodies.map((b) => sseResponse(b.stream)));
    const finished: ChatMessage[] = [];
    const queue = ['queued'];
    const store = new ChatStore({
      api: '/c',
      fetch,
      onFinish: (message) => {
        finished.push(message);
        const next = queue.shift();
        if (next) void store.send(next);
      },
    });
    void store.send('first');
    await tick();
    bodies[0]!.push('data: one\n\n');
    await tick();
    // The user sends while 'first' streams: 'first' is stopped, its onFinish queues another send.
    void store.send('user');
    await tick();
    const replies = store.getSnapshot().messages.filter((m) => m.role === 'assistant');
    expect(replies.filter((m) => m.status === 'streaming')).toHaveLength(1);
    expect(finished.every((m) => m.status !== 'streaming')).toBe(true);
    // Every request but the current one was aborted.
    expect(requests.slice(0, -1).every((r) => r.signal.aborted)).toBe(true);
    expect(requests.at(-1)!.signal.aborted).toBe(false);
    bodies[requests.length - 1]!.push('data: last\n\n');
    bodies[requests.length - 1]!.close();
    await tick();
    expect(store.getSnapshot().status).toBe('idle');
    expect(store.getSnapshot().messages.filter((m) => m.status === 'streaming')).toEqual([]);
  });

  it('a send() from onToken keeps the delta that triggered it', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream), sseResponse(['data: next\n\n'])]);
    let sent = false;
    const store = new ChatStore({
      api: '/c',
      fetch,
      flush: 1000,
      onToken: (delta) => {
        if (delta === 'b' && !sent) {
          sent = true;
          void store.send('follow-up');
        }
      },
    });
    void store.send('q');
    await tick();
    body.push('data: a\n\n');
    await tick();
    body.push('data: b\n\n');
    await tick();
    const first = store.getSnapshot().messages.find((m) => m.role === 'assistant')!;
    expect(first).toMatchObject({ content: 'ab', status: 'stopped' });
  });

  it('onFinish sees the store already settled: status idle, the reply ended', async () => {
    const seen: string[] = [];
    const { fetch } = scriptedFetch([sseResponse(['data: x\n\n'])]);
    const store = new ChatStore({
      api: '/c',
      fetch,
      onFinish: (message) => seen.push(`${message.status}/${store.getSnapshot().status}`),
    });
    await store.send('q');
    expect(seen).toEqual(['done/idle']);
  });
});
