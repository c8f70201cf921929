/** What kind of failure ended a turn. */
export type ChatStreamErrorKind =
  /** The server answered with a non-2xx status or a body the kit cannot read as a stream. */
  | 'http'
  /** The request or the response body failed on the network (including a dropped connection). */
  | 'network'
  /** The stream arrived but could not be understood (unknown content type, malformed event). */
  | 'protocol'
  /** The server reported an error inside the stream (OpenAI `error`, Anthropic `error`, AI SDK `error`). */
  | 'server'
  /** The request could not be built: `prepareRequest`, or the `body`/`headers` function, threw. */
  | 'request';

export interface ChatStreamErrorInit {
  kind: ChatStreamErrorKind;
  /** HTTP status when there was one. */
  status?: number;
  /** The server's own error message, when it sent one. */
  serverMessage?: string;
  /** Whether the kit (or the user) may try the same request again. */
  retryable?: boolean;
  /** Milliseconds the server asked us to wait (Retry-After). */
  retryAfterMs?: number;
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

  constructor(message: string, init: ChatStreamErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** True for a `ChatStreamError` (also across bundle copies, where `instanceof` fails). */
export function isChatStreamError(value: unknown): value is ChatStreamError {
  return value instanceof ChatStreamError || (value instanceof Error && value.name === 'ChatStreamError' && 'kind' in value);
}
