import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFakeLLM, endRecord, type FakeLLM } from './createFakeLLM.ts';
import { resumableId, resumableRoute } from './fakeResumable.ts';
import { FakeDropError, sleep } from './fakeSSE.ts';

/** A plain Node request handler; resolves when the response is over and never rejects mid-stream. */
export type FakeLLMHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const MAX_BODY_BYTES = 1_000_000;

/**
 * Node `(req, res)` handler of the fake model: `POST` streams an answer (knobs from the query string or the
 * JSON body's `fake` field), `GET …/stats?key=` returns the request log of a key as JSON. A `POST` whose body
 * has a string `id` (or `chatId`) in the `ai-sdk` or `text` protocol streams through the resumable store;
 * `GET …/:id/stream` reattaches to it (204 when there is none) and `POST …/:id/stop` stops its producer.
 *
 * @example
 * http.createServer(createFakeLLMHandler()).listen(0, '127.0.0.1');
 */
export function createFakeLLMHandler(fake: FakeLLM = createFakeLLM()): FakeLLMHandler {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname.endsWith('/stats')) {
      sendJSON(res, 200, fake.stats(url.searchParams.get('key') ?? undefined));
      return;
    }
    const route = resumableRoute(url.pathname);
    if (route) {
      const method = route.action === 'stream' ? 'GET' : 'POST';
      if (req.method !== method) {
        res.setHeader('allow', method);
        sendJSON(res, 405, { error: { message: `${method} …/:id/${route.action}` } });
        return;
      }
      const request = toRequest(req);
      await pipeResponse(res, route.action === 'stream' ? await fake.resumable.resume(route.streamId, request) : await fake.resumable.stop(route.streamId));
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      sendJSON(res, 405, { error: { message: 'POST a chat request; GET …/stats for the request log' } });
      return;
    }
    let body: unknown;
    try {
      body = await readJSON(req);
    } catch {
      sendJSON(res, 400, { error: { message: 'The request body is not JSON' } });
      return;
    }
    const header = req.headers['last-event-id'];
    const answer = fake.respond({ query: url.searchParams, body, lastEventId: Array.isArray(header) ? header[0] : header });
    const { record } = answer;

    const streamId = resumableId(body);
    if (streamId !== undefined && answer.source && answer.text === undefined) {
      // The producer outlives this connection, so a client hanging up only ends this response.
      const gone = new AbortController();
      res.on('close', () => gone.abort());
      await sleep(answer.ttfbMs, gone.signal);
      if (gone.signal.aborted) return;
      await pipeResponse(res, await fake.resumable.start(streamId, answer, toRequest(req)));
      return;
    }

    // A request's own 'close' fires once its body is read (Node >= 16), so the client hanging up is watched on
    // the response: 'close' before the end was written means the connection went away.
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) {
        endRecord(record, 'aborted');
        controller.abort();
      }
    });

    await sleep(answer.ttfbMs, controller.signal);
    if (controller.signal.aborted) return;
    if (answer.text !== undefined || !answer.stream) {
      res.writeHead(answer.status, answer.headers).end(answer.text ?? '');
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.flushHeaders();
    const splitting = answer.options.split !== 'none';
    try {
      for await (const chunk of answer.stream(controller.signal)) {
        if (controller.signal.aborted) break;
        if (!res.write(chunk)) await drained(res, controller.signal);
        // Give each piece its own turn of the event loop so split chunks leave as separate TCP writes.
        if (splitting) await new Promise((resolve) => setImmediate(resolve));
      }
      if (!controller.signal.aborted) res.end();
    } catch (error) {
      // Anything but a planned drop is a bug here; still end the response rather than leave the client hanging.
      if (!(error instanceof FakeDropError)) {
        res.destroy(error instanceof Error ? error : undefined);
        return;
      }
      // Close the socket without the terminating chunk: what was written still arrives (destroy() would discard
      // it), then the client sees the body end mid-stream, as on a real network failure.
      res.socket?.end();
    }
  };
}

/** The request as a web `Request`: the resumable routes read only its `Last-Event-ID`. */
function toRequest(req: IncomingMessage): Request {
  const header = req.headers['last-event-id'];
  const lastEventId = Array.isArray(header) ? header[0] : header;
  return new Request(new URL(req.url ?? '/', 'http://localhost'), { headers: lastEventId ? { 'last-event-id': lastEventId } : {} });
}

/**
 * Writes a web `Response` to `res`: cancels its body when the client goes away, and ends the socket without the
 * terminating chunk on a planned drop (`FakeDropError`), as on a real network failure.
 */
async function pipeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  res.flushHeaders();
  const reader = response.body.getReader();
  const gone = new AbortController();
  res.on('close', () => {
    gone.abort();
    void reader.cancel().catch(() => {});
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || gone.signal.aborted) break;
      if (!res.write(value)) await drained(res, gone.signal);
    }
    if (!gone.signal.aborted) res.end();
  } catch (error) {
    if (gone.signal.aborted) return;
    if (error instanceof FakeDropError) res.socket?.end();
    else res.destroy(error instanceof Error ? error : undefined);
  }
}

function drained(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.on('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}

async function readJSON(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text === '' ? undefined : JSON.parse(text);
}

/** Writes a JSON response. */
export function sendJSON(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(value));
}
