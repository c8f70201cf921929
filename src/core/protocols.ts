/**
 * Wire protocols: each turns one SSE event into a text delta, `DONE`, or nothing. They know nothing of
 * fetch, retries or React; a server-side error inside the stream is thrown as a `ChatStreamError` (kind `server`).
 */
import { ChatStreamError, errorMessageOf } from './errors.ts';
import { DONE, type ProtocolFn, type ProtocolName, type SSEEvent } from './types.ts';

export { errorMessageOf };

const DONE_DATA = '[DONE]';

/** What users read when an event cannot be decoded; the event itself is for developers, in `cause`. */
export const MALFORMED_EVENT_MESSAGE = 'The server sent an event the kit could not read';

function malformed(event: SSEEvent, protocol: string, cause: unknown): ChatStreamError {
  const sample = event.data.length > 500 ? `${event.data.slice(0, 500)}…` : event.data;
  return new ChatStreamError(MALFORMED_EVENT_MESSAGE, {
    kind: 'protocol',
    cause: new Error(`Malformed ${protocol} event: ${sample}`, cause === undefined ? undefined : { cause }),
  });
}

/**
 * A built-in protocol: `expectsEnd` says whether its wire format always ends with an end marker, so a clean close
 * without one is a truncated reply (response.ts reads it). Custom functions have no such property: never truncated.
 */
function withEnd(protocol: ProtocolFn, expectsEnd: boolean): ProtocolFn & { readonly expectsEnd: boolean } {
  return Object.defineProperty(protocol, 'expectsEnd', { value: expectsEnd, enumerable: true }) as ProtocolFn & {
    readonly expectsEnd: boolean;
  };
}

function parseJSON(event: SSEEvent, protocol: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(event.data);
  } catch (cause) {
    throw malformed(event, protocol, cause);
  }
  if (typeof value !== 'object' || value === null) throw malformed(event, protocol, undefined);
  return value as Record<string, unknown>;
}

function serverError(message: string | undefined, fallback: string): ChatStreamError {
  return new ChatStreamError(message ?? fallback, { kind: 'server', serverMessage: message });
}

/** `data: token` streams: the data is the delta; `[DONE]` ends; an `event: error` fails the turn with its data. */
export const textProtocol = withEnd((event) => {
  if (event.event === 'error') throw serverError(event.data || undefined, 'The server reported an error');
  if (event.data === DONE_DATA) return DONE;
  return event.data;
}, false);

/** OpenAI chat-completion chunks: `choices[0].delta.content`; role-only and empty deltas are ignored. */
export const openaiProtocol = withEnd((event) => {
  if (event.data === DONE_DATA) return DONE;
  const chunk = parseJSON(event, 'OpenAI');
  if (chunk.error !== undefined && chunk.error !== null) {
    throw serverError(errorMessageOf(chunk.error), 'The model reported an error');
  }
  const choice = Array.isArray(chunk.choices) ? (chunk.choices[0] as Record<string, unknown> | undefined) : undefined;
  if (!choice) return null;
  const delta = choice.delta as Record<string, unknown> | undefined;
  const content = delta?.content ?? choice.text;
  return typeof content === 'string' && content !== '' ? content : null;
}, true);

/** Anthropic Messages events: `content_block_delta` text deltas; `message_stop` ends; `error` fails; `ping` ignored. */
export const anthropicProtocol = withEnd((event) => {
  if (event.event === 'ping' || event.data === '') return null;
  const payload = parseJSON(event, 'Anthropic');
  const type = typeof payload.type === 'string' ? payload.type : event.event;
  switch (type) {
    case 'content_block_delta': {
      const delta = payload.delta as Record<string, unknown> | undefined;
      return delta?.type === 'text_delta' && typeof delta.text === 'string' && delta.text !== '' ? delta.text : null;
    }
    case 'message_stop':
      return DONE;
    case 'error':
      throw serverError(errorMessageOf(payload.error ?? payload), 'The model reported an error');
    default:
      return null;
  }
}, true);

/** The AI SDK UI message stream (v5+): `text-delta` parts; `finish` or `[DONE]` ends; `error` fails. */
export const aiSdkProtocol = withEnd((event) => {
  if (event.data === DONE_DATA) return DONE;
  const part = parseJSON(event, 'AI SDK');
  switch (part.type) {
    case 'text-delta': {
      const delta = part.delta ?? part.textDelta;
      return typeof delta === 'string' && delta !== '' ? delta : null;
    }
    case 'finish':
      return DONE;
    case 'error':
      throw serverError(errorMessageOf(part), 'The server reported an error');
    default:
      return null;
  }
}, true);

const ANTHROPIC_TYPES = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
]);
const AI_SDK_TYPES = new Set([
  'start',
  'start-step',
  'finish-step',
  'text-start',
  'text-delta',
  'text-end',
  'reasoning-start',
  'reasoning-delta',
  'reasoning-end',
  'finish',
  'error',
  'abort',
]);

/** JSON objects that carry their token in a plain field (the common hand-rolled `data: {"content": …}` backend). */
const jsonFieldProtocol = (field: string): ProtocolFn =>
  withEnd((event) => {
    if (event.data === DONE_DATA) return DONE;
    const value = parseJSON(event, 'JSON')[field];
    return typeof value === 'string' && value !== '' ? value : null;
  }, false);

function sniff(event: SSEEvent): ProtocolFn {
  if (ANTHROPIC_TYPES.has(event.event) || event.event === 'error') {
    return event.event === 'error' && !event.data.trimStart().startsWith('{') ? textProtocol : anthropicProtocol;
  }
  const data = event.data.trimStart();
  if (!data.startsWith('{')) return textProtocol;
  let value: unknown;
  try {
    value = JSON.parse(event.data);
  } catch {
    return textProtocol;
  }
  if (typeof value !== 'object' || value === null) return textProtocol;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.choices) || String(record.object ?? '').startsWith('chat.completion')) return openaiProtocol;
  if (typeof record.type === 'string') {
    if (ANTHROPIC_TYPES.has(record.type)) return anthropicProtocol;
    if (AI_SDK_TYPES.has(record.type)) return aiSdkProtocol;
  }
  if ('error' in record) return openaiProtocol;
  for (const field of ['content', 'text', 'delta', 'token']) {
    if (typeof record[field] === 'string') return jsonFieldProtocol(field);
  }
  return textProtocol;
}

/**
 * Build the extractor for one turn. `auto` picks a protocol from the first event that has data and keeps it for the
 * rest of the turn: Anthropic by event names, OpenAI by `choices`, the AI SDK by part `type`, a JSON object with a
 * `content`/`text`/`delta`/`token` string by that field, and anything else as plain text.
 */
export function createProtocol(protocol: ProtocolName | ProtocolFn = 'auto'): ProtocolFn {
  if (typeof protocol === 'function') return protocol;
  switch (protocol) {
    case 'text':
      return textProtocol;
    case 'openai':
      return openaiProtocol;
    case 'anthropic':
      return anthropicProtocol;
    case 'ai-sdk':
      return aiSdkProtocol;
    case 'auto': {
      let chosen: ProtocolFn | undefined;
      const auto: ProtocolFn = (event) => {
        if (chosen) return chosen(event);
        if (event.data === '' && event.event === 'message') return null;
        if (event.data === DONE_DATA) return DONE;
        chosen = sniff(event);
        return chosen(event);
      };
      // Whether the stream must end with a marker is known once a protocol was chosen from the first event.
      return Object.defineProperty(auto, 'expectsEnd', {
        get: () => (chosen as { expectsEnd?: boolean } | undefined)?.expectsEnd === true,
        enumerable: true,
      });
    }
    default:
      throw new TypeError(`Unknown protocol: ${String(protocol)}`);
  }
}
