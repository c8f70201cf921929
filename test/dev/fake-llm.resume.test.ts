// @vitest-environment node
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connect, ViteDevServer } from 'vite';
import { createProtocol, readSSE } from '../../src/core/index.ts';
import { deliverResult } from '../../src/core/protocols/index.ts';
import type { SSEEvent } from '../../src/core/index.ts';
import { createFakeFetch, createFakeLLM, fakeAnswer, type FakeLLM } from '../../dev/fake-llm/index.ts';
import { createFakeLLMHandler, fakeLLM } from '../../dev/fake-llm/node.ts';
import { close, listen } from '../helpers/http.ts';

let fake: FakeLLM;
let server: http.Server;
let base = '';

beforeAll(async () => {
  fake = createFakeLLM();
  server = http.createServer(createFakeLLMHandler(fake));
  base = await listen(server);
});

afterAll(async () => {
  await fake.resumable.settled();
  await close(server);
});

type Fetch = typeof fetch;
const http_: Fetch = (input, init) => fetch(typeof input === 'string' && input.startsWith('/') ? `${base}${input}` : input, init);

function post(f: Fetch, query: string, body: unknown, init: { headers?: Record<string, string>; signal?: AbortSignal } = {}) {
  return f(`/api/chat?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify(body),
    signal: init.signal,
  });
}

interface Parsed {
  text: string;
  types: string[];
  events: SSEEvent[];
  done: boolean;
  lastId: string;
  error?: unknown;
}

/** Reads a response through the kit's own core; stops after `maxTokens` text deltas when given (a reload). */
async function parse(response: Response, protocol: 'ai-sdk' | 'text', maxTokens = Infinity): Promise<Parsed> {
  const extract = createProtocol(protocol);
  const out: Parsed = { text: '', types: [], events: [], done: false, lastId: '' };
  let tokens = 0;
  try {
    for await (const event of readSSE(response.body!)) {
      out.events.push(event);
      if (protocol === 'ai-sdk' && event.data.startsWith('{')) out.types.push((JSON.parse(event.data) as { type: string }).type);
      if (event.id !== '') out.lastId = event.id;
      const ended = deliverResult(extract(event), (chunk) => {
        if (chunk.type === 'text-delta') {
          out.text += chunk.delta;
          tokens++;
        }
      });
      if (ended) {
        out.done = true;
        break;
      }
      if (tokens >= maxTokens) break;
    }
  } catch (error) {
    out.error = error;
  }
  return out;
}

const answer = fakeAnswer({ tokens: 30 });
const slow = 'protocol=ai-sdk&tokens=30&tokensPerSecond=200';
const chat = (id: string) => ({ id, messages: [{ role: 'user', content: 'Hi' }] });

describe.each([
  ['the Node handler', () => http_],
  ['the in-browser fake fetch', () => createFakeFetch({ fake: createFakeLLM() })],
] as const)('fake LLM resumable streams through %s', (_name, makeFetch) => {
  it('streams a POST that names the conversation through the store, with increasing event ids', async () => {
    const f = makeFetch();
    const parsed = await parse(await post(f, 'protocol=ai-sdk&tokens=30', chat('whole')), 'ai-sdk');
    expect(parsed.text).toBe(answer);
    expect(parsed.done).toBe(true);
    const ids = parsed.events.map((e) => Number(e.id));
    expect(ids.every((id, i) => id > 0 && (i === 0 || id > ids[i - 1]!))).toBe(true);
  });

  it('reattaches after a reload mid-answer and shows the whole reply exactly once', async () => {
    const f = makeFetch();
    const controller = new AbortController();
    const first = await parse(await post(f, slow, chat('reload'), { signal: controller.signal }), 'ai-sdk', 5);
    controller.abort();
    expect(first.text.length).toBeGreaterThan(0);
    expect(first.done).toBe(false);
    const resumed = await f('/api/chat/reload/stream');
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const parsed = await parse(resumed, 'ai-sdk');
    expect(parsed.text).toBe(answer);
    expect(parsed.done).toBe(true);
    expect(parsed.types.filter((t) => t === 'start')).toHaveLength(1);
  });

  it('resolves a finished reply from the store', async () => {
    const f = makeFetch();
    await (await post(f, 'protocol=ai-sdk&tokens=30', chat('finished'))).text();
    const parsed = await parse(await f('/api/chat/finished/stream'), 'ai-sdk');
    expect(parsed.text).toBe(answer);
    expect(parsed.types.at(-1)).toBe('finish');
  });

  it('answers 204 when the conversation has nothing to resume', async () => {
    const response = await makeFetch()('/api/chat/never-started/stream');
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('stops the producer from another request, and readers see an abort rather than a finish', async () => {
    const f = makeFetch();
    const controller = new AbortController();
    await parse(await post(f, 'protocol=ai-sdk&tokens=30&tokensPerSecond=50', chat('stopped'), { signal: controller.signal }), 'ai-sdk', 2);
    controller.abort();
    const stop = await f('/api/chat/stopped/stop', { method: 'POST' });
    expect(stop.status).toBe(204);
    const parsed = await parse(await f('/api/chat/stopped/stream'), 'ai-sdk');
    expect(parsed.types).toContain('abort');
    expect(parsed.types).not.toContain('finish');
    expect(answer.startsWith(parsed.text)).toBe(true);
    expect(parsed.text.length).toBeLessThan(answer.length);
  });

  it('cuts the connection at dropAfter while the producer carries on, and a Last-Event-ID reconnect gets the rest', async () => {
    const f = makeFetch();
    const first = await parse(await post(f, 'protocol=ai-sdk&tokens=30&dropAfter=7', chat('drop')), 'ai-sdk');
    expect(first.error).toBeInstanceOf(Error);
    expect(first.text).toBe(fakeAnswer({ tokens: 7 }));
    const rest = await parse(await post(f, 'protocol=ai-sdk&tokens=30&dropAfter=7', chat('drop'), { headers: { 'Last-Event-ID': first.lastId } }), 'ai-sdk');
    expect(first.text + rest.text).toBe(answer);
    expect(rest.done).toBe(true);
  });

  it('keys the text protocol by chatId too', async () => {
    const f = makeFetch();
    await (await post(f, 'protocol=text&tokens=30', { chatId: 'plain', messages: [] })).text();
    const resumed = await f('/api/chat/plain/stream');
    expect(resumed.headers.get('x-vercel-ai-ui-message-stream')).toBeNull();
    expect((await parse(resumed, 'text')).text).toBe(answer);
  });

  it('streams a body without an id exactly as before: token-count ids, nothing stored', async () => {
    const f = makeFetch();
    const parsed = await parse(await post(f, 'protocol=ai-sdk&tokens=3', { messages: [] }), 'ai-sdk');
    expect(parsed.events[0]!.id).toBe('0');
    expect(parsed.lastId).toBe('3');
  });

  it('leaves protocols the encoder does not speak unresumable', async () => {
    const f = makeFetch();
    await (await post(f, 'protocol=openai&tokens=3', chat('openai-chat'))).text();
    expect((await f('/api/chat/openai-chat/stream')).status).toBe(204);
  });

  it('answers 405 to a POST on the resume route', async () => {
    expect((await makeFetch()('/api/chat/x/stream', { method: 'POST' })).status).toBe(405);
  });
});

describe('fake LLM resumable streams in the Vite plugin', () => {
  it('serves POST /api/chat with an id, GET /api/chat/:id/stream and POST /api/chat/:id/stop on the dev server', async () => {
    let middleware: Connect.NextHandleFunction | undefined;
    const plugin = fakeLLM();
    const fakeServer = { middlewares: { use: (fn: Connect.NextHandleFunction) => (middleware = fn) } };
    (plugin.configureServer as (s: ViteDevServer) => void)(fakeServer as unknown as ViteDevServer);
    const dev = http.createServer((req, res) => middleware!(req, res, () => res.writeHead(404).end('next')));
    await new Promise<void>((resolve) => dev.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(dev.address() as AddressInfo).port}`;
    try {
      const controller = new AbortController();
      const first = await fetch(`${url}/api/chat?${slow}`, { method: 'POST', body: JSON.stringify(chat('a b/c')), signal: controller.signal });
      await parse(first, 'ai-sdk', 3);
      controller.abort();
      const parsed = await parse(await fetch(`${url}/api/chat/${encodeURIComponent('a b/c')}/stream`), 'ai-sdk');
      expect(parsed.text).toBe(answer);
      expect((await fetch(`${url}/api/chat/${encodeURIComponent('a b/c')}/stop`, { method: 'POST' })).status).toBe(204);
    } finally {
      dev.closeAllConnections();
      dev.close();
    }
  });
});
