import { describe, expect, it } from 'vitest';
import { ChatStore } from '../../src/core/index.ts';
import type { ChatMessage, ToolCallPart } from '../../src/core/types.ts';
import { createFakeFetch, fakeAnswer } from '../../dev/fake-llm/index.ts';
import { FAKE_REASONING, FAKE_SOURCES, FAKE_TOOL } from '../../dev/fake-llm/parts.ts';

async function reply(query: string, protocol: 'openai' | 'openai-responses' | 'anthropic' | 'ai-sdk' | 'text'): Promise<ChatMessage> {
  const store = new ChatStore({ api: `/api/chat?protocol=${protocol}&tokens=12&${query}`, fetch: createFakeFetch(), protocol, flush: 0 });
  await store.send('Weather in Paris?');
  return store.getSnapshot().messages.at(-1)!;
}

const answer = fakeAnswer({ tokens: 12 });

describe('fake-llm parts knobs, decoded by the real protocols', () => {
  for (const protocol of ['openai', 'openai-responses', 'anthropic', 'ai-sdk'] as const) {
    it(`${protocol}: streams reasoning, a tool call with streamed arguments, then the answer`, async () => {
      const message = await reply('reasoning=true&tools=true&sources=true&usage=true', protocol);
      expect(message.status).toBe('done');
      // openai-responses: see the known core bug below.
      if (protocol !== 'openai-responses') expect(message.content).toBe(answer);
      const kinds = message.parts!.map((p) => p.type).filter((t) => t !== 'step-start');
      expect(kinds.slice(0, 3)).toEqual(['reasoning', 'tool-call', 'text']);
      const reasoning = message.parts!.find((p) => p.type === 'reasoning');
      expect(reasoning).toMatchObject({ text: FAKE_REASONING.join(''), state: 'done' });
      const tool = message.parts!.find((p): p is ToolCallPart => p.type === 'tool-call')!;
      expect(tool).toMatchObject({ toolName: 'getWeather', inputText: FAKE_TOOL.argumentPieces.join(''), input: { city: 'Paris', unit: 'celsius' } });
      if (protocol === 'ai-sdk') expect(tool).toMatchObject({ state: 'output-available', output: FAKE_TOOL.output });
      const sources = message.parts!.filter((p) => p.type === 'source');
      // OpenAI Chat Completions has no citations on the wire.
      expect(sources.map((s) => s.type === 'source' && s.url)).toEqual(protocol === 'openai' ? [] : FAKE_SOURCES.map((s) => s.url));
      if (protocol !== 'ai-sdk') expect(message.usage?.outputTokens).toBe(12);
    });

    it(`${protocol}: a token-limit cut ends with finishReason length`, async () => {
      const message = await reply('finish=length', protocol);
      expect(message.finishReason).toBe('length');
      if (protocol !== 'openai-responses') expect(message.content).toBe(answer);
    });
  }

  it('openai: finish=refusal streams the answer as a refusal part, not text', async () => {
    const message = await reply('finish=refusal', 'openai');
    expect(message.content).toBe('');
    expect(message.parts).toEqual([{ type: 'refusal', text: answer }]);
  });

  it('openai-responses: finish=refusal streams the answer as a refusal part', async () => {
    const message = await reply('finish=refusal', 'openai-responses');
    expect(message.content).toBe('');
    expect(message.parts).toEqual([{ type: 'refusal', text: answer }]);
  });

  it('openai-responses: a content-filter cut ends as response.incomplete with finishReason content-filter', async () => {
    const message = await reply('finish=content-filter', 'openai-responses');
    expect(message.finishReason).toBe('content-filter');
  });

  // Real Responses streams close each text with `response.output_text.done`: the turn must keep the delta's id so
  // that closing text replaces, not repeats, what streamed (it showed twice before).
  it('openai-responses: the answer shows exactly once through the ChatStore', async () => {
    const message = await reply('', 'openai-responses');
    expect(message.content).toBe(answer);
    expect(message.parts!.filter((p) => p.type === 'text')).toEqual([{ type: 'text', text: answer }]);
  });

  it('openai-responses: a tool call ends with finishReason tool-calls and the call id as toolCallId', async () => {
    const message = await reply('tools=true', 'openai-responses');
    expect(message.finishReason).toBe('tool-calls');
    expect(message.parts!.find((p) => p.type === 'tool-call')).toMatchObject({ toolCallId: FAKE_TOOL.toolCallId, state: 'input-available' });
  });

  it('anthropic: finish=refusal ends with finishReason refusal', async () => {
    expect((await reply('finish=refusal', 'anthropic')).finishReason).toBe('refusal');
  });

  it('text: parts knobs change nothing (the text protocol carries text only)', async () => {
    const message = await reply('reasoning=true&tools=true', 'text');
    expect(message.parts).toEqual([{ type: 'text', text: answer }]);
  });
});
