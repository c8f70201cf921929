/**
 * Recipe: Hono (any runtime Hono runs on: Node through `@hono/node-server`, Bun, Deno, Cloudflare Workers). A
 * handler returns `createEventStreamResponse(source, { signal: c.req.raw.signal })`; the request's signal aborts
 * when the client leaves, which closes the source and fires the producer's signal. In your app:
 *
 *   import { serve } from '@hono/node-server';
 *   serve({ fetch: createChatApp(yourModel).fetch, port: 3000 });
 *
 * The test (test/recipes/hono.test.ts) runs this file as it is.
 */
import { Hono } from 'hono';
import { createEventStreamResponse } from 'react-chat-stream/server';
import { echoModel, messagesOf, type RecipeModel } from './model.ts';

export function createChatApp(model: RecipeModel = echoModel): Hono {
  const app = new Hono();
  app.post('/api/chat', async (c) => {
    const messages = messagesOf(await c.req.json().catch(() => null));
    return createEventStreamResponse((signal) => model(messages, signal), { signal: c.req.raw.signal });
  });
  return app;
}
