/**
 * Kit chunks -> `data: <token>` events (the format of the SSE tutorials). Only text travels; a multi-line token is
 * sent as several `data:` lines, which the reader joins with LF, so a CR (or CRLF) inside a token comes back as LF.
 * The stream ends with `data: [DONE]`; a failure is `event: error` with the message as data.
 */
import type { StreamChunk } from '../../core/types.ts';
import type { ChunkEncoder } from './encoder.ts';

export function createTextEncoder(): ChunkEncoder {
  return {
    start: () => [],
    encode: (chunk: StreamChunk) => (chunk.type === 'text-delta' && chunk.delta !== '' ? [{ data: chunk.delta }] : []),
    end: () => [{ data: '[DONE]' }],
    error: (message: string) => [{ event: 'error', data: message }],
    abort: () => [],
  };
}
