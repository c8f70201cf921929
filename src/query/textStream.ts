/**
 * A one-consumer async iterable over text that a producer publishes whole (the accumulator's "text so far").
 * Each `next()` yields everything published since the last one, so a consumer that falls behind gets one
 * coalesced chunk, never a backlog: the cache sees at most one write per flush window.
 */
export interface TextStream extends AsyncIterable<string> {
  /** The whole text so far (the accumulator's publish). */
  publish(text: string): void;
  /** The text is complete: the iteration ends after the last unread text. */
  end(): void;
  /** The text failed: the iteration throws `error` after the last unread text. */
  fail(error: unknown): void;
}

export function createTextStream(): TextStream {
  let text = '';
  let read = 0;
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;

  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  return {
    publish(next) {
      text = next;
      notify();
    },
    end() {
      ended = true;
      notify();
    },
    fail(error) {
      failure = { error };
      notify();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        // Unread text first: a failure or the end never swallows what arrived before it.
        if (text.length > read) {
          const chunk = text.slice(read);
          read = text.length;
          yield chunk;
          continue;
        }
        if (failure) throw failure.error;
        if (ended) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}
