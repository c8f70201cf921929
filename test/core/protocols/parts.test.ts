import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProtocolName } from '../../../src/core/types.ts';
import { decodeReply, splitBytes } from '../../helpers/decode.ts';
import { aiSdk, anthropic, openai, responses } from '../fixtures/streams.ts';

/** The same stream fed whole and under random byte splits (UTF-8 sequences and CRLFs cut anywhere) gives the same reply. */
function expectSplitInvariant(stream: string, protocol: ProtocolName) {
  const whole = decodeReply(stream, protocol);
  const length = new TextEncoder().encode(stream).length;
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: length }), { maxLength: 40 }), (cuts) => {
      const split = decodeReply(splitBytes(stream, cuts), protocol);
      expect(split.parts).toEqual(whole.parts);
      expect(split.content).toBe(whole.content);
      expect(split.finishReason).toBe(whole.finishReason);
      expect(split.usage).toEqual(whole.usage);
    }),
    { numRuns: 60 },
  );
  return whole;
}

describe('openai (Chat Completions) parts', () => {
  it('streams reasoning_content as a reasoning part before the answer, with usage and finish reason', () => {
    const reply = expectSplitInvariant(openai.reasoning, 'openai');
    expect(reply.parts).toEqual([
      { type: 'reasoning', text: 'The user greets. Reply kindly.', state: 'done', durationMs: 0 },
      { type: 'text', text: 'Hello!' },
    ]);
    expect(reply.content).toBe('Hello!');
    expect(reply.finishReason).toBe('stop');
    expect(reply.usage).toEqual({ inputTokens: 9, outputTokens: 12, totalTokens: 21, reasoningTokens: 8, cachedInputTokens: 2 });
    expect(reply.done).toBe(true);
  });

  it('reads the `reasoning` field that OpenRouter and xAI send', () => {
    expect(decodeReply(openai.reasoningField, 'openai').parts).toEqual([
      { type: 'reasoning', text: 'Hmm.', state: 'done', durationMs: 0 },
      { type: 'text', text: 'Yes.' },
    ]);
  });

  it('shows a refusal as a refusal part, not an empty reply', () => {
    const reply = expectSplitInvariant(openai.refusal, 'openai');
    expect(reply.parts).toEqual([{ type: 'refusal', text: "I'm sorry, I can't help with that." }]);
    expect(reply.content).toBe('');
  });

  it('merges tool_calls by index and parses each call when the choice finishes', () => {
    const reply = expectSplitInvariant(openai.tools, 'openai');
    expect(reply.parts).toEqual([
      { type: 'tool-call', toolCallId: 'call_abc', toolName: 'getWeather', state: 'input-available', inputText: '{"city":"Paris"}', input: { city: 'Paris' } },
      { type: 'tool-call', toolCallId: 'call_def', toolName: 'getTime', state: 'input-available', inputText: '{}', input: {} },
    ]);
    expect(reply.finishReason).toBe('tool-calls');
  });

  it('maps length and content_filter finish reasons', () => {
    expect(decodeReply(openai.length, 'openai').finishReason).toBe('length');
    expect(decodeReply(openai.contentFilter, 'openai')).toMatchObject({ finishReason: 'content-filter', parts: [] });
  });

  it('maps a finish reason it does not know to other', () => {
    const stream = 'data: {"choices":[{"delta":{},"finish_reason":"eos_weird"}]}\n\ndata: [DONE]\n\n';
    expect(decodeReply(stream, 'openai').finishReason).toBe('other');
  });
});

describe('openai-responses parts', () => {
  it('streams reasoning summaries, text and URL citations; the final .done text wins; usage from response.completed', () => {
    const reply = expectSplitInvariant(responses.text, 'openai-responses');
    expect(reply.parts).toEqual([
      { type: 'reasoning', text: 'Thinking about Paris.', state: 'done', durationMs: 0 },
      { type: 'text', text: 'Paris is sunny today.' },
      { type: 'source', url: 'https://weather.example/paris', title: 'Paris weather' },
    ]);
    expect(reply.content).toBe('Paris is sunny today.');
    expect(reply.finishReason).toBe('stop');
    expect(reply.usage).toEqual({ inputTokens: 20, outputTokens: 30, totalTokens: 50, cachedInputTokens: 4, reasoningTokens: 10 });
  });

  it('reports function calls by call_id with streamed arguments, and finishes with tool-calls', () => {
    const reply = expectSplitInvariant(responses.tools, 'openai-responses');
    expect(reply.parts).toEqual([
      { type: 'tool-call', toolCallId: 'call_w1', toolName: 'getWeather', state: 'input-available', inputText: '{"city":"Paris"}', input: { city: 'Paris' } },
    ]);
    expect(reply.finishReason).toBe('tool-calls');
    expect(reply.usage).toEqual({ inputTokens: 5, outputTokens: 7, totalTokens: 12 });
  });

  it('shows a refusal, and maps response.incomplete max_output_tokens to length', () => {
    expect(decodeReply(responses.refusal, 'openai-responses').parts).toEqual([{ type: 'refusal', text: 'I cannot do that.' }]);
    const cut = decodeReply(responses.incomplete, 'openai-responses');
    expect(cut).toMatchObject({ finishReason: 'length', content: 'A long ', usage: { inputTokens: 3, outputTokens: 16, totalTokens: 19 } });
  });

  it('turns response.failed and error events into server errors with their message', () => {
    expect(() => decodeReply(responses.failed, 'openai-responses')).toThrowError(expect.objectContaining({ kind: 'server', message: 'The model crashed' }));
    expect(() => decodeReply(responses.error, 'openai-responses')).toThrowError(expect.objectContaining({ kind: 'server', message: 'Slow down' }));
  });
});

describe('anthropic parts', () => {
  it('streams thinking (signatures ignored), a redacted block and text; usage counts cache reads apart', () => {
    const reply = expectSplitInvariant(anthropic.thinking, 'anthropic');
    expect(reply.parts).toEqual([
      { type: 'reasoning', text: 'Let me add 2 and 2.', state: 'done', durationMs: 0 },
      { type: 'reasoning', text: '', state: 'done', durationMs: 0, redacted: true },
      { type: 'text', text: '2 + 2 = 4' },
    ]);
    expect(reply.finishReason).toBe('stop');
    expect(reply.usage).toEqual({ inputTokens: 25, cachedInputTokens: 100, outputTokens: 42, totalTokens: 67 });
  });

  it('streams a tool_use block with input_json_delta and parses it at content_block_stop', () => {
    const reply = expectSplitInvariant(anthropic.tools, 'anthropic');
    expect(reply.parts).toEqual([
      { type: 'text', text: 'Let me check the weather.' },
      { type: 'tool-call', toolCallId: 'toolu_01', toolName: 'getWeather', state: 'input-available', inputText: '{"city": "Paris"}', input: { city: 'Paris' } },
    ]);
    expect(reply.finishReason).toBe('tool-calls');
  });

  it('turns web search results and citations into sources, each URL once; the server tool call gets its output', () => {
    const reply = expectSplitInvariant(anthropic.webSearch, 'anthropic');
    expect(reply.parts).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'srvtoolu_1',
        toolName: 'web_search',
        state: 'output-available',
        inputText: '{"query": "paris weather"}',
        input: { query: 'paris weather' },
        output: [{ url: 'https://weather.example/paris', title: 'Paris weather' }],
      },
      { type: 'source', url: 'https://weather.example/paris', title: 'Paris weather' },
      { type: 'source', url: 'https://news.example/sun', title: 'Sun news' },
      { type: 'text', text: 'It is sunny.' },
    ]);
  });

  it('maps max_tokens to length and refusal to refusal', () => {
    expect(decodeReply(anthropic.maxTokens, 'anthropic')).toMatchObject({ finishReason: 'length', content: 'The beginning of' });
    expect(decodeReply(anthropic.refusal, 'anthropic')).toMatchObject({ finishReason: 'refusal', parts: [] });
  });
});

describe('ai-sdk parts', () => {
  it('keeps the steps of a multi-step reply apart with step-start, with reasoning, tool call, sources', () => {
    const reply = expectSplitInvariant(aiSdk.multiStep, 'ai-sdk');
    expect(reply.parts).toEqual([
      { type: 'reasoning', text: 'I need the weather.', state: 'done', durationMs: 0 },
      { type: 'text', text: 'Let me check the weather.' },
      { type: 'tool-call', toolCallId: 'call-1', toolName: 'getWeather', state: 'output-available', inputText: '{"city":"Paris"}', input: { city: 'Paris' }, output: { weather: 'sunny' } },
      { type: 'step-start' },
      { type: 'text', text: 'It is sunny' },
      { type: 'source', sourceId: 'src-1', url: 'https://weather.example/paris', title: 'Paris weather' },
      { type: 'source', sourceId: 'src-2', title: 'Climate report', mediaType: 'application/pdf' },
    ]);
    expect(reply.finishReason).toBe('stop');
  });

  it('stores data parts (same id replaces, transient ones never) and files', () => {
    const reply = expectSplitInvariant(aiSdk.dataFirst, 'ai-sdk');
    expect(reply.parts).toEqual([
      { type: 'data', name: 'weather', id: 'w1', data: { city: 'Paris', status: 'sunny' } },
      { type: 'text', text: 'Here it is.' },
      { type: 'file', url: 'https://cdn.example/chart.png', mediaType: 'image/png' },
    ]);
  });

  it('ends tool calls in output-error for tool-output-error and tool-input-error', () => {
    expect(decodeReply(aiSdk.toolErrors, 'ai-sdk').parts).toEqual([
      { type: 'tool-call', toolCallId: 'c1', toolName: 'search', state: 'output-error', inputText: '{"q":"x"}', input: { q: 'x' }, errorText: 'Search is down' },
      { type: 'tool-call', toolCallId: 'c2', toolName: 'lookup', state: 'output-error', inputText: '"not json"', input: 'not json', errorText: 'Invalid input' },
    ]);
  });
});

describe('auto recognises every format by its first event', () => {
  const cases: [string, string, ProtocolName][] = [
    ['openai', openai.tools, 'openai'],
    ['openai-responses', responses.text, 'openai-responses'],
    ['anthropic', anthropic.thinking, 'anthropic'],
    ['ai-sdk', aiSdk.multiStep, 'ai-sdk'],
    ['ai-sdk starting with a data-* part', aiSdk.dataFirst, 'ai-sdk'],
  ];
  it.each(cases)('%s', (_name, stream, protocol) => {
    const auto = decodeReply(stream, 'auto');
    expect(auto.parts).toEqual(decodeReply(stream, protocol).parts);
    expect(auto.expectsEnd).toBe(true);
    expect(auto.content).not.toContain('{');
  });

  it('recognises any AI SDK part type as the first event, including a data-* name', () => {
    for (const first of ['{"type":"data-anything","data":1}', '{"type":"start-step"}', '{"type":"tool-input-start","toolCallId":"a","toolName":"b"}', '{"type":"source-url","sourceId":"s","url":"https://a.example"}', '{"type":"message-metadata","messageMetadata":{}}']) {
      const reply = decodeReply(`data: ${first}\n\ndata: {"type":"text-delta","id":"t","delta":"ok"}\n\ndata: [DONE]\n\n`, 'auto');
      expect(reply.content, first).toBe('ok');
    }
  });

  it('ignores JSON events of unknown shape instead of showing them as raw JSON', () => {
    const reply = decodeReply('data: {"kind":"heartbeat","n":1}\n\ndata: {"content":"hi"}\n\ndata: [DONE]\n\n', 'auto');
    expect(reply.content).toBe('hi');
    const unknownOnly = decodeReply('data: {"foo":1}\n\ndata: {"type":"mystery"}\n\n', 'auto');
    expect(unknownOnly.parts).toEqual([]);
  });

  it('reports expectsEnd from the chosen protocol: false for plain text', () => {
    expect(decodeReply('data: hello\n\n', 'auto').expectsEnd).toBe(false);
  });
});

describe('unknown events inside a known protocol are ignored', () => {
  it.each<[ProtocolName, string]>([
    ['openai', 'data: {"choices":[{"delta":{"audio":{"id":"a"}}}]}\n\ndata: {"choices":[{"delta":{"content":"x"}}]}\n\n'],
    ['openai-responses', 'data: {"type":"response.audio.delta","delta":"AAA"}\n\ndata: {"type":"response.output_text.delta","item_id":"m","content_index":0,"delta":"x"}\n\n'],
    ['anthropic', 'data: {"type":"content_block_delta","index":0,"delta":{"type":"future_delta","x":1}}\n\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}}\n\n'],
    ['ai-sdk', 'data: {"type":"custom","kind":"x"}\n\ndata: {"type":"future-part"}\n\ndata: {"type":"text-delta","id":"t","delta":"x"}\n\n'],
  ])('%s', (protocol, stream) => {
    expect(decodeReply(stream, protocol)).toMatchObject({ content: 'x', parts: [{ type: 'text', text: 'x' }] });
  });
});
