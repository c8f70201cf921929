/**
 * Wire protocols: each turns one SSE event into typed chunks (text, reasoning, tools, sources, finish), `DONE`,
 * or nothing. They know nothing of fetch, retries or React; a server-side error inside the stream is thrown as a
 * `ChatStreamError` (kind `server`). Decoders with state (tool calls, content blocks) are made once per turn.
 */
import { DONE, type ProtocolFn, type ProtocolName, type SSEEvent } from '../types.ts';
import { createAiSdkProtocol, isAiSdkPartType } from './ai-sdk.ts';
import { ANTHROPIC_EVENT_TYPES, createAnthropicProtocol } from './anthropic.ts';
import { createOpenAIProtocol } from './openai.ts';
import { createOpenAIResponsesProtocol } from './openai-responses.ts';
import { builtin, type BuiltinProtocolFn, DONE_DATA, recordOf } from './shared.ts';
import { textProtocol } from './text.ts';

export { createAiSdkProtocol, isAiSdkPartType, AI_SDK_PART_TYPES } from './ai-sdk.ts';
export { createAnthropicProtocol } from './anthropic.ts';
export { createOpenAIProtocol } from './openai.ts';
export { createOpenAIResponsesProtocol } from './openai-responses.ts';
export { textProtocol } from './text.ts';
export { deliverResult } from './custom.ts';
export { errorMessageOf, MALFORMED_EVENT_MESSAGE, type BuiltinProtocolFn } from './shared.ts';

/** JSON objects that carry their token in a plain field (the common hand-rolled `data: {"content": …}` backend). */
function jsonFieldProtocol(field: string): BuiltinProtocolFn {
  return builtin((event) => {
    if (event.data === DONE_DATA) return DONE;
    let value: unknown;
    try {
      value = recordOf(JSON.parse(event.data))?.[field];
    } catch {
      return null;
    }
    return typeof value === 'string' && value !== '' ? value : null;
  }, false);
}

/**
 * Pick a decoder from one event, or `undefined` when the event says nothing yet (a JSON object of unknown
 * shape is skipped, never shown as raw JSON).
 */
function sniff(event: SSEEvent): BuiltinProtocolFn | undefined {
  if (event.event.startsWith('response.')) return createOpenAIResponsesProtocol();
  if (ANTHROPIC_EVENT_TYPES.has(event.event)) return createAnthropicProtocol();
  const data = event.data.trimStart();
  // An `event: error` fails the turn whatever the format; the Anthropic decoder reads any JSON error shape.
  if (event.event === 'error') return data.startsWith('{') ? createAnthropicProtocol() : textProtocol;
  if (!data.startsWith('{')) {
    if (event.event === 'error' || data !== '') return textProtocol;
    return undefined;
  }
  let record: Record<string, unknown> | undefined;
  try {
    record = recordOf(JSON.parse(event.data));
  } catch {
    return textProtocol;
  }
  if (!record) return textProtocol;
  const type = record.type;
  if (Array.isArray(record.choices) || String(record.object ?? '').startsWith('chat.completion')) return createOpenAIProtocol();
  if (typeof type === 'string') {
    if (type.startsWith('response.')) return createOpenAIResponsesProtocol();
    if (ANTHROPIC_EVENT_TYPES.has(type)) return createAnthropicProtocol();
    // An Anthropic error event has `error.type`; the Responses API's has `code`/`message` at the top.
    if (type === 'error' && !('errorText' in record) && ('code' in record || 'message' in record)) return createOpenAIResponsesProtocol();
    if (isAiSdkPartType(type)) return createAiSdkProtocol();
  }
  if ('error' in record) return createOpenAIProtocol();
  for (const field of ['content', 'text', 'delta', 'token']) {
    if (typeof record[field] === 'string') return jsonFieldProtocol(field);
  }
  return undefined;
}

function autoProtocol(): BuiltinProtocolFn {
  let chosen: BuiltinProtocolFn | undefined;
  const fn: ProtocolFn = (event) => {
    if (chosen) return chosen(event);
    if (event.data === DONE_DATA) return DONE;
    if (event.data === '' && event.event === 'message') return null;
    chosen = sniff(event);
    return chosen ? chosen(event) : null;
  };
  // Read when the stream ends: whether the protocol picked for this turn promises an end marker.
  return Object.defineProperty(fn, 'expectsEnd', { get: () => chosen?.expectsEnd ?? false, enumerable: true }) as BuiltinProtocolFn;
}

/**
 * Build the decoder for one turn. `auto` picks a protocol from the first event it can recognise and keeps it for
 * the rest of the turn: the Responses API by `response.*` types, Anthropic by event names, OpenAI Chat Completions
 * by `choices`, the AI SDK by any part `type` (including every `data-*`), a JSON object with a
 * `content`/`text`/`delta`/`token` string by that field, and non-JSON data as plain text. A custom function is
 * used as is.
 */
export function createProtocol(protocol: ProtocolName | ProtocolFn = 'auto'): ProtocolFn & { readonly expectsEnd?: boolean } {
  if (typeof protocol === 'function') return protocol;
  switch (protocol) {
    case 'text':
      return textProtocol;
    case 'openai':
      return createOpenAIProtocol();
    case 'openai-responses':
      return createOpenAIResponsesProtocol();
    case 'anthropic':
      return createAnthropicProtocol();
    case 'ai-sdk':
      return createAiSdkProtocol();
    case 'auto':
      return autoProtocol();
    default:
      throw new TypeError(`Unknown protocol: ${String(protocol)}`);
  }
}
