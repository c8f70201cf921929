/**
 * One streamed completion as a TanStack query: `data` is the reply text so far. Built on TanStack Query's own
 * streamed query (`experimental_streamedQuery` in v5) fed by the kit's reader, so the SSE rules, protocols and
 * typed errors are the hook's.
 */
import { experimental_streamedQuery as streamedQuery, queryOptions, type QueryKey } from '@tanstack/react-query';
import { createAccumulator, createFlushScheduler } from '../core/accumulator.ts';
import { ChatStreamError, isChatStreamError } from '../core/errors.ts';
import { createProtocol } from '../core/protocols/index.ts';
import { httpError, readResponse } from '../core/response.ts';
import type { ChatMessage, ProtocolFn, ProtocolName } from '../core/types.ts';
import { createTextStream } from './textStream.ts';

/** What a streamed query's `prepareRequest` is given: the hook's context, with trigger `'submit'` and no messages. */
export interface StreamQueryRequestContext<TQueryKey extends QueryKey = QueryKey> {
  /** The `api` option. */
  api: string;
  /** Always empty: a streamed query is not a conversation. */
  messages: ChatMessage[];
  /** The `body` option as given. */
  body: unknown;
  /** The headers the request would send. */
  headers: Record<string, string>;
  trigger: 'submit';
  messageId: undefined;
  chatId: undefined;
  /** The query's key. */
  queryKey: TQueryKey;
}

/** What `prepareRequest` may change; anything left out keeps its default. */
export interface StreamQueryPreparedRequest {
  api?: string;
  /** Replaces the body: a string or other `BodyInit` is sent as is, anything else as JSON. */
  body?: unknown;
  /** Merged over the default headers; a returned header wins. */
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
}

/** Options of `streamQueryOptions`. */
export interface StreamQueryOptions<TQueryKey extends QueryKey = QueryKey> {
  /** The query's key; put everything the request depends on in it (TanStack's rule), `body` included. */
  queryKey: TQueryKey;
  /** The endpoint, called with `POST`. */
  api: string;
  /** The JSON request body, sent as given (you own its shape). @default {} */
  body?: unknown;
  /** How events become text. @default 'auto' */
  protocol?: ProtocolName | ProtocolFn;
  /** Write the cache at most once per this many ms, or once per animation frame. @default 50 */
  flush?: 'raf' | number;
  /**
   * What a refetch does with the text already cached (TanStack's `refetchMode`): `'reset'` clears it and goes
   * back to pending, `'append'` streams onto it, `'replace'` keeps it until the new text is complete.
   * @default 'reset'
   */
  refetchMode?: 'reset' | 'append' | 'replace';
  /** Shape the request, as in the hook (trigger `'submit'`); may be async. */
  prepareRequest?: (
    context: StreamQueryRequestContext<TQueryKey>,
  ) => StreamQueryPreparedRequest | undefined | void | Promise<StreamQueryPreparedRequest | undefined | void>;
  /** Injectable transport. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
}

function isBodyInit(value: unknown): value is BodyInit {
  return (
    typeof value === 'string' ||
    (typeof value === 'object' &&
      value !== null &&
      (ArrayBuffer.isView(value) ||
        value instanceof ArrayBuffer ||
        (typeof Blob !== 'undefined' && value instanceof Blob) ||
        (typeof FormData !== 'undefined' && value instanceof FormData) ||
        (typeof URLSearchParams !== 'undefined' && value instanceof URLSearchParams)))
  );
}

async function openStream<TQueryKey extends QueryKey>(
  options: StreamQueryOptions<TQueryKey>,
  queryKey: TQueryKey,
  signal: AbortSignal,
): Promise<Response> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new ChatStreamError('No fetch implementation is available; pass the `fetch` option', { kind: 'network' });
  }
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'text/event-stream, text/plain;q=0.9',
  };
  const prepared =
    (await options.prepareRequest?.({
      api: options.api,
      messages: [],
      body: options.body,
      headers: { ...headers },
      trigger: 'submit',
      messageId: undefined,
      chatId: undefined,
      queryKey,
    })) ?? {};
  const body = prepared.body ?? options.body ?? {};
  const url = prepared.api ?? options.api;
  try {
    return await fetchImpl(url, {
      method: 'POST',
      headers: { ...headers, ...prepared.headers },
      body: isBodyInit(body) ? body : JSON.stringify(body),
      credentials: prepared.credentials,
      signal,
    });
  } catch (cause) {
    if (signal.aborted || isChatStreamError(cause)) throw cause;
    throw new ChatStreamError(`Could not reach ${url}${cause instanceof Error ? `: ${cause.message}` : ''}`, {
      kind: 'network',
      retryable: true,
      cause,
    });
  }
}

/**
 * Options for `useQuery` / `queryClient.fetchQuery` that stream one completion into the cache: `data` is the
 * reply text so far (a string), written at most once per `flush` window. Retries are TanStack's (`retry`);
 * cancellation too: unmounting the last observer or `cancelQueries` aborts the request, a second observer of
 * the key shares the one stream, and a cached key opens none (`staleTime` is `Infinity`; `refetch` or
 * `invalidateQueries` streams again). Errors are `ChatStreamError`s,
 * and text received before a failure stays in `data`.
 *
 * @example
 * const { data: summary = '', isFetching, error } = useQuery(
 *   streamQueryOptions({ queryKey: ['summary', docId], api: '/api/summarize', body: { docId } }),
 * );
 */
export function streamQueryOptions<TQueryKey extends QueryKey = QueryKey>(options: StreamQueryOptions<TQueryKey>) {
  return queryOptions<string, ChatStreamError, string, TQueryKey>({
    queryKey: options.queryKey,
    // A completion costs a model call: a cached one is fresh until refetched or invalidated (spread
    // `staleTime` over the result to change that).
    staleTime: Infinity,
    queryFn: streamedQuery<string, string, TQueryKey>({
      refetchMode: options.refetchMode ?? 'reset',
      initialValue: '',
      reducer: (text, chunk) => text + chunk,
      async streamFn(context) {
        // Reading `signal` tells TanStack the request can be aborted: the last observer leaving then cancels it.
        const signal = context.signal;
        const response = await openStream(options, context.queryKey, signal);
        if (!response.ok) throw await httpError(response);
        const text = createTextStream();
        // Parts (reasoning, tools, sources) are decoded as in the hook; the query's data is the reply's text.
        const accumulator = createAccumulator((reply) => text.publish(reply.content), createFlushScheduler(options.flush));
        readResponse(response, createProtocol(options.protocol), { onChunk: accumulator.push }, signal).then(
          () => {
            accumulator.flush();
            text.end();
          },
          (error: unknown) => {
            // What arrived before the failure is published first: a failed stream keeps its partial text.
            accumulator.flush();
            text.fail(signal.aborted ? error : toChatStreamError(error));
          },
        );
        return text;
      },
    }),
  });
}

function toChatStreamError(error: unknown): ChatStreamError {
  if (isChatStreamError(error)) return error;
  return new ChatStreamError(error instanceof Error ? error.message : String(error), { kind: 'network', cause: error });
}
