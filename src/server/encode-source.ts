/**
 * Source -> wire events: pulls the producer one item at a time and encodes it. An abort ends it at once, even
 * while the producer is awaiting its model: a pending `next()` is raced against the signal, and the producer's
 * iterator is closed with `return()` (not awaited: an async generator busy in `await` runs its `finally` when
 * that await settles).
 */
import type { StreamChunk } from '../core/types.ts';
import type { ChunkEncoder } from './encoders/encoder.ts';
import type { ChunkSource, SourceItem, WireEvent } from './types.ts';

type AnyIterator = AsyncIterator<SourceItem> | Iterator<SourceItem>;
const END: IteratorReturnResult<undefined> = { done: true, value: undefined };
const noop = () => {};

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === 'string' && error !== '' ? error : 'The stream failed';
}

function toChunk(item: SourceItem): StreamChunk {
  return typeof item === 'string' ? { type: 'text-delta', delta: item } : item;
}

/** The wire events of `source` in `encoder`'s format: its start, one batch per item, then its end or error. */
export function encodeSource(
  source: ChunkSource,
  encoder: ChunkEncoder,
  signal: AbortSignal,
  onError: (error: unknown) => string = messageOf,
): AsyncIterator<WireEvent, undefined> {
  const queue: WireEvent[] = encoder.start();
  let head = 0;
  let iterator: AnyIterator | undefined;
  let finished = false;
  const aborted = new Promise<typeof END>((resolve) => {
    if (signal.aborted) resolve(END);
    else signal.addEventListener('abort', () => resolve(END), { once: true });
  });

  function closeSource(): void {
    const it = iterator;
    iterator = undefined;
    if (!it?.return) return;
    try {
      Promise.resolve(it.return()).catch(noop);
    } catch {
      // A throwing return() cannot make things worse than a client that is already gone.
    }
  }
  signal.addEventListener('abort', () => {
    finished = true;
    closeSource();
  }, { once: true });

  async function open(): Promise<AnyIterator> {
    const value = typeof source === 'function' ? await source(signal) : source;
    const asyncIterable = value as AsyncIterable<SourceItem>;
    if (typeof asyncIterable[Symbol.asyncIterator] === 'function') return asyncIterable[Symbol.asyncIterator]();
    return (value as Iterable<SourceItem>)[Symbol.iterator]();
  }

  function fail(error: unknown): void {
    let message: string;
    try {
      message = onError(error);
    } catch {
      message = messageOf(error);
    }
    queue.push(...encoder.error(message));
  }

  return {
    async next() {
      for (;;) {
        if (head < queue.length) {
          const value = queue[head++]!;
          if (head === queue.length) {
            queue.length = 0;
            head = 0;
          }
          return { done: false, value };
        }
        if (finished || signal.aborted) return END;
        let result: IteratorResult<SourceItem> | typeof END;
        try {
          if (!iterator) {
            const opening = open();
            opening.catch(noop);
            const opened = await Promise.race([opening, aborted]);
            if (signal.aborted || !('next' in opened)) continue;
            iterator = opened;
          }
          const pending = Promise.resolve(iterator!.next());
          pending.catch(noop);
          result = await Promise.race([pending, aborted]);
        } catch (error) {
          finished = true;
          iterator = undefined;
          if (!signal.aborted) fail(error);
          continue;
        }
        if (signal.aborted) continue;
        if (result.done) {
          finished = true;
          iterator = undefined;
          queue.push(...encoder.end());
          continue;
        }
        queue.push(...encoder.encode(toChunk(result.value)));
      }
    },
    async return() {
      finished = true;
      closeSource();
      return END;
    },
  };
}
