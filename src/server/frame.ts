/**
 * Event-stream framing, the writer's side of https://html.spec.whatwg.org/multipage/server-sent-events.html
 * "The stream must then be parsed by reading everything line by line": so every line of a data value gets its own
 * `data:` field, and the reader joins them again with LF.
 */
import type { WireEvent } from './types.ts';

const LINE_BREAK = /\r\n|\r|\n/;

/** Frame one event: `id:`, `event:` (when not `message`), one `data:` line per line of data, then a blank line. */
export function formatEvent(event: WireEvent, id?: string): string {
  let out = id === undefined ? '' : `id: ${id}\n`;
  if (event.event && event.event !== 'message') out += `event: ${event.event}\n`;
  // "If the field value starts with a U+0020 SPACE character, remove it": writing `data: ` always (one space)
  // keeps a value's own leading space.
  for (const line of event.data.split(LINE_BREAK)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** A comment line: ignored by readers, but it keeps proxies from closing an idle connection. */
export const HEARTBEAT = ': ping\n\n';

/** The `retry:` field: the client's reconnection time in ms. */
export function formatRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.floor(ms))}\n\n`;
}

/** Headers of an event stream that no proxy or CDN should buffer or transform. */
export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
};
