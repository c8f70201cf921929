import type { ChatStreamError } from './errors.ts';
import type { PrepareRequest } from './request.ts';

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
  /** Everything the reply carried, in arrival order; present on every assistant reply the kit streams. */
  parts?: MessagePart[];
  /** Why the reply ended, when the server said (or `'error'` when the turn failed). */
  finishReason?: FinishReason;
  /** Token counts, when the server sent them. */
  usage?: Usage;
}

/** Why a reply ended. A provider's reason with no mapping is `'other'`. */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'refusal' | 'error' | 'other';

/**
 * Token counts as the provider sent them. `cachedInputTokens` is Anthropic's `cache_read_input_tokens` (its
 * `input_tokens` excludes cache tokens) or OpenAI's `cached_tokens`; `totalTokens` is the wire's total when sent,
 * else input + output.
 */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  cachedInputTokens?: number;
  totalTokens?: number;
}

/** Text of the answer, rendered as healed, safe markdown. */
export interface TextPart {
  type: 'text';
  text: string;
}

/** The model thinking. `durationMs` runs from its first delta to its last. */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  state: 'streaming' | 'done';
  durationMs?: number;
  /** The provider withheld the reasoning (Anthropic `redacted_thinking`): `text` is empty. */
  redacted?: boolean;
}

/** A tool call and, once known, its result. */
export interface ToolCallPart {
  type: 'tool-call';
  /** The provider's call id (Responses API: `call_id`). */
  toolCallId: string;
  toolName: string;
  state: 'input-streaming' | 'input-available' | 'output-available' | 'output-error';
  /** The arguments as streamed so far (the whole JSON text when a protocol sends them at once). */
  inputText: string;
  /** The parsed arguments, once complete. */
  input?: unknown;
  output?: unknown;
  errorText?: string;
}

/** A citation: a URL, or a document with a title. */
export interface SourcePart {
  type: 'source';
  sourceId?: string;
  url?: string;
  title?: string;
  mediaType?: string;
}

/** A file the model produced (an image, say); rendered only when its URL is safe. */
export interface FilePart {
  type: 'file';
  url: string;
  mediaType: string;
  filename?: string;
}

/** Custom data (AI SDK `data-<name>` parts): a later part with the same `name` and `id` replaces this one. */
export interface DataPart {
  type: 'data';
  name: string;
  data: unknown;
  id?: string;
}

/** The model declined to answer (OpenAI `refusal`). */
export interface RefusalPart {
  type: 'refusal';
  text: string;
}

/** Marks the start of every step after the first in a multi-step (tool-using) reply. */
export interface StepStartPart {
  type: 'step-start';
}

/** One piece of a message, in arrival order. */
export type MessagePart =
  | TextPart
  | ReasoningPart
  | ToolCallPart
  | SourcePart
  | FilePart
  | DataPart
  | RefusalPart
  | StepStartPart;

/**
 * What a protocol decodes from the wire: the typed pieces a reply is built from. Their `type`s mirror the part
 * kinds; `*-delta` chunks append, tool chunks address their call by `toolCallId`. `finish` records why the reply
 * ended and its usage (fields merge; a later value wins); it does not end the stream by itself: `DONE` or the end
 * of the body does.
 */
export type StreamChunk =
  /** `id` keeps interleaved text blocks apart (AI SDK text ids, Responses items); without one, text appends to the last text part. */
  | { type: 'text-delta'; delta: string; id?: string }
  /** Ends a text block; a `text` that differs from the deltas received replaces them (a final `.done` text wins). */
  | { type: 'text-end'; id?: string; text?: string }
  /** `id` tells reasoning blocks apart; `redacted` marks a withheld block (empty `delta`). */
  | { type: 'reasoning-delta'; delta: string; id?: string; redacted?: boolean }
  /** Ends a reasoning block early (before the next kind of part starts or the reply ends). */
  | { type: 'reasoning-end'; id?: string }
  | { type: 'tool-input-start'; toolCallId: string; toolName: string }
  | { type: 'tool-input-delta'; toolCallId: string; delta: string; toolName?: string }
  | { type: 'tool-input-available'; toolCallId: string; input: unknown; toolName?: string }
  | { type: 'tool-output-available'; toolCallId: string; output: unknown; toolName?: string }
  | { type: 'tool-output-error'; toolCallId: string; errorText: string; toolName?: string }
  | { type: 'source'; sourceId?: string; url?: string; title?: string; mediaType?: string }
  | { type: 'file'; url: string; mediaType: string; filename?: string }
  /** `transient` data is handed to `onChunk` but never stored in the message. */
  | { type: 'data'; name: string; data: unknown; id?: string; transient?: boolean }
  | { type: 'refusal-delta'; delta: string }
  | { type: 'step-start' }
  | { type: 'finish'; finishReason?: FinishReason; usage?: Usage };

/** The `type` of a `StreamChunk`. */
export type StreamChunkType = StreamChunk['type'];

/** What the conversation is doing now. */
export type ChatStatus = 'idle' | 'connecting' | 'streaming' | 'error';

/** Return it from a custom protocol function to end the turn. */
export const DONE: unique symbol = Symbol.for('react-chat-stream.done');
export type Done = typeof DONE;

/**
 * Turns one SSE event into what it carries: a string (a text delta), a `StreamChunk` or an array of them
 * (`DONE` as the last item delivers the chunks and ends the turn), `null`/`undefined` to ignore the event, or
 * `DONE` to end the turn. Throw a `ChatStreamError` (kind `server`) to
 * fail the turn with a message.
 */
export type ProtocolFn = (
  event: SSEEvent,
) => string | StreamChunk | readonly (StreamChunk | Done)[] | null | undefined | Done;

/** Wire formats the kit understands; `auto` sniffs the first data event. */
export type ProtocolName = 'auto' | 'text' | 'openai' | 'openai-responses' | 'anthropic' | 'ai-sdk';

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
  /**
   * The endpoint: `POST` with JSON body `{ messages: {role, content}[], ...body }` unless `prepareRequest`
   * shapes it otherwise.
   */
  api: string;
  /**
   * The conversation's id. Hooks and windows given the same `id` share one conversation and one stream; it is
   * also `chatId` in `prepareRequest` (and `id` in the AI SDK's request).
   */
  id?: string;
  /** Injectable transport. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Extra request headers, or a function (may be async) called on every attempt, so a refreshed token is used. */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  /** Extra JSON body fields merged after `messages`, or a function (may be async) called on every attempt. */
  body?: Record<string, unknown> | (() => Record<string, unknown> | Promise<Record<string, unknown>>);
  /** Passed to fetch. @default fetch's own default, 'same-origin' */
  credentials?: RequestCredentials;
  /**
   * Shape each attempt's request for your backend: return any of `{ api, body, headers, credentials }`.
   * Called on every attempt (retries and resumes too); may be async. A returned `body` replaces the default
   * (any JSON value, such as a bare message list, or a string/`BodyInit` sent as is); returned headers merge
   * over the defaults. `aiSdkRequest` is a ready preset for routes written for the AI SDK's `useChat`.
   *
   * @example
   * // A FastAPI handler `async def chat(messages: list)` reads the whole body as the list:
   * prepareRequest: ({ messages }) => ({ body: messages.map(({ role, content }) => ({ role, content })) })
   */
  prepareRequest?: PrepareRequest;
  /** The conversation to start from. */
  initialMessages?: ChatMessage[];
  /** How events become text. @default 'auto' */
  protocol?: ProtocolName | ProtocolFn;
  /** Publish text at most once per this many ms, or once per animation frame. @default 50 */
  flush?: 'raf' | number;
  /** Retry policy, or `false` to fail at once. @default { attempts: 3, baseDelayMs: 500, maxDelayMs: 8000 } */
  retry?: false | RetryOptions;
  /**
   * Fail an attempt when no byte of the response body arrives this long after the request was sent: a retryable
   * `network` error (retried, or resumed, by the retry policy; a partial reply is kept). `false` turns it off.
   * @default 30000
   */
  firstByteTimeoutMs?: number | false;
  /**
   * Fail an attempt when the stream goes this long without a byte once it started. SSE comments and heartbeats
   * (`: ping`, Anthropic `ping`) count as activity, so a server that thinks for long should send them. Same error
   * as `firstByteTimeoutMs`. `false` turns it off.
   * @default 30000
   */
  inactivityTimeoutMs?: number | false;
  /** Called with every text delta as it arrives (not batched). */
  onToken?: (delta: string) => void;
  /** Called with every decoded chunk as it arrives (not batched): text, reasoning, tools, sources, data, finish. */
  onChunk?: (chunk: StreamChunk) => void;
  /** Called once per assistant turn when it ends (done, stopped or failed), with its final message. */
  onFinish?: (message: ChatMessage) => void;
  /** Called when a turn fails, with the typed error (`error.kind`); never for a stop. */
  onError?: (error: ChatStreamError) => void;
  /**
   * Hooks with an `id`: what happens to the conversation's stream when the last view showing it switches to
   * another `id` or unmounts. `'continue'` lets the reply finish in the background (switch back to see it);
   * `'stop'` stops it, keeping the partial reply. A conversation without `id` is the hook's own and always stops
   * on unmount.
   * @default 'continue'
   */
  leaveBehavior?: 'continue' | 'stop';
  /**
   * The backend keeps replies in a resumable stream store (`createResumableStreams` of `react-chat-stream/server`),
   * keyed by the conversation id. Turns on: the default body carries `id` (the conversation id) so the server can
   * key the stream, and `stop()` also sends a stop request (`stopApi`), since aborting the fetch no longer stops
   * the producer. `resume()` works either way. A stop that fails is ignored (the reply is stopped on screen).
   * @default true when `resumeOnMount` is set, else false
   */
  resumable?: boolean;
  /**
   * Where `resume()` reattaches (`GET`; `204 No Content` means nothing to resume): a URL, or a function of the
   * conversation id.
   * @default `${api}/${encodeURIComponent(id)}/stream` (the AI SDK's convention)
   */
  resumeApi?: string | ((chatId: string) => string);
  /**
   * Where a resumable chat's `stop()` asks the server to stop the producer (`POST`): a URL, or a function of the
   * conversation id.
   * @default `${api}/${encodeURIComponent(id)}/stop`
   */
  stopApi?: string | ((chatId: string) => string);
  /**
   * `useChatStream` and `ChatWindow`: call `resume()` once when mounted in the browser (after a page reload, a
   * reply still being produced reattaches). Never on the server; once under StrictMode; once per shared store.
   * Implies `resumable`.
   * @default false
   */
  resumeOnMount?: boolean;
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
