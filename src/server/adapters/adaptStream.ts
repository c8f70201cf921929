/**
 * An SDK's stream of event objects -> the kit's chunks. Each object is handed, as the SSE event it arrived in, to
 * the same decoder the kit's client runs for that wire format, so every mapping (finish reasons, usage, tool calls)
 * exists once. Stopping is eager: `return()` aborts the SDK's request at once, even while it waits for the model,
 * because an SDK stream's own iterator only runs its cleanup when its pending read settles.
 */
import { deliverResult } from '../../core/protocols/custom.ts';
import type { ProtocolFn, StreamChunk } from '../../core/types.ts';

/** An SDK stream, or the promise of one (the unawaited `create({ stream: true })` call works too). */
export type SDKStream<T> = AsyncIterable<T> | PromiseLike<AsyncIterable<T>>;

/** The handles the `openai` and `@anthropic-ai/sdk` streams carry for cancelling their HTTP request. */
interface Cancellable {
  controller?: { abort(): void };
  abort?: () => void;
}

const END: IteratorReturnResult<undefined> = { done: true, value: undefined };
const noop = () => {};

/**
 * Adapt `source` with `decoder` (a fresh one of the kit's protocol decoders). `endData` is fed once the SDK stream
 * ends, standing in for the end marker the SDK consumed (Chat Completions' `[DONE]` completes open tool calls).
 */
export function adaptStream<T>(source: SDKStream<T>, decoder: ProtocolFn, endData?: string): AsyncIterableIterator<StreamChunk> {
  const queue: StreamChunk[] = [];
  // Text per block id, so a final `.done` text that extends its deltas can send what they missed.
  const texts = new Map<string | undefined, string>();
  let stream: (AsyncIterable<T> & Cancellable) | undefined;
  let iterator: AsyncIterator<T> | undefined;
  let ended = false;
  let closed = false;

  // The id of the text block being streamed, and the citations that arrived inside it.
  let openText: string | undefined;
  const held: StreamChunk[] = [];

  function release(): void {
    openText = undefined;
    for (const chunk of held) queue.push(chunk);
    held.length = 0;
  }

  /**
   * Providers send citations inside the text they annotate (Responses annotations, Anthropic citations), while the
   * wire format ends a text block at a source: held to the block's end, the text stays one part, as the kit shows
   * it when it reads the provider directly.
   */
  function emit(chunk: StreamChunk): void {
    if (chunk.type === 'source' && openText !== undefined) {
      held.push(chunk);
      return;
    }
    if (chunk.type === 'text-delta') {
      if (chunk.id !== openText) release();
      openText = chunk.id;
      texts.set(chunk.id, (texts.get(chunk.id) ?? '') + chunk.delta);
      queue.push(chunk);
      return;
    }
    if (chunk.type === 'text-end') {
      const sent = texts.get(chunk.id) ?? '';
      // A final text that rewrites (not extends) what was streamed cannot be taken back on the wire; it is dropped.
      if (chunk.text !== undefined && chunk.text.length > sent.length && chunk.text.startsWith(sent)) {
        emit({ type: 'text-delta', delta: chunk.text.slice(sent.length), ...(chunk.id !== undefined && { id: chunk.id }) });
      }
      if (chunk.id === openText) release();
      return;
    }
    release();
    queue.push(chunk);
  }

  /** Feed one event to the decoder; true when it ended the turn. */
  function feed(data: string): boolean {
    return deliverResult(decoder({ event: 'message', data, id: '' }), emit);
  }

  function cancel(): void {
    const current = stream;
    if (current?.abort) current.abort();
    else current?.controller?.abort();
    try {
      Promise.resolve(iterator?.return?.()).catch(noop);
    } catch {
      // Cleanup of a request that is already being aborted.
    }
  }

  /**
   * After the format's end event, read the SDK stream to its own end in the background rather than abort it: the
   * request completes normally (the SDK's `finalMessage()` and the like still resolve) and the reply is not held up.
   */
  function drain(it: AsyncIterator<T>): void {
    void (async () => {
      while (!closed && !(await it.next()).done);
    })().catch(noop);
  }

  const self: AsyncIterableIterator<StreamChunk> = {
    async next() {
      for (;;) {
        if (queue.length > 0) return { done: false, value: queue.shift()! };
        if (ended || closed) return END;
        try {
          if (!iterator) {
            stream = (await source) as AsyncIterable<T> & Cancellable;
            iterator = stream[Symbol.asyncIterator]();
            if (closed) {
              cancel();
              return END;
            }
          }
          const result = await iterator.next();
          // Stopped while waiting: what the SDK still delivered is not wanted.
          if (closed) return END;
          if (result.done) {
            ended = true;
            if (endData !== undefined) feed(endData);
            release();
          } else if (feed(JSON.stringify(result.value))) {
            ended = true;
            release();
            drain(iterator);
          }
        } catch (error) {
          if (closed) return END;
          ended = true;
          cancel();
          throw error;
        }
      }
    },
    async return() {
      if (!closed) {
        closed = true;
        queue.length = 0;
        cancel();
      }
      return END;
    },
    [Symbol.asyncIterator]() {
      return self;
    },
  };
  return self;
}
