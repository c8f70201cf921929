/**
 * Recipe: Express. `pipeEventStream(res, source)` writes the headers, `retry:`, the events and heartbeats, with
 * backpressure; when the client disconnects it closes the source and fires the producer's signal, so the model
 * call stops. In your app:
 *
 *   const app = createChatApp((messages, signal) => yourModel(messages, signal));
 *   app.listen(3000);
 *
 * The test (test/recipes/express.test.ts) runs this file as it is.
 */
import express, { type Express } from 'express';
import { pipeEventStream } from 'react-chat-stream/server';
import { echoModel, messagesOf, type RecipeModel } from './model.ts';

export function createChatApp(model: RecipeModel = echoModel): Express {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/api/chat', async (req, res) => {
    const messages = messagesOf(req.body);
    // Never rejects: a throwing model ends the stream with the format's error event.
    await pipeEventStream(res, (signal) => model(messages, signal));
  });
  return app;
}
