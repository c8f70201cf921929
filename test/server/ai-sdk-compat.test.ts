// @vitest-environment node
import { DefaultChatTransport, readUIMessageStream, type UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { createEventStreamResponse, type SourceItem } from '../../src/server/index.ts';

/** Read a kit-encoded response the way an AI SDK `useChat` does: its own transport, schema and message builder. */
async function readWithAiSdk(items: SourceItem[]): Promise<UIMessage> {
  const transport = new DefaultChatTransport({
    api: 'http://127.0.0.1/api/chat',
    fetch: async () => createEventStreamResponse(items, { heartbeatMs: 0, messageId: 'reply-1' }),
  });
  const chunks = await transport.sendMessages({
    trigger: 'submit-message',
    chatId: 'c1',
    messageId: undefined,
    messages: [],
    abortSignal: undefined,
  });
  let last: UIMessage | undefined;
  for await (const message of readUIMessageStream({
    stream: chunks,
    onError: (error) => {
      throw error;
    },
  })) {
    last = message;
  }
  if (!last) throw new Error('no message');
  return last;
}

describe('the ai-sdk format as the ai package reads it', () => {
  it('builds the same reply from text, reasoning, tool calls, sources, files, data and steps', async () => {
    const message = await readWithAiSdk([
      { type: 'reasoning-delta', delta: 'Think' },
      { type: 'reasoning-delta', delta: 'ing' },
      'Let me check ',
      'the weather.\n\n[DONE]',
      { type: 'tool-input-start', toolCallId: 'call_1', toolName: 'getWeather' },
      { type: 'tool-input-delta', toolCallId: 'call_1', delta: '{"city":' },
      { type: 'tool-input-delta', toolCallId: 'call_1', delta: '"Paris"}' },
      { type: 'tool-input-available', toolCallId: 'call_1', input: { city: 'Paris' } },
      { type: 'tool-output-available', toolCallId: 'call_1', output: { sky: 'sunny' } },
      { type: 'step-start' },
      'It is sunny.',
      { type: 'source', sourceId: 's1', url: 'https://example.com/w', title: 'Weather' },
      { type: 'file', url: 'https://example.com/a.png', mediaType: 'image/png' },
      { type: 'data', name: 'weather', id: 'w1', data: { temp: 21 } },
      { type: 'finish', finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 5 } },
    ]);
    expect(message.id).toBe('reply-1');
    expect(message.metadata).toEqual({ usage: { inputTokens: 10, outputTokens: 5 } });
    const parts = message.parts.map((p) => {
      const { providerMetadata: _ignored, ...rest } = p as Record<string, unknown>;
      return JSON.parse(JSON.stringify(rest)) as unknown;
    });
    // toMatchObject: the ai package adds its own fields (block ids, provider metadata); ours must all be there.
    expect(parts).toMatchObject([
      { type: 'step-start' },
      { type: 'reasoning', text: 'Thinking', state: 'done' },
      { type: 'text', text: 'Let me check the weather.\n\n[DONE]', state: 'done' },
      {
        type: 'tool-getWeather',
        toolCallId: 'call_1',
        state: 'output-available',
        input: { city: 'Paris' },
        output: { sky: 'sunny' },
      },
      { type: 'step-start' },
      { type: 'text', text: 'It is sunny.', state: 'done' },
      { type: 'source-url', sourceId: 's1', url: 'https://example.com/w', title: 'Weather' },
      { type: 'file', url: 'https://example.com/a.png', mediaType: 'image/png' },
      { type: 'data-weather', id: 'w1', data: { temp: 21 } },
    ]);
  });

  it('reports a failed source through the ai package as an error with the message', async () => {
    async function* failing() {
      yield 'partial';
      throw new Error('model overloaded');
    }
    const transport = new DefaultChatTransport({
      api: 'http://127.0.0.1/api/chat',
      fetch: async () => createEventStreamResponse(failing(), { heartbeatMs: 0 }),
    });
    const chunks = await transport.sendMessages({ trigger: 'submit-message', chatId: 'c1', messageId: undefined, messages: [], abortSignal: undefined });
    const seen: unknown[] = [];
    for await (const chunk of chunks as unknown as AsyncIterable<{ type: string }>) seen.push(chunk);
    expect(seen).toContainEqual({ type: 'error', errorText: 'model overloaded' });
  });
});
