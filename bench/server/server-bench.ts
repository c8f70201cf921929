/**
 * Server side of `npm run bench` (issue 14): the encoder's throughput against the AI SDK's own encoder and a naive
 * `data: ${token}\n\n` floor, a Redis-backed resume against a raw XRANGE of the same key, and the heap of 1,000
 * concurrent streams in the in-memory store. Bundled by bench/server/run.mjs and run with `node --expose-gc`.
 * Prints one JSON object on stdout.
 */
import { createUIMessageStream, JsonToSseTransformStream } from 'ai';
import { createClient } from 'redis';
import { createMemoryStreamStore, createRedisStreamStore, createResumableStreams, toEventStream, type RedisClientLike } from '../../src/server/index.ts';
import { startRedis } from '../../test/server/redis-server.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('chunks', 20_000);
const RUNS = arg('runs', 7);
const STREAMS = arg('streams', 1000);
const EVENTS_PER_STREAM = arg('events', 50);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// Tokens as a model emits them: ~5 characters, some with the characters a naive framing breaks on.
const TOKENS = ['The ', 'quick', ' brown', ' fox\n', 'jumps', ' 你好', ' 👋', ' "q"', ' a\\b', ' over'];
async function* tokens(n: number): AsyncGenerator<string> {
  for (let i = 0; i < n; i++) yield TOKENS[i % TOKENS.length]!;
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<{ bytes: number; events: number }> {
  const reader = stream.getReader();
  let bytes = 0;
  let last: Uint8Array | undefined;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    last = value;
  }
  void last;
  return { bytes, events: 0 };
}

interface Throughput { name: string; chunks: number; bytes: number; ms: number; chunksPerS: number; bytesPerS: number; runsMs: number[] }

async function throughput(name: string, make: () => ReadableStream<Uint8Array>, chunks: number): Promise<Throughput> {
  await drain(make()); // warm-up
  const runsMs: number[] = [];
  let bytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    bytes = (await drain(make())).bytes;
    runsMs.push(performance.now() - t0);
  }
  const ms = median(runsMs);
  return { name, chunks, bytes, ms, chunksPerS: chunks / (ms / 1000), bytesPerS: bytes / (ms / 1000), runsMs };
}

const utf8 = new TextEncoder();
function aiSdkEncoder(): ReadableStream<Uint8Array> {
  const stream = createUIMessageStream({
    async execute({ writer }) {
      writer.write({ type: 'text-start', id: 't' });
      for await (const delta of tokens(N)) writer.write({ type: 'text-delta', id: 't', delta });
      writer.write({ type: 'text-end', id: 't' });
    },
  });
  return stream.pipeThrough(new JsonToSseTransformStream()).pipeThrough(new TextEncoderStream());
}
/** The tutorial's framing: wrong for tokens with LF/CR (it is the floor, not a peer that round-trips). */
function naiveEncoder(): ReadableStream<Uint8Array> {
  const it = tokens(N);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await it.next();
      if (done) return controller.close();
      controller.enqueue(utf8.encode(`data: ${value}\n\n`));
    },
  });
}

async function encoderBench() {
  return [
    await throughput('react-chat-stream toEventStream (ai-sdk)', () => toEventStream(tokens(N), { heartbeatMs: 0 }), N),
    await throughput('ai createUIMessageStream + JsonToSseTransformStream', aiSdkEncoder, N),
    await throughput('react-chat-stream toEventStream (text)', () => toEventStream(tokens(N), { protocol: 'text', heartbeatMs: 0 }), N),
    await throughput('naive `data: ${token}\\n\\n` (floor, not multi-line safe)', naiveEncoder, N),
  ];
}

async function redisBench() {
  const redis = await startRedis();
  const client = createClient({ url: redis.url });
  client.on('error', () => {});
  try {
    await client.connect();
    const store = createRedisStreamStore({ client: client as unknown as RedisClientLike, keyPrefix: 'bench:', maxEvents: N + 100 });
    const streams = createResumableStreams({ store, heartbeatMs: 0 });
    const first = await streams.start('conv', tokens(N));
    const t0 = performance.now();
    await drain(first);
    await streams.settled();
    const produceMs = performance.now() - t0;
    const keys = await client.keys('bench:*');
    const streamKey = (await Promise.all(keys.map(async (k) => [k, await client.type(k)] as const))).find(([, t]) => t === 'stream')?.[0];
    const events = streamKey ? await client.xLen(streamKey) : Number.NaN;
    const resume = await throughput('react-chat-stream resume() of a finished stream (Redis)', () => {
      let body: ReadableStream<Uint8Array> | undefined;
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          body ??= await streams.resume('conv', '');
          if (!body) throw new Error('no stream to resume');
          const reader = body.getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            controller.enqueue(value);
          }
          controller.close();
        },
      });
    }, events);
    // The floor: the same key read with raw XRANGE pages of 256 (the store's XREAD page) through the same client,
    // no framing, nothing enqueued: Redis, the socket and RESP parsing alone.
    const floor = await throughput('raw XRANGE of the same key, COUNT 256, no framing (floor)', () => {
      let from = '-';
      let bytes = 0;
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          for (;;) {
            const page = (await client.sendCommand(['XRANGE', streamKey!, from, '+', 'COUNT', '256'])) as [string, string[]][];
            if (page.length === 0) break;
            for (const [, fields] of page) for (const v of fields) bytes += v.length;
            from = `(${page[page.length - 1]![0]}`;
          }
          controller.enqueue(new Uint8Array(bytes)); // one chunk of the size read, so drain() counts it
          controller.close();
        },
      });
    }, events);
    return { produce: { chunks: N, events, ms: produceMs, eventsPerS: events / (produceMs / 1000) }, rows: [resume, floor] };
  } finally {
    await client.destroy();
    await redis.stop();
  }
}

async function heap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  return process.memoryUsage().heapUsed;
}

async function memoryBench() {
  // The store alone: the same events appended straight into it, no producer and no client.
  const bare = createMemoryStreamStore({ maxStreams: STREAMS });
  const encoded = await (async () => {
    const chunks: string[] = [];
    const reader = toEventStream(tokens(EVENTS_PER_STREAM), { heartbeatMs: 0 }).pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    return chunks.join('').split('\n\n').filter(Boolean).length;
  })();
  const bareBefore = await heap();
  for (let s = 0; s < STREAMS; s++) {
    await bare.create(`c${s}`);
    for (let i = 0; i < EVENTS_PER_STREAM; i++) await bare.append(`c${s}`, { data: JSON.stringify({ type: 'text-delta', id: 't', delta: TOKENS[i % TOKENS.length] }) });
  }
  const bareDuring = await heap();
  void bare.state('c0');
  const store = createMemoryStreamStore({ maxStreams: STREAMS });
  const streams = createResumableStreams({ store, heartbeatMs: 0 });
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let produced = 0;
  const readers: Promise<unknown>[] = [];
  const before = await heap();
  for (let s = 0; s < STREAMS; s++) {
    const body = await streams.start(`c${s}`, (async function* () {
      for (let i = 0; i < EVENTS_PER_STREAM; i++) {
        produced++;
        yield TOKENS[i % TOKENS.length]!;
      }
      await gate; // every stream stays active (mid-answer) while the heap is measured
      yield ' done';
    })());
    readers.push(drain(body)); // the first client reads along, as a browser would
  }
  while (produced < STREAMS * EVENTS_PER_STREAM) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 50));
  const during = await heap();
  release();
  await Promise.all(readers);
  await streams.settled();
  return {
    streams: STREAMS,
    eventsPerStream: EVENTS_PER_STREAM,
    encodedEventsPerStream: encoded,
    heapDeltaBytes: during - before,
    bytesPerStream: (during - before) / STREAMS,
    storeOnlyHeapDeltaBytes: bareDuring - bareBefore,
    storeOnlyBytesPerStream: (bareDuring - bareBefore) / STREAMS,
  };
}

const out = {
  node: process.version,
  versions: { ai: (await import('ai/package.json', { with: { type: 'json' } })).default.version },
  encoder: await encoderBench(),
  redis: await redisBench(),
  memory: await memoryBench(),
};
console.log(JSON.stringify(out));
