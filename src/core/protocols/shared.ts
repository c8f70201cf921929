/**
 * What every wire decoder shares: JSON parsing with typed errors, server errors, the `[DONE]` sentinel, and the
 * mapping helpers for finish reasons and tool arguments.
 */
import { ChatStreamError, errorMessageOf } from '../errors.ts';
import type { Done, FinishReason, ProtocolFn, SSEEvent, StreamChunk } from '../types.ts';

export const DONE_DATA = '[DONE]';

/** A protocol the kit ships. `expectsEnd`: its streams always end with an explicit marker, so a body that ends
 * without one was cut off (the turn runner treats that as a drop). */
export type BuiltinProtocolFn = ProtocolFn & { readonly expectsEnd: boolean };

/** What a decoder hands back for one event: nothing, chunks (possibly ending with `DONE`), or `DONE`. */
export type Decoded = StreamChunk | readonly (StreamChunk | Done)[] | Done | null;

export function builtin(fn: ProtocolFn, expectsEnd: boolean): BuiltinProtocolFn {
  return Object.defineProperty(fn, 'expectsEnd', { value: expectsEnd, enumerable: true }) as BuiltinProtocolFn;
}

export { errorMessageOf };
export { parseToolInput } from '../tool-input.ts';

/** What users read when an event cannot be decoded; the event itself is for developers, in `cause`. */
export const MALFORMED_EVENT_MESSAGE = 'The server sent an event the kit could not read';

function malformed(event: SSEEvent, protocol: string, cause: unknown): ChatStreamError {
  const sample = event.data.length > 500 ? `${event.data.slice(0, 500)}…` : event.data;
  return new ChatStreamError(MALFORMED_EVENT_MESSAGE, {
    kind: 'protocol',
    cause: new Error(`Malformed ${protocol} event: ${sample}`, cause === undefined ? undefined : { cause }),
  });
}

export type JSONRecord = Record<string, unknown>;

export function parseJSON(event: SSEEvent, protocol: string): JSONRecord {
  let value: unknown;
  try {
    value = JSON.parse(event.data);
  } catch (cause) {
    throw malformed(event, protocol, cause);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(event, protocol, undefined);
  return value as JSONRecord;
}

/** The record at `value`, or undefined when it is not a plain object. */
export function recordOf(value: unknown): JSONRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JSONRecord) : undefined;
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function serverError(message: string | undefined, fallback: string): ChatStreamError {
  return new ChatStreamError(message ?? fallback, { kind: 'server', serverMessage: message });
}

/** Map a provider's raw finish reason; a reason with no mapping is `'other'`. */
export function mapFinishReason(raw: unknown, table: Readonly<Record<string, FinishReason>>): FinishReason | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  return Object.prototype.hasOwnProperty.call(table, raw) ? table[raw] : 'other';
}

/** Drop undefined fields so chunks and usage compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
  const out = {} as T;
  for (const key in value) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
