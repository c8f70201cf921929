// @vitest-environment node
// (esbuild needs Node's own TextEncoder, which jsdom replaces.)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { BaseChatStore, ChatStore } from '../../src/core/chat-store.ts';
import { createAnthropicProtocol, createOpenAIProtocol } from '../../src/core/protocols/index.ts';
import { scriptedFetch, sseResponse } from '../helpers/stream.ts';
import { anthropic, openai } from './fixtures/streams.ts';

const coreEntry = fileURLToPath(new URL('../../src/core/index.ts', import.meta.url));

/** A tiny app importing `names` from the core, bundled and minified the way an app's bundler would. */
async function bundle(names: string): Promise<string> {
  const result = await build({
    stdin: { contents: `import { ${names} } from ${JSON.stringify(coreEntry)};\nglobalThis.keep = [${names}];`, loader: 'ts', resolveDir: process.cwd() },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('BaseChatStore: a store with an injected protocol factory', () => {
  it('streams a reply through the decoder its factory makes', async () => {
    const { fetch } = scriptedFetch([sseResponse([openai.tools])]);
    const store = new BaseChatStore({ api: '/api/chat', fetch }, createOpenAIProtocol);
    await store.send('weather?');
    const reply = store.getSnapshot().messages.at(-1)!;
    expect(reply).toMatchObject({ role: 'assistant', status: 'done', finishReason: 'tool-calls' });
    expect(reply.parts!.map((p) => p.type)).toContain('tool-call');
  });

  it('asks the factory for a fresh decoder on every turn, with the latest protocol option', async () => {
    const { fetch } = scriptedFetch([sseResponse([anthropic.thinking]), sseResponse([anthropic.thinking])]);
    const factory = vi.fn(() => createAnthropicProtocol());
    const store = new BaseChatStore({ api: '/api/chat', fetch, protocol: 'anthropic' }, factory);
    await store.send('2+2?');
    store.setOptions({ api: '/api/chat', fetch, protocol: 'text' });
    await store.send('again');
    expect(factory.mock.calls).toEqual([['anthropic'], ['text']]);
    // Stateful decoders are not shared: the second turn decodes whole, as the first did.
    const replies = store.getSnapshot().messages.filter((m) => m.role === 'assistant');
    expect(replies.map((m) => m.content)).toEqual(['2 + 2 = 4', '2 + 2 = 4']);
    expect(factory.mock.results[0]!.value).not.toBe(factory.mock.results[1]!.value);
  });

  it('is what ChatStore extends: ChatStore still recognises every protocol by itself', async () => {
    const { fetch } = scriptedFetch([sseResponse([anthropic.thinking])]);
    const store = new ChatStore({ api: '/api/chat', fetch });
    expect(store).toBeInstanceOf(BaseChatStore);
    await store.send('2+2?');
    expect(store.getSnapshot().messages.at(-1)).toMatchObject({ status: 'done', content: '2 + 2 = 4' });
  });

  it('lets a bundler drop the decoders an app does not name', async () => {
    // Strings only the Anthropic and Responses decoders and the 'auto' sniffing hold.
    const others = ['content_block_delta', 'response.output_text', 'Unknown protocol'];
    const lean = await bundle('BaseChatStore, createOpenAIProtocol, readSSE');
    const full = await bundle('ChatStore, readSSE');
    for (const marker of others) {
      expect(full.includes(marker), `ChatStore bundle holds ${marker}`).toBe(true);
      expect(lean.includes(marker), `BaseChatStore bundle holds ${marker}`).toBe(false);
    }
    expect(lean.includes('prompt_tokens'), 'the OpenAI decoder it names is kept').toBe(true);
    expect(lean.length).toBeLessThan(full.length * 0.85);
  });
});
