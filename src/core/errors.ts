/** What kind of failure ended a turn. */
export type ChatStreamErrorKind =
  /** The server answered with a non-2xx status or a body the kit cannot read as a stream. */
  | 'http'
  /** The request or the response body failed on the network (a dropped connection, a timeout). */
  | 'network'
  /** The stream arrived but could not be understood (unknown content type, malformed event, empty body). */
  | 'protocol'
  /** The server reported an error inside the stream (OpenAI `error`, Anthropic `error`, AI SDK `error`). */
  | 'server'
  /** The request could not be built (`prepareRequest`, or the `body`/`headers` function, threw), or an
   * operation named a message that does not exist. Not retryable. */
  | 'request'
  /**
   * The stream closed cleanly but without the end marker its protocol always sends (OpenAI `[DONE]`, Responses
   * `response.completed`, Anthropic `message_stop`, AI SDK `finish`): the reply is truncated. Retryable.
   */
  | 'incomplete';

export interface ChatStreamErrorInit {
  kind: ChatStreamErrorKind;
  /** HTTP status when there was one. */
  status?: number;
  /** The server's own error message, when it sent one (already made readable: no markup, no raw JSON). */
  serverMessage?: string;
  /** Whether the kit (or the user) may try the same request again. */
  retryable?: boolean;
  /** Milliseconds the server asked us to wait (Retry-After). */
  retryAfterMs?: number;
  /** The raw response body of a failed request, for developers; never shown in `message`. */
  body?: string;
  cause?: unknown;
}

/** The one error type the kit reports: `kind` says what failed, `retryable` whether trying again can help. */
export class ChatStreamError extends Error {
  override readonly name = 'ChatStreamError';
  readonly kind: ChatStreamErrorKind;
  readonly status: number | undefined;
  readonly serverMessage: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** The raw response body of a failed request (HTML, JSON, text), for logs; `message` holds the readable part. */
  readonly body: string | undefined;

  constructor(message: string, init: ChatStreamErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.body = init.body;
  }
}

/** True for a `ChatStreamError` (also across bundle copies, where `instanceof` fails). */
export function isChatStreamError(value: unknown): value is ChatStreamError {
  return value instanceof ChatStreamError || (value instanceof Error && value.name === 'ChatStreamError' && 'kind' in value);
}

/** Longest server message put into a user-facing `message`. */
export const MAX_SERVER_MESSAGE_CHARS = 300;

function clip(text: string): string {
  return text.length > MAX_SERVER_MESSAGE_CHARS ? `${text.slice(0, MAX_SERVER_MESSAGE_CHARS)}…` : text;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** FastAPI/pydantic validation item `{loc: ['body', 'messages'], msg: 'field required'}` -> `messages: field required`. */
function pydanticItem(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return nonEmptyString(item);
  const record = item as Record<string, unknown>;
  const msg = nonEmptyString(record.msg) ?? nonEmptyString(record.message);
  if (!msg) return undefined;
  const loc = Array.isArray(record.loc) ? record.loc.filter((p) => typeof p === 'string' || typeof p === 'number') : [];
  // FastAPI prefixes where the value came from (body, query, path, header, cookie); the field is what users know.
  if (loc.length > 1 && ['body', 'query', 'path', 'header', 'cookie'].includes(String(loc[0]))) loc.shift();
  return loc.length > 0 ? `${loc.join('.')}: ${msg}` : msg;
}

/**
 * Pull a human message out of the JSON shapes servers use for errors: `{error: {message, code, type}}`,
 * `{error: "…"}`, `{message}`, `{errorText}`, FastAPI's `{detail: "…"}` and `{detail: [{loc, msg}]}`, and
 * problem+json (RFC 9457) `{title, detail}`. Bounded: looks at most a few levels and items deep.
 */
export function errorMessageOf(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return nonEmptyString(value);
  if (typeof value !== 'object' || value === null || depth > 3) return undefined;
  if (Array.isArray(value)) {
    const items = value.slice(0, 5).map(pydanticItem).filter((m): m is string => m !== undefined);
    return items.length > 0 ? items.join('; ') + (value.length > 5 ? '; …' : '') : undefined;
  }
  const record = value as Record<string, unknown>;
  const title = nonEmptyString(record.title);
  const detail = Array.isArray(record.detail) ? errorMessageOf(record.detail, depth + 1) : nonEmptyString(record.detail);
  if (title && detail) return detail.startsWith(title) ? detail : `${title}: ${detail}`;
  for (const key of ['message', 'errorText', 'error_description']) {
    const message = nonEmptyString(record[key]);
    if (message) return message;
  }
  if (detail) return detail;
  if ('error' in record) {
    const nested = errorMessageOf(record.error, depth + 1);
    if (nested) return nested;
  }
  return title;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower in ENTITIES) return ENTITIES[lower]!;
    if (lower.startsWith('#')) {
      const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return entity;
  });
}

/**
 * The readable text of an HTML error page (an nginx 502, a proxy's 504): its `<title>`, else its text without
 * tags, scripts and styles. One linear scan; no regex over the markup.
 */
export function htmlToText(html: string): string | undefined {
  const lower = html.toLowerCase();
  const titleStart = lower.indexOf('<title');
  if (titleStart !== -1) {
    const open = lower.indexOf('>', titleStart);
    const close = open === -1 ? -1 : lower.indexOf('</title', open);
    if (close !== -1) {
      const title = decodeEntities(html.slice(open + 1, close)).replace(/\s+/g, ' ').trim();
      if (title !== '') return title;
    }
  }
  let text = '';
  let pos = 0;
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    if (lt === -1) {
      text += html.slice(pos);
      break;
    }
    text += html.slice(pos, lt) + ' ';
    let skipTo = -1;
    if (lower.startsWith('<script', lt)) skipTo = lower.indexOf('</script', lt);
    else if (lower.startsWith('<style', lt)) skipTo = lower.indexOf('</style', lt);
    else if (lower.startsWith('<!--', lt)) skipTo = lower.indexOf('-->', lt);
    const gt = html.indexOf('>', skipTo === -1 ? lt : skipTo);
    if (gt === -1) break;
    pos = gt + 1;
  }
  const readable = decodeEntities(text).replace(/\s+/g, ' ').trim();
  return readable === '' ? undefined : readable;
}

function looksLikeHtml(text: string, contentType: string | null | undefined): boolean {
  if (contentType && /^\s*(text\/html|application\/xhtml\+xml)/i.test(contentType)) return true;
  const start = text.slice(0, 64).trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<head') || start.startsWith('<body');
}

/**
 * The readable message of an error response body: the message out of JSON error shapes, the title or text of an
 * HTML page, or the text itself; clipped to `MAX_SERVER_MESSAGE_CHARS`. The raw body stays the caller's (put it
 * on `ChatStreamError.body`), never in the message.
 */
export function readableErrorBody(body: string, contentType?: string | null): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) {
    try {
      const message = errorMessageOf(JSON.parse(trimmed));
      return message === undefined ? undefined : clip(message.replace(/\s+/g, ' '));
    } catch {
      // Not JSON after all: read it as text below.
    }
  }
  if (looksLikeHtml(trimmed, contentType)) {
    const text = htmlToText(trimmed);
    return text === undefined ? undefined : clip(text);
  }
  return clip(trimmed.replace(/\s+/g, ' '));
}
