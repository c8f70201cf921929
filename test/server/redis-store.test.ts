// @vitest-environment node
import { createClient } from 'redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProtocol } from '../../src/core/protocols/index.ts';
import { readResponse } from '../../src/core/response.ts';
import { isChatStreamError } from '../../src/core/errors.ts';
import { createRedisStreamStore, createResumableStreams, type RedisClientLike, type StreamStore } from '../../src/server/index.ts';
import { resumableContract } from './resumable.contract.ts';
import { startRedis, type RedisServer } from './redis-server.ts';
import { readAll, sleep } from './support.ts';

let redis: RedisServer;
const clients: { close(): unknown }[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 20_000);
afterAll(async () => {
  for (const c of clients) await Promise.resolve(c.close()).catch(() => {});
  await redis?.stop();
});

type Flavour = 'redis' | 'ioredis';
async function connect(flavour: Flavour): Promise<RedisClientLike> {
  if (flavour === 'redis') {
    const client = createClient({ url: redis.url });
    client.on('error', () => {});
    await client.connect();
    clients.push({ close: () => client.destroy() });
    return client as unknown as RedisClientLike;
  }
  const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  clients.push({ close: () => client.disconnect() });
  return client as unknown as RedisClientLike;
}

for (const flavour of ['redis', 'ioredis'] as const) {
  describe(`resumable streams on Redis through ${flavour}`, () => {
    // One store (and one client) per simulated server process, all on the same Redis.
    const stores: StreamStore[] = [];
    beforeAll(async () => {
      for (let i = 0; i < 2; i++) {
        stores.push(createRedisStreamStore({ client: await connect(flavour), keyPrefix: `${flavour}:`, blockMs: 1000 }));
      }
    });
    resumableContract((process) => stores[process]!, 15);

    it('produces on one process and serves the live resume on the other', async () => {
      const a = createResumableStreams({ store: stores[0]!, heartbeatMs: 0 });
      const b = createResumableStreams({ store: stores[1]!, heartbeatMs: 0 });
      const tokens = Array.from({ length: 10 }, (_, i) => `p${i} `);
      const first = await a.start('conv-two', (async function* () {
        for (const t of tokens) {
          await sleep(10);
          yield t;
        }
      })());
      void first.cancel();
      const onB = await b.resume('conv-two');
      const deltas: string[] = [];
      const response = new Response(onB!, { headers: { 'content-type': 'text/event-stream' } });
      await readResponse(response, createProtocol('ai-sdk'), { onChunk: (c) => { if (c.type === "text-delta") deltas.push(c.delta); } });
      expect(deltas).toEqual(tokens);
      await a.settled();
    });

    it('sets a TTL on finished streams and trims with MAXLEN', async () => {
      const client = await connect(flavour);
      const store = createRedisStreamStore({ client, keyPrefix: `${flavour}-ttl:`, ttlSeconds: 60, maxEvents: 50 });
      const streams = createResumableStreams({ store, heartbeatMs: 0 });
      await readAll(await streams.start('t', Array.from({ length: 500 }, (_, i) => `${i}`)));
      await streams.settled();
      const call = (args: string[]) =>
        flavour === 'redis' ? (client as any).sendCommand(args) : (client as any).call(args[0], ...args.slice(1));
      const ttl = Number(await call(['TTL', `${flavour}-ttl:t:events`]));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
      expect(Number(await call(['XLEN', `${flavour}-ttl:t:events`]))).toBeLessThan(200);
    });
  });
}

describe('Redis failures', () => {
  it('ends a resume with a clear error, not a hang, when Redis restarts mid-stream', async () => {
    const client = await connect('redis');
    const store = createRedisStreamStore({ client, keyPrefix: 'restart:', blockMs: 500, commandTimeoutMs: 1000 });
    const streams = createResumableStreams({ store, heartbeatMs: 0 });
    const stream = await streams.start('conv-restart', (async function* () {
      for (let i = 0; i < 1000; i++) {
        await sleep(10);
        yield `r${i} `;
      }
    })());
    const deltas: string[] = [];
    const started = performance.now();
    const reading = readResponse(new Response(stream, { headers: { 'content-type': 'text/event-stream' } }), createProtocol('ai-sdk'), {
      onChunk: (c) => { if (c.type === "text-delta") deltas.push(c.delta); },
    }).then(() => undefined, (error: unknown) => error);
    while (deltas.length < 5) await sleep(10);
    await redis.restart();
    const error = await reading;
    expect(performance.now() - started).toBeLessThan(8000);
    expect(isChatStreamError(error) && error.kind).toBe('server');
    expect((error as Error).message).toMatch(/^The stream could not be read: Redis/);
    await streams.settled();
  }, 20_000);
});
