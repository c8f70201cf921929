// @vitest-environment node
// The fake model's wire formats read by the real SDKs: the `openai` SDK's Responses stream helper (which rebuilds
// the response from every event and rejects events for items it was never told about) and the `ai` package's UI
// message stream reader (which validates every part against its schema).
import http from 'node:http';
import OpenAI from 'openai';
import { DefaultChatTransport, readUIMessageStream, type UIMessage } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeFetch, fakeAnswer, fakeChunks, fakeSSE, resolveFakeOptions, type FakeLLMInput } from '../../dev/fake-llm/index.ts';
import { createFakeLLMHandler } from '../../dev/fake-llm/node.ts';
import { FAKE_REASONING, FAKE_SOURCES, FAKE_TOOL } from '../../dev/fake-llm/parts.ts';
import { toEventStream } from '../../src/server/index.ts';
import { close, listen } from '../helpers/http.ts';

let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer(createFakeLLMHandler());
  base = await listen(server);
});

afterAll(async () => {
  await close(server);
});

const answer = fakeAnswer({ tokens: 20 });

async function responsesFinal(fake: FakeLLMInput) {
  const client = new OpenAI({ apiKey: 'sk-fake', baseURL: `${base}/v1`, maxRetries: 0 });
  // The fake model reads its knobs from the body's `fake` field; the SDK sends unknown params as they are.
  const params = { model: 'fake-llm', input: 'Weather in Paris?', fake: { protocol: 'openai-responses', tokens: 20, ...fake } };
  const stream = client.responses.stream(params as unknown as Parameters<typeof client.responses.stream>[0]);
  const deltas: string[] = [];
  stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
  const response = await stream.finalResponse();
  return { response, deltas };
}

describe('fake LLM openai-responses read by the openai SDK', () => {
  it('rebuilds the reasoning summary, the function call, the cited answer and usage from the events', async () => {
    const { response, deltas } = await responsesFinal({ reasoning: true, tools: true, sources: true });
    expect(response.status).toBe('completed');
    expect(deltas.join('')).toBe(answer);
    expect(response.output_text).toBe(answer);
    const [reasoning, call, message] = response.output;
    expect(reasoning).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text', text: FAKE_REASONING.join('') }] });
    expect(call).toMatchObject({ type: 'function_call', call_id: FAKE_TOOL.toolCallId, name: FAKE_TOOL.toolName, arguments: FAKE_TOOL.argumentPieces.join('') });
    expect(message).toMatchObject({ type: 'message', content: [{ type: 'output_text', text: answer }] });
    const content = message?.type === 'message' ? message.content[0] : undefined;
    expect(content?.type === 'output_text' ? content.annotations.map((a) => a.type === 'url_citation' && a.url) : []).toEqual(FAKE_SOURCES.map((s) => s.url));
    expect(response.usage).toMatchObject({ input_tokens: 12, output_tokens: 20, total_tokens: 32 });
  });

  it('ends a token-limit cut with response.incomplete and reason max_output_tokens', async () => {
    const { response } = await responsesFinal({ finish: 'length' });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });

  it('sends a refusal as a refusal content part', async () => {
    const { response } = await responsesFinal({ finish: 'refusal' });
    expect(response.output[0]).toMatchObject({ type: 'message', content: [{ type: 'refusal', refusal: answer }] });
  });

  it('reports failAfter as an error event the SDK throws', async () => {
    await expect(responsesFinal({ failAfter: 3, errorMessage: 'boom' })).rejects.toThrow(/boom/);
  });
});

async function readWithAiSdk(query: string): Promise<UIMessage> {
  const transport = new DefaultChatTransport({ api: `http://127.0.0.1/api/chat?protocol=ai-sdk&tokens=20&${query}`, fetch: createFakeFetch() });
  const chunks = await transport.sendMessages({ trigger: 'submit-message', chatId: 'c1', messageId: undefined, messages: [], abortSignal: undefined });
  let last: UIMessage | undefined;
  for await (const message of readUIMessageStream({ stream: chunks, onError: (error) => { throw error; } })) last = message;
  if (!last) throw new Error('no message');
  return last;
}

describe('fake LLM ai-sdk read by the ai package', () => {
  it('builds reasoning, the tool call with its output, a second step, the text and sources', async () => {
    const message = await readWithAiSdk('reasoning=true&tools=true&sources=true');
    expect(message.parts.map((p) => p.type)).toEqual([
      'step-start', 'reasoning', `tool-${FAKE_TOOL.toolName}`, 'step-start', 'text', 'source-url', 'source-url',
    ]);
    expect(message.parts.find((p) => p.type === 'text')).toMatchObject({ text: answer, state: 'done' });
    expect(message.parts.find((p) => p.type === `tool-${FAKE_TOOL.toolName}`)).toMatchObject({ state: 'output-available', output: FAKE_TOOL.output });
  });

  it('carries usage in the finish part\'s message metadata', async () => {
    const message = await readWithAiSdk('usage=true&reasoning=true');
    expect(message.metadata).toEqual({ usage: { inputTokens: 12, outputTokens: 20, reasoningTokens: FAKE_REASONING.length, totalTokens: 32 } });
  });

  it('sends no usage without the knob', async () => {
    expect((await readWithAiSdk('')).metadata).toBeUndefined();
  });
});

describe('fake LLM ai-sdk and text are the server encoder\'s own output', () => {
  const dataOf = async (bytes: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>) => {
    let raw = '';
    const decoder = new TextDecoder();
    for await (const chunk of bytes as AsyncIterable<Uint8Array>) raw += decoder.decode(chunk, { stream: true });
    return raw.split('\n').filter((line) => line.startsWith('data: '));
  };

  it.each(['ai-sdk', 'text'] as const)('%s: the same data lines as toEventStream fed the same chunks', async (protocol) => {
    const options = resolveFakeOptions({ protocol, tokens: 20, reasoning: true, tools: true, sources: true, usage: true, finish: 'length' });
    const fake = await dataOf(fakeSSE(options));
    const encoded = await dataOf(toEventStream((signal) => fakeChunks(options, signal), { protocol, heartbeatMs: 0 }));
    expect(fake).toEqual(encoded);
    expect(fake.length).toBeGreaterThan(20);
  });
});
