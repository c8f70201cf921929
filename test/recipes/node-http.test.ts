// @vitest-environment node
// The plain node:http recipe (examples/server/node-http.ts) run as it is, on loopback, read by the kit's client.
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatServer } from '../../examples/server/node-http.ts';
import type { RecipeModel } from '../../examples/server/model.ts';
import { chatAt, close, disconnectAfterFirstDelta, endlessModel, listen, stopLatency } from './support.ts';

let server: Server | undefined;
afterEach(() => close(server));

async function start(model?: RecipeModel): Promise<string> {
  server = createChatServer(model);
  return `${await listen(server)}/api/chat`;
}

describe('the node:http recipe', () => {
  it('streams the reply to the kit with event ids and retry', async () => {
    const api = await start();
    const response = await fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"messages":[{"role":"user","content":"hi"}]}' });
    const text = await response.text();
    expect(text.startsWith('retry: 3000\n\n')).toBe(true);
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThan(3);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const store = chatAt(api);
    await store.send(' leading space\nand [DONE]');
    expect(store.getSnapshot().messages.at(-1)).toMatchObject({ content: 'You said:  leading space\nand [DONE]', status: 'done' });
  });

  it('answers 400 with a readable message to a body that is not JSON, and 404 elsewhere', async () => {
    const api = await start();
    const store = chatAt(api, { prepareRequest: () => ({ body: '{' }) });
    await store.send('x');
    expect(store.getSnapshot()).toMatchObject({ status: 'error', error: { kind: 'http', status: 400, serverMessage: 'Expected a JSON body of at most 1 MB' } });
    expect((await fetch(api.replace('/api/chat', '/elsewhere'))).status).toBe(404);
  });

  it('stops the model as soon as the client disconnects', async () => {
    const { model, state } = endlessModel();
    const droppedAt = await disconnectAfterFirstDelta(await start(model));
    const { closedMs, abortedMs } = await stopLatency(state, droppedAt);
    process.stdout.write(`node:http: producer signal ${abortedMs.toFixed(1)} ms, generator closed ${closedMs.toFixed(1)} ms after the disconnect\n`);
    expect(abortedMs).toBeLessThan(1000);
    expect(closedMs).toBeLessThan(1000);
  });
});
