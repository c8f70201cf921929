/**
 * The AI SDK UI message stream (v5, v6, v7): JSON parts, one per SSE event, ending with `[DONE]`.
 * https://ai-sdk.dev/docs/ai-sdk-ui/stream-protocol
 * Every part type maps to a chunk; metadata-only parts (`start`, `finish-step`, approvals) are recognised and
 * ignored. `finish` carries the finish reason and ends the turn.
 * What the kit's own server (`react-chat-stream/server`) sends beyond the AI SDK's schema is read back here: usage
 * in `messageMetadata.usage` (of `finish` or `message-metadata`), a finish reason the AI SDK lacks (`refusal`) in
 * `messageMetadata.finishReason`, and refusal text blocks and redacted reasoning marked in `providerMetadata`.
 */
import { DONE, type FinishReason, type StreamChunk, type Usage } from '../types.ts';
import {
  builtin, type BuiltinProtocolFn, compact, type Decoded, DONE_DATA, errorMessageOf, numberOf, parseJSON, recordOf, serverError, stringOf,
} from './shared.ts';

/** Part types of the UI message stream other than `data-*`. */
export const AI_SDK_PART_TYPES: ReadonlySet<string> = new Set([
  'start', 'finish', 'abort', 'error', 'message-metadata',
  'start-step', 'finish-step', 'reset-step',
  'text-start', 'text-delta', 'text-end',
  'reasoning-start', 'reasoning-delta', 'reasoning-end', 'reasoning-file',
  'tool-input-start', 'tool-input-delta', 'tool-input-available', 'tool-input-error',
  'tool-output-available', 'tool-output-error', 'tool-output-denied', 'tool-approval-request', 'tool-approval-response',
  'source-url', 'source-document', 'file', 'custom', 'steering-message',
]);

/** True for any UI message stream part type, including every `data-<name>`. */
export function isAiSdkPartType(type: unknown): boolean {
  return typeof type === 'string' && (AI_SDK_PART_TYPES.has(type) || (type.startsWith('data-') && type.length > 5));
}

const FINISH_REASONS: ReadonlySet<string> = new Set(['stop', 'length', 'content-filter', 'tool-calls', 'refusal', 'error', 'other']);

/** The kit server's marks on a part (`providerMetadata.reactChatStream`, KIT_METADATA_KEY on the server). */
const kitMark = (part: Record<string, unknown>) => recordOf(recordOf(part.providerMetadata)?.reactChatStream);

/** The known token counts of an untrusted usage object (finite numbers only), or undefined when there are none. */
function usageOf(value: unknown): Usage | undefined {
  const raw = recordOf(value);
  if (!raw) return undefined;
  const usage: Usage = {};
  for (const key of ['inputTokens', 'outputTokens', 'reasoningTokens', 'cachedInputTokens', 'totalTokens'] as const) usage[key] = numberOf(raw[key]);
  const known = compact(usage);
  return Object.keys(known).length > 0 ? known : undefined;
}

function decode(part: Record<string, unknown>): Decoded {
  const type = part.type;
  const id = stringOf(part.id);
  const toolCallId = stringOf(part.toolCallId) ?? '';
  const toolName = stringOf(part.toolName);
  // Every tool part addresses its call: one without an id cannot be placed.
  if (typeof type === 'string' && type.startsWith('tool-') && !toolCallId) return null;
  switch (type) {
    case 'text-delta': {
      const delta = stringOf(part.delta) ?? stringOf(part.textDelta);
      if (!delta) return null;
      // The kit's server marks each delta of a refusal block (not only its text-start), so no block state is kept.
      if (kitMark(part)?.refusal) return { type: 'refusal-delta', delta };
      return compact({ type: 'text-delta' as const, delta, id });
    }
    case 'text-end':
      return compact({ type: 'text-end' as const, id });
    case 'reasoning-delta': {
      const delta = stringOf(part.delta);
      const redacted = kitMark(part)?.redacted === true;
      return delta || redacted ? compact({ type: 'reasoning-delta' as const, delta: delta ?? '', id, redacted: redacted || undefined }) : null;
    }
    case 'reasoning-end':
      return compact({ type: 'reasoning-end' as const, id });
    case 'tool-input-start':
      return { type: 'tool-input-start', toolCallId, toolName: toolName ?? '' };
    case 'tool-input-delta': {
      const delta = stringOf(part.inputTextDelta);
      return delta ? { type: 'tool-input-delta', toolCallId, delta } : null;
    }
    case 'tool-input-available':
    case 'tool-input-error': {
      const chunk: StreamChunk = { type: 'tool-input-available', toolCallId, input: part.input, ...(toolName !== undefined && { toolName }) };
      if (type === 'tool-input-available') return chunk;
      return [chunk, { type: 'tool-output-error', toolCallId, errorText: stringOf(part.errorText) ?? 'Invalid tool input' }];
    }
    case 'tool-output-available':
      return { type: 'tool-output-available', toolCallId, output: part.output };
    case 'tool-output-error':
    case 'tool-output-denied':
      return {
        type: 'tool-output-error',
        toolCallId,
        errorText: type === 'tool-output-denied' ? 'The tool call was denied' : (stringOf(part.errorText) ?? 'The tool failed'),
      };
    case 'source-url': {
      const url = stringOf(part.url);
      if (!url) return null;
      return { type: 'source', url, ...compact({ sourceId: stringOf(part.sourceId), title: stringOf(part.title) }) };
    }
    case 'source-document': {
      const title = stringOf(part.title);
      if (!title) return null;
      return { type: 'source', title, ...compact({ sourceId: stringOf(part.sourceId), mediaType: stringOf(part.mediaType) }) };
    }
    case 'file': {
      const url = stringOf(part.url);
      const mediaType = stringOf(part.mediaType);
      return url && mediaType ? { type: 'file', url, mediaType, ...compact({ filename: stringOf(part.filename) }) } : null;
    }
    case 'start-step':
      return { type: 'step-start' };
    case 'finish':
    case 'message-metadata': {
      const metadata = recordOf(part.messageMetadata);
      // The metadata's reason is the kit server's own (one the AI SDK's schema has no name for): it wins.
      const raw = stringOf(metadata?.finishReason) ?? stringOf(part.finishReason);
      const finishReason: FinishReason | undefined = raw === undefined ? undefined : FINISH_REASONS.has(raw) ? (raw as FinishReason) : 'other';
      const usage = usageOf(metadata?.usage);
      const chunk: StreamChunk | undefined = finishReason || usage ? compact({ type: 'finish' as const, finishReason, usage }) : undefined;
      if (type === 'message-metadata') return chunk ?? null;
      return chunk ? [chunk, DONE] : DONE;
    }
    case 'abort':
      return DONE;
    case 'error':
      throw serverError(errorMessageOf(part), 'The server reported an error');
    default:
      if (typeof type === 'string' && type.startsWith('data-') && type.length > 5) {
        const chunk: StreamChunk = { type: 'data', name: type.slice(5), data: part.data };
        if (id !== undefined) chunk.id = id;
        if (part.transient === true) chunk.transient = true;
        return chunk;
      }
      return null;
  }
}

/** A decoder for one turn of the AI SDK UI message stream. */
export function createAiSdkProtocol(): BuiltinProtocolFn {
  return builtin((event) => {
    if (event.data === DONE_DATA) return DONE;
    if (event.data === '') return null;
    return decode(parseJSON(event, 'AI SDK'));
  }, true);
}
