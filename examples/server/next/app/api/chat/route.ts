/**
 * Recipe: Next.js App Router route handler, `app/api/chat/route.ts`. `createEventStreamResponse` returns a
 * `Response` with the event-stream headers; `signal: request.signal` closes the source and fires the producer's
 * signal when the client leaves, so the model call stops. Works on the Node.js and Edge runtimes.
 * Client: `useChatStream({ api: '/api/chat' })` (the server writes the AI SDK UI message stream by default, and
 * the client's default `protocol: 'auto'` reads it).
 *
 * Tested in test/package/next-app.test.ts: built with `next build` in the Next.js fixture, against the packed package.
 */
import { createEventStreamResponse } from 'react-chat-stream/server';
import { answer, messagesOf } from '../../../model';

export async function POST(request: Request): Promise<Response> {
  const body: unknown = await request.json().catch(() => null);
  if (body === null) return Response.json({ error: { message: 'Expected a JSON body' } }, { status: 400 });
  const messages = messagesOf(body);
  return createEventStreamResponse((signal) => answer(messages, signal), { signal: request.signal });
}
