// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';

// The SDKs are optional peers: if the server entry imported either at runtime, these mocks would break it.
vi.mock('openai', () => {
  throw new Error('openai was imported');
});
vi.mock('@anthropic-ai/sdk', () => {
  throw new Error('@anthropic-ai/sdk was imported');
});

describe('react-chat-stream/server without the provider SDKs installed', () => {
  it('loads, and its adapters read SDK-shaped events', async () => {
    const server = await import('../../src/server/index.ts');
    async function* chunks() {
      yield { choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }] };
      yield { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] };
    }
    const out: unknown[] = [];
    for await (const chunk of server.fromOpenAIChat(chunks())) out.push(chunk);
    expect(out).toEqual([{ type: 'text-delta', delta: 'Hi' }, { type: 'finish', finishReason: 'stop' }]);
    expect(typeof server.fromOpenAIResponses).toBe('function');
    expect(typeof server.fromAnthropic).toBe('function');
  });
});
