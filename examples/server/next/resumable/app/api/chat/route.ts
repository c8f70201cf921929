/**
 * Recipe: a resumable Next.js route handler, `app/api/chat/route.ts`. The body's `id` (the conversation id) keys
 * the stream: a POST starts the reply under it, or, when the kit's client reconnects after a drop with
 * `Last-Event-ID`, resumes it from there. The producer keeps running when a client leaves (a reload can come back);
 * `POST /api/chat/[id]/stop` stops it. Client: `useChatStream({ api: '/api/chat', body: { id: conversationId } })`.
 *
 * Tested in test/package/next-app.test.ts: built with `next build` in the Next.js fixture, against the packed package.
 */
import { answer, messagesOf } from '../../../../model';
import { streams } from '../../../streams';

export async function POST(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => null)) as { id?: unknown; chatId?: unknown } | null;
  const id = body?.id ?? body?.chatId;
  if (typeof id !== 'string' || id === '') {
    return Response.json({ error: { message: 'Expected a JSON body with the conversation id in `id`' } }, { status: 400 });
  }
  const messages = messagesOf(body);
  return streams.response(id, request, (signal) => answer(messages, signal));
}
