// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryStreamStore, createResumableStreams, StreamStoreError } from '../../src/server/index.ts';
import { resumableContract } from './resumable.contract.ts';
import { readAll } from './support.ts';

describe('resumable streams on the memory store', () => {
  // "Processes" share one memory store here: it stands for one server process's memory.
  const shared = createMemoryStreamStore();
  resumableContract(() => shared, 60);
});

describe('createMemoryStreamStore', () => {
  it('drops finished streams after their TTL', async () => {
    let t = 0;
    const store = createMemoryStreamStore({ ttlMs: 1000, now: () => t });
    await store.create('a');
    await store.append('a', { data: 'x' });
    await store.finish('a');
    t = 999;
    expect(await store.state('a')).toBe('done');
    t = 1000;
    expect(await store.state('a')).toBeUndefined();
  });

  it('holds at most maxStreams, making room by dropping the oldest finished one', async () => {
    const store = createMemoryStreamStore({ maxStreams: 2 });
    await store.create('a');
    await store.finish('a');
    await store.create('b');
    await store.create('c');
    expect(await store.state('a')).toBeUndefined();
    const full = await store.create('d').catch((e) => e);
    expect(full).toBeInstanceOf(StreamStoreError);
    expect((full as StreamStoreError).kind).toBe('unavailable');
  });

  it('refuses a second active stream under the same id', async () => {
    const store = createMemoryStreamStore();
    await store.create('a');
    expect(((await store.create('a').catch((e) => e)) as StreamStoreError).kind).toBe('conflict');
  });

  it('keeps at most maxEvents per stream and fails a resume from before them as trimmed', async () => {
    const store = createMemoryStreamStore({ maxEvents: 20 });
    const streams = createResumableStreams({ store, heartbeatMs: 0 });
    await readAll(await streams.start('long', Array.from({ length: 100 }, (_, i) => `${i}`)));
    await streams.settled();
    const text = new TextDecoder().decode(await readAll((await streams.resume('long', '3'))!));
    expect(text).toContain('no longer held');
  });

  it('a new message under the same conversation stops the reply still streaming and replaces it', async () => {
    const store = createMemoryStreamStore();
    const streams = createResumableStreams({ store, heartbeatMs: 0 });
    let firstAborted = false;
    await streams.start('conv', (signal) => {
      signal.addEventListener('abort', () => (firstAborted = true));
      return (async function* () {
        yield 'old';
        await new Promise((r) => setTimeout(r, 10_000));
      })();
    }).then(async (first) => {
      // Wait for the first reply to be under way (its producer started).
      const reader = first.getReader();
      let seen = '';
      while (!seen.includes('old')) seen += new TextDecoder().decode((await reader.read()).value);
      void reader.cancel();
    });
    const second = await streams.start('conv', ['new']);
    expect(firstAborted).toBe(true);
    expect(new TextDecoder().decode(await readAll(second))).toContain('"delta":"new"');
    await streams.settled();
  });
});
