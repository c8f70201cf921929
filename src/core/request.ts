/** Building one attempt's request: URL, headers, body. Called per attempt so functions see fresh values. */
import type { ChatMessage, ChatStreamOptions } from './types.ts';

/** What the wire carries for one history message. */
export interface WireMessage {
  role: ChatMessage['role'];
  content: string;
}

/** The history sent with a turn: every message before the reply, minus empty assistant placeholders. */
export function toWireHistory(messages: readonly ChatMessage[]): WireMessage[] {
  return messages
    .filter((m) => !(m.role === 'assistant' && m.content === ''))
    .map((m) => ({ role: m.role, content: m.content }));
}

/** One attempt's fetch arguments. */
export interface BuiltRequest {
  url: string;
  init: RequestInit;
}

export function buildRequest(
  options: ChatStreamOptions,
  history: WireMessage[],
  lastEventId: string | undefined,
  signal: AbortSignal,
): BuiltRequest {
  const extra = typeof options.headers === 'function' ? options.headers() : options.headers;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'text/event-stream, text/plain;q=0.9',
    ...extra,
  };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
  return {
    url: options.api,
    init: {
      method: 'POST',
      headers,
      body: JSON.stringify({ messages: history, ...options.body }),
      credentials: options.credentials,
      signal,
    },
  };
}
