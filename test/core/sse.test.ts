import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSSEParser, readSSE } from '../../src/core/sse.ts';
import type { SSEEvent } from '../../src/core/types.ts';
import { bodyOf, splitAt } from '../helpers/stream.ts';

function parse(...chunks: (string | Uint8Array)[]) {
  const events: SSEEvent[] = [];
  const retries: number[] = [];
  const comments: string[] = [];
  const parser = createSSEParser({
    onEvent: (e) => events.push(e),
    onRetry: (ms) => retries.push(ms),
    onComment: (c) => comments.push(c),
  });
  for (const chunk of chunks) parser.feed(chunk);
  return { events, retries, comments, parser };
}

const enc = new TextEncoder();

describe('createSSEParser: the WHATWG event-stream rules', () => {
  it('dispatches a simple event with the default type "message"', () => {
    expect(parse('data: hello\n\n').events).toEqual([{ event: 'message', data: 'hello', id: '' }]);
  });

  it('drops one leading BOM and only one', () => {
    expect(parse('\uFEFFdata: a\n\n').events).toEqual([{ event: 'message', data: 'a', id: '' }]);
    // A second BOM makes the first line's field name "\uFEFFdata", which is unknown and ignored.
    expect(parse('\uFEFF\uFEFFdata: a\n\n').events).toEqual([]);
    expect(parse(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('data: b\n\n')])).events[0]?.data).toBe('b');
  });

  it('drops a BOM split across byte chunks', () => {
    expect(parse(new Uint8Array([0xef]), new Uint8Array([0xbb, 0xbf]), 'data: c\n\n').events[0]?.data).toBe('c');
  });

  it('treats CR, LF and CRLF as line ends', () => {
    for (const eol of ['\n', '\r', '\r\n']) {
      expect(parse(`data: a${eol}data: b${eol}${eol}`).events).toEqual([{ event: 'message', data: 'a\nb', id: '' }]);
    }
  });

  it('keeps CR and LF in different chunks as one line end', () => {
    const { events } = parse('data: a\r', '\ndata: b\r', '\n\r', '\n');
    expect(events).toEqual([{ event: 'message', data: 'a\nb', id: '' }]);
  });

  it('does not swallow an LF that is not right after a pending CR', () => {
    // "data: a\r" then "\r\n": the first CR ends line 1, the CRLF ends an empty line (dispatch).
    expect(parse('data: a\r', '\r\n').events).toEqual([{ event: 'message', data: 'a', id: '' }]);
  });

  it('removes exactly one optional space after the colon', () => {
    expect(parse('data:no-space\n\n').events[0]?.data).toBe('no-space');
    expect(parse('data:  two\n\n').events[0]?.data).toBe(' two');
    expect(parse('data:\tx\n\n').events[0]?.data).toBe('\tx');
  });

  it('reads a line without a colon as a field with an empty value', () => {
    // "data" alone appends an empty line to the data buffer: the event has empty data.
    expect(parse('data\n\n').events).toEqual([{ event: 'message', data: '', id: '' }]);
    expect(parse('data\ndata\n\n').events[0]?.data).toBe('\n');
  });

  it('dispatches `data:` alone as an event with empty data', () => {
    expect(parse('data:\n\n').events).toEqual([{ event: 'message', data: '', id: '' }]);
  });

  it('dispatches nothing for a block without a data line', () => {
    expect(parse('event: ping\n\n').events).toEqual([]);
    expect(parse('\n\n\n').events).toEqual([]);
  });

  it('does not leak an event type into the next event after a data-less block', () => {
    expect(parse('event: ping\n\ndata: x\n\n').events).toEqual([{ event: 'message', data: 'x', id: '' }]);
  });

  it('ignores unknown fields and comments, and reports comments', () => {
    const { events, comments } = parse(': keep-alive\nfoo: bar\n:no space\ndata: x\n\n');
    expect(events).toEqual([{ event: 'message', data: 'x', id: '' }]);
    expect(comments).toEqual(['keep-alive', 'no space']);
  });

  it('uses the event field as the type and resets it after each dispatch', () => {
    const { events } = parse('event: delta\ndata: 1\n\ndata: 2\n\n');
    expect(events.map((e) => e.event)).toEqual(['delta', 'message']);
  });

  it('joins data lines with \\n and keeps a newline inside a token', () => {
    expect(parse('data: line one\ndata: line two\ndata:\ndata: four\n\n').events[0]?.data).toBe('line one\nline two\n\nfour');
  });

  it('keeps the last event id until it changes', () => {
    const { events } = parse('id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\nid\ndata: d\n\n');
    expect(events.map((e) => e.id)).toEqual(['1', '1', '2', '']);
  });

  it('lets an id in a block without data set the id of later events', () => {
    const { events, parser } = parse('id: 7\n\ndata: x\n\n');
    expect(events).toEqual([{ event: 'message', data: 'x', id: '7' }]);
    expect(parser.lastEventId).toBe('7');
  });

  it('ignores an id that contains U+0000', () => {
    const { events } = parse('id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n');
    expect(events.map((e) => e.id)).toEqual(['1', '1']);
  });

  it('accepts retry only when it is all ASCII digits', () => {
    expect(parse('retry: 3000\n\nretry: 12a\nretry: -1\nretry: 1.5\nretry:\nretry:  20\nretry: ２\nretry:0\n').retries).toEqual([3000, 0]);
  });

  it('does not dispatch an unterminated event at the end of the stream', async () => {
    expect(parse('data: complete\n\ndata: partial').events.map((e) => e.data)).toEqual(['complete']);
    expect(parse('data: partial\n').events).toEqual([]);
    const events: SSEEvent[] = [];
    for await (const e of readSSE(bodyOf(['data: a\n\n', 'data: b\n']))) events.push(e);
    expect(events.map((e) => e.data)).toEqual(['a']);
  });

  it('fires onEvent synchronously inside feed()', () => {
    const seen: string[] = [];
    const parser = createSSEParser({ onEvent: (e) => seen.push(e.data) });
    parser.feed('data: now\n\n');
    expect(seen).toEqual(['now']);
  });

  it('keeps a partial line across feeds (the tutorial bug that drops tokens)', () => {
    const { events } = parse('da', 'ta: hel', 'lo wor', 'ld\n', '\n');
    expect(events.map((e) => e.data)).toEqual(['hello world']);
  });

  it('decodes a multi-byte character split across chunks (the tutorial bug that breaks UTF-8)', () => {
    const bytes = enc.encode('data: 你好 👋 é\n\n');
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(parse(...splitAt(bytes, [cut])).events[0]?.data).toBe('你好 👋 é');
    }
  });

  it('turns invalid UTF-8 into U+FFFD', () => {
    expect(parse(new Uint8Array([...enc.encode('data: a'), 0xff, 0xc3, ...enc.encode('b\n\n')])).events[0]?.data).toBe(
      'a\uFFFD\uFFFDb',
    );
  });

  it('starts over on reset()', () => {
    const events: SSEEvent[] = [];
    const parser = createSSEParser({ onEvent: (e) => events.push(e) });
    parser.feed('id: 9\ndata: half');
    parser.reset();
    parser.feed('\uFEFFdata: fresh\n\n');
    expect(events).toEqual([{ event: 'message', data: 'fresh', id: '' }]);
  });
});

const samples = [
  'data: Hello\n\ndata:  world\n\n: comment\nevent: add\nid: 1\ndata: {"x":1}\n\n',
  '\uFEFFid: a\r\ndata: 你好\r\ndata: 👋🏽 naïve\r\n\r\nretry: 10\r\ndata\r\n\r\n',
  'event: content_block_delta\rdata: {"delta":{"text":"\\n\\n"}}\r\rid: 2\u00001\rdata: é\r\r',
  'data: [DONE]\n\ndata: tail without end',
];

describe('createSSEParser: any split of a stream gives the same events', () => {
  for (const [i, sample] of samples.entries()) {
    it(`sample ${i + 1}`, () => {
      const bytes = enc.encode(sample);
      const whole = parse(bytes);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: Math.max(1, bytes.length - 1) }), { maxLength: 12 }), (cuts) => {
          const split = parse(...splitAt(bytes, cuts));
          expect(split.events).toEqual(whole.events);
          expect(split.retries).toEqual(whole.retries);
          expect(split.comments).toEqual(whole.comments);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('byte-at-a-time equals whole, and strings split anywhere equal bytes', () => {
    for (const sample of samples) {
      const bytes = enc.encode(sample);
      const whole = parse(bytes).events;
      expect(parse(...Array.from(bytes, (b) => new Uint8Array([b]))).events).toEqual(whole);
      expect(parse(...sample.split('')).events).toEqual(whole);
    }
  });
});

describe('readSSE', () => {
  it('yields events from a byte stream', async () => {
    const out: SSEEvent[] = [];
    for await (const e of readSSE(bodyOf(['event: a\ndata: 1\n\nda', 'ta: 2\n\n']))) out.push(e);
    expect(out).toEqual([
      { event: 'a', data: '1', id: '' },
      { event: 'message', data: '2', id: '' },
    ]);
  });

  it('rejects with the abort reason and cancels the body when the signal aborts', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(enc.encode('data: 1\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const e of readSSE(body, { signal: controller.signal })) {
        seen.push(e.data);
        controller.abort(new DOMException('stop', 'AbortError'));
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['1']);
    expect(cancelled).toBe(true);
  });

  it('cancels the body when the consumer leaves the loop early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(enc.encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const e of readSSE(body)) {
      if (e.data === '1') break;
    }
    expect(cancelled).toBe(true);
  });
});
