import { vi } from 'vitest';

const encoder = new TextEncoder();

/** A response body the test feeds step by step. */
export interface ControlledBody {
  stream: ReadableStream<Uint8Array>;
  push(chunk: string | Uint8Array): void;
  close(): void;
  /** Break the body mid-way, as a dropped connection does. */
  fail(error?: unknown): void;
  /** True once the consumer cancelled the body (an abort reached the "server"). */
  readonly cancelled: boolean;
}

export function controlledBody(): ControlledBody {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      cancelled = true;
    },
  });
  return {
    stream,
    push(chunk) {
      controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
    },
    close() {
      controller.close();
    },
    fail(error = new TypeError('network error')) {
      controller.error(error);
    },
    get cancelled() {
      return cancelled;
    },
  };
}

/** A body that yields the given chunks in order and ends. */
export function bodyOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (i < chunks.length) {
        const chunk = chunks[i++]!;
        c.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      } else {
        c.close();
      }
    },
  });
}

export function sseResponse(body: ReadableStream<Uint8Array> | string[], init: ResponseInit = {}): Response {
  return new Response(Array.isArray(body) ? bodyOf(body) : body, {
    status: 200,
    ...init,
    headers: { 'content-type': 'text/event-stream', ...(init.headers as Record<string, string> | undefined) },
  });
}

export interface RecordedRequest {
  url: string;
  init: RequestInit;
  body: { messages: { role: string; content: string }[]; [key: string]: unknown };
  headers: Record<string, string>;
  signal: AbortSignal;
}

/**
 * An injectable fetch answering each call with the next entry of `responses` (a Response, a function making one,
 * or an Error to reject with). Records every request.
 */
export function scriptedFetch(responses: (Response | Error | ((req: RecordedRequest) => Response | Promise<Response>))[]) {
  const requests: RecordedRequest[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init: RequestInit = {}) => {
    const req: RecordedRequest = {
      url: String(url),
      init,
      body: JSON.parse(String(init.body)),
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      signal: init.signal!,
    };
    requests.push(req);
    const next = responses.shift();
    if (next === undefined) throw new Error(`scriptedFetch: no response left for request ${requests.length}`);
    if (next instanceof Error) throw next;
    const response = typeof next === 'function' ? await next(req) : next;
    if (init.signal?.aborted) throw init.signal.reason;
    return response;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests, mock: fetch };
}

/** Split a byte array into pieces at the given offsets. */
export function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const sorted = [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const cut of sorted) {
    parts.push(bytes.slice(start, cut));
    start = cut;
  }
  parts.push(bytes.slice(start));
  return parts;
}
