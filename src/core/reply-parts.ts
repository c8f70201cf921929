/** The shape of a reply while it is built from stream chunks (message-parts.ts builds it, the accumulator batches it). */
import type { FinishReason, MessagePart, StreamChunk, Usage } from './types.ts';

/** What a reply is made of at one moment. */
export interface ReplyParts {
  /** The concatenated text of the text parts. */
  content: string;
  parts: MessagePart[];
  finishReason?: FinishReason;
  usage?: Usage;
}

/** How a turn ended, for settling unfinished parts. */
export type ReplyEnd = 'done' | 'stopped' | 'error';

export interface PartsBuilder {
  /** Apply one chunk; returns whether anything visible changed. */
  apply(chunk: StreamChunk): boolean;
  /** Settle what is unfinished: reasoning ends; a stopped or failed reply's incomplete tool calls end in error. */
  end(how: ReplyEnd): boolean;
  /** The reply now. The returned arrays are never mutated afterwards. */
  snapshot(): ReplyParts;
  /** Remember this point (cheap: nothing is copied until the next change). */
  checkpoint(): void;
  /** Go back to the last checkpoint (or the start), dropping everything since. Returns whether anything changed. */
  rollback(): boolean;
  readonly content: string;
  readonly isEmpty: boolean;
}
