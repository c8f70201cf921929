/**
 * Recipe: resumable streams on Express and Redis, for several server processes behind a load balancer. The
 * producer writes into Redis Streams and keeps going when a client leaves; any process serves a reconnect with
 * `Last-Event-ID`, a reattach after a reload (`GET /api/chat/:id/stream`, 204 when there is nothing) and a stop
 * (`POST /api/chat/:id/stop`, which reaches the producer wherever it runs). In your app:
 *
 *   const redis = await createClient({ url: process.env.REDIS_URL }).connect(); // or an ioredis client
 *   createResumableChatApp({ redis, model: yourModel }).listen(3000);
 *
 * Client: `useChatStream({ api: '/api/chat', body: { id: conversationId } })`.
 * The test (test/recipes/express-resumable.test.ts) runs two of these apps on one real redis-server.
 */
import express, { type Express, type Response } from 'express';
import {
  createRedisStreamStore,
  createResumableStreams,
  sendEventStream,
  StreamStoreError,
  type RedisClientLike,
} from 'react-chat-stream/server';
import { echoModel, messagesOf, type RecipeModel } from './model.ts';

export interface ResumableChatAppOptions {
  /** A connected `redis` or `ioredis` client. */
  redis: RedisClientLike;
  /** @default echoModel */
  model?: RecipeModel;
}

/** A store failure as a readable JSON error: 409 while another reply under the id is still stopping, else 503. */
function storeError(res: Response, error: unknown): void {
  const conflict = error instanceof StreamStoreError && error.kind === 'conflict';
  res.status(conflict ? 409 : 503).json({ error: { message: error instanceof Error ? error.message : String(error) } });
}

export function createResumableChatApp({ redis, model = echoModel }: ResumableChatAppOptions): Express {
  const streams = createResumableStreams({ store: createRedisStreamStore({ client: redis }) });
  const app = express();
  app.use(express.json({ limit: '1mb' }));

  app.post('/api/chat', async (req, res) => {
    const id: unknown = req.body?.id ?? req.body?.chatId;
    if (typeof id !== 'string' || id === '' || id.length > 200) {
      res.status(400).json({ error: { message: 'Expected the conversation id (at most 200 characters) in `id`' } });
      return;
    }
    const messages = messagesOf(req.body);
    try {
      // The kit's client reconnecting after a drop sends Last-Event-ID: the same reply, from there.
      const lastEventId = req.get('last-event-id');
      const resumed = lastEventId ? await streams.resume(id, lastEventId) : undefined;
      const stream = resumed ?? (await streams.start(id, (signal) => model(messages, signal)));
      await sendEventStream(res, stream);
    } catch (error) {
      storeError(res, error);
    }
  });

  app.get('/api/chat/:id/stream', async (req, res) => {
    try {
      const stream = await streams.resume(req.params.id, req.get('last-event-id') ?? '');
      if (stream) await sendEventStream(res, stream);
      else res.status(204).end();
    } catch (error) {
      storeError(res, error);
    }
  });

  app.post('/api/chat/:id/stop', async (req, res) => {
    try {
      await streams.stop(req.params.id);
      res.status(204).end();
    } catch (error) {
      storeError(res, error);
    }
  });
  return app;
}
