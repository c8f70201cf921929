import { createFakeLLM, endRecord, type FakeLLM } from './createFakeLLM.ts';
import { resumableId, resumableRoute } from './fakeResumable.ts';
import { FakeDropError, sleep } from './fakeSSE.ts';

/** Options of `createFakeFetch`. */
export interface CreateFakeFetchOptions {
  /** Share one fake model (fault counts, stats) between several fetches. @default a new one */
  fake?: FakeLLM;
}

/**
 * A `fetch` that answers every request from the in-browser fake model, for places with no dev server (the
 * static Storybook build). `POST` streams the answer as a `Response` over a `ReadableStream`; `GET …/stats`
 * returns the request log. Pass it as the hook's `fetch` option; the URL's query string and the body's `fake`
 * field carry the knobs exactly as with the HTTP endpoint. The resumable routes work too, on an in-page store:
 * a `POST` with a conversation `id` (or `chatId`), `GET …/:id/stream` and `POST …/:id/stop`.
 *
 * @example
 * useChatStream({ api: '/api/chat?tokensPerSecond=40', fetch: createFakeFetch() });
 */
export function createFakeFetch({ fake = createFakeLLM() }: CreateFakeFetchOptions = {}): typeof fetch {
  return async (input, init) => {
    const request = new Request(toAbsolute(input), init);
    const url = new URL(request.url);
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) throw abortError(signal);
    if (request.method === 'GET' && url.pathname.endsWith('/stats')) {
      return Response.json(fake.stats(url.searchParams.get('key') ?? undefined));
    }
    const route = resumableRoute(url.pathname);
    if (route) {
      const method = route.action === 'stream' ? 'GET' : 'POST';
      if (request.method !== method) return Response.json({ error: { message: `${method} …/:id/${route.action}` } }, { status: 405, headers: { allow: method } });
      if (route.action === 'stop') return fake.resumable.stop(route.streamId);
      return connection(await fake.resumable.resume(route.streamId, request), signal);
    }
    let body: unknown;
    const text = await request.text();
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      return Response.json({ error: { message: 'The request body is not JSON' } }, { status: 400 });
    }
    const answer = fake.respond({ query: url.searchParams, body, lastEventId: request.headers.get('last-event-id') });
    const { record } = answer;

    const streamId = resumableId(body);
    if (streamId !== undefined && answer.source && answer.text === undefined) {
      await sleep(answer.ttfbMs, signal);
      // Aborting the fetch ends this connection only: the producer keeps filling the store.
      if (signal?.aborted) throw abortError(signal);
      return connection(await fake.resumable.start(streamId, answer, request), signal);
    }

    await sleep(answer.ttfbMs, signal);
    if (signal?.aborted) {
      endRecord(record, 'aborted');
      throw abortError(signal);
    }
    if (answer.text !== undefined || !answer.stream) {
      return new Response(answer.text ?? '', { status: answer.status, headers: answer.headers });
    }

    const controller = new AbortController();
    const iterator = answer.stream(controller.signal);
    let sink: ReadableStreamDefaultController<Uint8Array> | undefined;
    const onAbort = () => {
      endRecord(record, 'aborted');
      controller.abort();
      void iterator.return(undefined);
      try {
        // Like a real fetch: aborting errors a body that is still being read.
        sink?.error(abortError(signal!));
      } catch {
        /* the body had already ended */
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        sink = c;
      },
      async pull(c) {
        try {
          const next = await iterator.next();
          if (controller.signal.aborted) return;
          if (next.done) {
            signal?.removeEventListener('abort', onAbort);
            c.close();
          } else {
            c.enqueue(next.value);
          }
        } catch (error) {
          signal?.removeEventListener('abort', onAbort);
          // What a browser reports when the connection dies mid-body.
          c.error(error instanceof FakeDropError ? new TypeError('network error', { cause: error }) : error);
        }
      },
      cancel() {
        signal?.removeEventListener('abort', onAbort);
        endRecord(record, 'aborted');
        controller.abort();
        void iterator.return(undefined);
      },
    });
    return new Response(stream, { status: answer.status, headers: answer.headers });
  };
}

/**
 * The response as a browser's fetch would hand it over: aborting `signal` errors the body (and lets go of the
 * stored stream), and a planned drop (`FakeDropError`) reads as a network error.
 */
function connection(response: Response, signal: AbortSignal | undefined): Response {
  if (!response.body) return response;
  const reader = response.body.getReader();
  let sink: ReadableStreamDefaultController<Uint8Array> | undefined;
  const onAbort = () => {
    void reader.cancel().catch(() => {});
    try {
      sink?.error(abortError(signal!));
    } catch {
      /* the body had already ended */
    }
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      sink = c;
    },
    async pull(c) {
      try {
        const { done, value } = await reader.read();
        if (signal?.aborted) return;
        if (done) {
          signal?.removeEventListener('abort', onAbort);
          c.close();
        } else c.enqueue(value);
      } catch (error) {
        signal?.removeEventListener('abort', onAbort);
        c.error(error instanceof FakeDropError ? new TypeError('network error', { cause: error }) : error);
      }
    },
    cancel(reason) {
      signal?.removeEventListener('abort', onAbort);
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}

function toAbsolute(input: RequestInfo | URL): RequestInfo | URL {
  if (typeof input !== 'string') return input;
  // Request needs an absolute URL; outside a page (tests, workers without a location) any origin will do.
  const base = typeof location !== 'undefined' && location.href.startsWith('http') ? location.href : 'http://localhost/';
  return new URL(input, base).href;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}
