import { describe, expect, it } from 'vitest';
import { createAccumulator, type ReplyParts } from '../../src/core/accumulator.ts';
import type { StreamChunk, ToolCallPart } from '../../src/core/types.ts';

/** An accumulator with a manual scheduler and clock: `window()` runs the pending flush like a timer would. */
function setup() {
  const published: ReplyParts[] = [];
  let pending: (() => void) | undefined;
  let clock = 0;
  const acc = createAccumulator(
    (reply) => published.push(reply),
    (callback) => {
      pending = callback;
      return () => {
        pending = undefined;
      };
    },
    () => clock,
  );
  return {
    acc,
    published,
    window() {
      const run = pending;
      pending = undefined;
      run?.();
    },
    advance(ms: number) {
      clock += ms;
    },
  };
}

const mixed = (i: number): StreamChunk[] => [
  { type: 'reasoning-delta', delta: `r${i} ` },
  { type: 'tool-input-start', toolCallId: 'c1', toolName: 'search' },
  { type: 'tool-input-delta', toolCallId: 'c1', delta: `${i}` },
  { type: 'text-delta', delta: `t${i} ` },
  { type: 'source', url: `https://s${i}.example` },
];

describe('parts accumulator', () => {
  it('publishes the first chunk at once, then once per window however many kinds of chunk arrive', () => {
    const { acc, published, window } = setup();
    acc.push({ type: 'reasoning-delta', delta: 'hmm' });
    expect(published).toHaveLength(1);
    for (let i = 0; i < 50; i++) for (const chunk of mixed(i)) acc.push(chunk);
    expect(published).toHaveLength(1);
    window();
    expect(published).toHaveLength(2);
    window();
    expect(published).toHaveLength(2);
  });

  it('keeps the object identity of parts that did not change across later flushes', () => {
    const { acc, published, window } = setup();
    acc.push({ type: 'reasoning-delta', delta: 'think' });
    acc.push({ type: 'text-delta', delta: 'Hello' });
    acc.push({ type: 'tool-input-start', toolCallId: 'c1', toolName: 'getWeather' });
    acc.push({ type: 'tool-input-available', toolCallId: 'c1', input: { city: 'Paris' } });
    window();
    const first = published.at(-1)!.parts;
    acc.push({ type: 'step-start' });
    acc.push({ type: 'text-delta', delta: 'It is sunny' });
    window();
    const second = published.at(-1)!.parts;
    expect(second).not.toBe(first);
    for (let i = 0; i < first.length; i++) expect(second[i]).toBe(first[i]);
    expect(first).toHaveLength(3); // a published snapshot is never mutated afterwards
  });

  it('makes content the concatenated text of the text parts, tools and reasoning left out', () => {
    const { acc } = setup();
    acc.push({ type: 'reasoning-delta', delta: 'secret' });
    acc.push('Let me check.');
    acc.push({ type: 'tool-input-start', toolCallId: 'c1', toolName: 'x' });
    acc.push({ type: 'step-start' });
    acc.push({ type: 'text-delta', delta: ' Sunny.' });
    expect(acc.text).toBe('Let me check. Sunny.');
    expect(acc.reply.parts.filter((p) => p.type === 'text')).toHaveLength(2);
  });

  it('measures reasoning from its first delta to its last, and closes it when the answer starts', () => {
    const { acc, advance } = setup();
    acc.push({ type: 'reasoning-delta', delta: 'a' });
    advance(1500);
    acc.push({ type: 'reasoning-delta', delta: 'b' });
    advance(2500);
    acc.push({ type: 'reasoning-delta', delta: 'c' });
    advance(9000);
    acc.push('answer');
    expect(acc.reply.parts[0]).toEqual({ type: 'reasoning', text: 'abc', state: 'done', durationMs: 4000 });
  });

  it('rollback drops everything since the last checkpoint, and only that', () => {
    const { acc, published, window } = setup();
    acc.push('Hello');
    acc.push({ type: 'tool-input-start', toolCallId: 'c1', toolName: 'x' });
    acc.checkpoint();
    const kept = acc.reply;
    acc.push(' world');
    acc.push({ type: 'tool-input-delta', toolCallId: 'c1', delta: '{"a"' });
    acc.push({ type: 'source', url: 'https://a.example' });
    acc.push({ type: 'finish', finishReason: 'stop', usage: { outputTokens: 3 } });
    window();
    expect(published.at(-1)!.content).toBe('Hello world');
    acc.rollback();
    expect(acc.reply).toEqual(kept);
    window();
    expect(published.at(-1)).toEqual(kept);
    // The resumed stream re-sends what was dropped: nothing duplicated.
    acc.push(' world');
    expect(acc.text).toBe('Hello world');
  });

  it('rollback with nothing since the checkpoint publishes nothing', () => {
    const { acc, published, window } = setup();
    acc.push('x');
    acc.checkpoint();
    acc.rollback();
    window();
    expect(published).toHaveLength(1);
  });

  it('settles a stopped reply: reasoning done, an unfinished tool call ends in error with its arguments kept', () => {
    const { acc } = setup();
    acc.push({ type: 'reasoning-delta', delta: 'thinking' });
    acc.push({ type: 'tool-input-start', toolCallId: 'c1', toolName: 'search' });
    acc.push({ type: 'tool-input-delta', toolCallId: 'c1', delta: '{"q":"pa' });
    acc.end('stopped');
    const [reasoning, tool] = acc.reply.parts as [unknown, ToolCallPart];
    expect(reasoning).toMatchObject({ state: 'done' });
    expect(tool).toMatchObject({ state: 'output-error', inputText: '{"q":"pa' });
    expect(tool.errorText).toMatch(/stopped/);
  });

  it('settles a finished reply: complete arguments are parsed into input', () => {
    const { acc } = setup();
    acc.push({ type: 'tool-input-delta', toolCallId: 'c1', delta: '{"q":1}', toolName: 'search' });
    acc.end('done');
    expect(acc.reply.parts[0]).toMatchObject({ state: 'input-available', input: { q: 1 }, toolName: 'search' });
  });

  it('replaces a data part with the same name and id, and never stores transient data', () => {
    const { acc } = setup();
    acc.push({ type: 'data', name: 'weather', id: 'w', data: 1 });
    acc.push({ type: 'data', name: 'weather', id: 'w', data: 2 });
    acc.push({ type: 'data', name: 'toast', data: 'hi', transient: true });
    expect(acc.reply.parts).toEqual([{ type: 'data', name: 'weather', id: 'w', data: 2 }]);
  });

  it('ignores chunks of unknown type or with the wrong field types', () => {
    const { acc, published } = setup();
    acc.push({ type: 'mystery' } as unknown as StreamChunk);
    acc.push({ type: 'text-delta', delta: 42 } as unknown as StreamChunk);
    expect(published).toHaveLength(0);
    expect(acc.isEmpty).toBe(true);
  });

  it('fills totalTokens from input + output when the wire sent no total, merging later counts', () => {
    const { acc } = setup();
    acc.push({ type: 'finish', usage: { inputTokens: 10, outputTokens: 1 } });
    acc.push({ type: 'finish', finishReason: 'length', usage: { outputTokens: 30 } });
    expect(acc.reply).toMatchObject({ finishReason: 'length', usage: { inputTokens: 10, outputTokens: 30, totalTokens: 40 } });
  });
});
