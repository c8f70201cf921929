/**
 * One assistant turn: its live state, the attempt loop (retry, resume, restart) and a single attempt (fetch, read,
 * deliver). It drives the accumulator and dispatches through its host; it owns no snapshot.
 */
import type { Accumulator } from './accumulator.ts';
import type { ChatAction } from './chat-state.ts';
import { ChatStreamError, isChatStreamError } from './errors.ts';
import { createContentReplayFilter, createReplayGuard, type SeenIds } from './replay-guard.ts';
import { buildRequest, type BuiltRequest, type RequestTrigger } from './request.ts';
import { httpError, readResponse } from './response.ts';
import { clampServerRetry, decideRetry, resolveRetryOptions, sleep } from './retry.ts';
import { createAttemptTimer } from './timeouts.ts';
import { snapshotTimings } from './timings.ts';
import type { ChatMessage, ChatStreamOptions, ProtocolFn, TurnTimings } from './types.ts';

/** The live state of one assistant turn; owned by its runner, never shared with the snapshot. */
export interface Turn {
  /** The reply's message id (a resumed reply takes the id of the message it replaces). */
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
  /** The text the last committed id covers: what a resume continues after (and a replay would repeat). */
  checkpointText: string;
  /** The stream sent an id that cannot travel as a header (`日本-1`): this turn cannot resume (no-ids rule). */
  resumeDisabled: boolean;
  /** Ids already delivered in this turn: a server that ignores Last-Event-ID and replays is skipped past them. */
  seenIds: SeenIds;
  serverRetryMs: number | undefined;
  accumulator: Accumulator;
  ended: boolean;
  /** A `resume()` turn: every attempt is a `GET` to this URL, and its message is placed on the first `200`. */
  reattach?: { url: string; attached: boolean };
  /** A resumed reply replacing a message with this much text: publishes wait until the stream's text is as long. */
  holdLength?: number;
  /** A stop request still in flight: the turn's request waits for it, so the stop cannot reach the new stream. */
  after?: Promise<void>;
}

/** What a turn needs from its store. */
export interface TurnHost {
  /** The latest options (a re-render may change them between attempts). */
  readonly options: ChatStreamOptions;
  now(): number;
  dispatch(action: ChatAction): void;
  /** A fresh decoder for one attempt (the store's protocol factory applied to the latest `protocol` option). */
  createProtocol(): ProtocolFn & { readonly expectsEnd?: boolean };
  /** End the turn: flush, stamp timings, dispatch, call back. Idempotent. */
  finish(turn: Turn, status: 'done' | 'stopped' | 'error', error?: ChatStreamError): void;
  /** A `resume()` turn got its stream: put its message in the conversation (replacing or appending). */
  attach(turn: Turn): void;
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
    const resume = !accumulator.isEmpty && canResume(turn);
    try {
      await attempt(turn, host, resume);
      host.finish(turn, 'done');
      return;
    } catch (caught) {
      if (signal.aborted || turn.ended) return;
      const error = toChatStreamError(caught);
      // Publish what arrived before deciding anything: a failed or retried turn shows all it received.
      accumulator.flush();
      // Every reconnect counts against `attempts`, whatever arrived in between: a server that drops after each
      // event (or replays and drops) must not keep the client reconnecting forever.
      const decision = decideRetry({
        error,
        failures,
        hasText: !accumulator.isEmpty,
        canResume: canResume(turn),
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
        turn.checkpointText = '';
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

function canResume(turn: Turn): boolean {
  return turn.lastEventId !== '' && !turn.resumeDisabled;
}

/** A header value must be a ByteString; anything beyond printable ASCII makes fetch throw or be mangled on the way. */
function isHeaderSafe(id: string): boolean {
  return /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(id);
}

/** Record an id once the text under it is in the accumulator: the point a resume continues after. */
function commitEventId(turn: Turn, id: string): void {
  if (turn.resumeDisabled) return;
  if (id !== '' && !isHeaderSafe(id)) {
    // Fall back to the no-ids rule for the rest of the turn rather than fail every reconnect in fetch.
    turn.resumeDisabled = true;
    turn.lastEventId = '';
    return;
  }
  turn.lastEventId = id;
  if (id === '') return;
  turn.accumulator.checkpoint();
  turn.checkpointText = turn.accumulator.text;
}

async function attempt(turn: Turn, host: TurnHost, resume: boolean): Promise<void> {
  const options = host.options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new ChatStreamError('No fetch implementation is available; pass the `fetch` option', { kind: 'network' });
  }
  // This attempt's own signal: a timeout ends the attempt (and the decision retries it), a stop ends the turn.
  const timer = createAttemptTimer(turn.controller.signal, options);
  const signal = timer.signal;
  try {
    if (turn.after) await turn.after;
    let request: BuiltRequest;
    try {
      const target = turn.reattach && { url: turn.reattach.url, method: 'GET' as const };
      request = await buildRequest(options, { ...turn, target }, resume ? turn.lastEventId : undefined, signal);
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
      response = await timer.race(fetchImpl(request.url, request.init));
    } catch (cause) {
      if (signal.aborted) throw signal.reason;
      throw isChatStreamError(cause)
        ? cause
        : new ChatStreamError(`Could not reach ${request.url}${cause instanceof Error ? `: ${cause.message}` : ''}`, {
            kind: 'network',
            retryable: true,
            cause,
          });
    }
    if (!response.ok) throw await timer.race(httpError(response));
    if (turn.ended) return;
    if (turn.reattach) {
      // 204: the server has no stream for this conversation (none started, or it expired): nothing to show.
      if (response.status === 204) {
        await response.body?.cancel().catch(() => {});
        return;
      }
      if (!turn.reattach.attached) host.attach(turn);
    }
    host.dispatch({ type: 'response' });
    await readBody(turn, host, response, resume, timer);
  } finally {
    timer.clear();
  }
}

async function readBody(
  turn: Turn,
  host: TurnHost,
  response: Response,
  resume: boolean,
  timer: ReturnType<typeof createAttemptTimer>,
): Promise<void> {
  const accumulator = turn.accumulator;
  // On a resume, what the server sends continues after the last id: the un-id'd tail is dropped (once, when the
  // continuation starts, so a resume that fails first keeps it), and a replay under new ids is skipped by content.
  const filter = resume ? createContentReplayFilter(turn.checkpointText) : undefined;
  let rolledBack = !resume;
  const rollBack = () => {
    if (rolledBack) return;
    rolledBack = true;
    accumulator.rollback();
  };
  // A text delta's id names its text part: a protocol's closing chunk (Responses' `output_text.done`) finds the part
  // by it, so dropping it would add the final text as a second part.
  let textId: string | undefined;
  const deliver = (text: string) => {
    if (text === '' || turn.ended) return;
    rollBack();
    const timings = turn.timings;
    timings.tokens++;
    timings.firstToken ??= host.now();
    // Into the accumulator before the callback: an onToken that sends or stops ends the turn with this delta in.
    accumulator.push(textId === undefined ? text : { type: 'text-delta', delta: text, id: textId });
    callSafely(host.options.onToken, text);
  };
  const guard = createReplayGuard(turn.seenIds, resume ? turn.lastEventId : undefined);
  let sawByte = false;
  await readResponse(
    response,
    host.createProtocol(),
    {
      onFirstByte: () => {
        sawByte = true;
        turn.timings.firstByte ??= host.now();
      },
      onActivity: () => timer.activity(),
      onChunk: (chunk) => {
        if (turn.ended) return;
        if (chunk.type === 'text-delta') {
          textId = chunk.id;
          deliver(filter ? filter.accept(chunk.delta) : chunk.delta);
        } else {
          // Other parts are not compared for replays (the content filter is text-only); they follow the id rules.
          rollBack();
          accumulator.push(chunk);
        }
        // After the store has the chunk: a callback that sends or stops ends the turn with it in.
        callSafely(host.options.onChunk, chunk);
      },
      onRetry: (ms) => {
        turn.serverRetryMs = clampServerRetry(ms);
      },
      onEventId: (id) => {
        if (turn.ended || filter?.pending) return;
        rollBack();
        commitEventId(turn, id);
      },
      skip: (event) => {
        if (!guard(event)) return false;
        filter?.replayConfirmed();
        return true;
      },
    },
    timer.signal,
  );
  if (filter?.pending) deliver(filter.release());
  if (!sawByte && !resume) {
    // A 200 with nothing in it is not an answer: say so rather than end with an empty reply.
    throw new ChatStreamError('The server answered with an empty response', {
      kind: 'protocol',
      status: response.status,
      retryable: true,
    });
  }
}
