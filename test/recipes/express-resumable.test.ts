// @vitest-environment node
// The Express + Redis resumable recipe (examples/server/express-resumable.ts): two app instances (two server processes
// behind a load balancer) on one real redis-server, read by the kit's client.
import { createServer, type Server } from 'node:http';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProtocol } from '../../src/core/protocols/index.ts';
import { readResponse } from '../../src/core/response.ts';
import { createResumableChatApp } from '../../examples/server/express-resumable.ts';
import { startRedis, type RedisServer } from '../server/redis-server.ts';
import { chatAt, close, endlessModel, listen, stopLatency } from './support.ts';

let redis: RedisServer;
const clients: { close(): unknown }[] = [];
const servers: Server[] = [];
let a = '';
let b = '';
let endlessOrigin = '';
const endless = endlessModel();

beforeAll(async () => {
  redis = await startRedis();
  const origin = async (model?: Parameters<typeof createResumableChatApp>[0]['model']) => {
    const client = await createClient({ url: redis.url }).connect();
    clients.push({ close: () => client.destroy() });
    const server = createServer(createResumableChatApp({ redis: client, model }));
    servers.push(server);
    return listen(server);
  };
  // Process A runs the default stand-in model; a third app runs one that never ends, to time a stop.
  a = await origin();
  b = await origin();
  endlessOrigin = await origin(endless.model);
}, 20_000);

afterAll(async () => {
  for (const server of servers) await close(server);
  for (const client of clients) client.close();
  await redis?.stop();
});

async function deltasOf(response: Response): Promise<string[]> {
  const deltas: string[] = [];
  await readResponse(response, createProtocol('auto'), { onChunk: (c) => c.type === 'text-delta' && deltas.push(c.delta) });
  return deltas;
}

const start = (origin: string, id: string, content: string) =>
  fetch(`${origin}/api/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id, messages: [{ role: 'user', content }] }),
  });

describe('the Express + Redis resumable recipe', () => {
  it('streams a reply to the kit\'s client keyed by the body\'s id', async () => {
    const store = chatAt(`${a}/api/chat`, { body: { id: 'conv-send' } });
    await store.send('one two three');
    expect(store.getSnapshot().messages.at(-1)).toMatchObject({ content: 'You said: one two three', status: 'done' });
  });

  it('lets another process reattach after a reload mid-answer and see the whole reply, once', async () => {
    const question = 'a b c d e f g h i j k l m n o p';
    const reader = (await start(a, 'conv-reload', question)).body!.getReader();
    let seen = '';
    while (!seen.includes('"said: "')) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel(); // the page reloads; the load balancer sends the new page to process B
    const resumed = await fetch(`${b}/api/chat/conv-reload/stream`);
    expect(resumed.status).toBe(200);
    expect((await deltasOf(resumed)).join('')).toBe(`You said: ${question}`);
    expect((await fetch(`${b}/api/chat/nobody/stream`)).status).toBe(204);
  });

  it('stops the producer in one process from a stop sent to another', async () => {
    const reader = (await start(endlessOrigin, 'conv-stop', 'go')).body!.getReader();
    let seen = '';
    while (!seen.includes('"text-delta"')) seen += new TextDecoder().decode((await reader.read()).value);
    const stoppedAt = performance.now();
    expect((await fetch(`${b}/api/chat/conv-stop/stop`, { method: 'POST' })).status).toBe(204);
    const { closedMs } = await stopLatency(endless.state, stoppedAt);
    process.stdout.write(`express+redis: producer closed ${closedMs.toFixed(0)} ms after a stop sent to another process\n`);
    // The store's stop poll is 100 ms by default; the bound is looser for a loaded machine.
    expect(closedMs).toBeLessThan(1500);
    await reader.cancel();
  });

  it('answers a body without a conversation id with 400 and a readable message', async () => {
    const store = chatAt(`${a}/api/chat`);
    await store.send('x');
    expect(store.getSnapshot()).toMatchObject({
      status: 'error',
      error: { kind: 'http', status: 400, serverMessage: 'Expected the conversation id (at most 200 characters) in `id`' },
    });
  });
});
