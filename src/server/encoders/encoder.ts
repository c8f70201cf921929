import type { StreamChunk } from '../../core/types.ts';
import type { WireEvent } from '../types.ts';

/** One wire format's writer: turns the kit's chunks into events, keeping whatever state the format needs. */
export interface ChunkEncoder {
  /** Events that open the stream. */
  start(): WireEvent[];
  /** Events for one chunk (none when the format cannot carry it). */
  encode(chunk: StreamChunk): WireEvent[];
  /** Events that end a stream that completed. */
  end(): WireEvent[];
  /** Events that end a stream whose source failed, telling the client `message`. */
  error(message: string): WireEvent[];
  /** Events that end a stream a client stopped (other readers learn it was stopped, not finished). */
  abort(): WireEvent[];
}
