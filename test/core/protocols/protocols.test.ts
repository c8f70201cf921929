import { describe, expect, it } from 'vitest';
import { createProtocol } from '../../../src/core/protocols/index.ts';
import { decode } from '../../helpers/decode.ts';
import { ChatStreamError } from '../../../src/core/errors.ts';
import { DONE, type ProtocolFn, type ProtocolName } from '../../../src/core/types.ts';

/** Run a whole fixture stream through the parser and a protocol, as the store does. */
function run(stream: string, protocol: ProtocolName | ProtocolFn) {
  const { chunks, done } = decode(stream, protocol);
  const deltas = chunks.flatMap((c) => (c.type === 'text-delta' ? [c.delta] : []));
  return { text: deltas.join(''), deltas, done };
}

const openaiFixture = [
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":", **world**\\n\\n```js\\nx\\n```"},"finish_reason":null}]}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}',
  'data: [DONE]',
  'data: {"choices":[{"delta":{"content":"after done"}}]}',
  '',
].join('\n\n');

const anthropicFixture = [
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","role":"assistant","content":[]}}',
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
  'event: ping\ndata: {"type": "ping"}',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Bonjour"}}',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{}"}}',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" 🌍"}}',
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}',
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"}}',
  'event: message_stop\ndata: {"type":"message_stop"}',
  '',
].join('\n\n');

const aiSdkFixture = [
  'data: {"type":"start","messageId":"m1"}',
  'data: {"type":"start-step"}',
  'data: {"type":"text-start","id":"t1"}',
  'data: {"type":"text-delta","id":"t1","delta":"Hi"}',
  'data: {"type":"text-delta","id":"t1","delta":" there"}',
  'data: {"type":"text-end","id":"t1"}',
  'data: {"type":"finish-step"}',
  'data: {"type":"finish"}',
  'data: [DONE]',
  '',
].join('\n\n');

const textFixture = 'data: Hel\n\ndata: lo\ndata: world\n\n: keep-alive\n\ndata:  spaced\n\ndata: [DONE]\n\ndata: late\n\n';

describe('protocols turn fixture streams into text', () => {
  it('text: data is the delta, multi-line data keeps its newline, [DONE] ends', () => {
    expect(run(textFixture, 'text')).toEqual({ text: 'Hello\nworld spaced', deltas: ['Hel', 'lo\nworld', ' spaced'], done: true });
  });

  it('openai: content deltas; role-only, empty and usage chunks are ignored; [DONE] ends', () => {
    const r = run(openaiFixture, 'openai');
    expect(r.text).toBe('Hello, **world**\n\n```js\nx\n```');
    expect(r.deltas).toHaveLength(2);
    expect(r.done).toBe(true);
  });

  it('openai: an error object fails the turn with its message', () => {
    expect(() => run('data: {"error":{"message":"Rate limit reached","type":"requests"}}\n\n', 'openai')).toThrowError(
      expect.objectContaining({ kind: 'server', serverMessage: 'Rate limit reached' }),
    );
  });

  it('openai: malformed JSON is a typed protocol error, not a silent drop', () => {
    expect(() => run('data: {"choices": [\n\n', 'openai')).toThrowError(ChatStreamError);
    expect(() => run('data: {"choices": [\n\n', 'openai')).toThrowError(expect.objectContaining({ kind: 'protocol' }));
  });

  it('anthropic: text deltas, ping and non-text deltas ignored, message_stop ends', () => {
    expect(run(anthropicFixture, 'anthropic')).toEqual({ text: 'Bonjour 🌍', deltas: ['Bonjour', ' 🌍'], done: true });
  });

  it('anthropic: an error event fails with its message', () => {
    const stream = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    expect(() => run(stream, 'anthropic')).toThrowError(expect.objectContaining({ kind: 'server', message: 'Overloaded' }));
  });

  it('ai-sdk: text-delta parts; finish ends; error fails', () => {
    expect(run(aiSdkFixture, 'ai-sdk')).toEqual({ text: 'Hi there', deltas: ['Hi', ' there'], done: true });
    expect(() => run('data: {"type":"error","errorText":"Tool crashed"}\n\n', 'ai-sdk')).toThrowError(
      expect.objectContaining({ kind: 'server', serverMessage: 'Tool crashed' }),
    );
  });

  it('auto: sniffs each format from its first data event', () => {
    expect(run(openaiFixture, 'auto').text).toBe('Hello, **world**\n\n```js\nx\n```');
    expect(run(anthropicFixture, 'auto').text).toBe('Bonjour 🌍');
    expect(run(aiSdkFixture, 'auto').text).toBe('Hi there');
    expect(run(textFixture, 'auto').text).toBe('Hello\nworld spaced');
    expect(run('data: {"content":"a"}\n\ndata: {"content":"b"}\n\ndata: [DONE]\n\n', 'auto').text).toBe('ab');
  });

  it('auto: an OpenAI error as the first event fails the turn', () => {
    expect(() => run('data: {"error":{"message":"Invalid API key"}}\n\n', 'auto')).toThrowError(
      expect.objectContaining({ serverMessage: 'Invalid API key' }),
    );
  });

  it('auto: decides per turn (a fresh extractor does not remember the previous format)', () => {
    const first = createProtocol('auto');
    expect(first({ event: 'message', data: '{"type":"text-delta","delta":"x"}', id: '' })).toEqual({ type: 'text-delta', delta: 'x' });
    const second = createProtocol('auto');
    expect(second({ event: 'message', data: 'plain', id: '' })).toBe('plain');
  });

  it('a custom function is used as is, and DONE ends the turn', () => {
    const custom: ProtocolFn = (e) => (e.event === 'end' ? DONE : e.event === 'token' ? e.data.toUpperCase() : null);
    expect(run('event: token\ndata: a\n\nevent: other\ndata: x\n\nevent: token\ndata: b\n\nevent: end\ndata:\n\nevent: token\ndata: c\n\n', custom)).toEqual({
      text: 'AB',
      deltas: ['A', 'B'],
      done: true,
    });
  });

  it('a custom function may return chunks, or an array of chunks ending with DONE', () => {
    const custom: ProtocolFn = (e) => {
      const value = JSON.parse(e.data) as { think?: string; say?: string; end?: boolean };
      if (value.think) return { type: 'reasoning-delta', delta: value.think };
      if (value.end) return [{ type: 'finish', finishReason: 'stop' }, DONE];
      return value.say ?? null;
    };
    const { chunks, done } = decode('data: {"think":"hm"}\n\ndata: {"say":"hi"}\n\ndata: {"end":true}\n\ndata: {"say":"late"}\n\n', custom);
    expect(chunks).toEqual([
      { type: 'reasoning-delta', delta: 'hm' },
      { type: 'text-delta', delta: 'hi' },
      { type: 'finish', finishReason: 'stop' },
    ]);
    expect(done).toBe(true);
  });

  it('a custom function returning something that is not a chunk is a typed protocol error', () => {
    const custom = (() => 42) as unknown as ProtocolFn;
    expect(() => decode('data: x\n\n', custom)).toThrowError(expect.objectContaining({ kind: 'protocol' }));
  });

  it('built-in decoders say whether their streams promise an end marker', () => {
    for (const name of ['openai', 'openai-responses', 'anthropic', 'ai-sdk'] as const) expect(createProtocol(name).expectsEnd, name).toBe(true);
    expect(createProtocol('text').expectsEnd).toBe(false);
  });
});
