import type { Plugin } from 'vite';
import { fakeTokens } from '../../../dev/fake-llm/index.ts';
import { createMemoryStreamStore, createResumableStreams, sendEventStream } from '../../../src/server/index.ts';

/** Milliseconds between tokens: slow enough that a reload lands mid-answer. */
const TOKEN_GAP_MS = 25;

/**
 * A Vite plugin serving a resumable chat backend built from the kit's own server entry (the routes the client's
 * defaults expect): `POST /api/resumable` with the conversation `id` in the body produces the fake answer into a
 * memory stream store (it keeps going when the page goes away), `GET /api/resumable/:id/stream` reattaches (204
 * when none), `POST /api/resumable/:id/stop` stops the producer. Used only by the e2e harness server.
 */
export function resumableModel(): Plugin {
  const streams = createResumableStreams({ store: createMemoryStreamStore(), heartbeatMs: 0 });
  async function* answer(signal: AbortSignal) {
    for (const token of fakeTokens()) {
      await new Promise((r) => setTimeout(r, TOKEN_GAP_MS));
      if (signal.aborted) return;
      yield token;
    }
  }
  return {
    name: 'react-chat-stream:e2e-resumable-model',
    configureServer(server) {
      server.middlewares.use('/api/resumable', (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', async () => {
          const path = (req.url ?? '/').split('?')[0]!;
          const match = /^\/([^/]+)\/(stream|stop)$/.exec(path);
          if (req.method === 'POST' && path === '/') {
            const id = (JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { id?: unknown }).id;
            if (typeof id !== 'string') return res.writeHead(400).end('the body has no conversation id');
            return sendEventStream(res, await streams.start(id, answer));
          }
          if (req.method === 'GET' && match?.[2] === 'stream') {
            const lastEventId = (req.headers['last-event-id'] as string | undefined) ?? '';
            const stream = await streams.resume(decodeURIComponent(match[1]!), lastEventId);
            return stream ? sendEventStream(res, stream) : res.writeHead(204).end();
          }
          if (req.method === 'POST' && match?.[2] === 'stop') {
            await streams.stop(decodeURIComponent(match[1]!));
            return res.writeHead(204).end();
          }
          res.writeHead(404).end();
        });
      });
    },
  };
}
