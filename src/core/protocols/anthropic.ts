/**
 * Anthropic Messages streaming events.
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * Content blocks are addressed by `index`: text, thinking (signatures ignored), redacted thinking, `tool_use` and
 * `server_tool_use` (arguments as `input_json_delta`), web search results and citations (sources, each URL once).
 */
import { DONE, type StreamChunk, type Usage } from '../types.ts';
import {
  builtin, type BuiltinProtocolFn, compact, type Decoded, errorMessageOf, mapFinishReason, numberOf, parseJSON,
  parseToolInput, recordOf, serverError, stringOf, type JSONRecord,
} from './shared.ts';

const STOP = { end_turn: 'stop', stop_sequence: 'stop', max_tokens: 'length', tool_use: 'tool-calls', refusal: 'refusal' } as const;

/** Event names of the Messages stream (also the `type` of each payload). */
export const ANTHROPIC_EVENT_TYPES: ReadonlySet<string> = new Set([
  'message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop', 'ping',
]);

function anthropicUsage(value: unknown): Usage | undefined {
  const usage = recordOf(value);
  if (!usage) return undefined;
  const result = compact({
    inputTokens: numberOf(usage.input_tokens),
    outputTokens: numberOf(usage.output_tokens),
    cachedInputTokens: numberOf(usage.cache_read_input_tokens),
  });
  return Object.keys(result).length > 0 ? result : undefined;
}

interface Block {
  kind: 'text' | 'reasoning' | 'tool' | 'other';
  toolCallId?: string;
  json: string;
}

/** A decoder for one turn of Messages events. */
export function createAnthropicProtocol(): BuiltinProtocolFn {
  const blocks = new Map<number, Block>();
  const seenUrls = new Set<string>();

  const source = (url: string | undefined, title: string | undefined, out: StreamChunk[]) => {
    if (url) {
      if (seenUrls.has(url)) return;
      seenUrls.add(url);
    } else if (!title) return;
    out.push({ type: 'source', ...compact({ url, title }) });
  };

  const start = (index: number, block: JSONRecord, out: StreamChunk[]) => {
    const id = `b${index}`;
    switch (block.type) {
      case 'text': {
        blocks.set(index, { kind: 'text', json: '' });
        const text = stringOf(block.text);
        if (text) out.push({ type: 'text-delta', delta: text, id });
        return;
      }
      case 'thinking': {
        blocks.set(index, { kind: 'reasoning', json: '' });
        const text = stringOf(block.thinking);
        if (text) out.push({ type: 'reasoning-delta', delta: text, id });
        return;
      }
      case 'redacted_thinking':
        blocks.set(index, { kind: 'reasoning', json: '' });
        out.push({ type: 'reasoning-delta', delta: '', id, redacted: true });
        return;
      case 'tool_use':
      case 'server_tool_use': {
        const toolCallId = stringOf(block.id) || `tool_${index}`;
        blocks.set(index, { kind: 'tool', toolCallId, json: '' });
        out.push({ type: 'tool-input-start', toolCallId, toolName: stringOf(block.name) ?? '' });
        return;
      }
      case 'web_search_tool_result': {
        blocks.set(index, { kind: 'other', json: '' });
        const toolCallId = stringOf(block.tool_use_id);
        const content = block.content;
        if (Array.isArray(content)) {
          const results: { url?: string; title?: string }[] = [];
          for (const raw of content) {
            const item = recordOf(raw);
            if (item?.type !== 'web_search_result') continue;
            const entry = compact({ url: stringOf(item.url), title: stringOf(item.title) });
            results.push(entry);
            source(entry.url, entry.title, out);
          }
          if (toolCallId) out.unshift({ type: 'tool-output-available', toolCallId, output: results });
        } else if (toolCallId) {
          const code = stringOf(recordOf(content)?.error_code);
          out.push({ type: 'tool-output-error', toolCallId, errorText: code ? `Web search failed: ${code}` : 'Web search failed' });
        }
        return;
      }
      default:
        blocks.set(index, { kind: 'other', json: '' });
    }
  };

  const decode = (payload: JSONRecord, type: unknown): Decoded => {
    const out: StreamChunk[] = [];
    const index = numberOf(payload.index) ?? 0;
    switch (type) {
      case 'message_start': {
        const usage = anthropicUsage(recordOf(payload.message)?.usage);
        return usage ? { type: 'finish', usage } : null;
      }
      case 'content_block_start': {
        const block = recordOf(payload.content_block);
        if (block) start(index, block, out);
        return out;
      }
      case 'content_block_delta': {
        const delta = recordOf(payload.delta);
        const id = `b${index}`;
        switch (delta?.type) {
          case 'text_delta': {
            const text = stringOf(delta.text);
            return text ? { type: 'text-delta', delta: text, id } : null;
          }
          case 'thinking_delta': {
            const text = stringOf(delta.thinking);
            return text ? { type: 'reasoning-delta', delta: text, id } : null;
          }
          case 'input_json_delta': {
            const block = blocks.get(index);
            const json = stringOf(delta.partial_json);
            if (!json || block?.kind !== 'tool') return null;
            block.json += json;
            return { type: 'tool-input-delta', toolCallId: block.toolCallId!, delta: json };
          }
          case 'citations_delta': {
            const citation = recordOf(delta.citation);
            if (citation) source(stringOf(citation.url), stringOf(citation.title) ?? stringOf(citation.document_title), out);
            return out;
          }
          default:
            return null;
        }
      }
      case 'content_block_stop': {
        const block = blocks.get(index);
        if (block?.kind === 'reasoning') return { type: 'reasoning-end', id: `b${index}` };
        if (block?.kind === 'tool') {
          block.kind = 'other';
          return { type: 'tool-input-available', toolCallId: block.toolCallId!, input: parseToolInput(block.json) };
        }
        return null;
      }
      case 'message_delta': {
        const finishReason = mapFinishReason(recordOf(payload.delta)?.stop_reason, STOP);
        const usage = anthropicUsage(payload.usage);
        if (!finishReason && !usage) return null;
        return { type: 'finish', ...compact({ finishReason, usage }) };
      }
      case 'message_stop':
        return DONE;
      case 'error':
        throw serverError(errorMessageOf(payload.error ?? payload), 'The model reported an error');
      default:
        return null;
    }
  };

  return builtin((event) => {
    if (event.event === 'ping' || event.data === '') return null;
    const payload = parseJSON(event, 'Anthropic');
    return decode(payload, typeof payload.type === 'string' ? payload.type : event.event);
  }, true);
}
