// @vitest-environment node
// The Hono recipe (examples/server/hono.ts) run as it is under @hono/node-server, on loopback, read by the kit's client.
import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createProtocol } from '../../src/core/protocols/index.ts';
import { readResponse } from '../../src/core/response.ts';
import { createChatApp } from '../../examples/server/hono.ts';
import type { RecipeModel } from '../../examples/server/model.ts';
import { chatAt, close, disconnectAfterFirstDelta, endlessModel, stopLatency } from './support.ts';

let server: ServerType | undefined;
afterEach(() => close(server as Server | undefined));

async function start(model?: RecipeModel): Promise<string> {
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: createChatApp(model).fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
  return `http://127.0.0.1:${port}/api/chat`;
}

describe('the Hono recipe', () => {
  it('answers with the event-stream headers and streams the reply to the kit', async () => {
    const api = await start();
    const response = await fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"messages":[]}' });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    await response.body?.cancel();

    const store = chatAt(api);
    const question = 'a\rb\n\nc [DONE]  lead';
    await store.send(question);
    expect(store.getSnapshot().messages.at(-1)).toMatchObject({ content: `You said: ${question}`, status: 'done' });
  });

  it('answers a plain Fetch-API Request with no Node server in between (edge runtimes, Bun, Deno)', async () => {
    const response = await createChatApp().fetch(
      new Request('http://edge.example/api/chat', { method: 'POST', body: JSON.stringify({ messages: [{ role: 'user', content: 'edge' }] }) }),
    );
    const deltas: string[] = [];
    await readResponse(response, createProtocol('auto'), { onChunk: (c) => c.type === 'text-delta' && deltas.push(c.delta) });
    expect(deltas.join('')).toBe('You said: edge');
  });

  it('answers a body that is not JSON with an empty history instead of failing', async () => {
    const store = chatAt(await start(), { prepareRequest: () => ({ body: 'not json' }) });
    await store.send('ignored');
    expect(store.getSnapshot().messages.at(-1)).toMatchObject({ content: 'You said: ', status: 'done' });
  });

  it('stops the model when the client disconnects (the request signal aborts)', async () => {
    const { model, state } = endlessModel();
    const droppedAt = await disconnectAfterFirstDelta(await start(model));
    const { closedMs, abortedMs } = await stopLatency(state, droppedAt);
    process.stdout.write(`hono: producer signal ${abortedMs.toFixed(1)} ms, generator closed ${closedMs.toFixed(1)} ms after the disconnect\n`);
    expect(abortedMs).toBeLessThan(1000);
    expect(closedMs).toBeLessThan(1000);
    const tokens = state.tokens;
    await new Promise((r) => setTimeout(r, 50));
    expect(state.tokens).toBe(tokens);
  });
});
