import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFakeChats, type FakeChats } from './fakeChats.ts';
import { sendJSON } from './createFakeLLMHandler.ts';

const MAX_BODY_BYTES = 2_000_000;

/**
 * Node `(req, res)` handler of the in-memory history routes under `base` (see fakeChats.ts for the routes and
 * knobs). The client hanging up during a `slowMs` wait gets no answer written.
 *
 * @example
 * http.createServer(createFakeChatsHandler()).listen(0, '127.0.0.1');
 */
export function createFakeChatsHandler(chats: FakeChats = createFakeChats(), base = '/api/chats') {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body: unknown;
    try {
      body = await readJSON(req);
    } catch {
      sendJSON(res, 400, { error: { message: 'The request body is not JSON' } });
      return;
    }
    const result = chats.respond({ method: req.method ?? 'GET', path: url.pathname.slice(base.length), query: url.searchParams, body });
    if (result.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, result.delayMs);
        res.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (res.destroyed || res.writableEnded) return;
    }
    if (result.status === 204) res.writeHead(204, { 'cache-control': 'no-store' }).end();
    else sendJSON(res, result.status, result.body);
  };
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
