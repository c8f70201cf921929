import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatStore } from '../../src/core/chat-store.ts';
import type { ChatStreamOptions, StreamChunk } from '../../src/core/types.ts';
import { controlledBody, scriptedFetch, sseResponse } from '../helpers/stream.ts';
import { setupStore, useFakeClock } from '../helpers/store.ts';
import { anthropic, openai } from './fixtures/streams.ts';


const tick = useFakeClock();

describe('ChatStore: message parts', () => {
  it('gives the reply its parts, finish reason and usage; onChunk sees every chunk, onToken only text', async () => {
    const { store, last, onChunk, onToken } = setupStore([sseResponse([anthropic.thinking])], { protocol: 'anthropic' });
    await store.send('2+2?');
    expect(last()).toMatchObject({
      role: 'assistant',
      status: 'done',
      content: '2 + 2 = 4',
      finishReason: 'stop',
      usage: { inputTokens: 25, outputTokens: 42, cachedInputTokens: 100, totalTokens: 67 },
    });
    expect(last().parts!.map((p) => p.type)).toEqual(['reasoning', 'reasoning', 'text']);
    expect(onToken.mock.calls.map((c) => c[0])).toEqual(['2 + 2 = ', '4']);
    const kinds = new Set(onChunk.mock.calls.map((c) => c[0].type));
    expect([...kinds]).toEqual(expect.arrayContaining(['finish', 'reasoning-delta', 'reasoning-end', 'text-delta']));
  });

  it('starts every assistant reply with an empty parts array', async () => {
    const body = controlledBody();
    const { store, last } = setupStore([sseResponse(body.stream)]);
    const done = store.send('hi');
    expect(last()).toMatchObject({ role: 'assistant', parts: [], content: '' });
    body.push('data: hi\n\n');
    body.close();
    await done;
  });

  it('shows a tool-only reply as its tool calls with finish reason tool-calls', async () => {
    const { store, last } = setupStore([sseResponse([openai.tools])]);
    await store.send('weather?');
    expect(last()).toMatchObject({ status: 'done', content: '', finishReason: 'tool-calls' });
    expect(last().parts).toHaveLength(2);
  });

  it('marks a failed turn finishReason error and keeps the parts it received', async () => {
    const { store, last } = setupStore([
      sseResponse(['data: {"type":"reasoning-delta","id":"r","delta":"hm"}\n\ndata: {"type":"text-delta","id":"t","delta":"Par"}\n\ndata: {"type":"error","errorText":"boom"}\n\n']),
    ]);
    await store.send('x');
    expect(last()).toMatchObject({ status: 'error', finishReason: 'error', content: 'Par' });
    expect(last().parts).toEqual([
      { type: 'reasoning', text: 'hm', state: 'done', durationMs: 0 },
      { type: 'text', text: 'Par' },
    ]);
  });

  it('ends a stopped reply with its reasoning done and its unfinished tool call in a clear error state', async () => {
    const body = controlledBody();
    const { store, last } = setupStore([sseResponse(body.stream)], { protocol: 'ai-sdk' });
    const done = store.send('x');
    await tick();
    body.push('data: {"type":"reasoning-delta","id":"r","delta":"thinking"}\n\n');
    body.push('data: {"type":"tool-input-start","toolCallId":"c","toolName":"search"}\n\ndata: {"type":"tool-input-delta","toolCallId":"c","inputTextDelta":"{\\"q\\""}\n\n');
    await tick();
    store.stop();
    await done;
    expect(last().status).toBe('stopped');
    expect(last().parts).toMatchObject([
      { type: 'reasoning', state: 'done' },
      { type: 'tool-call', state: 'output-error', inputText: '{"q"' },
    ]);
  });

  it('publishes one update per flush window for a flood mixing reasoning, text and tool deltas', async () => {
    const body = controlledBody();
    const { store } = setupStore([sseResponse(body.stream)], { protocol: 'ai-sdk', flush: 50 });
    let updates = 0;
    store.subscribe(() => updates++);
    const done = store.send('x');
    await tick();
    const before = updates;
    let events = 'data: {"type":"tool-input-start","toolCallId":"c","toolName":"t"}\n\n';
    for (let i = 0; i < 300; i++) {
      events += `data: {"type":"reasoning-delta","id":"r","delta":"r"}\n\ndata: {"type":"text-delta","id":"t","delta":"x"}\n\ndata: {"type":"tool-input-delta","toolCallId":"c","inputTextDelta":"1"}\n\n`;
    }
    body.push(events);
    await tick();
    // The first chunk is published at once (and the status turns streaming); the rest waits for the window.
    expect(updates - before).toBeLessThanOrEqual(2);
    await tick(50);
    expect(updates - before).toBeLessThanOrEqual(3);
    body.close();
    await done;
  });

  it('resumes a dropped stream into the same parts, with nothing duplicated', async () => {
    const first = controlledBody();
    const { store, last } = setupStore(
      [
        sseResponse(first.stream),
        sseResponse(['id: 3\ndata: {"type":"text-delta","id":"t","delta":" world"}\n\nid: 4\ndata: {"type":"finish","finishReason":"stop"}\n\ndata: [DONE]\n\n']),
      ],
      { protocol: 'ai-sdk' },
    );
    const done = store.send('x');
    await tick();
    first.push('retry: 10\nid: 1\ndata: {"type":"reasoning-delta","id":"r","delta":"hm"}\n\nid: 2\ndata: {"type":"text-delta","id":"t","delta":"Hello"}\n\n');
    await tick();
    first.fail();
    await vi.runAllTimersAsync();
    await done;
    expect(last()).toMatchObject({ status: 'done', content: 'Hello world', finishReason: 'stop' });
    expect(last().parts!.map((p) => p.type)).toEqual(['reasoning', 'text']);
  });

  it('replaces, never appends, the parts of a restarted reply', async () => {
    const first = controlledBody();
    const { store, last } = setupStore(
      [sseResponse(first.stream), sseResponse(['data: {"type":"text-delta","id":"t","delta":"fresh"}\n\ndata: [DONE]\n\n'])],
      { protocol: 'ai-sdk', retry: { onDropWithoutResume: 'restart', baseDelayMs: 10 } },
    );
    const done = store.send('x');
    await tick();
    first.push('data: {"type":"reasoning-delta","id":"r","delta":"old"}\n\ndata: {"type":"text-delta","id":"t","delta":"stale"}\n\n');
    await tick();
    first.fail();
    await vi.runAllTimersAsync();
    await done;
    expect(last().parts).toEqual([{ type: 'text', text: 'fresh' }]);
    expect(last().content).toBe('fresh');
  });
});
