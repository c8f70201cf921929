import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatStore } from '../../src/core/chat-store.ts';

const encoder = new TextEncoder();
type Behaviour = 'resume' | 'replay-same-ids' | 'replay-new-ids';
interface Drop {
  events: number;
  cut: number;
}

/** A fake server: `tokens` as events, `ids[i]` says whether event i has an id line, dropping as `drops` say. */
function server(tokens: string[], ids: boolean[], behaviour: Behaviour, drops: Drop[]) {
  let attempt = 0;
  const fetch = async (_url: RequestInfo | URL, init: RequestInit = {}) => {
    const lastId = new Headers(init.headers).get('last-event-id');
    const k = attempt++;
    let start = 0;
    if (behaviour === 'resume' && lastId !== null) start = tokens.findIndex((_, i) => `e${i}` === lastId) + 1;
    const events = tokens.slice(start).map((token, j) => {
      const i = start + j;
      const id = behaviour === 'replay-new-ids' && k > 0 ? `r${k}-${i}` : `e${i}`;
      return `${ids[i] ? `id: ${id}\n` : ''}data: ${token}\n\n`;
    });
    const drop = drops[k];
    let body = events.join('');
    if (drop) {
      const full = events.slice(0, Math.min(drop.events, events.length)).join('');
      const next = events[drop.events] ?? '';
      body = full + next.slice(0, Math.min(drop.cut, Math.max(0, next.length - 1)));
    }
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent) {
          if (drop) c.error(new TypeError('network error'));
          else c.close();
          return;
        }
        sent = true;
        if (body !== '') c.enqueue(encoder.encode(body));
        else if (drop) c.error(new TypeError('network error'));
        else c.close();
      },
    });
    return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
  };
  return fetch as typeof globalThis.fetch;
}

async function run(tokens: string[], ids: boolean[], behaviour: Behaviour, drops: Drop[]) {
  const store = new ChatStore({ api: '/c', fetch: server(tokens, ids, behaviour, drops), protocol: 'text', retry: { attempts: 10, baseDelayMs: 1 } });
  const done = store.send('q');
  await vi.runAllTimersAsync();
  await done;
  return store.getSnapshot().messages.at(-1)!;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('resume without duplicates', () => {
  it('skips a replay that comes with new ids: ABC + drop + ABCDEF gives ABCDEF', async () => {
    const reply = await run(['A', 'B', 'C', 'D', 'E', 'F'], [true, true, true, true, true, true], 'replay-new-ids', [{ events: 3, cut: 0 }]);
    expect(reply).toMatchObject({ content: 'ABCDEF', status: 'done' });
  });

  it('drops the un-id\'d tail before appending: ids on some events only gives ABCD, not ABCBCD', async () => {
    const reply = await run(['A', 'B', 'C', 'D'], [true, false, false, false], 'resume', [{ events: 3, cut: 0 }]);
    expect(reply).toMatchObject({ content: 'ABCD', status: 'done' });
  });

  it('delivers the un-id\'d tail again on a replay with the same ids', async () => {
    const reply = await run(['A', 'B', 'C', 'D'], [true, true, false, true], 'replay-same-ids', [{ events: 3, cut: 0 }]);
    expect(reply).toMatchObject({ content: 'ABCD', status: 'done' });
  });

  it('every character exactly once, over drop points, id patterns and server behaviours', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            ids: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
            behaviour: fc.constantFrom<Behaviour>('resume', 'replay-same-ids', 'replay-new-ids'),
            drops: fc.array(fc.record({ events: fc.integer({ min: 0, max: n }), cut: fc.integer({ min: 0, max: 12 }) }), { maxLength: 3 }),
          }),
        ),
        async ({ n, ids, behaviour, drops }) => {
          const tokens = Array.from({ length: n }, (_, i) => `<${i}>`);
          const full = tokens.join('');
          const reply = await run(tokens, ids, behaviour, drops);
          // Never a duplicate or a gap: what is shown is always a prefix of the reply.
          expect(full.startsWith(reply.content)).toBe(true);
          if (reply.status === 'done') expect(reply.content).toBe(full);
          // With an id from the first event on, every drop can resume: the reply always completes.
          if (ids[0]) expect(reply).toMatchObject({ content: full, status: 'done' });
        },
      ),
      { numRuns: 300 },
    );
  });
});
