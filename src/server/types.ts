import type { StreamChunk } from '../core/types.ts';

/** What a source yields: a string is a text delta; a chunk is any part the kit streams (issue 11's union). */
export type SourceItem = string | StreamChunk;

/**
 * What the encoder reads: an async (or sync) iterable of text and chunks, or a function given an `AbortSignal`
 * that fires when the client goes away, so the producer can stop the model call.
 */
export type ChunkSource =
  | AsyncIterable<SourceItem>
  | Iterable<SourceItem>
  | ((signal: AbortSignal) => AsyncIterable<SourceItem> | Iterable<SourceItem> | Promise<AsyncIterable<SourceItem> | Iterable<SourceItem>>);

/** Wire formats the server writes. */
export type ServerProtocol = 'ai-sdk' | 'text';

/** One event before framing: `event:` (absent = `message`) and its data (may hold LF; never CR). */
export interface WireEvent {
  event?: string;
  data: string;
}

/** Options of `toEventStream`, `createEventStreamResponse` and `pipeEventStream`. */
export interface EventStreamOptions {
  /**
   * `'ai-sdk'`: the AI SDK UI message stream (JSON parts; any token comes back exactly, and AI SDK clients read
   * it). `'text'`: `data: <token>` events, for hand-written clients; a CR in a token is sent as LF, and a token
   * equal to `[DONE]` reads as the end of the stream (that format's one ambiguity).
   * @default 'ai-sdk'
   */
  protocol?: ServerProtocol;
  /** Send a `: ping` comment after this many ms without an event, so proxies keep the stream open; 0 disables. @default 15000 */
  heartbeatMs?: number;
  /** The request's signal (`request.signal`): when it aborts, the source is closed and the stream ends. */
  signal?: AbortSignal;
  /** What the client is told when the source throws. @default the error's message */
  onError?: (error: unknown) => string;
  /** The reconnection time sent as `retry:` at the start of the stream. @default 3000 */
  retryMs?: number;
  /** The AI SDK `start` part's `messageId`. */
  messageId?: string;
}

/** Default idle time before a heartbeat comment. */
export const DEFAULT_HEARTBEAT_MS = 15_000;
/** Default `retry:` sent to clients. */
export const DEFAULT_RETRY_MS = 3_000;
