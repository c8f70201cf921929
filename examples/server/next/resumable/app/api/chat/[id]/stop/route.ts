/** Recipe: `app/api/chat/[id]/stop/route.ts`: the Stop button of any client stops the producer, wherever it runs. */
import { streams } from '../../../../../streams';

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  await streams.stop(id);
  return new Response(null, { status: 204 });
}
