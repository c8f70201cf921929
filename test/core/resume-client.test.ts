// @vitest-environment node
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChatStore } from '../../src/core/chat-store.ts';
import { isChatStreamError } from '../../src/core/errors.ts';
import type { PrepareRequestContext } from '../../src/core/request.ts';
import type { ChatMessage, ChatStreamOptions } from '../../src/core/types.ts';
import { createMemoryStreamStore, createRedisStreamStore, type RedisClientLike, type StreamStore } from '../../src/server/index.ts';
import { startRedis, type RedisServer } from '../server/redis-server.ts';
import { startResumeServer, type ResumeServer } from './resume-client.server.ts';

const TOKENS = Array.from({ length: 30 }, (_, i) => `<${i}>`);
const FULL = TOKENS.join('');
const GAP_MS = 25;

let server: ResumeServer;
const stores: ChatStore[] = [];

function client(options: Partial<ChatStreamOptions> = {}): ChatStore {
  const store = new ChatStore({
    api: server.api,
    id: 'conv-1',
    resumable: true,
    headers: { 'x-token': 'secret' },
    retry: { attempts: 3, baseDelayMs: 5 },
    ...options,
  });
  stores.push(store);
  return store;
}

/** Resolves once the last message's text contains `text`. */
function until(store: ChatStore, predicate: (last: ChatMessage | undefined) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (predicate(store.getSnapshot().messages.at(-1))) {
        unsubscribe();
        resolve();
      }
    };
    const unsubscribe = store.subscribe(check);
    check();
  });
}

/** Every text the store ever showed for its last message. */
function recordShown(store: ChatStore): string[] {
  const shown: string[] = [];
  store.subscribe(() => {
    const last = store.getSnapshot().messages.at(-1);
    if (last?.role === 'assistant' && shown.at(-1) !== last.content) shown.push(last.content);
  });
  return shown;
}

/** A first client mid-answer, then the page "reloads": that client goes away (no stop), its history persisted. */
async function reloadMidAnswer(): Promise<ChatMessage[]> {
  const first = client();
  void first.send('question');
  await until(first, (last) => last?.role === 'assistant' && last.content.includes('<5>'));
  const persisted = first.getSnapshot().messages;
  first.destroy();
  return persisted;
}

async function withServer(store: StreamStore, run: () => Promise<void>) {
  server = await startResumeServer(store, TOKENS, GAP_MS);
  try {
    await run();
  } finally {
    for (const s of stores.splice(0)) s.destroy();
    await server.settled();
    await server.close();
  }
}

function reloadSeesEveryCharacterOnce() {
  return async () => {
    const history = await reloadMidAnswer();
    const partial = history.at(-1)!;
    expect(partial.status).toBe('streaming');
    const second = client({ initialMessages: history });
    const shown = recordShown(second);
    await second.resume();
    const messages = second.getSnapshot().messages;
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(messages[1]).toMatchObject({ id: partial.id, content: FULL, status: 'done' });
    // Never a gap, a duplicate or a flicker back: every text shown is a prefix of the reply, at least the partial.
    for (const text of shown) {
      expect(FULL.startsWith(text)).toBe(true);
      expect(text.length).toBeGreaterThanOrEqual(partial.content.length);
    }
    // The first client's disconnect did not stop the producer.
    expect(server.aborted.get('conv-1')).toBe(false);
  };
}

describe('resume() against a real resumable server (memory store)', () => {
  const memory = (run: () => Promise<void>) => () => withServer(createMemoryStreamStore(), run);
  afterEach(() => {
    stores.splice(0);
  });

  it('after a reload mid-answer, replaces the persisted partial reply with the whole reply, every character once', memory(reloadSeesEveryCharacterOnce()), 20_000);

  it('appends the reply when the persisted history ends with the question', memory(async () => {
    const history = await reloadMidAnswer();
    const second = client({ initialMessages: history.slice(0, -1) });
    await second.resume();
    const messages = second.getSnapshot().messages;
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(messages[1]).toMatchObject({ content: FULL, status: 'done' });
  }), 20_000);

  it('resolves with nothing changed when the server has nothing to resume (204)', memory(async () => {
    const history: ChatMessage[] = [{ id: 'u1', role: 'user', content: 'hi' }];
    const store = client({ id: 'never-started', initialMessages: history });
    const before = store.getSnapshot();
    const statuses: string[] = [];
    store.subscribe(() => statuses.push(store.getSnapshot().status));
    await store.resume();
    expect(store.getSnapshot().messages).toBe(before.messages);
    expect(store.getSnapshot()).toMatchObject({ status: 'idle', error: undefined });
    expect(statuses.filter((s) => s !== 'idle')).toEqual([]);
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/chat/never-started/stream' });
  }), 20_000);

  it('renders a reply that finished before the reload complete, without duplicating it', memory(async () => {
    const first = client();
    await first.send('question');
    const history = first.getSnapshot().messages;
    expect(history[1]).toMatchObject({ content: FULL, status: 'done' });
    const second = client({ initialMessages: history });
    await second.resume();
    expect(second.getSnapshot().messages).toHaveLength(2);
    expect(second.getSnapshot().messages[1]).toMatchObject({ id: history[1]!.id, content: FULL, status: 'done' });
  }), 20_000);

  it('stops the producer on the server when the resumed reply is stopped', memory(async () => {
    const history = await reloadMidAnswer();
    const partial = history.at(-1)!.content;
    const second = client({ initialMessages: history });
    const done = second.resume();
    // Past what the reload persisted: the resumed stream is live here.
    await until(second, (last) => (last?.content.length ?? 0) > partial.length);
    second.stop();
    await done;
    const reply = second.getSnapshot().messages.at(-1)!;
    expect(reply.status).toBe('stopped');
    await server.settled();
    expect(server.aborted.get('conv-1')).toBe(true);
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/chat/conv-1/stop', token: 'secret' });
    // A reload after the stop sees the reply as it ended, not one running on.
    const third = client({ initialMessages: second.getSnapshot().messages });
    await third.resume();
    const after = third.getSnapshot().messages.at(-1)!;
    expect(FULL.startsWith(after.content)).toBe(true);
    expect(after.content.length).toBeLessThan(FULL.length);
  }), 20_000);

  it('does not ask the server to stop when the view unmounts, so a reload can resume', memory(async () => {
    await reloadMidAnswer();
    expect(server.requests.some((r) => r.path.endsWith('/stop'))).toBe(false);
  }), 20_000);

  it('reconnects within the resumed stream with Last-Event-ID after a drop, every character once', memory(async () => {
    const history = await reloadMidAnswer();
    server.cutNextResumeAfterBytes = 700;
    const second = client({ initialMessages: history });
    await second.resume();
    expect(second.getSnapshot().messages[1]).toMatchObject({ content: FULL, status: 'done' });
    const resumes = server.requests.filter((r) => r.method === 'GET');
    expect(resumes.length).toBeGreaterThanOrEqual(2);
  }), 20_000);

  it('sends the conversation id in the default body and the chat headers and prepareRequest on resume', memory(async () => {
    const contexts: Pick<PrepareRequestContext, 'trigger' | 'method' | 'api'>[] = [];
    const store = client({
      id: 'conv/2',
      prepareRequest: ({ trigger, method, api }) => {
        contexts.push({ trigger, method, api });
      },
    });
    await store.send('question');
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/api/chat', body: { id: 'conv/2' } });
    await store.resume();
    expect(contexts.at(-1)).toEqual({ trigger: 'resume', method: 'GET', api: `${server.api}/conv%2F2/stream` });
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/chat/conv%2F2/stream', token: 'secret' });
  }), 20_000);

  it('fails a resume the server refuses with a typed http error, keeping the history', memory(async () => {
    const history: ChatMessage[] = [{ id: 'u1', role: 'user', content: 'hi' }];
    const store = client({ headers: {}, initialMessages: history });
    await store.resume();
    const { status, error, messages } = store.getSnapshot();
    expect(status).toBe('error');
    expect(isChatStreamError(error) && error.kind).toBe('http');
    expect(error?.status).toBe(401);
    expect(messages).toEqual(history);
  }), 20_000);

  it('fails a resume whose server is unreachable with a typed network error', async () => {
    const store = new ChatStore({ api: 'http://127.0.0.1:9/api/chat', id: 'x', retry: false });
    await store.resume();
    expect(store.getSnapshot().error?.kind).toBe('network');
  });

  it('keeps a failing stop request out of the UI: the reply is stopped, nothing throws', memory(async () => {
    server.stopStatus = 500;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const store = client();
      void store.send('question');
      await until(store, (last) => last?.content.includes('<2>') === true);
      expect(() => store.stop()).not.toThrow();
      expect(store.getSnapshot()).toMatchObject({ status: 'idle', error: undefined });
      expect(store.getSnapshot().messages.at(-1)?.status).toBe('stopped');
      // The stop request went out and failed, and the failure stayed out of the UI.
      for (let waited = 0; !server.requests.some((r) => r.path.endsWith('/stop')) && waited < 5000; waited += 20) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(server.requests.at(-1)).toMatchObject({ path: '/api/chat/conv-1/stop' });
      await new Promise((r) => setTimeout(r, 50));
      expect(store.getSnapshot()).toMatchObject({ status: 'idle', error: undefined });
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }), 20_000);

  it('waits for a stop request before sending the next message, so the stop cannot end the new reply', memory(async () => {
    const store = client();
    void store.send('first');
    await until(store, (last) => last?.content.includes('<2>') === true);
    store.stop();
    await store.send('second');
    expect(store.getSnapshot().messages.at(-1)).toMatchObject({ content: FULL, status: 'done' });
  }), 20_000);
});

describe('resume() against a real resumable server (Redis store)', () => {
  let redis: RedisServer;
  const clients: { destroy(): void }[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  }, 20_000);
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await redis?.stop();
  });

  it('after a reload mid-answer, replaces the persisted partial reply with the whole reply, every character once', async () => {
    const redisClient = createClient({ url: redis.url });
    redisClient.on('error', () => {});
    await redisClient.connect();
    clients.push(redisClient);
    const store = createRedisStreamStore({ client: redisClient as unknown as RedisClientLike, blockMs: 200 });
    await withServer(store, reloadSeesEveryCharacterOnce());
  }, 30_000);
});
