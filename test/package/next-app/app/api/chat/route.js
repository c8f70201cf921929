// A route handler streaming `data: token` events with a pause between tokens, as a model would.
export const dynamic = 'force-dynamic';

const TOKEN_GAP_MS = 120;

export async function POST(request) {
  const { messages } = await request.json();
  const question = messages.at(-1)?.content ?? '';
  const tokens = ['Streamed ', 'from ', 'the ', 'Next.js ', 'route ', 'handler: ', `you said "${question}".`];
  const encoder = new TextEncoder();
  const body = new ReadableStream({
    async start(controller) {
      for (const token of tokens) {
        controller.enqueue(encoder.encode(`data: ${token}\n\n`));
        await new Promise((resolve) => setTimeout(resolve, TOKEN_GAP_MS));
      }
      controller.enqueue(encoder.encode('data: [DONE]\n\n'));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' } });
}
