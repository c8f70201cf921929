/**
 * Server-Sent Events parsing, as the WHATWG HTML standard defines it:
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 *
 * The parser knows nothing of `[DONE]`, JSON or any AI protocol: it turns bytes into events and nothing else.
 */
import type { SSEEvent } from './types.ts';

export interface SSEParserHandlers {
  /** Called synchronously inside `feed()` for every dispatched event. */
  onEvent: (event: SSEEvent) => void;
  /** Called when the stream sets a reconnection time with a valid `retry:` field. */
  onRetry?: (ms: number) => void;
  /** Called for every comment line (the text after the colon). */
  onComment?: (text: string) => void;
}

export interface SSEParser {
  /** Feed the next piece of the stream: bytes (decoded as streaming UTF-8) or already-decoded text. */
  feed(chunk: string | Uint8Array): void;
  /** Forget everything, as at the start of a new stream (the last event id included). */
  reset(): void;
  /** The stream's "last event ID string": what a reconnect sends as `Last-Event-ID`. */
  readonly lastEventId: string;
}

const LF = 10;
const CR = 13;
const SPACE = 0x20;
const COLON = 0x3a;
const BOM = '\uFEFF';

/**
 * Create an incremental event-stream parser. Splitting a stream anywhere (inside a line, between CR and LF, inside a
 * multi-byte character) gives the same events as feeding it whole.
 *
 * @example
 * const parser = createSSEParser({ onEvent: (e) => console.log(e.event, e.data) });
 * parser.feed('data: hello\n\n');
 */
export function createSSEParser(handlers: SSEParserHandlers): SSEParser {
  // ignoreBOM: true keeps a BOM in the decoded text, so one rule below drops exactly one BOM whether the stream
  // arrives as bytes or as strings.
  let decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let atStart = true;
  let pendingCR = false;
  // A partial line is kept as fragments and joined once when its end arrives, not re-concatenated per feed.
  let fragments: string[] = [];

  let data = '';
  let hasData = false;
  let eventType = '';
  let idBuffer = '';
  let lastEventId = '';

  function dispatch(): void {
    // "Set the last event ID string of the event source to the value of the last event ID buffer."
    lastEventId = idBuffer;
    // "If the data buffer is an empty string, set the data buffer and the event type buffer to the empty string
    // and return." A `data:` line with an empty value still makes the buffer non-empty ("\n").
    if (!hasData) {
      eventType = '';
      return;
    }
    const event: SSEEvent = { event: eventType === '' ? 'message' : eventType, data, id: lastEventId };
    data = '';
    hasData = false;
    eventType = '';
    handlers.onEvent(event);
  }

  function processField(field: string, value: string): void {
    switch (field) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        // "Append the field value to the data buffer, then append a single U+000A LINE FEED (LF) character";
        // the final LF is removed at dispatch, so joining with \n is the same thing.
        data = hasData ? data + '\n' + value : value;
        hasData = true;
        break;
      case 'id':
        // "If the field value does not contain U+0000 NULL, then set the last event ID buffer to the field value."
        if (!value.includes('\0')) idBuffer = value;
        break;
      case 'retry':
        // "If the field value consists of only ASCII digits, then interpret the field value as an integer in base
        // ten, and set the event stream's reconnection time to that integer. Otherwise, ignore the field."
        if (value !== '' && /^[0-9]+$/.test(value)) handlers.onRetry?.(Number.parseInt(value, 10));
        break;
      default:
      // "Otherwise: The field is ignored."
    }
  }

  /** Process the line `text[start, end)`; slicing only the value keeps the per-line cost to one allocation. */
  function processLine(text: string, start: number, end: number): void {
    if (start === end) {
      dispatch();
      return;
    }
    const first = text.charCodeAt(start);
    if (first === COLON) {
      if (handlers.onComment) {
        handlers.onComment(text.slice(text.charCodeAt(start + 1) === SPACE ? start + 2 : start + 1, end));
      }
      return;
    }
    // Fast path for the line nearly every AI stream is made of: "data:".
    if (
      first === 0x64 &&
      end - start >= 5 &&
      text.charCodeAt(start + 1) === 0x61 &&
      text.charCodeAt(start + 2) === 0x74 &&
      text.charCodeAt(start + 3) === 0x61 &&
      text.charCodeAt(start + 4) === COLON
    ) {
      processField('data', text.slice(text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, end));
      return;
    }
    const colon = text.indexOf(':', start);
    if (colon === -1 || colon >= end) {
      // "using the whole line as the field name, and the empty string as the field value."
      processField(text.slice(start, end), '');
      return;
    }
    // "If there is a U+0020 SPACE character after the colon, remove it from value."
    const valueStart = text.charCodeAt(colon + 1) === SPACE && colon + 1 < end ? colon + 2 : colon + 1;
    processField(text.slice(start, colon), text.slice(valueStart, end));
  }

  function feedText(text: string): void {
    if (text === '') return;
    let pos = 0;
    if (atStart) {
      atStart = false;
      if (text.startsWith(BOM)) pos = 1;
    }
    // A CR that ended the previous chunk already ended its line; an LF right after it belongs to the same CRLF.
    if (pendingCR) {
      pendingCR = false;
      if (text.charCodeAt(pos) === LF) pos++;
    }
    const length = text.length;
    // Nearly every server ends lines with LF only: a chunk without CR takes a loop with one indexOf per line
    // (measured several times faster in V8 than the general loop, which must track both characters).
    if (text.indexOf('\r', pos) === -1) {
      let end = text.indexOf('\n', pos);
      while (end !== -1) {
        emitLine(text, pos, end);
        pos = end + 1;
        end = text.indexOf('\n', pos);
      }
      if (pos < length) fragments.push(pos === 0 ? text : text.slice(pos));
      return;
    }
    // Each indexOf result is kept until we pass it, so a rare CR is not searched for again on every line.
    let lf = text.indexOf('\n', pos);
    let cr = text.indexOf('\r', pos);
    while (pos < length) {
      if (lf !== -1 && lf < pos) lf = text.indexOf('\n', pos);
      if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) {
        fragments.push(pos === 0 ? text : text.slice(pos));
        return;
      }
      const lineStart = pos;
      if (text.charCodeAt(end) === CR) {
        if (end + 1 === length) {
          // The LF of a CRLF may arrive in the next chunk: remember to skip it there.
          pendingCR = true;
          pos = length;
        } else {
          pos = text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
        }
      } else {
        pos = end + 1;
      }
      emitLine(text, lineStart, end);
    }
  }

  /** Complete the line `text[start, end)` with any fragments kept from earlier chunks, then process it. */
  function emitLine(text: string, start: number, end: number): void {
    if (fragments.length === 0) {
      processLine(text, start, end);
      return;
    }
    fragments.push(text.slice(start, end));
    const line = fragments.join('');
    fragments = [];
    processLine(line, 0, line.length);
  }

  return {
    feed(chunk) {
      feedText(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    reset() {
      decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      atStart = true;
      pendingCR = false;
      fragments = [];
      data = '';
      hasData = false;
      eventType = '';
      idBuffer = '';
      lastEventId = '';
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}

/**
 * Read a `text/event-stream` body as an async iterable of events. Ends when the body ends (an unterminated last
 * event is not dispatched); leaving the loop early cancels the body; an abort rejects with the signal's reason.
 *
 * @example
 * for await (const event of readSSE(response.body!)) console.log(event.data);
 */
export async function* readSSE(
  body: ReadableStream<Uint8Array>,
  opts: { signal?: AbortSignal } = {},
): AsyncGenerator<SSEEvent, void, undefined> {
  const { signal } = opts;
  signal?.throwIfAborted();
  const queue: SSEEvent[] = [];
  const parser = createSSEParser({ onEvent: (event) => queue.push(event) });
  const reader = body.getReader();
  const onAbort = () => {
    reader.cancel(signal?.reason).catch(() => {});
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) {
        finished = true;
        return;
      }
      parser.feed(value);
      while (queue.length > 0) yield queue.shift() as SSEEvent;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!finished) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
