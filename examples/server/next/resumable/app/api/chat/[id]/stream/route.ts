/**
 * Recipe: `app/api/chat/[id]/stream/route.ts`, where a client reattaches after a page reload (`resume()` /
 * `resumeOnMount` in the kit's hook): the reply so far, then the live tail; a finished reply replays from the
 * store; `204 No Content` when there is nothing to resume.
 */
import { streams } from '../../../../../streams';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return streams.resumeResponse(id, request);
}
