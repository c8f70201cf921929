import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatStore } from '../../src/core/chat-store.ts';
import type { PrepareRequestContext } from '../../src/core/request.ts';
import type { ChatMessage, ChatStreamOptions } from '../../src/core/types.ts';
import { controlledBody, sseResponse } from '../helpers/stream.ts';

interface Sent {
  url: string;
  init: RequestInit;
  headers: Record<string, string>;
  text: string;
}

/** A transport that records what each attempt really sent (any body type) and answers from a script. */
function transport(responses: (Response | (() => Response))[]) {
  const sent: Sent[] = [];
  const fetch = async (url: RequestInfo | URL, init: RequestInit = {}) => {
    const request = new Request(new URL(String(url), 'http://127.0.0.1'), init);
    sent.push({
      url: String(url),
      init,
      headers: Object.fromEntries(request.headers.entries()),
      text: await request.text(),
    });
    const next = responses.shift();
    if (!next) throw new Error('no response left');
    return typeof next === 'function' ? next() : next;
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

const ok = () => sseResponse(['data: fine\n\n']);
let n = 0;
function store(responses: (Response | (() => Response))[], options: Partial<ChatStreamOptions> = {}) {
  const t = transport(responses);
  const contexts: PrepareRequestContext[] = [];
  const chat = new ChatStore({
    api: '/api/chat',
    fetch: t.fetch,
    generateId: () => `m${++n}`,
    retry: { baseDelayMs: 1 },
    ...options,
    prepareRequest: options.prepareRequest
      ? async (context) => {
          contexts.push(structuredClone(context));
          return options.prepareRequest!(context);
        }
      : undefined,
  });
  return { chat, ...t, contexts };
}

const history: ChatMessage[] = [
  { id: 'u1', role: 'user', content: 'One' },
  { id: 'a1', role: 'assistant', content: 'First', status: 'done' },
  { id: 'u2', role: 'user', content: 'Two' },
  { id: 'a2', role: 'assistant', content: 'Second', status: 'stopped' },
];

beforeEach(() => {
  n = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('prepareRequest: the context of each attempt', () => {
  it('gives submit the full messages up to the new user turn, never the streaming reply', async () => {
    const { chat, contexts } = store([ok()], {
      id: 'c9',
      initialMessages: history,
      body: { model: 'x' },
      headers: { Authorization: 'Bearer a' },
      prepareRequest: () => undefined,
    });
    await chat.send('Three');
    expect(contexts).toHaveLength(1);
    const context = contexts[0]!;
    expect(context).toMatchObject({ api: '/api/chat', trigger: 'submit', messageId: undefined, chatId: 'c9', body: { model: 'x' } });
    expect(context.messages.map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'a2', 'm1']);
    expect(context.messages.at(-1)).toMatchObject({ role: 'user', content: 'Three' });
    expect(context.headers).toMatchObject({ Authorization: 'Bearer a', 'Content-Type': 'application/json' });
  });

  it('names regenerate and edit with the message they act on', async () => {
    const { chat, contexts } = store([ok(), ok(), ok()], { initialMessages: history, prepareRequest: () => undefined });
    await chat.regenerate('a1');
    expect(contexts[0]).toMatchObject({ trigger: 'regenerate', messageId: 'a1' });
    expect(contexts[0]!.messages.map((m) => m.id)).toEqual(['u1']);
    await chat.edit('u1', 'Uno');
    expect(contexts[1]).toMatchObject({ trigger: 'edit', messageId: 'u1' });
    expect(contexts[1]!.messages).toEqual([{ id: 'u1', role: 'user', content: 'Uno' }]);
    await chat.reload();
    expect(contexts[2]).toMatchObject({ trigger: 'regenerate' });
  });

  it('keeps the trigger on a retry and says resume on a Last-Event-ID reconnect, calling it per attempt', async () => {
    const first = controlledBody();
    const { chat, contexts, sent } = store(
      [new Response('busy', { status: 503 }), sseResponse(first.stream), () => sseResponse(['id: 2\ndata: B\n\n'])],
      { initialMessages: history, prepareRequest: () => undefined },
    );
    const done = chat.regenerate('a2');
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    first.push('id: 1\ndata: A\n\n');
    await vi.waitFor(() => expect(chat.getSnapshot().messages.at(-1)!.content).toBe('A'));
    first.fail(new TypeError('network error'));
    await done;
    expect(contexts.map((c) => c.trigger)).toEqual(['regenerate', 'regenerate', 'resume']);
    expect(contexts.map((c) => c.messageId)).toEqual(['a2', 'a2', 'a2']);
    expect(contexts[2]!.headers['Last-Event-ID']).toBe('1');
    expect(chat.getSnapshot().messages.at(-1)).toMatchObject({ id: 'a2', content: 'AB', status: 'done' });
  });
});

describe('prepareRequest: what it returns', () => {
  it('sends a bare JSON list when it returns an array', async () => {
    const { chat, sent } = store([ok()], {
      initialMessages: history.slice(0, 2),
      prepareRequest: ({ messages }) => ({ body: messages.map(({ role, content }) => ({ role, content })) }),
    });
    await chat.send('Two');
    expect(JSON.parse(sent[0]!.text)).toEqual([
      { role: 'user', content: 'One' },
      { role: 'assistant', content: 'First' },
      { role: 'user', content: 'Two' },
    ]);
  });

  it('can send only the last message with a conversation id', async () => {
    const { chat, sent } = store([ok()], {
      id: 'thread-7',
      initialMessages: history,
      prepareRequest: ({ messages, chatId }) => ({ body: { threadId: chatId, message: messages.at(-1)!.content } }),
    });
    await chat.send('Three');
    expect(JSON.parse(sent[0]!.text)).toEqual({ threadId: 'thread-7', message: 'Three' });
  });

  it('sends a string as is and a FormData without the JSON content type', async () => {
    const a = store([ok()], { prepareRequest: () => ({ body: 'plain words', headers: { 'content-type': 'text/plain' } }) });
    await a.chat.send('hi');
    expect(a.sent[0]!.text).toBe('plain words');
    expect(a.sent[0]!.headers['content-type']).toBe('text/plain');

    const form = new FormData();
    form.set('q', 'hi');
    const b = store([ok()], { prepareRequest: () => ({ body: form }) });
    await b.chat.send('hi');
    expect(b.sent[0]!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(b.sent[0]!.text).toContain('name="q"');
  });

  it('merges returned headers over the defaults (returned wins) and can change api and credentials', async () => {
    const { chat, sent } = store([ok()], {
      headers: { Authorization: 'Bearer old', 'X-App': 'a' },
      prepareRequest: () => ({ api: '/v2/chat', headers: { authorization: 'Bearer new' }, credentials: 'include' }),
    });
    await chat.send('hi');
    expect(sent[0]!.url).toBe('/v2/chat');
    expect(sent[0]!.headers).toMatchObject({ authorization: 'Bearer new', 'x-app': 'a', 'content-type': 'application/json' });
    expect(sent[0]!.init.credentials).toBe('include');
    expect(JSON.parse(sent[0]!.text)).toEqual({ messages: [{ role: 'user', content: 'hi' }] });
  });

  it('fails the turn with a request error, not a retry, when it throws', async () => {
    const onError = vi.fn();
    const { chat, sent } = store([], {
      onError,
      prepareRequest: () => {
        throw new Error('no token');
      },
    });
    await chat.send('hi');
    expect(sent).toHaveLength(0);
    expect(chat.getSnapshot()).toMatchObject({ status: 'error', error: { kind: 'request' } });
    expect(chat.getSnapshot().error!.message).toMatch(/no token/);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('sends nothing when the turn is stopped while an async prepareRequest runs', async () => {
    let release!: () => void;
    const { chat, sent } = store([ok()], {
      prepareRequest: () => new Promise<undefined>((resolve) => (release = () => resolve(undefined))),
    });
    const done = chat.send('hi');
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    chat.stop();
    release();
    await done;
    expect(sent).toHaveLength(0);
    expect(chat.getSnapshot().messages.at(-1)!.status).toBe('stopped');
  });
});

describe('body and headers as functions', () => {
  it('are evaluated on every attempt, so a token refreshed between retries is used', async () => {
    let token = 0;
    const { chat, sent } = store([new Response('', { status: 503 }), ok()], {
      headers: async () => ({ Authorization: `Bearer ${++token}` }),
      body: () => ({ attempt: token }),
    });
    await chat.send('hi');
    expect(sent.map((s) => s.headers.authorization)).toEqual(['Bearer 1', 'Bearer 2']);
    expect(sent.map((s) => JSON.parse(s.text).attempt)).toEqual([1, 2]);
  });
});
