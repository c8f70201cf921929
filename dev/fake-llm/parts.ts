import type { FakeLLMOptions, FakeProtocol } from './options.ts';

// The provider protocols' hand-written parts frames (openai, anthropic). ai-sdk and text get theirs from the
// server encoder (fakeChunks.ts) from the same FAKE_* content below.

/** One SSE event of the fake stream (the same shape fakeSSE writes). */
export interface PartFrame {
  event?: string;
  data: string;
}

/** The reasoning the fake model "thinks" when `reasoning` is on, streamed in these pieces. */
export const FAKE_REASONING = ['The user wants ', 'the weather. ', 'I will call ', 'getWeather for Paris ', 'and then answer.'];
/** The tool call made when `tools` is on: its arguments stream in these pieces, then the output. */
export const FAKE_TOOL = {
  toolCallId: 'call_fake_1',
  toolName: 'getWeather',
  argumentPieces: ['{"ci', 'ty":"Pa', 'ris","unit"', ':"celsius"}'],
  output: { city: 'Paris', tempC: 21, sky: 'sunny' },
};
/** The citations sent when `sources` is on. */
export const FAKE_SOURCES = [
  { url: 'https://example.com/weather/paris', title: 'Paris weather' },
  { url: 'https://example.org/climate', title: 'Climate of Paris' },
];

const OPENAI_FINISH = { stop: 'stop', length: 'length', refusal: 'stop', 'content-filter': 'content_filter' } as const;
const ANTHROPIC_STOP = { stop: 'end_turn', length: 'max_tokens', refusal: 'refusal', 'content-filter': 'end_turn' } as const;

const json = (value: unknown) => JSON.stringify(value);
const openai = (delta: Record<string, unknown>, finish: string | null = null) =>
  json({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_764_000_000, model: 'fake-llm', choices: [{ index: 0, delta, finish_reason: finish }] });
const anthropic = (type: string, body: Record<string, unknown>): PartFrame => ({ event: type, data: json({ type, ...body }) });

/** Whether any parts knob is on (otherwise the fake stream is exactly the plain-text one). */
export function hasParts(o: FakeLLMOptions): boolean {
  return o.reasoning || o.tools || o.sources || o.usage || o.finish !== 'stop';
}

/** Where the answer's text tokens go in a protocol with parts: the Anthropic content block index. */
export function textBlockIndex(o: FakeLLMOptions): number {
  return (o.reasoning ? 1 : 0) + (o.tools ? 1 : 0);
}

/** Events before the first text token: reasoning, then the tool call (arguments streamed), then the text opening. */
export function partsPreamble(protocol: FakeProtocol, o: FakeLLMOptions): PartFrame[] {
  const out: PartFrame[] = [];
  const { toolCallId, toolName, argumentPieces } = FAKE_TOOL;
  if (protocol === 'openai') {
    out.push({ data: openai({ role: 'assistant' }) });
    if (o.reasoning) for (const piece of FAKE_REASONING) out.push({ data: openai({ reasoning_content: piece }) });
    if (o.tools) {
      out.push({ data: openai({ tool_calls: [{ index: 0, id: toolCallId, type: 'function', function: { name: toolName, arguments: '' } }] }) });
      for (const piece of argumentPieces) out.push({ data: openai({ tool_calls: [{ index: 0, function: { arguments: piece } }] }) });
    }
  } else if (protocol === 'anthropic') {
    out.push(anthropic('message_start', { message: { id: 'msg_fake', type: 'message', role: 'assistant', content: [], model: 'fake-llm', stop_reason: null, usage: { input_tokens: 12, output_tokens: 1 } } }));
    let index = 0;
    if (o.reasoning) {
      out.push(anthropic('content_block_start', { index, content_block: { type: 'thinking', thinking: '' } }));
      for (const piece of FAKE_REASONING) out.push(anthropic('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } }));
      out.push(anthropic('content_block_stop', { index: index++ }));
    }
    if (o.tools) {
      out.push(anthropic('content_block_start', { index, content_block: { type: 'tool_use', id: toolCallId, name: toolName, input: {} } }));
      for (const piece of argumentPieces) out.push(anthropic('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }));
      out.push(anthropic('content_block_stop', { index: index++ }));
    }
    out.push(anthropic('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    out.push({ event: 'ping', data: json({ type: 'ping' }) });
  }
  return out;
}

/** One answer token: text, or the refusal's text when `finish=refusal` (OpenAI sends refusals as their own delta). */
export function partsToken(protocol: FakeProtocol, o: FakeLLMOptions, text: string): PartFrame | undefined {
  if (protocol === 'openai' && o.finish === 'refusal') return { data: openai({ refusal: text }) };
  if (protocol === 'anthropic') return anthropic('content_block_delta', { index: textBlockIndex(o), delta: { type: 'text_delta', text } });
  return undefined;
}

/** Events after the last token: sources, the finish reason (`finish`) and usage, then the protocol's end. */
export function partsTrailer(protocol: FakeProtocol, o: FakeLLMOptions, tokens: number): PartFrame[] {
  const usage = { input: 12, output: tokens, reasoning: o.reasoning ? FAKE_REASONING.length : 0 };
  if (protocol === 'openai') {
    const out: PartFrame[] = [{ data: openai({}, OPENAI_FINISH[o.finish]) }];
    if (o.usage) {
      out.push({ data: json({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_764_000_000, model: 'fake-llm', choices: [], usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output, completion_tokens_details: { reasoning_tokens: usage.reasoning } } }) });
    }
    return [...out, { data: '[DONE]' }];
  }
  if (protocol === 'anthropic') {
    const index = textBlockIndex(o);
    const out: PartFrame[] = [];
    if (o.sources) {
      for (const s of FAKE_SOURCES) out.push(anthropic('content_block_delta', { index, delta: { type: 'citations_delta', citation: { type: 'web_search_result_location', url: s.url, title: s.title, cited_text: '' } } }));
    }
    out.push(anthropic('content_block_stop', { index }));
    out.push(anthropic('message_delta', { delta: { stop_reason: ANTHROPIC_STOP[o.finish], stop_sequence: null }, usage: { output_tokens: tokens } }));
    out.push(anthropic('message_stop', {}));
    return out;
  }
  return [{ data: '[DONE]' }];
}
