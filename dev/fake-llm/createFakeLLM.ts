import type { StreamChunk } from '../../src/core/types.ts';
import { fakeChunks } from './fakeChunks.ts';
import { createFakeResumable, type FakeResumable } from './fakeResumable.ts';
import { FakeDropError, fakeErrorBody, fakeSSE, fakeSSEHeaders } from './fakeSSE.ts';
import { hasFault, resolveFakeOptions, withoutFaults, type FakeLLMInput, type FakeLLMOptions } from './options.ts';

/** What the fake model saw of one request; the stats endpoint returns these. */
export interface FakeRequestRecord {
  /** 1-based request number since the fake model was created. */
  seq: number;
  key: string | undefined;
  protocol: FakeLLMOptions['protocol'];
  /** HTTP status answered. */
  status: number;
  /** The `Last-Event-ID` the request carried. */
  lastEventId: string | undefined;
  /** Whether the faults of the options applied (false once `faultTimes` is used up). */
  faulted: boolean;
  /** Tokens sent so far (counting from the answer's start, so a resumed request starts above 0). */
  tokensSent: number;
  /**
   * `streaming` while open; `done` when the stream ended normally; `failed` after an error event;
   * `dropped` when the server cut it (`dropAfter`); `aborted` when the client closed it first; `error-status`
   * for a non-2xx answer.
   */
  outcome: 'streaming' | 'done' | 'failed' | 'dropped' | 'aborted' | 'error-status';
  /** True when the client closed the connection before the stream ended. */
  aborted: boolean;
  startedAt: number;
  endedAt: number | undefined;
}

/** One request as the adapters hand it over. */
export interface FakeRequest {
  /** Query parameters (knobs). */
  query?: URLSearchParams;
  /** The parsed JSON body; its `fake` field holds knobs. */
  body?: unknown;
  /** The `Last-Event-ID` request header. */
  lastEventId?: string | null;
}

/** How to answer one request: a JSON error body, or a stream. */
export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  /** Wait this long before sending the status and headers. */
  ttfbMs: number;
  /** A JSON body for error statuses. */
  text?: string;
  /** The stream for 200 answers. */
  stream?: (signal: AbortSignal) => AsyncGenerator<Uint8Array>;
  /**
   * The same answer as the kit's chunks, for the encoder (protocols `ai-sdk` and `text`, 200 answers only): the
   * producer of a resumable stream. Paced and failing (`failAfter`) like `stream`; it updates `record.tokensSent`.
   */
  source?: (signal: AbortSignal) => AsyncGenerator<StreamChunk>;
  options: FakeLLMOptions;
  /** The log entry; adapters set its outcome. */
  record: FakeRequestRecord;
}

/** Stats of one key (or of all requests): what `GET /api/fake-llm/stats` returns. */
export interface FakeStats {
  key: string | undefined;
  requests: number;
  last: FakeRequestRecord | undefined;
  records: FakeRequestRecord[];
}

/** The fake model shared by all adapters of one server: remembers `faultTimes` per key and a request log. */
export interface FakeLLM {
  respond(request: FakeRequest): FakeResponse;
  stats(key?: string): FakeStats;
  /** Forgets fault counts and the log. */
  reset(): void;
  /** The resumable routes (`POST` with a conversation id, `GET …/:id/stream`, `POST …/:id/stop`), shared by every adapter. */
  readonly resumable: FakeResumable;
}

const MAX_RECORDS = 500;

/** Extra knobs every request gets before its own (for example a slower default pace for a demo). */
export interface CreateFakeLLMOptions {
  defaults?: FakeLLMInput;
}

/**
 * Creates the environment-agnostic fake model: request in, `FakeResponse` out. The Node handler and the
 * browser `createFakeFetch` both sit on top of it.
 */
export function createFakeLLM({ defaults }: CreateFakeLLMOptions = {}): FakeLLM {
  const faultCounts = new Map<string, number>();
  let records: FakeRequestRecord[] = [];
  let seq = 0;

  const respond = (request: FakeRequest): FakeResponse => {
    const body = request.body as { fake?: FakeLLMInput } | undefined;
    let options = resolveFakeOptions(defaults, request.query, isObject(body) && isObject(body.fake) ? body.fake : undefined);
    let faulted = hasFault(options);
    if (faulted && options.faultTimes !== undefined) {
      // Without a key, all keyless requests share one count: "fault the first request", full stop.
      const faultKey = options.key ?? '';
      const seen = faultCounts.get(faultKey) ?? 0;
      faultCounts.set(faultKey, seen + 1);
      if (seen >= options.faultTimes) {
        options = withoutFaults(options);
        faulted = false;
      }
    }
    const lastEventId = request.lastEventId ?? undefined;
    const record: FakeRequestRecord = {
      seq: ++seq,
      key: options.key,
      protocol: options.protocol,
      status: options.status ?? 200,
      lastEventId,
      faulted,
      tokensSent: 0,
      outcome: 'streaming',
      aborted: false,
      startedAt: Date.now(),
      endedAt: undefined,
    };
    records.push(record);
    if (records.length > MAX_RECORDS) records = records.slice(-MAX_RECORDS);

    if (options.status !== undefined && (options.status < 200 || options.status >= 300)) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.retryAfter !== undefined) headers['retry-after'] = String(options.retryAfter);
      record.outcome = 'error-status';
      record.endedAt = Date.now();
      return {
        status: options.status,
        headers,
        ttfbMs: options.ttfbMs,
        text: fakeErrorBody(options.protocol, options.status, options.errorMessage),
        options,
        record,
      };
    }
    const resolved = options;
    return {
      status: 200,
      headers: fakeSSEHeaders(options.protocol),
      ttfbMs: options.ttfbMs,
      async *stream(signal) {
        try {
          yield* fakeSSE(resolved, {
            signal,
            lastEventId,
            onToken: (n) => {
              record.tokensSent = n;
            },
            onEnd: (outcome) => endRecord(record, outcome),
          });
          endRecord(record, 'aborted');
        } catch (error) {
          endRecord(record, error instanceof FakeDropError ? 'dropped' : 'aborted');
          throw error;
        }
      },
      source:
        resolved.protocol === 'ai-sdk' || resolved.protocol === 'text'
          ? (signal) => fakeChunks(resolved, signal, { onToken: (n) => (record.tokensSent = n) })
          : undefined,
      options,
      record,
    };
  };

  let resumable: FakeResumable | undefined;
  return {
    respond,
    get resumable() {
      return (resumable ??= createFakeResumable());
    },
    stats(key) {
      const list = key === undefined ? records : records.filter((r) => r.key === key);
      return { key, requests: list.length, last: list.at(-1), records: list.slice(-50) };
    },
    reset() {
      faultCounts.clear();
      records = [];
    },
  };
}

/** Marks how a stream ended (first call wins, so a late client close never overwrites `done`). */
export function endRecord(record: FakeRequestRecord, outcome: FakeRequestRecord['outcome']): void {
  if (record.endedAt !== undefined) return;
  record.outcome = outcome;
  record.aborted = outcome === 'aborted';
  record.endedAt = Date.now();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
