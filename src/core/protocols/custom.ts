/**
 * What any protocol function may return, normalised: a string is a text delta, a chunk or an array of chunks is
 * delivered in order, `null`/`undefined` is nothing, and `DONE` (alone or last in an array) ends the turn.
 */
import { ChatStreamError } from '../errors.ts';
import { DONE, type StreamChunk } from '../types.ts';

/** Deliver one protocol result to `emit`; returns true when it ended the turn. */
export function deliverResult(result: unknown, emit: (chunk: StreamChunk) => void): boolean {
  if (result === DONE) return true;
  if (result === null || result === undefined) return false;
  if (typeof result === 'string') {
    if (result !== '') emit({ type: 'text-delta', delta: result });
    return false;
  }
  if (Array.isArray(result)) {
    for (const item of result) {
      if (item === DONE) return true;
      if (item !== null && item !== undefined) emitChunk(item, emit);
    }
    return false;
  }
  emitChunk(result, emit);
  return false;
}

function emitChunk(value: unknown, emit: (chunk: StreamChunk) => void): void {
  if (typeof value === 'string') {
    if (value !== '') emit({ type: 'text-delta', delta: value });
    return;
  }
  if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') {
    throw new ChatStreamError(`A protocol returned ${describe(value)}; expected a string, a chunk, an array of chunks, null or DONE`, {
      kind: 'protocol',
    });
  }
  // Unknown chunk types pass through: the accumulator ignores them, `onChunk` still sees them.
  emit(value as StreamChunk);
}

function describe(value: unknown): string {
  // The likely mistake: a decoder factory given as the protocol itself (it returns a decoder for every event).
  if (typeof value === 'function') return "a function (a factory? name the protocol: protocol: 'openai')";
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a nested array';
  return typeof value === 'object' ? 'an object without a string `type`' : `a ${typeof value}`;
}
