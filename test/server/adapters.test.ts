// @vitest-environment node
/**
 * Provider adapters with the real SDKs: `openai` and `@anthropic-ai/sdk` talk HTTP to a local server on 127.0.0.1
 * that replays recorded streams (test/core/fixtures), so the SDKs' own SSE parsing, error handling and abort paths
 * run, not a stand-in for them.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isChatStreamError } from '../../src/core/errors.ts';
import { createPartsBuilder, type ReplyParts } from '../../src/core/message-parts.ts';
import { createProtocol } from '../../src/core/protocols/index.ts';
import { readResponse } from '../../src/core/response.ts';
import type { ProtocolName, StreamChunk } from '../../src/core/types.ts';
import { createEventStreamResponse, fromAnthropic, fromOpenAIChat, fromOpenAIResponses } from '../../src/server/index.ts';
import { decodeReply } from '../helpers/decode.ts';
import { anthropic as anthropicStreams, openai as openaiStreams, responses as responsesStreams } from '../core/fixtures/streams.ts';
import { sleep } from './support.ts';

/** What the replay server does with the next request: send `body` (after `head`, then hang when `hang`). */
interface Reply {
  body: string;
  /** Keep the response open after the body, as a model still thinking does. */
  hang?: boolean;
  /** Answer with this status and a JSON body instead of a stream. */
  status?: number;
}

interface Seen {
  path: string;
  body: unknown;
  /** When the client closed the connection before the response ended (an abort), in performance.now() ms. */
  abortedAt?: number;
}

let server: Server;
let origin = '';
let next: Reply = { body: '' };
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const entry: Seen = { path: req.url ?? '', body: raw ? JSON.parse(raw) : undefined };
      seen.push(entry);
      const reply = next;
      res.on('close', () => {
        if (!res.writableEnded) entry.abortedAt = performance.now();
      });
      if (reply.status !== undefined) {
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(reply.body);
      if (!reply.hang) res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const openai = () => new OpenAI({ apiKey: 'test-key', baseURL: `${origin}/v1`, maxRetries: 0 });
const anthropic = () => new Anthropic({ apiKey: 'test-key', baseURL: origin, maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'Hi' }];

/** Replay `body` for the next request. */
function replay(body: string, hang = false): void {
  next = { body, hang };
}

async function collect(chunks: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> {
  const out: StreamChunk[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

const chatStream = () => openai().chat.completions.create({ model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } });
const responsesStream = () => openai().responses.create({ model: 'gpt-5', input: 'Hi', stream: true });
const anthropicCreate = () => anthropic().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages, stream: true });
const anthropicHelper = () => anthropic().messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages });

describe('fromOpenAIChat', () => {
  it('turns reasoning, text and the usage-only final chunk into chunks, requested by the real SDK', async () => {
    replay(openaiStreams.reasoning);
    expect(await collect(fromOpenAIChat(await chatStream()))).toEqual([
      { type: 'reasoning-delta', delta: 'The user greets. ' },
      { type: 'reasoning-delta', delta: 'Reply kindly.' },
      { type: 'text-delta', delta: 'Hello' },
      { type: 'text-delta', delta: '!' },
      { type: 'finish', finishReason: 'stop' },
      { type: 'finish', usage: { inputTokens: 9, outputTokens: 12, totalTokens: 21, reasoningTokens: 8, cachedInputTokens: 2 } },
    ]);
    expect(seen.at(-1)).toMatchObject({ path: '/v1/chat/completions', body: { stream: true, stream_options: { include_usage: true } } });
  });

  it('merges tool_calls by index and parses each call when the choice finishes', async () => {
    replay(openaiStreams.tools);
    expect(await collect(fromOpenAIChat(chatStream()))).toEqual([
      { type: 'tool-input-start', toolCallId: 'call_abc', toolName: 'getWeather' },
      { type: 'tool-input-delta', toolCallId: 'call_abc', delta: '{"city":' },
      { type: 'tool-input-delta', toolCallId: 'call_abc', delta: '"Paris"}' },
      { type: 'tool-input-start', toolCallId: 'call_def', toolName: 'getTime' },
      { type: 'tool-input-delta', toolCallId: 'call_def', delta: '{}' },
      { type: 'tool-input-available', toolCallId: 'call_abc', input: { city: 'Paris' } },
      { type: 'tool-input-available', toolCallId: 'call_def', input: {} },
      { type: 'finish', finishReason: 'tool-calls' },
    ]);
  });

  it('completes tool calls left open when the stream ends without a finish_reason', async () => {
    replay(openaiStreams.tools.replace(/data: \{[^\n]*"finish_reason":"tool_calls"[^\n]*\n\n/, ''));
    const chunks = await collect(fromOpenAIChat(chatStream()));
    expect(chunks.filter((c) => c.type === 'tool-input-available')).toEqual([
      { type: 'tool-input-available', toolCallId: 'call_abc', input: { city: 'Paris' } },
      { type: 'tool-input-available', toolCallId: 'call_def', input: {} },
    ]);
  });

  it('streams a refusal as refusal deltas and maps length and content_filter', async () => {
    replay(openaiStreams.refusal);
    expect((await collect(fromOpenAIChat(chatStream()))).slice(0, 2)).toEqual([
      { type: 'refusal-delta', delta: "I'm sorry, " },
      { type: 'refusal-delta', delta: "I can't help with that." },
    ]);
    replay(openaiStreams.length);
    expect((await collect(fromOpenAIChat(chatStream()))).at(-1)).toEqual({ type: 'finish', finishReason: 'length' });
    replay(openaiStreams.contentFilter);
    expect((await collect(fromOpenAIChat(chatStream()))).at(-1)).toEqual({ type: 'finish', finishReason: 'content-filter' });
  });

  it('reads the chat.completions.stream() helper the same way', async () => {
    replay(openaiStreams.reasoning);
    const helper = openai().chat.completions.stream({ model: 'gpt-4o', messages, stream_options: { include_usage: true } });
    const chunks = await collect(fromOpenAIChat(helper));
    expect(chunks.filter((c) => c.type === 'text-delta').map((c) => (c as { delta: string }).delta).join('')).toBe('Hello!');
    expect(chunks.at(-1)).toEqual({ type: 'finish', usage: { inputTokens: 9, outputTokens: 12, totalTokens: 21, reasoningTokens: 8, cachedInputTokens: 2 } });
    expect(await helper.finalContent()).toBe('Hello!');
  });

  it('fails with the error the SDK raised for an error payload in the stream', async () => {
    replay('data: {"error":{"message":"The server had an error","type":"server_error"}}\n\n');
    const error = await collect(fromOpenAIChat(chatStream())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain('The server had an error');
  });
});

describe('fromOpenAIResponses', () => {
  it('turns reasoning summaries, text, citations and usage into chunks; the final text adds what the deltas missed, citations follow their text', async () => {
    replay(responsesStreams.text);
    expect(await collect(fromOpenAIResponses(await responsesStream()))).toEqual([
      { type: 'reasoning-delta', delta: 'Thinking about ', id: 'rs_1:0' },
      { type: 'reasoning-delta', delta: 'Paris.', id: 'rs_1:0' },
      { type: 'reasoning-end', id: 'rs_1:0' },
      { type: 'text-delta', delta: 'Paris is ', id: 'msg_1:0' },
      { type: 'text-delta', delta: 'sunny', id: 'msg_1:0' },
      { type: 'text-delta', delta: ' today.', id: 'msg_1:0' },
      // Held to the end of the text it annotates, so the text stays one block on the wire.
      { type: 'source', url: 'https://weather.example/paris', title: 'Paris weather' },
      {
        type: 'finish',
        finishReason: 'stop',
        usage: { inputTokens: 20, outputTokens: 30, totalTokens: 50, cachedInputTokens: 4, reasoningTokens: 10 },
      },
    ]);
    expect(seen.at(-1)).toMatchObject({ path: '/v1/responses', body: { stream: true } });
  });

  it('reads the responses.stream() helper the same way', async () => {
    // The helper checks every event against its snapshot, so this stream is complete in every field.
    const item = { id: 'msg_1', type: 'message', role: 'assistant', status: 'in_progress', content: [] as unknown[] };
    const done = { ...item, status: 'completed', content: [{ type: 'output_text', text: 'Hi there', annotations: [] }] };
    const response = { id: 'resp_1', object: 'response', created_at: 1, model: 'gpt-5', status: 'in_progress', output: [] as unknown[] };
    const at = { item_id: 'msg_1', output_index: 0, content_index: 0 };
    const events = [
      { type: 'response.created', response },
      { type: 'response.output_item.added', output_index: 0, item },
      { type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [] } },
      { type: 'response.output_text.delta', ...at, delta: 'Hi' },
      { type: 'response.output_text.delta', ...at, delta: ' there' },
      { type: 'response.output_text.done', ...at, text: 'Hi there' },
      { type: 'response.content_part.done', ...at, part: done.content[0] },
      { type: 'response.output_item.done', output_index: 0, item: done },
      { type: 'response.completed', response: { ...response, status: 'completed', output: [done], usage: { input_tokens: 2, output_tokens: 3, total_tokens: 5 } } },
    ];
    replay(events.map((e, i) => `event: ${e.type}\ndata: ${JSON.stringify({ ...e, sequence_number: i })}\n\n`).join(''));
    const helper = openai().responses.stream({ model: 'gpt-5', input: 'Hi' });
    expect(await collect(fromOpenAIResponses(helper))).toEqual([
      { type: 'text-delta', delta: 'Hi', id: 'msg_1:0' },
      { type: 'text-delta', delta: ' there', id: 'msg_1:0' },
      { type: 'finish', finishReason: 'stop', usage: { inputTokens: 2, outputTokens: 3, totalTokens: 5 } },
    ]);
    expect((await helper.finalResponse()).output_text).toBe('Hi there');
  });

  it('reports function calls by call_id with their streamed arguments and ends with tool-calls', async () => {
    replay(responsesStreams.tools);
    expect(await collect(fromOpenAIResponses(responsesStream()))).toEqual([
      { type: 'tool-input-start', toolCallId: 'call_w1', toolName: 'getWeather' },
      { type: 'tool-input-delta', toolCallId: 'call_w1', delta: '{"city":' },
      { type: 'tool-input-delta', toolCallId: 'call_w1', delta: '"Paris"}' },
      { type: 'tool-input-available', toolCallId: 'call_w1', input: { city: 'Paris' } },
      { type: 'finish', finishReason: 'tool-calls', usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 } },
    ]);
  });

  it('maps an incomplete response to length and a refusal to refusal deltas', async () => {
    replay(responsesStreams.incomplete);
    expect((await collect(fromOpenAIResponses(responsesStream()))).at(-1)).toEqual({
      type: 'finish',
      finishReason: 'length',
      usage: { inputTokens: 3, outputTokens: 16 },
    });
    replay(responsesStreams.refusal);
    expect(await collect(fromOpenAIResponses(responsesStream()))).toEqual([
      { type: 'refusal-delta', delta: 'I cannot ' },
      { type: 'refusal-delta', delta: 'do that.' },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('fails a failed response with the model message as a server ChatStreamError', async () => {
    replay(responsesStreams.failed);
    const error = await collect(fromOpenAIResponses(responsesStream())).catch((e: unknown) => e);
    expect(isChatStreamError(error) && error.kind).toBe('server');
    expect((error as Error).message).toBe('The model crashed');
  });

  it('fails on an error event with the error the SDK raised', async () => {
    replay(responsesStreams.error);
    const error = await collect(fromOpenAIResponses(responsesStream())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain('Slow down');
  });
});

describe('fromAnthropic', () => {
  const thinkingChunks: StreamChunk[] = [
    { type: 'finish', usage: { inputTokens: 25, outputTokens: 1, cachedInputTokens: 100 } },
    { type: 'reasoning-delta', delta: 'Let me add ', id: 'b0' },
    { type: 'reasoning-delta', delta: '2 and 2.', id: 'b0' },
    { type: 'reasoning-end', id: 'b0' },
    { type: 'reasoning-delta', delta: '', id: 'b1', redacted: true },
    { type: 'reasoning-end', id: 'b1' },
    { type: 'text-delta', delta: '2 + 2 = ', id: 'b2' },
    { type: 'text-delta', delta: '4', id: 'b2' },
    { type: 'finish', finishReason: 'stop', usage: { outputTokens: 42 } },
  ];

  it('turns thinking, redacted thinking, text, usage with cache reads and stop_reason into chunks (messages.create)', async () => {
    replay(anthropicStreams.thinking);
    expect(await collect(fromAnthropic(await anthropicCreate()))).toEqual(thinkingChunks);
    expect(seen.at(-1)).toMatchObject({ path: '/v1/messages', body: { stream: true } });
  });

  it('reads the messages.stream() helper the same way, and its finalMessage() still resolves', async () => {
    replay(anthropicStreams.thinking);
    const helper = anthropicHelper();
    expect(await collect(fromAnthropic(helper))).toEqual(thinkingChunks);
    expect((await helper.finalMessage()).stop_reason).toBe('end_turn');
  });

  it('streams tool_use arguments and maps tool_use and max_tokens stop reasons', async () => {
    replay(anthropicStreams.tools);
    expect(await collect(fromAnthropic(anthropicCreate()))).toEqual([
      { type: 'finish', usage: { inputTokens: 10, outputTokens: 1 } },
      { type: 'text-delta', delta: 'Let me check the weather.', id: 'b0' },
      { type: 'tool-input-start', toolCallId: 'toolu_01', toolName: 'getWeather' },
      { type: 'tool-input-delta', toolCallId: 'toolu_01', delta: '{"city": "Pa' },
      { type: 'tool-input-delta', toolCallId: 'toolu_01', delta: 'ris"}' },
      { type: 'tool-input-available', toolCallId: 'toolu_01', input: { city: 'Paris' } },
      { type: 'finish', finishReason: 'tool-calls', usage: { outputTokens: 30 } },
    ]);
    replay(anthropicStreams.maxTokens);
    expect((await collect(fromAnthropic(anthropicHelper()))).at(-1)).toEqual({ type: 'finish', finishReason: 'length', usage: { outputTokens: 5 } });
  });

  it('turns server_tool_use, web search results and citations into a tool call and sources (each URL once)', async () => {
    replay(anthropicStreams.webSearch);
    const chunks = await collect(fromAnthropic(anthropicCreate()));
    expect(chunks.filter((c) => c.type === 'source')).toEqual([
      { type: 'source', url: 'https://weather.example/paris', title: 'Paris weather' },
      { type: 'source', url: 'https://news.example/sun', title: 'Sun news' },
    ]);
    expect(chunks).toContainEqual({ type: 'tool-input-available', toolCallId: 'srvtoolu_1', input: { query: 'paris weather' } });
    expect(chunks).toContainEqual({
      type: 'tool-output-available',
      toolCallId: 'srvtoolu_1',
      output: [{ url: 'https://weather.example/paris', title: 'Paris weather' }],
    });
  });

  it("maps the refusal stop_reason to 'refusal'", async () => {
    replay(anthropicStreams.refusal);
    expect((await collect(fromAnthropic(anthropicHelper()))).at(-1)).toEqual({ type: 'finish', finishReason: 'refusal', usage: { outputTokens: 0 } });
  });

  it('fails on an error event with the error the SDK raised', async () => {
    replay('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n');
    const error = await collect(fromAnthropic(anthropicCreate())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as Error).message).toContain('Overloaded');
  });
});

/** SDK stream -> adapter -> encoder -> the kit's client with the ai-sdk protocol -> the reply it builds. */
async function throughTheKit(chunks: AsyncIterable<StreamChunk>): Promise<ReplyParts> {
  const response = createEventStreamResponse(chunks, { heartbeatMs: 0 });
  const builder = createPartsBuilder(() => 0);
  await readResponse(response, createProtocol('ai-sdk'), { onChunk: (chunk) => builder.apply(chunk) });
  builder.end('done');
  return builder.snapshot();
}

/** The AI SDK format needs a source id; the encoder numbers sources that had none (`source-0`, ...). */
function withoutGeneratedSourceIds(reply: ReplyParts): ReplyParts {
  return {
    ...reply,
    parts: reply.parts.map((p) => {
      if (p.type !== 'source' || !/^source-\d+$/.test(p.sourceId ?? '')) return p;
      const { sourceId: _generated, ...rest } = p;
      return rest;
    }),
  };
}

describe('any async iterable of SDK-shaped events', () => {
  it('is adapted without the SDK, and closing it early closes the source', async () => {
    let closed = false;
    async function* events() {
      try {
        yield { type: 'message_start', message: { usage: { input_tokens: 3, output_tokens: 1 } } };
        yield { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } };
        yield { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } };
        yield { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' there' } };
      } finally {
        closed = true;
      }
    }
    const chunks: StreamChunk[] = [];
    for await (const chunk of fromAnthropic(events())) {
      chunks.push(chunk);
      if (chunk.type === 'text-delta') break;
    }
    expect(chunks).toEqual([
      { type: 'finish', usage: { inputTokens: 3, outputTokens: 1 } },
      { type: 'text-delta', delta: 'Hi', id: 'b0' },
    ]);
    await sleep(0);
    expect(closed).toBe(true);
  });
});

describe('SDK stream -> adapter -> createEventStreamResponse -> the kit client', () => {
  const cases: [name: string, stream: string, protocol: ProtocolName, run: () => AsyncIterable<StreamChunk> | Promise<AsyncIterable<StreamChunk>>][] = [
    ['Chat Completions reasoning + usage', openaiStreams.reasoning, 'openai', async () => fromOpenAIChat(await chatStream())],
    ['Chat Completions tool calls', openaiStreams.tools, 'openai', () => fromOpenAIChat(chatStream())],
    ['Chat Completions refusal', openaiStreams.refusal, 'openai', () => fromOpenAIChat(chatStream())],
    ['Chat Completions length', openaiStreams.length, 'openai', () => fromOpenAIChat(chatStream())],
    ['Responses text + citation + usage', responsesStreams.text, 'openai-responses', () => fromOpenAIResponses(responsesStream())],
    ['Responses function call', responsesStreams.tools, 'openai-responses', () => fromOpenAIResponses(responsesStream())],
    ['Responses refusal', responsesStreams.refusal, 'openai-responses', () => fromOpenAIResponses(responsesStream())],
    ['Responses incomplete', responsesStreams.incomplete, 'openai-responses', () => fromOpenAIResponses(responsesStream())],
    ['Anthropic thinking (messages.stream)', anthropicStreams.thinking, 'anthropic', () => fromAnthropic(anthropicHelper())],
    ['Anthropic tools', anthropicStreams.tools, 'anthropic', () => fromAnthropic(anthropicCreate())],
    ['Anthropic web search', anthropicStreams.webSearch, 'anthropic', () => fromAnthropic(anthropicCreate())],
    ['Anthropic max_tokens', anthropicStreams.maxTokens, 'anthropic', () => fromAnthropic(anthropicCreate())],
    ['Anthropic refusal', anthropicStreams.refusal, 'anthropic', () => fromAnthropic(anthropicHelper())],
  ];

  it.each(cases)('%s: the client builds the same parts, usage and finish reason as reading the provider directly', async (_name, stream, protocol, run) => {
    const direct = decodeReply(stream, protocol);
    replay(stream);
    const reply = withoutGeneratedSourceIds(await throughTheKit(await run()));
    expect(reply).toEqual({ content: direct.content, parts: direct.parts, finishReason: direct.finishReason, usage: direct.usage });
  });

  it('tells the client why when the SDK call itself fails (401 before any stream)', async () => {
    next = { status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } }) };
    const response = createEventStreamResponse(fromOpenAIChat(chatStream()), { heartbeatMs: 0 });
    const error = await readResponse(response, createProtocol('ai-sdk'), { onChunk: () => {} }).catch((e: unknown) => e);
    expect(isChatStreamError(error) && error.kind).toBe('server');
    expect((error as Error).message).toContain('Incorrect API key provided');
  });

  it('tells the client the model error when the SDK stream fails mid-answer', async () => {
    replay(`${responsesStreams.incomplete.split('\n\n')[0]}\n\n${responsesStreams.failed}`);
    const response = createEventStreamResponse(fromOpenAIResponses(responsesStream()), { heartbeatMs: 0 });
    const deltas: string[] = [];
    const error = await readResponse(response, createProtocol('ai-sdk'), {
      onChunk: (c) => void (c.type === 'text-delta' && deltas.push(c.delta)),
    }).catch((e: unknown) => e);
    expect(isChatStreamError(error) && error.kind).toBe('server');
    expect((error as Error).message).toBe('The model crashed');
    expect(deltas).toEqual(['A long ']);
  });
});

describe('stopping: the client goes away, the SDK request is aborted at the HTTP server', () => {
  const firstEvent = (stream: string) => `${stream.split('\n\n')[0]}\n\n`;
  const cases: [name: string, head: string, run: () => AsyncIterable<StreamChunk>][] = [
    ['fromOpenAIChat', firstEvent(openaiStreams.reasoning.split('\n\n').slice(3).join('\n\n')), () => fromOpenAIChat(chatStream())],
    ['fromOpenAIResponses', `${responsesStreams.text.split('\n\n').slice(7, 8).join('')}\n\n`, () => fromOpenAIResponses(responsesStream())],
    ['fromAnthropic (messages.create)', anthropicStreams.tools.split('\n\n').slice(0, 3).join('\n\n') + '\n\n', () => fromAnthropic(anthropicCreate())],
    ['fromAnthropic (messages.stream)', anthropicStreams.tools.split('\n\n').slice(0, 3).join('\n\n') + '\n\n', () => fromAnthropic(anthropicHelper())],
  ];

  it.each(cases)('%s: cancelling the response body aborts the model request while it waits for the model', async (_name, head, run) => {
    replay(head, true);
    const before = seen.length;
    const response = createEventStreamResponse(run(), { heartbeatMs: 0 });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('"text-delta"')) text += decoder.decode((await reader.read()).value);
    await sleep(20);
    expect(seen.length).toBe(before + 1);
    expect(seen.at(-1)!.abortedAt).toBeUndefined();
    const cancelledAt = performance.now();
    await reader.cancel();
    for (let i = 0; i < 100 && seen.at(-1)!.abortedAt === undefined; i++) await sleep(10);
    const abortedAt = seen.at(-1)!.abortedAt;
    expect(abortedAt, 'the HTTP server saw the request aborted').toBeDefined();
    console.info(`${_name}: request aborted at the server ${(abortedAt! - cancelledAt).toFixed(1)} ms after the client cancelled`);
    // Loose bound: the abort is immediate, but CI load must not fail the test.
    expect(abortedAt! - cancelledAt).toBeLessThan(1000);
  });

  it('aborts the request when the route signal fires, before the SDK stream has even resolved', async () => {
    replay(firstEvent(openaiStreams.reasoning), true);
    const request = new AbortController();
    const before = seen.length;
    const response = createEventStreamResponse(fromOpenAIChat(chatStream()), { heartbeatMs: 0, signal: request.signal });
    const body = response.text();
    for (let i = 0; i < 100 && seen.length === before; i++) await sleep(5);
    request.abort();
    await body;
    for (let i = 0; i < 100 && seen.at(-1)!.abortedAt === undefined; i++) await sleep(10);
    expect(seen.at(-1)!.abortedAt).toBeDefined();
  });
});
