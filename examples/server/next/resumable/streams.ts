/**
 * The resumable streams of the Next.js recipe. The producer writes into a stream store and every client reads
 * from it, so a reply outlives its connection: a reconnect with Last-Event-ID gets what it missed, a reload
 * reattaches through `GET /api/chat/[id]/stream`, and a stop reaches the producer wherever it runs.
 *
 * One instance per server process: route files are separate bundles (and dev reloads re-evaluate modules), so it
 * is kept on `globalThis`. The memory store serves one process; behind several instances (serverless, a load
 * balancer) use `createRedisStreamStore({ client })` with the `redis` or `ioredis` client the app already has.
 */
import { createMemoryStreamStore, createResumableStreams, type ResumableStreams } from 'react-chat-stream/server';

const holder = globalThis as typeof globalThis & { chatStreams?: ResumableStreams };

export const streams: ResumableStreams = (holder.chatStreams ??= createResumableStreams({ store: createMemoryStreamStore() }));
