/**
 * Recipe: plain `node:http`, no framework. `pipeEventStream(res, source)` does the SSE work (headers, `retry:`,
 * ids, heartbeats, backpressure) and stops the producer when the client disconnects. In your app:
 *
 *   createChatServer(yourModel).listen(3000);
 *
 * The test (test/recipes/node-http.test.ts) runs this file as it is.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { pipeEventStream } from 'react-chat-stream/server';
import { echoModel, messagesOf, type RecipeModel } from './model.ts';

/** Largest request body read (a chat history), so a client cannot make the server buffer without end. */
export const MAX_BODY_BYTES = 1_000_000;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

export function createChatServer(model: RecipeModel = echoModel): Server {
  return createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/chat') {
      res.writeHead(404).end();
      return;
    }
    const body = await readJson(req);
    if (body === undefined) {
      res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { message: 'Expected a JSON body of at most 1 MB' } }));
      return;
    }
    await pipeEventStream(res, (signal) => model(messagesOf(body), signal));
  });
}
