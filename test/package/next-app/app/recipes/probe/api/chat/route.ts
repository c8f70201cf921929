// Not a recipe: a probe that tells the test whether `signal: request.signal` (as in the recipes) stops a producer in
// a built Next.js app when the client disconnects. POST streams until stopped; GET reports the producer's state.
import { createEventStreamResponse } from 'react-chat-stream/server';

interface Probe {
  tokens: number;
  aborted: boolean;
  closed: boolean;
}
const state = globalThis as typeof globalThis & { probe?: Probe };

export async function POST(request: Request): Promise<Response> {
  const probe: Probe = { tokens: 0, aborted: false, closed: false };
  state.probe = probe;
  return createEventStreamResponse(
    (signal) => {
      signal.addEventListener('abort', () => (probe.aborted = true), { once: true });
      return (async function* () {
        try {
          for (;;) {
            await new Promise((resolve) => setTimeout(resolve, 5));
            probe.tokens++;
            yield 'tok ';
          }
        } finally {
          probe.closed = true;
        }
      })();
    },
    { signal: request.signal },
  );
}

export function GET(): Response {
  return Response.json(state.probe ?? null);
}
