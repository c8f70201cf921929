// @vitest-environment node
// The Express recipe (examples/server/express.ts) run as it is, on loopback, read by the kit's client.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatApp } from '../../examples/server/express.ts';
import type { RecipeModel } from '../../examples/server/model.ts';
import { chatAt, close, disconnectAfterFirstDelta, endlessModel, listen, stopLatency } from './support.ts';

let server: Server | undefined;
afterEach(() => close(server));

async function serve(model?: RecipeModel): Promise<string> {
  // What `app.listen()` does, on a free loopback port.
  server = createServer(createChatApp(model));
  return listen(server);
}

describe('the Express recipe', () => {
  it('streams the reply to the kit token by token, awkward characters intact', async () => {
    const api = `${await serve()}/api/chat`;
    const response = await fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"messages":[]}' });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    await response.body?.cancel();

    const store = chatAt(api);
    const question = 'line1\nline2 a\r\nb c\rd [DONE]  data: x';
    const seen: string[] = [];
    store.subscribe(() => seen.push(store.getSnapshot().messages.at(-1)?.content ?? ''));
    await store.send(question);
    expect(store.getSnapshot().messages.at(-1)).toMatchObject({ role: 'assistant', content: `You said: ${question}`, status: 'done' });
    // More than one partial state: streamed, not delivered at the end.
    expect(new Set(seen.filter((t) => t.startsWith('You') && t !== `You said: ${question}`)).size).toBeGreaterThan(1);
  });

  it('stops the model as soon as the client disconnects', async () => {
    const { model, state } = endlessModel();
    const droppedAt = await disconnectAfterFirstDelta(`${await serve(model)}/api/chat`);
    const { closedMs, abortedMs } = await stopLatency(state, droppedAt);
    process.stdout.write(`express: producer signal ${abortedMs.toFixed(1)} ms, generator closed ${closedMs.toFixed(1)} ms after the disconnect\n`);
    // The figure is 100 ms (printed above); the bound is looser so a loaded CI machine cannot fail it.
    expect(abortedMs).toBeLessThan(1000);
    expect(closedMs).toBeLessThan(1000);
    const tokens = state.tokens;
    await new Promise((r) => setTimeout(r, 50));
    expect(state.tokens).toBe(tokens);
  });
});
