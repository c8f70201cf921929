/**
 * OpenAI Chat Completions chunks (and the many servers that copy them: DeepSeek, xAI, OpenRouter, vLLM, LiteLLM).
 * https://platform.openai.com/docs/api-reference/chat-streaming
 * `delta.tool_calls` arrive in pieces keyed by `index` (id and name on the first piece); a call's arguments are
 * parsed once the choice finishes. The usage-only final chunk has `choices: []`.
 */
import { DONE, type Done, type StreamChunk, type Usage } from '../types.ts';
import {
  builtin, type BuiltinProtocolFn, compact, DONE_DATA, errorMessageOf, mapFinishReason, numberOf, parseJSON,
  parseToolInput, recordOf, serverError, stringOf,
} from './shared.ts';

const FINISH = { stop: 'stop', length: 'length', tool_calls: 'tool-calls', function_call: 'tool-calls', content_filter: 'content-filter' } as const;

/** OpenAI usage (Chat Completions and Responses name fields differently). */
export function openaiUsage(value: unknown): Usage | undefined {
  const usage = recordOf(value);
  if (!usage) return undefined;
  const input = recordOf(usage.prompt_tokens_details) ?? recordOf(usage.input_tokens_details);
  const output = recordOf(usage.completion_tokens_details) ?? recordOf(usage.output_tokens_details);
  return compact({
    inputTokens: numberOf(usage.prompt_tokens) ?? numberOf(usage.input_tokens),
    outputTokens: numberOf(usage.completion_tokens) ?? numberOf(usage.output_tokens),
    reasoningTokens: numberOf(output?.reasoning_tokens),
    cachedInputTokens: numberOf(input?.cached_tokens),
    totalTokens: numberOf(usage.total_tokens),
  });
}

interface OpenCall {
  id: string;
  args: string;
  done: boolean;
}

/** A decoder for one turn of Chat Completions chunks. */
export function createOpenAIProtocol(): BuiltinProtocolFn {
  const calls = new Map<number, OpenCall>();

  const completeCalls = (out: StreamChunk[]) => {
    for (const call of calls.values()) {
      if (call.done) continue;
      call.done = true;
      out.push({ type: 'tool-input-available', toolCallId: call.id, input: parseToolInput(call.args) });
    }
  };

  return builtin((event) => {
    if (event.data === DONE_DATA) {
      const out: (StreamChunk | Done)[] = [];
      completeCalls(out as StreamChunk[]);
      out.push(DONE);
      return out;
    }
    if (event.data === '') return null;
    const chunk = parseJSON(event, 'OpenAI');
    if (chunk.error !== undefined && chunk.error !== null) {
      throw serverError(errorMessageOf(chunk.error), 'The model reported an error');
    }
    const out: StreamChunk[] = [];
    const choice = Array.isArray(chunk.choices) ? recordOf(chunk.choices[0]) : undefined;
    if (choice) {
      const delta = recordOf(choice.delta);
      const reasoning = stringOf(delta?.reasoning_content) ?? stringOf(delta?.reasoning);
      if (reasoning) out.push({ type: 'reasoning-delta', delta: reasoning });
      const content = stringOf(delta?.content) ?? stringOf(choice.text);
      if (content) out.push({ type: 'text-delta', delta: content });
      const refusal = stringOf(delta?.refusal);
      if (refusal) out.push({ type: 'refusal-delta', delta: refusal });
      if (Array.isArray(delta?.tool_calls)) {
        delta.tool_calls.forEach((raw, position) => {
          const piece = recordOf(raw);
          if (!piece) return;
          const index = numberOf(piece.index) ?? position;
          const fn = recordOf(piece.function);
          let call = calls.get(index);
          if (!call || call.done) {
            call = { id: stringOf(piece.id) || `call_${index}`, args: '', done: false };
            calls.set(index, call);
            out.push({ type: 'tool-input-start', toolCallId: call.id, toolName: stringOf(fn?.name) ?? '' });
          }
          const args = stringOf(fn?.arguments);
          if (args) {
            call.args += args;
            out.push({ type: 'tool-input-delta', toolCallId: call.id, delta: args });
          }
        });
      }
      const finishReason = mapFinishReason(choice.finish_reason, FINISH);
      if (finishReason) {
        completeCalls(out);
        out.push({ type: 'finish', finishReason });
      }
    }
    const usage = openaiUsage(chunk.usage);
    if (usage) out.push({ type: 'finish', usage });
    return out.length === 0 ? null : out;
  }, true);
}
