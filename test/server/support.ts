import { createSSEParser } from '../../src/core/sse.ts';
import type { SSEEvent } from '../../src/core/types.ts';

/** Read a byte stream to its end. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The events of an encoded stream, parsed by the kit's own SSE parser (with the id in force at each). */
export function eventsOf(bytes: Uint8Array | string): SSEEvent[] {
  const events: SSEEvent[] = [];
  const parser = createSSEParser({ onEvent: (e) => events.push(e) });
  parser.feed(bytes);
  return events;
}

/** An async source that yields `items`, recording whether it was closed. */
export function trackedSource<T>(items: T[], gapMs = 0) {
  const state = { closed: false, yielded: 0 };
  async function* generate() {
    try {
      for (const item of items) {
        if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
        state.yielded++;
        yield item;
      }
    } finally {
      state.closed = true;
    }
  }
  return { source: generate(), state };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
