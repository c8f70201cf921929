/**
 * A stream store on Redis Streams, shared by every server process: `XADD … MAXLEN ~` appends, `XREAD BLOCK`
 * follows the live tail (on a connection of its own per reader, since a blocked connection serves nothing else),
 * a TTL removes finished streams, and a stop key lets any process stop a producer running in another.
 * Works with the client the app already has: `redis` (node-redis 4+) or `ioredis` 5+; raw commands only, so no
 * import of either.
 */
import type { NumberedEvent } from './frame-events.ts';
import { StreamStoreError, type StoredStreamState, type StreamStore } from './stream-store.ts';
import type { WireEvent } from './types.ts';

/** A node-redis client (`createClient()` from `redis`), connected. */
export interface NodeRedisClientLike {
  sendCommand(args: string[]): Promise<unknown>;
  duplicate(): NodeRedisClientLike;
  connect(): Promise<unknown>;
  destroy?(): unknown;
  disconnect?(): unknown;
}

/** An ioredis client (`new Redis()`). */
export interface IORedisClientLike {
  call(command: string, ...args: string[]): Promise<unknown>;
  duplicate(): IORedisClientLike;
  disconnect(): unknown;
}

export type RedisClientLike = NodeRedisClientLike | IORedisClientLike;

/** Options of `createRedisStreamStore`. */
export interface RedisStreamStoreOptions {
  /** A connected `redis` or `ioredis` client; readers use duplicates of it. */
  client: RedisClientLike;
  /** Prefix of every key. @default 'rcs:' */
  keyPrefix?: string;
  /** Approximate events kept per stream (`XADD MAXLEN ~`). @default 10000 */
  maxEvents?: number;
  /** Seconds a finished stream stays readable. @default 300 */
  ttlSeconds?: number;
  /** Seconds an active stream is kept when its producer vanishes without finishing. @default 3600 */
  activeTtlSeconds?: number;
  /** `XREAD BLOCK` time per round. @default 5000 */
  blockMs?: number;
  /** A command that has not answered after this long fails with `unavailable` (no hang when Redis is gone). @default 3000 */
  commandTimeoutMs?: number;
  /** How often a producer checks for a stop request. @default 100 */
  stopPollMs?: number;
}

type Command = (args: string[]) => Promise<unknown>;

function commandOf(client: RedisClientLike): Command {
  if ('call' in client && typeof client.call === 'function') {
    const io = client as IORedisClientLike;
    return (args) => io.call(args[0]!, ...args.slice(1));
  }
  const nr = client as NodeRedisClientLike;
  return (args) => nr.sendCommand(args);
}

async function duplicateOf(client: RedisClientLike): Promise<RedisClientLike> {
  const copy = client.duplicate();
  // A reader's own connection fails with the reader (reported in the stream); without a listener an 'error'
  // event would crash the process.
  (copy as { on?: (event: string, listener: () => void) => unknown }).on?.('error', () => {});
  // ioredis connects a duplicate by itself; node-redis needs connect().
  if (!('call' in copy && typeof copy.call === 'function')) await (copy as NodeRedisClientLike).connect();
  return copy;
}

function close(client: RedisClientLike): void {
  try {
    if ('call' in client && typeof client.call === 'function') (client as IORedisClientLike).disconnect();
    else {
      const nr = client as NodeRedisClientLike;
      if (nr.destroy) nr.destroy();
      else nr.disconnect?.();
    }
  } catch {
    // Already closed.
  }
}

const STREAM_ID = /^\d+-\d+$/;

function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  return am === bm ? (as === bs ? 0 : as < bs ? -1 : 1) : am < bm ? -1 : 1;
}

type Entry = [id: string, fields: string[]];

// Clients shape replies differently (RESP2 arrays, RESP3 maps, node-redis objects): read the few we need from any.
function entriesOf(reply: unknown, key: string): Entry[] {
  if (reply === null || reply === undefined) return [];
  if (Array.isArray(reply)) {
    if (typeof reply[0] === 'string') return (reply[1] as Entry[]) ?? [];
    return ((reply[0] as [string, Entry[]] | undefined)?.[1]) ?? [];
  }
  if (reply instanceof Map) return (reply.get(key) as Entry[]) ?? [];
  return ((reply as Record<string, Entry[]>)[key]) ?? [];
}

function fieldOf(reply: unknown, name: string): unknown {
  if (Array.isArray(reply)) {
    const at = reply.indexOf(name);
    return at >= 0 ? reply[at + 1] : undefined;
  }
  if (reply instanceof Map) return reply.get(name);
  return reply && typeof reply === 'object' ? (reply as Record<string, unknown>)[name] : undefined;
}

/** Create a stream store on Redis Streams. */
export function createRedisStreamStore(options: RedisStreamStoreOptions): StreamStore {
  const prefix = options.keyPrefix ?? 'rcs:';
  const maxEvents = String(options.maxEvents ?? 10_000);
  const ttl = String(options.ttlSeconds ?? 300);
  const activeTtl = String(options.activeTtlSeconds ?? 3600);
  const blockMs = options.blockMs ?? 5000;
  const timeoutMs = options.commandTimeoutMs ?? 3000;
  const stopPollMs = options.stopPollMs ?? 100;
  const keys = (id: string) => ({ events: `${prefix}${id}:events`, state: `${prefix}${id}:state`, stop: `${prefix}${id}:stop` });

  function withTimeout<T>(command: Command, args: string[], extraMs = 0): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new StreamStoreError(`Redis did not answer ${args[0]} within ${timeoutMs + extraMs} ms`, 'unavailable'));
      }, timeoutMs + extraMs);
      command(args).then(
        (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        (cause: unknown) => {
          clearTimeout(timer);
          const detail = cause instanceof Error ? cause.message : String(cause);
          reject(new StreamStoreError(`Redis failed on ${args[0]}: ${detail}`, 'unavailable', { cause }));
        },
      );
    });
  }
  const run = <T>(args: string[]) => withTimeout<T>(commandOf(options.client), args);

  async function state(streamId: string): Promise<StoredStreamState | undefined> {
    const value = await run<string | null>(['GET', keys(streamId).state]);
    return value === 'active' || value === 'done' ? value : undefined;
  }

  return {
    async create(streamId) {
      const k = keys(streamId);
      // SET NX claims the id atomically across processes; a finished stream is replaced.
      const claimed = await run<string | null>(['SET', k.state, 'active', 'NX', 'EX', activeTtl]);
      if (claimed === null) {
        const current = await state(streamId);
        if (current === 'active') throw new StreamStoreError(`Stream ${streamId} is already active`, 'conflict');
        await run(['SET', k.state, 'active', 'EX', activeTtl]);
      }
      await run(['DEL', k.events, k.stop]);
    },
    async append(streamId, event: WireEvent) {
      const fields = event.event && event.event !== 'message' ? ['e', event.event, 'd', event.data] : ['d', event.data];
      return run<string>(['XADD', keys(streamId).events, 'MAXLEN', '~', maxEvents, '*', ...fields]);
    },
    async finish(streamId) {
      const k = keys(streamId);
      await run(['XADD', k.events, 'MAXLEN', '~', maxEvents, '*', 'end', '1']);
      await run(['SET', k.state, 'done', 'EX', ttl]);
      await run(['EXPIRE', k.events, ttl]);
      await run(['DEL', k.stop]);
    },
    state,
    read(streamId, afterId) {
      const k = keys(streamId);
      let connection: RedisClientLike | undefined;
      let cursor: string | undefined;
      let buffer: Entry[] = [];
      let closed = false;
      let ended = false;
      return {
        async next() {
          if (cursor === undefined) {
            if (afterId !== '' && !STREAM_ID.test(afterId)) throw new StreamStoreError(`Not an event id of this store: ${afterId}`, 'bad-id');
            if ((await state(streamId)) === undefined) throw new StreamStoreError(`No stream ${streamId}`, 'not-found');
            if (afterId !== '') {
              // XREAD from an id older than the trimmed range would silently skip the trimmed events.
              const info = await run<unknown>(['XINFO', 'STREAM', k.events]).catch(() => undefined);
              const maxDeleted = String(fieldOf(info, 'max-deleted-entry-id') ?? '0-0');
              if (compareIds(afterId, maxDeleted) < 0) throw new StreamStoreError(`Events after ${afterId} are no longer held`, 'trimmed');
            }
            cursor = afterId === '' ? '0-0' : afterId;
          }
          for (;;) {
            if (closed || ended) return { done: true, value: undefined };
            const entry = buffer.shift();
            if (entry) {
              cursor = entry[0];
              const fields = entry[1];
              const get = (name: string) => {
                for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
                return undefined;
              };
              if (get('end') !== undefined) {
                ended = true;
                continue;
              }
              const type = get('e');
              const event: WireEvent = type === undefined ? { data: get('d') ?? '' } : { event: type, data: get('d') ?? '' };
              return { done: false, value: { id: entry[0], event } satisfies NumberedEvent };
            }
            connection ??= await duplicateOf(options.client);
            if (closed) {
              close(connection);
              return { done: true, value: undefined };
            }
            const reply = await withTimeout<unknown>(
              commandOf(connection),
              ['XREAD', 'COUNT', '256', 'BLOCK', String(blockMs), 'STREAMS', k.events, cursor],
              blockMs,
            ).catch((error: unknown) => {
              if (closed) return null;
              throw error;
            });
            const entries = entriesOf(reply, k.events);
            if (entries.length > 0) buffer = entries.slice();
            else if (!closed && (await state(streamId)) === undefined) ended = true;
          }
        },
        async return() {
          closed = true;
          // Closing the connection is what ends a pending XREAD BLOCK.
          if (connection) close(connection);
          return { done: true, value: undefined };
        },
      };
    },
    async requestStop(streamId) {
      await run(['SET', keys(streamId).stop, '1', 'EX', activeTtl]);
    },
    watchStop(streamId, onStop) {
      let stopped = false;
      let busy = false;
      const timer = setInterval(() => {
        if (busy || stopped) return;
        busy = true;
        run<string | null>(['GET', keys(streamId).stop])
          .then((value) => {
            if (value !== null && !stopped) {
              stopped = true;
              clearInterval(timer);
              onStop();
            }
          })
          .catch(() => {})
          .finally(() => {
            busy = false;
          });
      }, stopPollMs);
      return () => {
        stopped = true;
        clearInterval(timer);
      };
    },
  };
}
