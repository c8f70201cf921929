// @vitest-environment node
// A real AI SDK route (streamText + toUIMessageStreamResponse, validateUIMessages, convertToModelMessages) with
// the SDK's own mock model: the request `aiSdkRequest` builds must be what the route was written for.
import { jsonSchema, tool } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createChatRoute } from '../../examples/backend/ai-sdk-route.ts';
import { aiSdkRequest } from '../../src/core/ai-sdk-request.ts';
import { ChatStore } from '../../src/core/chat-store.ts';
import type { ChatMessage, ChatStreamOptions } from '../../src/core/types.ts';

type Part = Record<string, unknown> & { type: string };
const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

/** A mock model that thinks, calls `weather` once, then answers; it records every prompt it is given. */
function weatherModel() {
  const prompts: unknown[] = [];
  const stream = (parts: Part[]) =>
    new ReadableStream({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
      },
    });
  const model = new MockLanguageModelV4({
    doStream: async ({ prompt }) => {
      prompts.push(prompt);
      const calledTool = JSON.stringify(prompt).includes('"tool-result"');
      const parts: Part[] = calledTool
        ? [
            { type: 'text-start', id: 't2' },
            { type: 'text-delta', id: 't2', delta: 'It is 21 °C in Paris.' },
            { type: 'text-end', id: 't2' },
            { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
          ]
        : [
            { type: 'reasoning-start', id: 'r1' },
            { type: 'reasoning-delta', id: 'r1', delta: 'The user wants the weather.' },
            { type: 'reasoning-end', id: 'r1' },
            { type: 'text-start', id: 't1' },
            { type: 'text-delta', id: 't1', delta: 'Let me check. ' },
            { type: 'text-end', id: 't1' },
            { type: 'tool-call', toolCallId: 'call-1', toolName: 'weather', input: '{"city":"Paris"}' },
            { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage },
          ];
      return { stream: stream(parts) as never };
    },
  });
  return { model, prompts };
}

const weather = tool({
  description: 'Current temperature',
  inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
  execute: async ({ city }) => ({ city, tempC: 21 }),
});

function setup(options: Partial<ChatStreamOptions> = {}) {
  const { model, prompts } = weatherModel();
  const route = createChatRoute({ model, tools: { weather } });
  const bodies: Record<string, unknown>[] = [];
  const statuses: number[] = [];
  let n = 0;
  const store = new ChatStore({
    api: '/api/chat',
    id: 'chat-1',
    retry: false,
    generateId: () => `m${++n}`,
    fetch: async (url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      const response = await route(new Request(new URL(String(url), 'http://127.0.0.1'), init));
      statuses.push(response.status);
      return response;
    },
    ...options,
  });
  return { store, prompts, bodies, statuses };
}

/** An earlier turn as `useChat` would have kept it: reasoning, text, a tool call with its result. */
const history: ChatMessage[] = [
  { id: 'u0', role: 'user', content: 'Weather in Paris?' },
  {
    id: 'a0',
    role: 'assistant',
    content: 'Let me check. It is 21 °C.',
    status: 'done',
    parts: [
      { type: 'reasoning', text: 'The user wants the weather.', state: 'done' },
      { type: 'text', text: 'Let me check. ' },
      {
        type: 'tool-call',
        toolCallId: 'call-0',
        toolName: 'weather',
        state: 'output-available',
        inputText: '{"city":"Paris"}',
        input: { city: 'Paris' },
        output: { city: 'Paris', tempC: 21 },
      },
      { type: 'step-start' },
      { type: 'text', text: 'It is 21 °C.' },
    ],
  },
];

describe('aiSdkRequest against a real AI SDK route', () => {
  it('is rejected by the route without the preset (the request shape the issue reports)', async () => {
    const { store, statuses } = setup({ prepareRequest: undefined });
    await store.send('Hi');
    expect(statuses).toEqual([400]);
    expect(store.getSnapshot().status).toBe('error');
  });

  it('sends { id, messages: UIMessage[], trigger, messageId } and streams the reply of a tool-using model', async () => {
    const { store, bodies, prompts, statuses } = setup({ prepareRequest: aiSdkRequest, body: { model: 'mini' } });
    await store.send('Weather in Paris?');
    expect(statuses).toEqual([200]);
    expect(bodies[0]).toEqual({
      model: 'mini',
      id: 'chat-1',
      messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Weather in Paris?', state: 'done' }] }],
      trigger: 'submit-message',
    });
    expect(prompts[0]).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] }]);
    const reply = store.getSnapshot().messages.at(-1)!;
    expect(reply).toMatchObject({ id: 'm2', role: 'assistant', status: 'done' });
    expect(reply.content).toContain('Let me check.');
  });

  it('sends earlier reasoning, tool calls and results back as UIMessage parts the model sees', async () => {
    const { store, bodies, prompts, statuses } = setup({ prepareRequest: aiSdkRequest, initialMessages: history });
    await store.send('And tomorrow?');
    expect(statuses).toEqual([200]);
    const sent = bodies[0]!.messages as { parts: Part[] }[];
    expect(sent[1]!.parts).toEqual([
      { type: 'reasoning', text: 'The user wants the weather.', state: 'done' },
      { type: 'text', text: 'Let me check. ', state: 'done' },
      {
        type: 'tool-weather',
        toolCallId: 'call-0',
        state: 'output-available',
        input: { city: 'Paris' },
        output: { city: 'Paris', tempC: 21 },
      },
      { type: 'step-start' },
      { type: 'text', text: 'It is 21 °C.', state: 'done' },
    ]);
    const prompt = JSON.stringify(prompts[0]);
    expect(prompt).toContain('"type":"reasoning"');
    expect(prompt).toContain('"toolCallId":"call-0"');
    expect(prompt).toContain('"type":"tool-result"');
    expect(prompt).toContain('And tomorrow?');
  });

  it('regenerates a reply as regenerate-message with its id, the conversation cut before it', async () => {
    const { store, bodies, statuses } = setup({ prepareRequest: aiSdkRequest, initialMessages: history });
    await store.regenerate('a0');
    expect(statuses).toEqual([200]);
    expect(bodies[0]).toMatchObject({ id: 'chat-1', trigger: 'regenerate-message', messageId: 'a0' });
    expect((bodies[0]!.messages as { id: string }[]).map((m) => m.id)).toEqual(['u0']);
    expect(store.getSnapshot().messages.map((m) => m.id)).toEqual(['u0', 'a0']);
  });

  it('sends an edit as submit-message with the edited message id and its new text', async () => {
    const { store, bodies, prompts } = setup({ prepareRequest: aiSdkRequest, initialMessages: history });
    await store.edit('u0', 'Weather in Lyon?');
    expect(bodies[0]).toMatchObject({
      trigger: 'submit-message',
      messageId: 'u0',
      messages: [{ id: 'u0', role: 'user', parts: [{ type: 'text', text: 'Weather in Lyon?', state: 'done' }] }],
    });
    expect(JSON.stringify(prompts[0])).toContain('Weather in Lyon?');
  });
});
