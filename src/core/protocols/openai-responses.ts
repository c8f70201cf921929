/**
 * The OpenAI Responses API stream: typed events (`type` starting with `response.`), ending with
 * `response.completed`, `response.incomplete` or `response.failed`.
 * https://platform.openai.com/docs/api-reference/responses-streaming
 * Text and reasoning are keyed by item and content index; function calls by `item_id`, reported with their
 * `call_id`. A final `.done` text that differs from its deltas wins.
 */
import { DONE, type Done, type StreamChunk } from '../types.ts';
import {
  builtin, type BuiltinProtocolFn, compact, type Decoded, DONE_DATA, errorMessageOf, mapFinishReason, numberOf,
  parseJSON, parseToolInput, recordOf, serverError, stringOf, type JSONRecord,
} from './shared.ts';
import { openaiUsage } from './openai.ts';

const INCOMPLETE = { max_output_tokens: 'length', content_filter: 'content-filter' } as const;

interface Call {
  callId: string;
  done: boolean;
}

/** A decoder for one turn of Responses API events. */
export function createOpenAIResponsesProtocol(): BuiltinProtocolFn {
  const calls = new Map<string, Call>();
  let sawFunctionCall = false;

  const key = (event: JSONRecord, index: unknown) => `${stringOf(event.item_id) ?? ''}:${numberOf(index) ?? 0}`;

  const startCall = (item: JSONRecord, out: StreamChunk[]) => {
    const itemId = stringOf(item.id) ?? stringOf(item.call_id) ?? '';
    if (calls.has(itemId)) return calls.get(itemId)!;
    const call: Call = { callId: stringOf(item.call_id) || itemId, done: false };
    calls.set(itemId, call);
    sawFunctionCall = true;
    out.push({ type: 'tool-input-start', toolCallId: call.callId, toolName: stringOf(item.name) ?? '' });
    const args = stringOf(item.arguments);
    if (args) out.push({ type: 'tool-input-delta', toolCallId: call.callId, delta: args });
    return call;
  };

  const finishCall = (call: Call, args: string | undefined, out: StreamChunk[]) => {
    if (call.done) return;
    call.done = true;
    out.push({ type: 'tool-input-available', toolCallId: call.callId, input: args === undefined ? undefined : parseToolInput(args) });
  };

  const decode = (event: JSONRecord): Decoded => {
    const out: StreamChunk[] = [];
    switch (event.type) {
      case 'response.output_text.delta': {
        const delta = stringOf(event.delta);
        return delta ? { type: 'text-delta', delta, id: key(event, event.content_index) } : null;
      }
      case 'response.output_text.done': {
        const text = stringOf(event.text);
        return text === undefined ? null : { type: 'text-end', id: key(event, event.content_index), text };
      }
      case 'response.refusal.delta': {
        const delta = stringOf(event.delta);
        return delta ? { type: 'refusal-delta', delta } : null;
      }
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta': {
        const delta = stringOf(event.delta);
        const index = event.type === 'response.reasoning_text.delta' ? `t${numberOf(event.content_index) ?? 0}` : numberOf(event.summary_index) ?? 0;
        return delta ? { type: 'reasoning-delta', delta, id: `${stringOf(event.item_id) ?? ''}:${index}` } : null;
      }
      case 'response.reasoning_summary_text.done':
      case 'response.reasoning_text.done': {
        const index = event.type === 'response.reasoning_text.done' ? `t${numberOf(event.content_index) ?? 0}` : numberOf(event.summary_index) ?? 0;
        return { type: 'reasoning-end', id: `${stringOf(event.item_id) ?? ''}:${index}` };
      }
      case 'response.output_item.added':
      case 'response.output_item.done': {
        const item = recordOf(event.item);
        if (item?.type !== 'function_call') return null;
        const call = startCall(item, out);
        if (event.type === 'response.output_item.done') finishCall(call, stringOf(item.arguments), out);
        return out;
      }
      case 'response.function_call_arguments.delta': {
        const call = calls.get(stringOf(event.item_id) ?? '');
        const delta = stringOf(event.delta);
        return call && delta ? { type: 'tool-input-delta', toolCallId: call.callId, delta } : null;
      }
      case 'response.function_call_arguments.done': {
        const call = calls.get(stringOf(event.item_id) ?? '');
        if (call) finishCall(call, stringOf(event.arguments), out);
        return out;
      }
      case 'response.output_text.annotation.added': {
        const annotation = recordOf(event.annotation);
        if (annotation?.type === 'url_citation' && stringOf(annotation.url)) {
          return { type: 'source', ...compact({ url: stringOf(annotation.url), title: stringOf(annotation.title) }) };
        }
        if (annotation?.type === 'file_citation' && (stringOf(annotation.filename) || stringOf(annotation.file_id))) {
          return { type: 'source', ...compact({ sourceId: stringOf(annotation.file_id), title: stringOf(annotation.filename) ?? stringOf(annotation.file_id) }) };
        }
        return null;
      }
      case 'response.completed':
      case 'response.incomplete': {
        const response = recordOf(event.response);
        const output = Array.isArray(response?.output) ? response.output : [];
        const hasCalls = sawFunctionCall || output.some((item) => recordOf(item)?.type === 'function_call');
        const finishReason =
          event.type === 'response.completed'
            ? hasCalls ? 'tool-calls' : 'stop'
            : (mapFinishReason(recordOf(response?.incomplete_details)?.reason, INCOMPLETE) ?? 'other');
        const usage = openaiUsage(response?.usage);
        const end: (StreamChunk | Done)[] = [{ type: 'finish', finishReason, ...(usage && { usage }) }, DONE];
        return end;
      }
      case 'response.failed': {
        const response = recordOf(event.response);
        throw serverError(errorMessageOf(response?.error), 'The model failed to respond');
      }
      case 'error':
        throw serverError(errorMessageOf(event), 'The model reported an error');
      default:
        return null;
    }
  };

  return builtin((event) => {
    if (event.data === DONE_DATA) return DONE;
    if (event.data === '') return null;
    return decode(parseJSON(event, 'OpenAI Responses'));
  }, true);
}
