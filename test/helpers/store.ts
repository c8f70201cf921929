import { afterEach, beforeEach, vi } from 'vitest';
import { ChatStore } from '../../src/core/chat-store.ts';
import type { ChatStreamError } from '../../src/core/errors.ts';
import type { ChatSnapshot, ChatStreamOptions, StreamChunk } from '../../src/core/types.ts';
import { scriptedFetch } from './stream.ts';

/**
 * A `ChatStore` on a scripted fetch with spied callbacks and sequential ids (`id1`, `id2`, …), the setup most core
 * tests share. `options` override anything, callbacks included.
 */
export function setupStore(responses: Parameters<typeof scriptedFetch>[0], options: Partial<ChatStreamOptions> = {}) {
  const transport = scriptedFetch(responses);
  let ids = 0;
  const onFinish = vi.fn();
  const onError = vi.fn();
  const onToken = vi.fn<(delta: string) => void>();
  const onChunk = vi.fn<(chunk: StreamChunk) => void>();
  const store = new ChatStore({
    api: '/api/chat',
    fetch: transport.fetch,
    generateId: () => `id${++ids}`,
    onFinish,
    onError,
    onToken,
    onChunk,
    ...options,
  });
  const snapshots: ChatSnapshot[] = [];
  store.subscribe(() => snapshots.push(store.getSnapshot()));
  const last = () => store.getSnapshot().messages.at(-1)!;
  const error = () => store.getSnapshot().error as ChatStreamError | undefined;
  return { store, ...transport, onFinish, onError, onToken, onChunk, snapshots, last, error };
}

/** Fake timers for every test of the file; `tick` lets the fetch/stream promise chains run under them. */
export function useFakeClock() {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  return (ms = 0) => vi.advanceTimersByTimeAsync(ms);
}
