// @vitest-environment node
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Connect, ViteDevServer } from 'vite';
import { ChatStore, createProtocol, httpError, isChatStreamError, readSSE, DONE } from '../../src/core/index.ts';
import { deliverResult } from '../../src/core/protocols/index.ts';
import type { ChatStreamError, SSEEvent } from '../../src/core/index.ts';
import {
  createFakeFetch,
  createFakeLLM,
  FAKE_ANSWER,
  fakeAnswer,
  fakeSSE,
  fakeTokens,
  resolveFakeOptions,
  type FakeProtocol,
} from '../../dev/fake-llm/index.ts';
import { createFakeLLMHandler, createOpenAIProxy, fakeLLM } from '../../dev/fake-llm/node.ts';
import { close, listen } from '../helpers/http.ts';

const PROTOCOLS: FakeProtocol[] = ['text', 'openai', 'openai-responses', 'anthropic', 'ai-sdk'];

let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer(createFakeLLMHandler());
  base = await listen(server);
});

afterAll(async () => {
  await close(server);
});

afterEach(() => {
  vi.useRealTimers();
});

function post(query: string, init: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {}) {
  return fetch(`${base}/api/chat?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify(init.body ?? { messages: [{ role: 'user', content: 'Hi' }] }),
    signal: init.signal,
  });
}

interface Parsed {
  text: string;
  events: SSEEvent[];
  done: boolean;
  lastId: string;
  error?: unknown;
}

/** Reads a response through the kit's own core: readSSE for the events, the protocol for the text. */
async function parse(response: Response, protocol: FakeProtocol | 'auto'): Promise<Parsed> {
  const extract = createProtocol(protocol);
  const out: Parsed = { text: '', events: [], done: false, lastId: '' };
  try {
    for await (const event of readSSE(response.body!)) {
      out.events.push(event);
      const result = extract(event);
      if (event.id !== '') out.lastId = event.id;
      const ended = deliverResult(result, (chunk) => {
        if (chunk.type === 'text-delta') out.text += chunk.delta;
      });
      if (ended) {
        out.done = true;
        break;
      }
    }
  } catch (error) {
    out.error = error;
  }
  return out;
}

async function chunksOf(response: Response): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

const stats = async (key: string) => (await fetch(`${base}/api/fake-llm/stats?key=${key}`)).json();

describe('fake LLM: protocols', () => {
  it.each(PROTOCOLS)('streams the exact answer in the %s protocol', async (protocol) => {
    const response = await post(`protocol=${protocol}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const parsed = await parse(response, protocol);
    expect(parsed.error).toBeUndefined();
    expect(parsed.done).toBe(true);
    expect(parsed.text).toBe(FAKE_ANSWER);
  });

  it.each(PROTOCOLS)('is recognised by the auto protocol as %s', async (protocol) => {
    const parsed = await parse(await post(`protocol=${protocol}`), 'auto');
    expect(parsed.text).toBe(FAKE_ANSWER);
    expect(parsed.done).toBe(true);
  });

  it('takes its knobs from the JSON body field `fake` over the query string', async () => {
    const response = await post('protocol=text', { body: { messages: [], fake: { protocol: 'anthropic', tokens: 5 } } });
    const parsed = await parse(response, 'anthropic');
    expect(parsed.events[0]?.event).toBe('message_start');
    expect(parsed.text).toBe(fakeAnswer({ tokens: 5 }));
  });

  it('sends a token with line breaks as several data lines in the text protocol', async () => {
    const raw = await (await post('protocol=text&tokens=8')).text();
    expect(raw).toContain('data: \ndata: \ndata: Here\n\n');
    expect(raw.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('opens OpenAI streams with a role-only delta and ends them with [DONE]', async () => {
    const parsed = await parse(await post('protocol=openai&tokens=3'), 'openai');
    expect(JSON.parse(parsed.events[0]!.data).choices[0].delta).toEqual({ role: 'assistant' });
    expect(parsed.events.at(-1)!.data).toBe('[DONE]');
  });

  it('sends the Anthropic event sequence', async () => {
    const parsed = await parse(await post('protocol=anthropic&tokens=2'), 'anthropic');
    expect(parsed.events.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(JSON.parse(parsed.events[3]!.data)).toEqual({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: fakeTokens()[0] },
    });
  });

  it('sends the AI SDK UI message stream with its header, framed by the server encoder', async () => {
    const response = await post('protocol=ai-sdk&tokens=1');
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    const raw = await response.text();
    const data = raw
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6));
    // react-chat-stream/server's framing: steps around the text, ids per block, the finish reason sent.
    expect(data).toEqual([
      '{"type":"start"}',
      '{"type":"start-step"}',
      '{"type":"text-start","id":"t0"}',
      JSON.stringify({ type: 'text-delta', id: 't0', delta: fakeTokens()[0] }),
      '{"type":"text-end","id":"t0"}',
      '{"type":"finish-step"}',
      '{"type":"finish","finishReason":"stop"}',
      '[DONE]',
    ]);
  });
});

describe('fake LLM: knobs', () => {
  it('gives every event a token-count id, or none with ids=false', async () => {
    const withIds = await parse(await post('protocol=openai&tokens=4'), 'openai');
    const ids = withIds.events.map((e) => e.id);
    expect(ids).toEqual(['0', '1', '2', '3', '4', '4', '4']);
    const raw = await (await post('protocol=openai&tokens=4&ids=false')).text();
    expect(raw).not.toMatch(/^id:/m);
  });

  it.each(['random', 'utf8', 'crlf'] as const)('produces identical text with split=%s', async (split) => {
    for (const protocol of PROTOCOLS) {
      const parsed = await parse(await post(`protocol=${protocol}&split=${split}&seed=7`), protocol);
      expect(parsed.text).toBe(FAKE_ANSWER);
      expect(parsed.done).toBe(true);
    }
  });

  it('splits inside multi-byte UTF-8 characters with split=utf8', async () => {
    const chunks = await chunksOf(await createFakeFetch()('/api/chat?protocol=text&split=utf8', { method: 'POST', body: '{}' }));
    // A chunk ending on a lead byte (0b11xxxxxx) leaves its continuation bytes to the next chunk.
    expect(chunks.some((c) => ((c.at(-1) ?? 0) & 0xc0) === 0xc0)).toBe(true);
    const decoder = new TextDecoder();
    expect(chunks.map((c) => decoder.decode(c, { stream: true })).join('')).toContain(FAKE_ANSWER.slice(-3));
  });

  it('uses CRLF line endings and splits between CR and LF with split=crlf', async () => {
    const chunks = await chunksOf(await createFakeFetch()('/api/chat?protocol=text&split=crlf&tokens=5', { method: 'POST', body: '{}' }));
    const raw = new TextDecoder().decode(concat(chunks));
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(chunks.filter((c) => c.at(-1) === 0x0d).length).toBeGreaterThan(5);
  });

  it('splits randomly but reproducibly for a seed with split=random', async () => {
    const sizes = async (seed: number) =>
      (await chunksOf(await createFakeFetch()(`/api/chat?split=random&seed=${seed}`, { method: 'POST', body: '{}' }))).map((c) => c.length);
    const a = await sizes(3);
    expect(await sizes(3)).toEqual(a);
    expect(await sizes(4)).not.toEqual(a);
    expect(a.length).toBeGreaterThan(fakeTokens().length);
  });

  it('groups tokensPerWrite token events into each write', async () => {
    const chunks = await chunksOf(await createFakeFetch()('/api/chat?protocol=text&tokens=10&tokensPerWrite=5', { method: 'POST', body: '{}' }));
    const decoder = new TextDecoder();
    const eventsPerChunk = chunks.map((c) => decoder.decode(c).split('\n\n').length - 1);
    expect(eventsPerChunk).toEqual([5, 5, 1]);
  });

  it('cuts the answer to `length` characters and `tokens` tokens', async () => {
    for (const length of [1, 100, 5000]) {
      const parsed = await parse(await post(`protocol=text&length=${length}`), 'text');
      expect(parsed.text).toBe(fakeAnswer({ length }));
      expect(parsed.text.length).toBe(length);
    }
    const parsed = await parse(await post('protocol=anthropic&tokens=1000'), 'anthropic');
    expect(parsed.text).toBe(fakeAnswer({ tokens: 1000 }));
    expect(parsed.events.filter((e) => e.event === 'content_block_delta')).toHaveLength(1000);
    expect(fakeAnswer({ length: 5000 }).startsWith(FAKE_ANSWER)).toBe(true);
  });

  it('paces the stream at tokensPerSecond', async () => {
    vi.useFakeTimers();
    const received: number[] = [];
    const options = resolveFakeOptions({ protocol: 'text', tokensPerSecond: 10, tokens: 30 });
    const reading = (async () => {
      for await (const _chunk of fakeSSE(options, { onToken: (n) => received.push(n) })) {
        /* drain */
      }
    })();
    await vi.advanceTimersByTimeAsync(0);
    expect(received.at(-1)).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(received.at(-1)).toBe(11);
    await vi.advanceTimersByTimeAsync(2000);
    await reading;
    expect(received.at(-1)).toBe(30);
  });

  it('waits ttfbMs before answering', async () => {
    vi.useFakeTimers();
    let answered = false;
    const pending = createFakeFetch()('/api/chat?ttfbMs=500', { method: 'POST', body: '{}' }).then((response) => {
      answered = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
  });
});

describe('fake LLM: faults', () => {
  it('answers status=503 with Retry-After and a JSON error the kit reads as retryable', async () => {
    const response = await post('status=503&retryAfter=2');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    const error = await httpError(response);
    expect(error).toMatchObject({ kind: 'http', status: 503, retryable: true, retryAfterMs: 2000 });
    expect(error.serverMessage).toBe('The fake model failed on purpose');
  });

  it('answers status=400 with a JSON error body that is not retryable', async () => {
    const response = await post('status=400&errorMessage=Bad%20prompt');
    expect(response.status).toBe(400);
    expect(await response.clone().json()).toMatchObject({ error: { message: 'Bad prompt' } });
    expect(await httpError(response)).toMatchObject({ kind: 'http', status: 400, retryable: false, serverMessage: 'Bad prompt' });
  });

  it.each(PROTOCOLS)('sends a %s error event after failAfter tokens', async (protocol) => {
    const parsed = await parse(await post(`protocol=${protocol}&failAfter=12`), protocol);
    expect(parsed.text).toBe(fakeAnswer({ tokens: 12 }));
    expect(isChatStreamError(parsed.error)).toBe(true);
    expect(parsed.error).toMatchObject({ kind: 'server', serverMessage: 'The fake model failed on purpose' });
  });

  it('drops the connection after dropAfter tokens', async () => {
    const parsed = await parse(await post('protocol=openai&dropAfter=20&key=drop-1'), 'openai');
    expect(parsed.text).toBe(fakeAnswer({ tokens: 20 }));
    expect(parsed.done).toBe(false);
    expect(parsed.error).toBeInstanceOf(TypeError);
    expect((await stats('drop-1')).last).toMatchObject({ outcome: 'dropped', tokensSent: 20 });
  });

  it('errors the body like a network failure when the browser fetch drops', async () => {
    const parsed = await parse(await createFakeFetch()('/api/chat?protocol=text&dropAfter=3', { method: 'POST', body: '{}' }), 'text');
    expect(parsed.text).toBe(fakeAnswer({ tokens: 3 }));
    expect(parsed.error).toBeInstanceOf(TypeError);
  });

  it.each(['openai', 'openai-responses', 'anthropic', 'ai-sdk'] as const)('sends one malformed %s event after malformedAfter tokens', async (protocol) => {
    const parsed = await parse(await post(`protocol=${protocol}&malformedAfter=5`), protocol);
    expect(parsed.text).toBe(fakeAnswer({ tokens: 5 }));
    expect((parsed.error as ChatStreamError).kind).toBe('protocol');
  });

  it('applies a fault to the first request of a key only with faultOnce', async () => {
    const first = await post('status=503&faultOnce=once-1');
    expect(first.status).toBe(503);
    await first.body?.cancel();
    const second = await parse(await post('status=503&faultOnce=once-1'), 'openai');
    expect(second.text).toBe(FAKE_ANSWER);
    const seen = await stats('once-1');
    expect(seen.requests).toBe(2);
    expect(seen.records.map((r: { faulted: boolean }) => r.faulted)).toEqual([true, false]);
  });

  it('faults only the first keyless request with faultOnce=true', async () => {
    const fetchFake = createFakeFetch();
    const first = await fetchFake('/api/chat?dropAfter=2&faultOnce=true', { method: 'POST', body: '{}' });
    expect((await parse(first, 'openai')).error).toBeInstanceOf(TypeError);
    const second = await fetchFake('/api/chat?dropAfter=2&faultOnce=true', { method: 'POST', body: '{}' });
    expect((await parse(second, 'openai')).text).toBe(FAKE_ANSWER);
  });

  it('applies a fault to the first N requests with key and faultTimes', async () => {
    const fetchFake = createFakeFetch();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetchFake('/api/chat?status=500&key=k&faultTimes=2', { method: 'POST', body: '{}' });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses).toEqual([500, 500, 200, 200]);
  });
});

describe('fake LLM: resume and close', () => {
  it.each(PROTOCOLS)('continues after Last-Event-ID with no gap or duplicate (%s)', async (protocol) => {
    const first = await parse(await post(`protocol=${protocol}&dropAfter=40&split=random`), protocol);
    expect(first.error).toBeDefined();
    expect(first.lastId).toBe('40');
    const rest = await parse(await post(`protocol=${protocol}&dropAfter=40&split=random`, { headers: { 'Last-Event-ID': first.lastId } }), protocol);
    expect(rest.error).toBeUndefined();
    expect(rest.done).toBe(true);
    expect(first.text + rest.text).toBe(FAKE_ANSWER);
    expect(rest.events[0]!.id).toBe('41');
  });

  it('resumes a turn inside ChatStore after a dropped connection', async () => {
    const fake = createFakeLLM();
    const store = new ChatStore({
      api: '/api/chat?protocol=anthropic&dropAfter=60&key=store',
      fetch: createFakeFetch({ fake }),
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    });
    await store.send('Hello');
    const reply = store.getSnapshot().messages.at(-1)!;
    expect(reply).toMatchObject({ role: 'assistant', status: 'done', content: FAKE_ANSWER });
    expect(fake.stats('store').records.map((r) => [r.lastEventId, r.outcome])).toEqual([
      [undefined, 'dropped'],
      ['60', 'done'],
    ]);
    store.destroy();
  });

  it('records that the client closed the connection', async () => {
    const controller = new AbortController();
    const response = await post('tokensPerSecond=20&key=close-1', { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.read().catch(() => {});
    await vi.waitFor(async () => {
      expect((await stats('close-1')).last).toMatchObject({ aborted: true, outcome: 'aborted' });
    }, { timeout: 5000 });
  });

  it('stops the in-browser stream when the fetch is aborted', async () => {
    const fake = createFakeLLM();
    const controller = new AbortController();
    const response = await createFakeFetch({ fake })('/api/chat?tokensPerSecond=20&key=b', { method: 'POST', body: '{}', signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.stats('b').last).toMatchObject({ aborted: true });
  });
});

describe('fake LLM: Vite plugin and OpenAI proxy', () => {
  function mountPlugin() {
    let middleware: Connect.NextHandleFunction | undefined;
    const plugin = fakeLLM();
    const fakeServer = { middlewares: { use: (fn: Connect.NextHandleFunction) => (middleware = fn) } };
    (plugin.configureServer as (s: ViteDevServer) => void)(fakeServer as unknown as ViteDevServer);
    return http.createServer((req, res) => middleware!(req, res, () => res.writeHead(404).end('next')));
  }

  async function listen(s: http.Server): Promise<string> {
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  }

  it('mounts /api/chat on the dev server and passes other routes on', async () => {
    const dev = mountPlugin();
    const url = await listen(dev);
    try {
      const parsed = await parse(await fetch(`${url}/api/chat?protocol=text`, { method: 'POST', body: '{}' }), 'text');
      expect(parsed.text).toBe(FAKE_ANSWER);
      expect(await (await fetch(`${url}/other`)).text()).toBe('next');
    } finally {
      dev.close();
    }
  });

  it('refuses clients that are not on the loopback interface', async () => {
    const dev = mountPlugin();
    const listener = dev.listeners('request')[0] as http.RequestListener;
    const res = { statusCode: 0, writeHead(status: number) { this.statusCode = status; return this; }, end() {} };
    listener(
      { url: '/api/chat', method: 'POST', socket: { remoteAddress: '192.168.1.20' } } as unknown as http.IncomingMessage,
      res as unknown as http.ServerResponse,
    );
    expect(res.statusCode).toBe(403);
  });

  it('proxies to an OpenAI-compatible endpoint with the key kept server-side', async () => {
    let seen: { auth?: string; body?: { stream?: boolean; model?: string; messages?: unknown } } = {};
    const fakeHandler = createFakeLLMHandler();
    const upstream = http.createServer((req, res) => {
      seen.auth = req.headers.authorization;
      let text = '';
      req.on('data', (c: Buffer) => (text += c));
      req.on('end', () => {
        seen = { ...seen, body: JSON.parse(text) };
        req.url = '/v1/chat/completions?protocol=openai';
        // The fake handler reads the body stream, which this listener already drained: hand it a replay.
        void fakeHandler(Object.assign(req, { [Symbol.asyncIterator]: async function* () { yield Buffer.from(text); } }), res);
      });
    });
    const upstreamUrl = await listen(upstream);
    const proxyServer = http.createServer(
      createOpenAIProxy({ OPENAI_BASE_URL: `${upstreamUrl}/v1`, OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'tiny' }),
    );
    const proxyUrl = await listen(proxyServer);
    try {
      const response = await fetch(`${proxyUrl}/api/openai`, {
        method: 'POST',
        body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
      });
      const parsed = await parse(response, 'openai');
      expect(parsed.text).toBe(FAKE_ANSWER);
      expect(seen.auth).toBe('Bearer sk-test');
      expect(seen.body).toEqual({ model: 'tiny', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    } finally {
      upstream.closeAllConnections();
      upstream.close();
      proxyServer.close();
    }
  });

  it('answers 501 from the proxy route while no endpoint is configured', async () => {
    const proxyServer = http.createServer(createOpenAIProxy({}));
    const url = await listen(proxyServer);
    try {
      const response = await fetch(url, { method: 'POST', body: '{}' });
      expect(response.status).toBe(501);
      await response.body?.cancel();
    } finally {
      proxyServer.close();
    }
  });
});

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
