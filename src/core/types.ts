import type { ChatStreamError } from './errors.ts';

/** One Server-Sent Event, as dispatched by the WHATWG event-stream rules. */
export interface SSEEvent {
  /** The `event:` field, `"message"` when the server gave none. */
  event: string;
  /** The `data:` lines of the event joined with `\n`. */
  data: string;
  /** The last event id seen on the stream (it persists across events until changed). */
  id: string;
}

/** Who wrote a message. */
export type Role = 'system' | 'user' | 'assistant';

/** Lifecycle of one message: assistant replies move from `streaming` to one of the three ends. */
export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error';

/**
 * When an assistant turn started, received its first byte and first token, and ended
 * (`performance.now()`-style milliseconds from the store's clock).
 */
export interface TurnTimings {
  /** The request was sent (first attempt). */
  requestStart: number;
  /** The first byte of a successful response body arrived. */
  firstByte?: number;
  /** The first non-empty text delta arrived: time to first token is `firstToken - requestStart`. */
  firstToken?: number;
  /** The turn ended (done, stopped or failed). */
  end?: number;
  /** Number of non-empty text deltas received. */
  tokens: number;
  /** Deltas per second between the first token and the end, once the turn ended with at least two tokens. */
  tokensPerSecond?: number;
}

/** One message of the conversation. */
export interface ChatMessage {
  id: string;
  role: Role;
  content: string;
  /** Set on assistant replies produced by the kit. */
  status?: MessageStatus;
  /** Timings of the turn that produced this assistant reply. */
  timings?: TurnTimings;
  /** Why the reply failed, when `status` is `'error'`. */
  error?: string;
}

/** What the conversation is doing now. */
export type ChatStatus = 'idle' | 'connecting' | 'streaming' | 'error';

/** Return it from a custom protocol function to end the turn. */
export const DONE: unique symbol = Symbol.for('react-chat-stream.done');
export type Done = typeof DONE;

/**
 * Turns one SSE event into a text delta: a string to append, `null`/`undefined` to ignore the event, or
 * `DONE` to end the turn. Throw a `ChatStreamError` (kind `server`) to fail the turn with a message.
 */
export type ProtocolFn = (event: SSEEvent) => string | null | undefined | Done;

/** Wire formats the kit understands; `auto` sniffs the first data event. */
export type ProtocolName = 'auto' | 'text' | 'openai' | 'anthropic' | 'ai-sdk';

/** Retry policy for failed requests and dropped streams. */
export interface RetryOptions {
  /** Retries after the first try. @default 3 */
  attempts?: number;
  /** First backoff ceiling; doubles per attempt, full jitter. @default 500 */
  baseDelayMs?: number;
  /** Largest backoff ceiling. @default 8000 */
  maxDelayMs?: number;
  /**
   * What to do when a stream without event ids drops after text arrived: `'fail'` keeps the partial reply with
   * `status: 'error'` so the user chooses; `'restart'` re-sends and replaces the partial reply (never appends).
   * @default 'fail'
   */
  onDropWithoutResume?: 'fail' | 'restart';
}

/** Where the store is while waiting to try again. */
export interface RetryState {
  /** 1 for the first retry. */
  attempt: number;
  /** Retries allowed in all. */
  attempts: number;
  /** Milliseconds the store waits before this attempt. */
  delayMs: number;
  /** Store-clock time of the attempt. */
  at: number;
  /** Whether the attempt resumes with Last-Event-ID (keeps appending) or re-sends from scratch. */
  resume: boolean;
  /** The failure that caused the wait. */
  error: ChatStreamError;
}

/** Options of `ChatStore` and `useChatStream`. */
export interface ChatStreamOptions {
  /** The endpoint: `POST` with JSON body `{ messages: {role, content}[], ...body }`. */
  api: string;
  /** Injectable transport. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Extra request headers, or a function called per request (for fresh auth tokens). */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** Extra JSON body fields, merged after `messages`. */
  body?: Record<string, unknown>;
  /** Passed to fetch. */
  credentials?: RequestCredentials;
  /** The conversation to start from. */
  initialMessages?: ChatMessage[];
  /** How events become text. @default 'auto' */
  protocol?: ProtocolName | ProtocolFn;
  /** Publish text at most once per this many ms, or once per animation frame. @default 50 */
  flush?: 'raf' | number;
  /** Retry policy, or `false` to fail at once. */
  retry?: false | RetryOptions;
  /** Called with every text delta as it arrives (not batched). */
  onToken?: (delta: string) => void;
  /** Called once per assistant turn when it ends (done, stopped or failed), with its final message. */
  onFinish?: (message: ChatMessage) => void;
  /** Called when a turn fails; never for a stop. */
  onError?: (error: Error) => void;
  /** Id generator for new messages. */
  generateId?: () => string;
  /** Clock for timings and retry deadlines. @default performance.now */
  now?: () => number;
}

/** The store's state; a new object only when something changed. */
export interface ChatSnapshot {
  messages: ChatMessage[];
  status: ChatStatus;
  error: ChatStreamError | undefined;
  /** Set while waiting to retry. */
  retry: RetryState | undefined;
}
