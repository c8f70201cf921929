/**
 * Our SSE parser against eventsource-parser 3 (the field's standard; 4.x needs Node >= 22.12) on a realistic
 * stream: 2,000 OpenAI chat-completion chunks (~450 KB) delivered in 64-byte reads, as a slow network gives them,
 * and in 16 KB reads, as a fast one does. Both decode bytes with a streaming TextDecoder; "decode only" is the floor.
 * Run: npm run bench:sse
 */
import { bench, describe } from 'vitest';
import { createParser } from 'eventsource-parser';
import { createSSEParser } from '../src/core/sse.ts';

const OPTIONS = { time: 1500, warmupTime: 300 };
const encoder = new TextEncoder();
const words = 'The quick brown fox jumps over the lazy dog, and 你好 👋 streams on. '.split(/(?<= )/);
let stream = '';
for (let i = 0; i < 2000; i++) {
  const content = JSON.stringify(words[i % words.length]);
  stream += `data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1732500000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":${content}},"finish_reason":null}]}\n\n`;
}
stream += 'data: [DONE]\n\n';
const bytes = encoder.encode(stream);

function chunks(size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

for (const size of [64, 16384]) {
  const reads = chunks(size);
  describe(`${(bytes.length / 1024).toFixed(0)} KB OpenAI stream in ${size}-byte reads`, () => {
    // 1.5 s per case (vitest's default is 0.5 s): the machine is shared, and medians need samples.
    bench('react-chat-stream createSSEParser', () => {
      let n = 0;
      const parser = createSSEParser({ onEvent: () => n++ });
      for (const chunk of reads) parser.feed(chunk);
      if (n !== 2001) throw new Error(`expected 2001 events, got ${n}`);
    }, OPTIONS);

    bench('eventsource-parser 3 createParser (+ TextDecoder)', () => {
      let n = 0;
      const parser = createParser({ onEvent: () => n++ });
      const decoder = new TextDecoder();
      for (const chunk of reads) parser.feed(decoder.decode(chunk, { stream: true }));
      if (n !== 2001) throw new Error(`expected 2001 events, got ${n}`);
    }, OPTIONS);

    bench('decode only (floor)', () => {
      const decoder = new TextDecoder();
      let length = 0;
      for (const chunk of reads) length += decoder.decode(chunk, { stream: true }).length;
      if (length === 0) throw new Error('nothing decoded');
    }, OPTIONS);
  });
}
