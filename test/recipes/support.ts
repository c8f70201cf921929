/** What the recipe tests share: a server on a free loopback port, the kit's client, and a measured disconnect. */
import { request as httpRequest } from 'node:http';
export { close, listen } from '../helpers/http.ts';
import { ChatStore } from '../../src/core/chat-store.ts';
import type { ChatStreamOptions } from '../../src/core/types.ts';
import type { RecipeModel } from '../../examples/server/model.ts';

/** The kit's store talking to `api` with its default options (`protocol: 'auto'` reads the server's AI SDK stream). */
export function chatAt(api: string, options: Partial<ChatStreamOptions> = {}): ChatStore {
  let n = 0;
  return new ChatStore({ api, retry: false, generateId: () => `m${++n}`, ...options });
}

/** A model that never ends on its own, recording when its signal fired and when its generator was closed. */
export function endlessModel() {
  const state = { tokens: 0, abortedAt: undefined as number | undefined, closedAt: undefined as number | undefined };
  const model: RecipeModel = (_messages, signal) => {
    signal.addEventListener('abort', () => (state.abortedAt = performance.now()), { once: true });
    return (async function* () {
      try {
        for (;;) {
          await new Promise((r) => setTimeout(r, 5));
          state.tokens++;
          yield 'tok ';
        }
      } finally {
        state.closedAt = performance.now();
      }
    })();
  };
  return { model, state };
}

/**
 * POST a chat to `url`, read until the first text delta arrives, then drop the connection. Resolves with the time
 * of the drop (performance.now()).
 */
export function disconnectAfterFirstDelta(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let seen = '';
      res.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (!seen.includes('"text-delta"')) return;
        const at = performance.now();
        req.destroy();
        resolve(at);
      });
    });
    req.on('error', () => {});
    req.once('timeout', () => reject(new Error('no text delta arrived')));
    req.end(JSON.stringify({ messages: [{ role: 'user', content: 'go' }] }));
  });
}

/** Wait until `state.closedAt` is set (or 2 s pass); the ms from `since` to the producer's close and abort. */
export async function stopLatency(state: ReturnType<typeof endlessModel>['state'], since: number) {
  while (state.closedAt === undefined && performance.now() - since < 2000) await new Promise((r) => setTimeout(r, 2));
  return {
    closedMs: state.closedAt === undefined ? Infinity : state.closedAt - since,
    abortedMs: state.abortedAt === undefined ? Infinity : state.abortedAt - since,
  };
}
