import { describe, expect, it } from 'vitest';
import { ChatStore } from '../../../src/core/chat-store.ts';
import { ChatStreamError } from '../../../src/core/errors.ts';
import { createOpenAIProtocol, deliverResult } from '../../../src/core/protocols/index.ts';
import { DONE, type ProtocolFn, type StreamChunk } from '../../../src/core/types.ts';
import { scriptedFetch, sseResponse } from '../../helpers/stream.ts';

function delivered(result: unknown): { chunks: StreamChunk[]; ended: boolean } {
  const chunks: StreamChunk[] = [];
  const ended = deliverResult(result, (chunk) => chunks.push(chunk));
  return { chunks, ended };
}

describe('custom protocol results', () => {
  it('delivers strings as text, chunks and arrays in order, and ends on DONE', () => {
    expect(delivered('hi')).toEqual({ chunks: [{ type: 'text-delta', delta: 'hi' }], ended: false });
    expect(delivered(['a', { type: 'finish', finishReason: 'stop' }, DONE, 'never'])).toEqual({
      chunks: [{ type: 'text-delta', delta: 'a' }, { type: 'finish', finishReason: 'stop' }],
      ended: true,
    });
    expect(delivered(null)).toEqual({ chunks: [], ended: false });
  });

  it('rejects a value that is no chunk with a typed protocol error naming what it got', () => {
    for (const [bad, named] of [[42, 'a number'], [{ text: 'x' }, 'an object without a string `type`'], [[['x']], 'a nested array']] as const) {
      const error = (() => {
        try {
          delivered(bad);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(ChatStreamError);
      expect(error).toMatchObject({ kind: 'protocol' });
      expect((error as Error).message).toContain(named);
    }
  });

  it('fails a turn whose protocol is a decoder factory with a message saying how to pass it', async () => {
    const { fetch } = scriptedFetch([sseResponse(['data: {"choices":[{"index":0,"delta":{"content":"hi"}}]}\n\n', 'data: [DONE]\n\n'])]);
    // A plain-JS app can hand the factory itself over as the protocol; TypeScript rejects it.
    const store = new ChatStore({ api: '/api/chat', fetch, retry: false, protocol: createOpenAIProtocol as unknown as ProtocolFn });
    await store.send('hi');
    const { error } = store.getSnapshot();
    expect(error).toMatchObject({ kind: 'protocol' });
    expect(error!.message).toMatch(/A protocol returned a function/);
    expect(error!.message).toContain("protocol: 'openai'");
  });
});
