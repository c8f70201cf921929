/**
 * Kit chunks -> the AI SDK UI message stream (https://ai-sdk.dev/docs/ai-sdk-ui/stream-protocol): JSON parts in
 * `data:` events, `start` first, `text-start`/`reasoning-start` before their deltas and `*-end` after, `start-step`
 * and `finish-step` around each step, `finish`, then `data: [DONE]`. The `ai` package validates every part
 * against a strict schema, so only its own fields are written; what the kit has beyond it travels where that schema
 * allows it: usage in `finish.messageMetadata.usage`, a refusal as a text block marked in its `providerMetadata`.
 */
import type { FinishReason, StreamChunk, Usage } from '../../core/types.ts';
import type { ChunkEncoder } from './encoder.ts';

/** The `providerMetadata` key the kit marks its own extras with. */
export const KIT_METADATA_KEY = 'reactChatStream';

type Block = { kind: 'text' | 'reasoning' | 'refusal'; id: string; key?: string };
const REFUSAL_META = { [KIT_METADATA_KEY]: { refusal: true } };
const REDACTED_META = { [KIT_METADATA_KEY]: { redacted: true } };
// The AI SDK's finish reasons have no 'refusal'; it is sent as 'other' and named in the metadata.
const AI_SDK_FINISH = new Set(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'other']);

const part = (value: Record<string, unknown>) => ({ data: JSON.stringify(value) });

/** Create the encoder for one AI SDK UI message stream. */
export function createAiSdkEncoder(messageId?: string): ChunkEncoder {
  let open: Block | undefined;
  let blocks = 0;
  let sources = 0;
  let finishReason: FinishReason | undefined;
  let usage: Usage | undefined;
  const toolNames = new Map<string, string>();
  const dataKeys = new Set<string>();

  function close(out: { data: string }[]): void {
    if (!open) return;
    const type = open.kind === 'reasoning' ? 'reasoning-end' : 'text-end';
    out.push(part({ type, id: open.id }));
    open = undefined;
  }

  function openBlock(out: { data: string }[], kind: Block['kind'], key?: string): Block {
    if (open && open.kind === kind && open.key === key) return open;
    close(out);
    open = { kind, id: `${kind === 'reasoning' ? 'r' : 't'}${blocks++}`, key };
    const meta = kind === 'refusal' ? { providerMetadata: REFUSAL_META } : {};
    out.push(part({ type: kind === 'reasoning' ? 'reasoning-start' : 'text-start', id: open.id, ...meta }));
    return open;
  }

  return {
    start() {
      return [part(messageId === undefined ? { type: 'start' } : { type: 'start', messageId }), part({ type: 'start-step' })];
    },
    encode(chunk: StreamChunk) {
      const out: { data: string }[] = [];
      switch (chunk.type) {
        case 'text-delta':
          if (chunk.delta === '') break;
          out.push(part({ type: 'text-delta', id: openBlock(out, 'text').id, delta: chunk.delta }));
          break;
        case 'refusal-delta':
          if (chunk.delta === '') break;
          out.push(part({ type: 'text-delta', id: openBlock(out, 'refusal').id, delta: chunk.delta, providerMetadata: REFUSAL_META }));
          break;
        case 'reasoning-delta': {
          if (chunk.delta === '' && !chunk.redacted) break;
          const id = openBlock(out, 'reasoning', chunk.id).id;
          out.push(part({ type: 'reasoning-delta', id, delta: chunk.delta, ...(chunk.redacted ? { providerMetadata: REDACTED_META } : {}) }));
          break;
        }
        case 'reasoning-end':
          if (open?.kind === 'reasoning') close(out);
          break;
        case 'tool-input-start':
          close(out);
          toolNames.set(chunk.toolCallId, chunk.toolName);
          out.push(part({ type: 'tool-input-start', toolCallId: chunk.toolCallId, toolName: chunk.toolName }));
          break;
        case 'tool-input-delta':
          close(out);
          if (!toolNames.has(chunk.toolCallId)) {
            toolNames.set(chunk.toolCallId, chunk.toolName ?? '');
            out.push(part({ type: 'tool-input-start', toolCallId: chunk.toolCallId, toolName: chunk.toolName ?? '' }));
          }
          out.push(part({ type: 'tool-input-delta', toolCallId: chunk.toolCallId, inputTextDelta: chunk.delta }));
          break;
        case 'tool-input-available': {
          close(out);
          const toolName = chunk.toolName ?? toolNames.get(chunk.toolCallId) ?? '';
          toolNames.set(chunk.toolCallId, toolName);
          out.push(part({ type: 'tool-input-available', toolCallId: chunk.toolCallId, toolName, input: chunk.input ?? null }));
          break;
        }
        case 'tool-output-available':
          close(out);
          out.push(part({ type: 'tool-output-available', toolCallId: chunk.toolCallId, output: chunk.output ?? null }));
          break;
        case 'tool-output-error':
          close(out);
          out.push(part({ type: 'tool-output-error', toolCallId: chunk.toolCallId, errorText: chunk.errorText }));
          break;
        case 'source': {
          close(out);
          const sourceId = chunk.sourceId ?? `source-${sources++}`;
          if (chunk.url !== undefined) {
            out.push(part({ type: 'source-url', sourceId, url: chunk.url, ...(chunk.title === undefined ? {} : { title: chunk.title }) }));
          } else {
            out.push(part({ type: 'source-document', sourceId, mediaType: chunk.mediaType ?? 'text/plain', title: chunk.title ?? '' }));
          }
          break;
        }
        case 'file':
          close(out);
          out.push(part({ type: 'file', url: chunk.url, mediaType: chunk.mediaType }));
          break;
        case 'data': {
          // A stored data part that is new (not replacing one by name and id) stands between two pieces of text,
          // as the client's parts builder places it: the text block ends. Reasoning is not ended by data there.
          const key = chunk.id === undefined ? undefined : `${chunk.name}:${chunk.id}`;
          if (!chunk.transient && (key === undefined || !dataKeys.has(key)) && open && open.kind !== 'reasoning') close(out);
          if (!chunk.transient && key !== undefined) dataKeys.add(key);
          out.push(part({
            type: `data-${chunk.name}`,
            ...(chunk.id === undefined ? {} : { id: chunk.id }),
            data: chunk.data ?? null,
            ...(chunk.transient ? { transient: true } : {}),
          }));
          break;
        }
        case 'step-start':
          close(out);
          out.push(part({ type: 'finish-step' }), part({ type: 'start-step' }));
          break;
        case 'finish':
          // Recorded here, sent once at the end: a finish chunk does not end the stream by itself.
          if (chunk.finishReason !== undefined) finishReason = chunk.finishReason;
          if (chunk.usage !== undefined) usage = { ...usage, ...chunk.usage };
          break;
      }
      return out;
    },
    end() {
      const out: { data: string }[] = [];
      close(out);
      out.push(part({ type: 'finish-step' }));
      const metadata: Record<string, unknown> = {};
      if (usage) metadata.usage = usage;
      if (finishReason !== undefined && !AI_SDK_FINISH.has(finishReason)) metadata.finishReason = finishReason;
      out.push(part({
        type: 'finish',
        ...(finishReason === undefined ? {} : { finishReason: AI_SDK_FINISH.has(finishReason) ? finishReason : 'other' }),
        ...(Object.keys(metadata).length > 0 ? { messageMetadata: metadata } : {}),
      }));
      out.push({ data: '[DONE]' });
      return out;
    },
    error(message: string) {
      const out: { data: string }[] = [];
      close(out);
      out.push(part({ type: 'error', errorText: message }));
      return out;
    },
    abort() {
      const out: { data: string }[] = [];
      close(out);
      out.push(part({ type: 'abort' }));
      return out;
    },
  };
}
