/**
 * One assistant turn: its live state, the attempt loop (retry, resume, restart) and a single attempt (fetch, read,
 * deliver). It drives the accumulator and dispatches through its host; it owns no snapshot.
 */
import type { Accumulator } from './accumulator.ts';
import type { ChatAction } from './chat-state.ts';
import { ChatStreamError, isChatStreamError } from './errors.ts';
import { createProtocol } from './protocols/index.ts';
import { createReplayGuard, type SeenIds } from './replay-guard.ts';
import { buildRequest, type BuiltRequest, type RequestTrigger } from './request.ts';
import { httpError, readResponse } from './response.ts';
import { decideRetry, resolveRetryOptions, sleep } from './retry.ts';
import { snapshotTimings } from './timings.ts';
import type { ChatMessage, ChatStreamOptions, TurnTimings } from './types.ts';

/** The live state of one assistant turn; owned by its runner, never shared with the snapshot. */
export interface Turn {
  id: string;
  controller: AbortController;
  timings: TurnTimings;
  /** The conversation this turn answers (up to and including the turn, never the reply): sent on every attempt. */
  messages: ChatMessage[];
  /** Why the turn was started; every retry keeps it (a Last-Event-ID resume is reported as `'resume'`). */
  trigger: RequestTrigger;
  /** The message regenerated or edited; undefined on submit. */
  messageId: string | undefined;
  /** The conversation's id. */
  chatId: string;
  lastEventId: string;
  /** Ids already delivered in this turn: a server that ignores Last-Event-ID and replays is skipped past them. */
  seenIds: SeenIds;
  serverRetryMs: number | undefined;
  accumulator: Accumulator;
  ended: boolean;
}

/** What a turn needs from its store. */
export interface TurnHost {
  /** The latest options (a re-render may change them between attempts). */
  readonly options: ChatStreamOptions;
  now(): number;
  dispatch(action: ChatAction): void;
  /** End the turn: flush, stamp timings, dispatch, call back. Idempotent. */
  finish(turn: Turn, status: 'done' | 'stopped' | 'error', error?: ChatStreamError): void;
}

/** Run a user callback without letting its bug break the stream (or be mistaken for a network failure). */
export function callSafely<A extends unknown[]>(callback: ((...args: A) => void) | undefined, ...args: A): void {
  if (!callback) return;
  try {
    callback(...args);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

export function toChatStreamError(error: unknown): ChatStreamError {
  if (isChatStreamError(error)) return error;
  return new ChatStreamError(error instanceof Error ? error.message : String(error), { kind: 'network', cause: error });
}

/** The attempt loop: try, and on failure let `decideRetry` say fail, retry or resume. Never rejects on a stop. */
export async function runTurn(turn: Turn, host: TurnHost): Promise<void> {
  const accumulator = turn.accumulator;
  const signal = turn.controller.signal;
  let failures = 0;

  for (;;) {
    const resume = !accumulator.isEmpty && turn.lastEventId !== '';
    const deliveredBefore = turn.timings.tokens;
    try {
      await attempt(turn, host, resume);
      host.finish(turn, 'done');
      return;
    } catch (caught) {
      if (signal.aborted || turn.ended) return;
      const error = toChatStreamError(caught);
      // Publish what arrived before deciding anything: a failed or retried turn shows all it received.
      accumulator.flush();
      if (turn.timings.tokens > deliveredBefore) failures = 0;

      const decision = decideRetry({
        error,
        failures,
        hasText: !accumulator.isEmpty,
        canResume: turn.lastEventId !== '',
        serverRetryMs: turn.serverRetryMs,
        options: resolveRetryOptions(host.options.retry),
      });
      if (decision.action === 'fail') {
        host.finish(turn, 'error', decision.error);
        return;
      }
      failures++;
      if (decision.action === 'retry' && decision.restart) {
        // An automatic restart replaces the partial reply; it never appends a replay.
        accumulator.reset();
        turn.seenIds.clear();
        turn.lastEventId = '';
        host.dispatch({ type: 'text', id: turn.id, ...accumulator.reply, timings: snapshotTimings(turn.timings) });
      }
      const { delayMs } = decision;
      host.dispatch({
        type: 'retry-wait',
        retry: {
          attempt: failures,
          attempts: resolveRetryOptions(host.options.retry).attempts,
          delayMs,
          at: host.now() + delayMs,
          resume: decision.action === 'resume',
          error,
        },
      });
      try {
        await sleep(delayMs, signal);
      } catch {
        return;
      }
      if (turn.ended) return;
    }
  }
}

async function attempt(turn: Turn, host: TurnHost, resume: boolean): Promise<void> {
  const options = host.options;
  const signal = turn.controller.signal;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new ChatStreamError('No fetch implementation is available; pass the `fetch` option', { kind: 'network' });
  }
  let request: BuiltRequest;
  try {
    request = await buildRequest(options, turn, resume ? turn.lastEventId : undefined, signal);
  } catch (cause) {
    if (signal.aborted) throw cause;
    // A throwing prepareRequest/body/headers is the app's bug, not the network's: never retried.
    throw new ChatStreamError(`Could not prepare the request: ${cause instanceof Error ? cause.message : String(cause)}`, {
      kind: 'request',
      cause,
    });
  }
  if (signal.aborted || turn.ended) throw signal.reason ?? new DOMException('The reply was stopped', 'AbortError');

  let response: Response;
  try {
    response = await fetchImpl(request.url, request.init);
  } catch (cause) {
    if (signal.aborted) throw cause;
    throw isChatStreamError(cause)
      ? cause
      : new ChatStreamError(`Could not reach ${request.url}${cause instanceof Error ? `: ${cause.message}` : ''}`, {
          kind: 'network',
          retryable: true,
          cause,
        });
  }
  if (!response.ok) throw await httpError(response);
  if (turn.ended) return;
  host.dispatch({ type: 'response' });

  const accumulator = turn.accumulator;
  await readResponse(
    response,
    createProtocol(options.protocol),
    {
      onFirstByte: () => {
        turn.timings.firstByte ??= host.now();
      },
      onChunk: (chunk) => {
        if (turn.ended) return;
        callSafely(host.options.onChunk, chunk);
        if (chunk.type === 'text-delta') {
          const timings = turn.timings;
          timings.tokens++;
          timings.firstToken ??= host.now();
          callSafely(host.options.onToken, chunk.delta);
        }
        accumulator.push(chunk);
      },
      onRetry: (ms) => {
        turn.serverRetryMs = ms;
      },
      onEventId: (id) => {
        turn.lastEventId = id;
      },
      skip: createReplayGuard(turn.seenIds, resume),
    },
    signal,
  );
}
