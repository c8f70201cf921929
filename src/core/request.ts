/**
 * Building one attempt's request: URL, headers, body, credentials. Called per attempt (retries and resumes
 * included), so `body`/`headers` functions and `prepareRequest` see fresh values such as a refreshed token.
 */
import type { ChatMessage, ChatStreamOptions } from './types.ts';

/** What the default body carries for one history message. */
export interface WireMessage {
  role: ChatMessage['role'];
  content: string;
}

/**
 * Why a request is made. A retry keeps its turn's trigger; a `Last-Event-ID` reconnect and `resume()`'s `GET` are
 * `'resume'`; a resumable chat's stop request is `'stop'`.
 */
export type RequestTrigger = 'submit' | 'regenerate' | 'edit' | 'resume' | 'stop';

/** What `prepareRequest` is given for one attempt. */
export interface PrepareRequestContext {
  /** The `api` option. */
  api: string;
  /**
   * The conversation up to and including the turn being answered, as full `ChatMessage`s (parts included);
   * never the reply being streamed.
   */
  messages: ChatMessage[];
  /** The `body` option, evaluated for this attempt (`undefined` when unset). */
  body: Record<string, unknown> | undefined;
  /** The headers the request would send: the defaults, then the `headers` option, then `Last-Event-ID`. */
  headers: Record<string, string>;
  trigger: RequestTrigger;
  /** The message regenerated (the assistant reply) or edited (the user message); `undefined` on submit. */
  messageId: string | undefined;
  /** The conversation's id: the `id` option, or one the store generated. */
  chatId: string;
  /**
   * `'POST'` for a turn; `'GET'` for `resume()`'s reattach and `'POST'` without a body for a stop request (`api`
   * is then the resume or stop URL; a returned `body` is not sent).
   */
  method: 'GET' | 'POST';
}

/** What `prepareRequest` may change; everything left out keeps its default. */
export interface PreparedRequest {
  /** Another URL for this attempt. */
  api?: string;
  /**
   * Replaces the default body. A string or other `BodyInit` (FormData, Blob, …) is sent as is; anything else
   * (an object, a bare array, a number) is sent as JSON.
   */
  body?: unknown;
  /** Merged over the default headers; a returned header wins. */
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
}

/** Shapes each attempt's request; may be async. Return nothing to send the default. */
export type PrepareRequest = (
  context: PrepareRequestContext,
) => PreparedRequest | undefined | void | Promise<PreparedRequest | undefined | void>;

/** The default body's history: role and text of every message, minus empty assistant placeholders. */
export function toWireHistory(messages: readonly ChatMessage[]): WireMessage[] {
  return messages
    .filter((m) => !(m.role === 'assistant' && m.content === '' && !m.parts?.length))
    .map((m) => ({ role: m.role, content: m.content }));
}

/** Whether the backend keeps replies in a resumable stream store (`resumable`, implied by `resumeOnMount`). */
export function isResumable(options: ChatStreamOptions): boolean {
  return options.resumable ?? options.resumeOnMount === true;
}

/** One attempt's fetch arguments. */
export interface BuiltRequest {
  url: string;
  init: RequestInit;
}

/** What a turn knows about the request it makes. */
export interface RequestTurn {
  messages: ChatMessage[];
  trigger: RequestTrigger;
  messageId: string | undefined;
  chatId: string;
  /** A reattach (`GET`) or a stop request (`POST`): sent to this URL without a body. */
  target?: { url: string; method: 'GET' | 'POST' };
}

/** A body `fetch` takes as it is (not JSON-encoded). */
function isBodyInit(value: unknown): value is BodyInit {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null) return false;
  return (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    (typeof Blob !== 'undefined' && value instanceof Blob) ||
    (typeof FormData !== 'undefined' && value instanceof FormData) ||
    (typeof URLSearchParams !== 'undefined' && value instanceof URLSearchParams) ||
    (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream)
  );
}

/** `base` with `over` on top; header names compare case-insensitively, so `content-type` replaces `Content-Type`. */
function mergeHeaders(base: Record<string, string>, over: Record<string, string> | undefined): Record<string, string> {
  const merged = { ...base };
  if (!over) return merged;
  for (const name of Object.keys(over)) {
    const lower = name.toLowerCase();
    for (const existing of Object.keys(merged)) if (existing.toLowerCase() === lower) delete merged[existing];
    merged[name] = over[name]!;
  }
  return merged;
}

/** Build one attempt's request from the latest options and the turn. */
export async function buildRequest(
  options: ChatStreamOptions,
  turn: RequestTurn,
  lastEventId: string | undefined,
  signal: AbortSignal,
): Promise<BuiltRequest> {
  const extraHeaders = typeof options.headers === 'function' ? await options.headers() : options.headers;
  const body = typeof options.body === 'function' ? await options.body() : options.body;
  const target = turn.target;
  const headers = mergeHeaders(
    target ? { Accept: 'text/event-stream, text/plain;q=0.9' } : { 'Content-Type': 'application/json', Accept: 'text/event-stream, text/plain;q=0.9' },
    extraHeaders,
  );
  if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
  const messages = turn.messages;
  const context: PrepareRequestContext = {
    api: target?.url ?? options.api,
    messages,
    body,
    headers: { ...headers },
    trigger: lastEventId !== undefined ? 'resume' : turn.trigger,
    messageId: turn.messageId,
    chatId: turn.chatId,
    method: target?.method ?? 'POST',
  };
  const prepared = (await options.prepareRequest?.(context)) ?? {};

  let payload: BodyInit | undefined;
  if (target) {
    payload = undefined;
  } else if (prepared.body === undefined) {
    // A resumable backend keys the reply's stream by the conversation id.
    const id = isResumable(options) ? { id: turn.chatId } : undefined;
    payload = JSON.stringify({ messages: toWireHistory(messages), ...id, ...body });
  } else if (isBodyInit(prepared.body)) {
    payload = prepared.body;
    // FormData and URLSearchParams set their own content type (with the multipart boundary); a JSON one would
    // break them. A string keeps the JSON default unless the returned headers say otherwise.
    if (typeof prepared.body !== 'string') delete headers['Content-Type'];
  } else {
    payload = JSON.stringify(prepared.body);
  }
  return {
    url: prepared.api ?? context.api,
    init: {
      method: context.method,
      headers: mergeHeaders(headers, prepared.headers),
      body: payload,
      credentials: prepared.credentials ?? options.credentials,
      signal,
    },
  };
}
