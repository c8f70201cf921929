/**
 * The OpenAI Responses API stream (`protocol=openai-responses`), written as OpenAI sends it: `event: <type>` plus a
 * JSON `data` with a `sequence_number` that counts every event, `response.created` first, each output item
 * (reasoning, function call, message) between `response.output_item.added` and `.done`, text in
 * `response.output_text.delta`, URL citations as `response.output_text.annotation.added`, and
 * `response.completed` (with usage) or `response.incomplete` (`max_output_tokens`, `content_filter`) last; no
 * `[DONE]`. https://platform.openai.com/docs/api-reference/responses-streaming
 */
import type { WireEvent } from '../../src/server/index.ts';
import { FAKE_INPUT_TOKENS } from './fakeChunks.ts';
import type { FakeLLMOptions } from './options.ts';
import { FAKE_REASONING, FAKE_SOURCES, FAKE_TOOL } from './parts.ts';

/** One stream's writer (the same shape fakeSSE uses for every protocol). */
export interface FakeFrameEncoder {
  preamble(): WireEvent[];
  token(text: string): WireEvent[];
  error(message: string): WireEvent[];
  /** `undefined` when the protocol has no JSON to break. */
  malformed(): WireEvent | undefined;
  trailer(tokens: number): WireEvent[];
}

const RESPONSE_ID = 'resp_fake';
const MESSAGE_ID = 'msg_fake';
const REASONING_ID = 'rs_fake';
const CALL_ITEM_ID = 'fc_fake';
const CREATED_S = 1_764_000_000;

/** Create the Responses writer of one stream: it numbers its events and remembers the text for the `.done` events. */
export function createResponsesEncoder(o: FakeLLMOptions): FakeFrameEncoder {
  let sequence = 0;
  let text = '';
  const refusal = o.finish === 'refusal';
  const output: Record<string, unknown>[] = [];
  const reasoningText = FAKE_REASONING.join('');
  const args = FAKE_TOOL.argumentPieces.join('');
  // Output items in order: reasoning, the function call, then the message.
  const messageIndex = (o.reasoning ? 1 : 0) + (o.tools ? 1 : 0);
  const item = { item_id: MESSAGE_ID, output_index: messageIndex, content_index: 0 };

  const event = (type: string, body: Record<string, unknown>): WireEvent => ({
    event: type,
    data: JSON.stringify({ type, sequence_number: sequence++, ...body }),
  });
  const response = (status: string, extra: Record<string, unknown> = {}) => ({
    id: RESPONSE_ID, object: 'response', created_at: CREATED_S, status, model: 'fake-llm', output, ...extra,
  });
  const part = () => (refusal ? { type: 'refusal', refusal: text } : { type: 'output_text', text, annotations: o.sources ? annotations() : [] });
  const annotations = () =>
    FAKE_SOURCES.map((s) => ({ type: 'url_citation', url: s.url, title: s.title, start_index: 0, end_index: text.length }));

  return {
    preamble() {
      const out = [event('response.created', { response: response('in_progress', { usage: null }) })];
      out.push(event('response.in_progress', { response: response('in_progress', { usage: null }) }));
      let index = 0;
      if (o.reasoning) {
        const ids = { item_id: REASONING_ID, output_index: index, summary_index: 0 };
        out.push(event('response.output_item.added', { output_index: index, item: { id: REASONING_ID, type: 'reasoning', summary: [] } }));
        out.push(event('response.reasoning_summary_part.added', { ...ids, part: { type: 'summary_text', text: '' } }));
        for (const delta of FAKE_REASONING) out.push(event('response.reasoning_summary_text.delta', { ...ids, delta }));
        out.push(event('response.reasoning_summary_text.done', { ...ids, text: reasoningText }));
        out.push(event('response.reasoning_summary_part.done', { ...ids, part: { type: 'summary_text', text: reasoningText } }));
        const done = { id: REASONING_ID, type: 'reasoning', summary: [{ type: 'summary_text', text: reasoningText }] };
        output.push(done);
        out.push(event('response.output_item.done', { output_index: index++, item: done }));
      }
      if (o.tools) {
        const call = { id: CALL_ITEM_ID, type: 'function_call', call_id: FAKE_TOOL.toolCallId, name: FAKE_TOOL.toolName };
        const ids = { item_id: CALL_ITEM_ID, output_index: index };
        out.push(event('response.output_item.added', { output_index: index, item: { ...call, arguments: '', status: 'in_progress' } }));
        for (const delta of FAKE_TOOL.argumentPieces) out.push(event('response.function_call_arguments.delta', { ...ids, delta }));
        out.push(event('response.function_call_arguments.done', { ...ids, arguments: args }));
        const done = { ...call, arguments: args, status: 'completed' };
        output.push(done);
        out.push(event('response.output_item.done', { output_index: index++, item: done }));
      }
      out.push(event('response.output_item.added', {
        output_index: messageIndex,
        item: { id: MESSAGE_ID, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
      }));
      out.push(event('response.content_part.added', { ...item, part: refusal ? { type: 'refusal', refusal: '' } : { type: 'output_text', text: '', annotations: [] } }));
      return out;
    },
    token(delta) {
      text += delta;
      return [refusal ? event('response.refusal.delta', { ...item, delta }) : event('response.output_text.delta', { ...item, delta, logprobs: [] })];
    },
    error: (message) => [event('error', { code: 'server_error', message, param: null })],
    malformed: () => ({ event: 'response.output_text.delta', data: `{"type":"response.output_text.delta","item_id":"${MESSAGE_ID}","delta":` }),
    trailer(tokens) {
      const out: WireEvent[] = [];
      if (o.sources && !refusal) {
        annotations().forEach((annotation, annotation_index) =>
          out.push(event('response.output_text.annotation.added', { ...item, annotation_index, annotation })));
      }
      out.push(refusal ? event('response.refusal.done', { ...item, refusal: text }) : event('response.output_text.done', { ...item, text, logprobs: [] }));
      out.push(event('response.content_part.done', { ...item, part: part() }));
      const message = { id: MESSAGE_ID, type: 'message', status: 'completed', role: 'assistant', content: [part()] };
      output.push(message);
      out.push(event('response.output_item.done', { output_index: messageIndex, item: message }));
      const reasoningTokens = o.reasoning ? FAKE_REASONING.length : 0;
      const usage = {
        input_tokens: FAKE_INPUT_TOKENS,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: tokens,
        output_tokens_details: { reasoning_tokens: reasoningTokens },
        total_tokens: FAKE_INPUT_TOKENS + tokens,
      };
      if (o.finish === 'length' || o.finish === 'content-filter') {
        const reason = o.finish === 'length' ? 'max_output_tokens' : 'content_filter';
        out.push(event('response.incomplete', { response: response('incomplete', { incomplete_details: { reason }, usage }) }));
      } else {
        out.push(event('response.completed', { response: response('completed', { incomplete_details: null, usage }) }));
      }
      return out;
    },
  };
}
