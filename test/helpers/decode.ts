/** Feed a recorded stream through the SSE parser, a protocol and the parts builder, the way the store does. */
import { createSSEParser } from '../../src/core/sse.ts';
import { createProtocol, deliverResult } from '../../src/core/protocols/index.ts';
import { createPartsBuilder, type ReplyEnd, type ReplyParts } from '../../src/core/message-parts.ts';
import type { ProtocolFn, ProtocolName, StreamChunk } from '../../src/core/types.ts';

export interface Decoded {
  chunks: StreamChunk[];
  done: boolean;
  /** The decoder's `expectsEnd` once the stream was read. */
  expectsEnd: boolean | undefined;
}

/** Decode `stream`, fed as the given pieces (strings or bytes), into chunks; stops at DONE like the reader. */
export function decode(stream: string | (string | Uint8Array)[], protocol: ProtocolName | ProtocolFn): Decoded {
  const fn = createProtocol(protocol);
  const chunks: StreamChunk[] = [];
  let done = false;
  const parser = createSSEParser({
    onEvent(event) {
      if (done) return;
      if (deliverResult(fn(event), (chunk) => chunks.push(chunk))) done = true;
    },
  });
  for (const piece of typeof stream === 'string' ? [stream] : stream) parser.feed(piece);
  return { chunks, done, expectsEnd: fn.expectsEnd };
}

/** Decode and build the reply, as it stands after the turn ends `how`. */
export function decodeReply(
  stream: string | (string | Uint8Array)[],
  protocol: ProtocolName | ProtocolFn,
  how: ReplyEnd = 'done',
  now: () => number = () => 0,
): ReplyParts & Decoded {
  const decoded = decode(stream, protocol);
  const builder = createPartsBuilder(now);
  for (const chunk of decoded.chunks) builder.apply(chunk);
  builder.end(how);
  return { ...decoded, ...builder.snapshot() };
}

/** Split a string's UTF-8 bytes at the given cut points (sorted, deduplicated, in range). */
export function splitBytes(text: string, cuts: number[]): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const points = [...new Set(cuts.map((c) => Math.min(Math.max(0, c), bytes.length)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const to of points) {
    if (to > from) pieces.push(bytes.subarray(from, to));
    from = Math.max(from, to);
  }
  if (from < bytes.length) pieces.push(bytes.subarray(from));
  return pieces;
}
