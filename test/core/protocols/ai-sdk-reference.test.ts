/**
 * The AI SDK cases checked against the `ai` package's own `readUIMessageStream` on the same stream: the parts we
 * build must say what the SDK's message says (in our shape: one `tool-call` kind, sources unified).
 */
import { readUIMessageStream, type UIMessage, type UIMessageChunk } from 'ai';
import { describe, expect, it } from 'vitest';
import type { MessagePart } from '../../../src/core/types.ts';
import { decodeReply } from '../../helpers/decode.ts';
import { aiSdk } from '../fixtures/streams.ts';

async function sdkMessage(stream: string): Promise<UIMessage> {
  const chunks = stream
    .split('\n\n')
    .map((event) => event.replace(/^data: /, ''))
    .filter((data) => data !== '' && data !== '[DONE]')
    .map((data) => JSON.parse(data) as UIMessageChunk);
  let last: UIMessage | undefined;
  const source = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  for await (const message of readUIMessageStream({ stream: source })) last = message;
  return last!;
}

/** A common shape for both sides: what a user would see. */
function normalise(part: Record<string, unknown>): Record<string, unknown> | undefined {
  const type = String(part.type);
  if (type === 'text') return part.text === '' ? undefined : { type, text: part.text };
  if (type === 'reasoning') return { type, text: part.text };
  if (type === 'step-start') return { type };
  if (type === 'source-url' || (type === 'source' && part.url !== undefined)) return { type: 'source', url: part.url, title: part.title };
  if (type === 'source-document' || type === 'source') return { type: 'source', title: part.title, mediaType: part.mediaType };
  if (type === 'file') return { type, url: part.url, mediaType: part.mediaType };
  if (type.startsWith('data-')) return { type: 'data', name: type.slice(5), id: part.id, data: part.data };
  if (type === 'data') return { type, name: part.name, id: part.id, data: part.data };
  if (type === 'tool-call' || type.startsWith('tool-') || type === 'dynamic-tool') {
    const toolName = type === 'tool-call' || type === 'dynamic-tool' ? part.toolName : type.slice(5);
    return { type: 'tool', toolCallId: part.toolCallId, toolName, state: part.state, input: part.input, output: part.output, errorText: part.errorText };
  }
  return { type: `unmapped:${type}` };
}

function normaliseAll(parts: readonly unknown[], dropLeadingStep: boolean): Record<string, unknown>[] {
  const out = parts.map((p) => normalise(p as Record<string, unknown>)).filter((p) => p !== undefined);
  // The SDK marks the first step too; our contract marks only the steps after it.
  if (dropLeadingStep && out[0]?.type === 'step-start') out.shift();
  return JSON.parse(JSON.stringify(out));
}

describe('ai-sdk decoding agrees with readUIMessageStream from the `ai` package', () => {
  it.each(Object.entries(aiSdk))('%s', async (_name, stream) => {
    const ours = decodeReply(stream, 'ai-sdk');
    const sdk = await sdkMessage(stream);
    expect(normaliseAll(ours.parts as MessagePart[], false)).toEqual(normaliseAll(sdk.parts, true));
    const sdkText = sdk.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
    expect(ours.content).toBe(sdkText);
  });
});
