import { act, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderHook } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { streamQueryOptions, type StreamQueryOptions } from '../../src/query/index.ts';
import { isChatStreamError } from '../../src/core/errors.ts';
import { controlledBody, scriptedFetch, sseResponse } from '../helpers/stream.ts';

const tick = (ms = 0) => act(() => vi.advanceTimersByTimeAsync(ms));
// The OpenAI protocol wants its terminator: a body that ends without [DONE] is a cut-off reply.
const DONE = 'data: [DONE]\n\n';
const sse = (text: string) => `data: ${JSON.stringify({ choices: [{ delta: { content: text } }] })}\n\n`;

let client: QueryClient;
beforeEach(() => {
  vi.useFakeTimers();
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
});
afterEach(() => {
  client.clear();
  vi.useRealTimers();
});

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={client}>{children}</QueryClientProvider>
);

function options(extra: Partial<StreamQueryOptions> & Pick<StreamQueryOptions, 'fetch'>) {
  return streamQueryOptions({ queryKey: ['summary', 1], api: '/api/summarize', protocol: 'openai', ...extra });
}

function successWrites(key: unknown[]) {
  const writes: string[] = [];
  client.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'success' && JSON.stringify(event.query.queryKey) === JSON.stringify(key)) {
      writes.push(event.query.state.data as string);
    }
  });
  return writes;
}

describe('streamQueryOptions', () => {
  it('streams the reply text into data as a growing string', async () => {
    const body = controlledBody();
    const { fetch, requests } = scriptedFetch([sseResponse(body.stream)]);
    const { result } = renderHook(() => useQuery(options({ fetch, body: { text: 'long doc' } })), { wrapper });
    expect(result.current.status).toBe('pending');
    await tick();
    body.push(sse('Hello'));
    await tick();
    expect(result.current.data).toBe('Hello');
    expect(result.current.status).toBe('success');
    expect(result.current.fetchStatus).toBe('fetching');
    body.push(sse(' world'));
    body.push('data: [DONE]\n\n');
    await tick(100);
    expect(result.current.data).toBe('Hello world');
    expect(result.current.fetchStatus).toBe('idle');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe('/api/summarize');
    expect(requests[0]!.init.method).toBe('POST');
    expect(requests[0]!.body).toEqual({ text: 'long doc' });
  });

  it('sends the body exactly as given, even a bare array, and lets prepareRequest reshape it', async () => {
    const { fetch, requests } = scriptedFetch([sseResponse([sse('a'), DONE]), sseResponse([sse('b'), DONE])]);
    await client.fetchQuery(streamQueryOptions({ queryKey: ['a'], api: '/x', body: [1, 2], fetch }));
    const prepareRequest = vi.fn(() => ({ api: '/y', body: { wrapped: true }, headers: { Authorization: 'Bearer t' } }));
    await client.fetchQuery(streamQueryOptions({ queryKey: ['b'], api: '/x', body: { q: 1 }, fetch, prepareRequest }));
    expect(requests[0]!.body).toEqual([1, 2]);
    expect(prepareRequest).toHaveBeenCalledWith(
      expect.objectContaining({ api: '/x', body: { q: 1 }, trigger: 'submit', messages: [], queryKey: ['b'] }),
    );
    expect(requests[1]!.url).toBe('/y');
    expect(requests[1]!.body).toEqual({ wrapped: true });
    expect(requests[1]!.headers.authorization).toBe('Bearer t');
    expect(requests[1]!.headers['content-type']).toBe('application/json');
  });

  it('writes the cache once per flush window, not once per token (1,000 tokens)', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    const writes = successWrites(['summary', 1]);
    const done = client.fetchQuery(options({ fetch, flush: 50 }));
    await vi.advanceTimersByTimeAsync(0);
    // 1,000 tokens, 10 every 5 ms: 500 ms of streaming.
    for (let i = 0; i < 100; i++) {
      body.push(Array.from({ length: 10 }, (_, j) => sse(`t${i * 10 + j} `)).join(''));
      await vi.advanceTimersByTimeAsync(5);
    }
    body.push(DONE);
    body.close();
    const text = await done;
    expect(text.split(' ').filter(Boolean)).toHaveLength(1000);
    expect(writes.at(-1)).toBe(text);
    // The first token at once, then one write per 50 ms window (500 ms / 50 ms = 10), plus the final flush.
    expect(writes.length).toBeGreaterThanOrEqual(10);
    expect(writes.length).toBeLessThanOrEqual(13);
  });

  it('aborts the request when the last observer unmounts', async () => {
    const body = controlledBody();
    const { fetch, requests } = scriptedFetch([sseResponse(body.stream)]);
    const { result, unmount } = renderHook(() => useQuery(options({ fetch })), { wrapper });
    await tick();
    body.push(sse('partial'));
    await tick();
    expect(result.current.data).toBe('partial');
    unmount();
    await tick();
    expect(requests[0]!.signal.aborted).toBe(true);
    expect(body.cancelled).toBe(true);
  });

  it('aborts the request on cancelQueries', async () => {
    const body = controlledBody();
    const { fetch, requests } = scriptedFetch([sseResponse(body.stream)]);
    const { result } = renderHook(() => useQuery(options({ fetch })), { wrapper });
    await tick();
    body.push(sse('partial'));
    await tick();
    await act(() => client.cancelQueries({ queryKey: ['summary', 1] }));
    await tick();
    expect(requests[0]!.signal.aborted).toBe(true);
    expect(body.cancelled).toBe(true);
    expect(result.current.fetchStatus).toBe('idle');
  });

  it('opens one stream for two observers of the same key', async () => {
    const body = controlledBody();
    const { fetch, mock } = scriptedFetch([sseResponse(body.stream)]);
    const { result } = renderHook(() => [useQuery(options({ fetch })), useQuery(options({ fetch }))] as const, { wrapper });
    await tick();
    body.push(sse('shared'));
    body.push(DONE);
    body.close();
    await tick(100);
    expect(mock).toHaveBeenCalledTimes(1);
    expect(result.current[0].data).toBe('shared');
    expect(result.current[1].data).toBe('shared');
  });

  it('opens no stream for a key already in the cache', async () => {
    const { fetch, mock } = scriptedFetch([sseResponse([sse('cached'), DONE])]);
    await client.fetchQuery(options({ fetch }));
    const { result } = renderHook(() => useQuery(options({ fetch })), { wrapper });
    expect(result.current.data).toBe('cached');
    await tick(1000);
    expect(mock).toHaveBeenCalledTimes(1);
    expect(result.current.fetchStatus).toBe('idle');
  });

  it.each([
    ['reset', undefined, 'second', 'second'],
    ['append', 'first', 'firstsecond', 'firstsecond'],
    ['replace', 'first', 'first', 'second'],
  ] as const)('refetchMode %s: data is %s as the refetch starts, %s while it streams, %s at the end', async (refetchMode, start, during, final) => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse([sse('first'), DONE]), sseResponse(body.stream)]);
    const { result } = renderHook(() => useQuery(options({ fetch, refetchMode })), { wrapper });
    await tick(100);
    expect(result.current.data).toBe('first');
    act(() => {
      void result.current.refetch();
    });
    await tick();
    expect(result.current.data).toBe(start);
    body.push(sse('second'));
    await tick(100);
    expect(result.current.data).toBe(during);
    body.push(DONE);
    body.close();
    await tick(100);
    expect(result.current.data).toBe(final);
    expect(client.getQueryState(['summary', 1])!.fetchStatus).toBe('idle');
  });

  it('fails with the kit’s typed HTTP error, and does not retry by itself', async () => {
    const { fetch, mock } = scriptedFetch([
      new Response(JSON.stringify({ error: { message: 'Rate limited' } }), { status: 429, headers: { 'content-type': 'application/json' } }),
    ]);
    const { result } = renderHook(() => useQuery(options({ fetch })), { wrapper });
    await tick(100);
    expect(result.current.status).toBe('error');
    const error = result.current.error;
    expect(isChatStreamError(error)).toBe(true);
    expect(error!.kind).toBe('http');
    expect(error!.status).toBe(429);
    expect(error!.message).toContain('Rate limited');
    expect(mock).toHaveBeenCalledTimes(1);
  });

  it('retries as TanStack’s retry option says', async () => {
    const { fetch, mock } = scriptedFetch([
      new Response('busy', { status: 503 }),
      new Response('busy', { status: 503 }),
      sseResponse([sse('ok'), DONE]),
    ]);
    const { result } = renderHook(() => useQuery({ ...options({ fetch }), retry: 2, retryDelay: 10 }), { wrapper });
    await tick(500);
    expect(mock).toHaveBeenCalledTimes(3);
    expect(result.current.data).toBe('ok');
  });

  it('keeps the text received before a dropped connection, with a network error', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    const { result } = renderHook(() => useQuery(options({ fetch })), { wrapper });
    await tick();
    body.push(sse('Half a'));
    await tick();
    body.push(sse(' sentence'));
    body.fail();
    await tick(100);
    expect(result.current.status).toBe('error');
    expect(result.current.error!.kind).toBe('network');
    expect(result.current.data).toBe('Half a sentence');
  });

  it('reports a server error sent inside the stream as kind server', async () => {
    const { fetch } = scriptedFetch([sseResponse([sse('Hi'), `data: ${JSON.stringify({ error: { message: 'overloaded' } })}\n\n`])]);
    const { result } = renderHook(() => useQuery(options({ fetch })), { wrapper });
    await tick(100);
    expect(result.current.error!.kind).toBe('server');
    expect(result.current.error!.message).toContain('overloaded');
    expect(result.current.data).toBe('Hi');
  });
});
