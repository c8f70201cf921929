/**
 * The conversation as a plain-TS store: one pure `reduce` over typed actions, `subscribe`/`getSnapshot` for any
 * framework (React binds it with useSyncExternalStore), and the turn runner that drives fetch, the protocol, the
 * accumulator and retries.
 */
import { type Accumulator, createAccumulator, createFlushScheduler } from './accumulator.ts';
import { ChatStreamError, isChatStreamError } from './errors.ts';
import { createProtocol } from './protocols.ts';
import { httpError, readResponse } from './response.ts';
import { MAX_RETRY_AFTER_MS, backoffDelay, resolveRetryOptions, sleep } from './retry.ts';
import type {
  ChatMessage,
  ChatSnapshot,
  ChatStreamOptions,
  MessageStatus,
  RetryState,
  SSEEvent,
  TurnTimings,
} from './types.ts';

/** Every way the state can change. */
export type ChatAction =
  | { type: 'set-messages'; messages: ChatMessage[] }
  | { type: 'turn-start'; messages: ChatMessage[] }
  | { type: 'retry-wait'; retry: RetryState }
  | { type: 'response' }
  | { type: 'text'; id: string; content: string; timings: TurnTimings }
  | { type: 'turn-end'; id: string; status: Exclude<MessageStatus, 'streaming'>; error?: ChatStreamError; timings: TurnTimings };

export const initialChatState: ChatSnapshot = { messages: [], status: 'idle', error: undefined, retry: undefined };

function updateMessage(messages: ChatMessage[], id: string, patch: Partial<ChatMessage>): ChatMessage[] {
  // Search from the end: the streaming reply is almost always last.
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.id === id) {
      const next = messages.slice();
      next[i] = { ...messages[i]!, ...patch };
      return next;
    }
  }
  return messages;
}

/** The store's state machine. Pure: the same state and action always give the same next state. */
export function reduce(state: ChatSnapshot, action: ChatAction): ChatSnapshot {
  switch (action.type) {
    case 'set-messages':
      return { ...state, messages: action.messages };
    case 'turn-start':
      return { messages: action.messages, status: 'connecting', error: undefined, retry: undefined };
    case 'retry-wait':
      return { ...state, status: 'connecting', retry: action.retry };
    case 'response':
      return state.status === 'streaming' && state.retry === undefined
        ? state
        : { ...state, status: 'streaming', retry: undefined };
    case 'text':
      return {
        ...state,
        status: 'streaming',
        retry: undefined,
        messages: updateMessage(state.messages, action.id, { content: action.content, timings: action.timings }),
      };
    case 'turn-end': {
      const patch: Partial<ChatMessage> = { status: action.status, timings: action.timings };
      if (action.error) patch.error = action.error.message;
      return {
        messages: updateMessage(state.messages, action.id, patch),
        status: action.status === 'error' ? 'error' : 'idle',
        error: action.status === 'error' ? action.error : undefined,
        retry: undefined,
      };
    }
  }
}

let idCounter = 0;
function defaultGenerateId(): string {
  idCounter = (idCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `msg-${Date.now().toString(36)}-${idCounter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function defaultNow(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** The live state of one assistant turn; owned by its runner, never shared with the snapshot. */
interface Turn {
  id: string;
  controller: AbortController;
  timings: TurnTimings;
  /** Conversation sent with every attempt of this turn. */
  history: { role: ChatMessage['role']; content: string }[];
  lastEventId: string;
  /** Ids already delivered in this turn: a server that ignores Last-Event-ID and replays is skipped past them. */
  seenIds: Set<string>;
  serverRetryMs: number | undefined;
  accumulator: Accumulator;
  ended: boolean;
}

/** Run a user callback without letting its bug break the stream (or be mistaken for a network failure). */
function callSafely<A extends unknown[]>(callback: ((...args: A) => void) | undefined, ...args: A): void {
  if (!callback) return;
  try {
    callback(...args);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

function withTimings(timings: TurnTimings): TurnTimings {
  return { ...timings };
}

/**
 * The chat engine behind `useChatStream`, usable from any framework or none.
 *
 * @example
 * const chat = new ChatStore({ api: '/api/chat', protocol: 'openai' });
 * chat.subscribe(() => render(chat.getSnapshot()));
 * await chat.send('Hello');
 */
export class ChatStore {
  private state: ChatSnapshot;
  private options: ChatStreamOptions;
  private readonly listeners = new Set<() => void>();
  private turn: Turn | undefined;

  constructor(options: ChatStreamOptions) {
    this.options = options;
    this.state = { ...initialChatState, messages: options.initialMessages ?? [] };
  }

  /** Register a listener called after every state change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The current state; the same object until something changes. */
  getSnapshot = (): ChatSnapshot => this.state;

  /** Replace the options used by the next request and callback (the latest render's options, in React). */
  setOptions(options: ChatStreamOptions): void {
    this.options = options;
  }

  private dispatch(action: ChatAction): void {
    const next = reduce(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private now(): number {
    return (this.options.now ?? defaultNow)();
  }

  private newId(): string {
    return (this.options.generateId ?? defaultGenerateId)();
  }

  /** Replace the conversation (a streaming reply that is removed keeps running but updates nothing). */
  setMessages = (messages: ChatMessage[] | ((previous: ChatMessage[]) => ChatMessage[])): void => {
    this.dispatch({
      type: 'set-messages',
      messages: typeof messages === 'function' ? messages(this.state.messages) : messages,
    });
  };

  /**
   * Send a user message and stream the reply. A turn already streaming is stopped first. Resolves when the reply
   * ends (done, stopped or failed); never rejects.
   */
  send = (content: string): Promise<void> => {
    this.stop();
    const user: ChatMessage = { id: this.newId(), role: 'user', content };
    return this.startTurn([...this.state.messages, user], this.newId());
  };

  /**
   * Regenerate the last assistant reply in place, or answer the last message when it is the user's.
   * Resolves when the new reply ends; never rejects.
   */
  reload = (): Promise<void> => {
    this.stop();
    const messages = this.state.messages;
    const last = messages[messages.length - 1];
    if (!last) return Promise.resolve();
    if (last.role === 'assistant') return this.startTurn(messages.slice(0, -1), last.id);
    return this.startTurn(messages, this.newId());
  };

  /** Abort the reply in progress; its text so far stays, with status 'stopped'. Not an error. */
  stop = (): void => {
    const turn = this.turn;
    if (!turn || turn.ended) return;
    this.finish(turn, 'stopped');
    turn.controller.abort(new DOMException('The reply was stopped', 'AbortError'));
  };

  /** Stop the reply in progress, as on unmount (the store stays usable: a StrictMode remount uses it again). */
  destroy(): void {
    this.stop();
  }

  private startTurn(before: ChatMessage[], assistantId: string): Promise<void> {
    const history = before
      .filter((m) => !(m.role === 'assistant' && m.content === ''))
      .map((m) => ({ role: m.role, content: m.content }));
    const turn: Turn = {
      id: assistantId,
      controller: new AbortController(),
      timings: { requestStart: this.now(), tokens: 0 },
      history,
      lastEventId: '',
      seenIds: new Set(),
      serverRetryMs: undefined,
      accumulator: createAccumulator((text) => this.publish(turn, text), createFlushScheduler(this.options.flush)),
      ended: false,
    };
    this.turn = turn;
    const placeholder: ChatMessage = { id: assistantId, role: 'assistant', content: '', status: 'streaming' };
    this.dispatch({ type: 'turn-start', messages: [...before, placeholder] });
    return this.run(turn).catch((error: unknown) => {
      // A bug in a callback must not leave the turn hanging: fail it visibly.
      if (!turn.ended) this.finish(turn, 'error', toChatStreamError(error));
    });
  }

  private publish = (turn: Turn, text: string): void => {
    if (turn.ended || this.turn !== turn) return;
    this.dispatch({ type: 'text', id: turn.id, content: text, timings: withTimings(turn.timings) });
  };

  private finish(turn: Turn, status: 'done' | 'stopped' | 'error', error?: ChatStreamError): void {
    if (turn.ended) return;
    // Terminal states publish pending text first: nothing received is ever lost.
    turn.accumulator.flush();
    turn.ended = true;
    const timings = turn.timings;
    timings.end = this.now();
    if (timings.firstToken !== undefined && timings.tokens > 1 && timings.end > timings.firstToken) {
      timings.tokensPerSecond = (timings.tokens - 1) / ((timings.end - timings.firstToken) / 1000);
    }
    if (this.turn === turn) {
      this.dispatch({ type: 'turn-end', id: turn.id, status, error, timings: withTimings(timings) });
    }
    const message = this.state.messages.find((m) => m.id === turn.id);
    if (error) callSafely(this.options.onError, error);
    if (message) callSafely(this.options.onFinish, message);
  }

  private async run(turn: Turn): Promise<void> {
    const accumulator = turn.accumulator;
    const signal = turn.controller.signal;
    let failures = 0;

    for (;;) {
      const resume = accumulator.text !== '' && turn.lastEventId !== '';
      const deliveredBefore = turn.timings.tokens;
      try {
        await this.attempt(turn, resume);
        this.finish(turn, 'done');
        return;
      } catch (caught) {
        if (signal.aborted || turn.ended) return;
        const error = toChatStreamError(caught);
        // Publish what arrived before deciding anything: a failed or retried turn shows all it received.
        accumulator.flush();
        if (turn.timings.tokens > deliveredBefore) failures = 0;

        const retry = resolveRetryOptions(this.options.retry);
        const hasText = accumulator.text !== '';
        let resumeNext = false;
        if (hasText) {
          if (turn.lastEventId !== '' && error.retryable) {
            resumeNext = true;
          } else if (error.kind !== 'network' || retry.onDropWithoutResume !== 'restart') {
            // Without event ids the server cannot continue where it stopped, and re-sending would replay text:
            // keep the partial reply and let the user choose to regenerate.
            this.finish(turn, 'error', error);
            return;
          }
        }
        if (!error.retryable || failures >= retry.attempts) {
          this.finish(turn, 'error', error);
          return;
        }
        if (error.retryAfterMs !== undefined && error.retryAfterMs > MAX_RETRY_AFTER_MS) {
          const seconds = Math.ceil(error.retryAfterMs / 1000);
          const when = new Date(Date.now() + error.retryAfterMs).toLocaleTimeString();
          this.finish(
            turn,
            'error',
            new ChatStreamError(`${error.message} The server asked to wait ${seconds} s: try again after ${when}.`, {
              kind: error.kind,
              status: error.status,
              serverMessage: error.serverMessage,
              retryable: true,
              retryAfterMs: error.retryAfterMs,
              cause: error,
            }),
          );
          return;
        }

        const delayMs =
          error.retryAfterMs ??
          (resumeNext && turn.serverRetryMs !== undefined ? turn.serverRetryMs : backoffDelay(failures, retry));
        failures++;
        if (hasText && !resumeNext) {
          // An automatic restart replaces the partial reply; it never appends a replay.
          accumulator.reset();
          turn.seenIds.clear();
          turn.lastEventId = '';
          this.dispatch({ type: 'text', id: turn.id, content: '', timings: withTimings(turn.timings) });
        }
        this.dispatch({
          type: 'retry-wait',
          retry: { attempt: failures, attempts: retry.attempts, delayMs, at: this.now() + delayMs, resume: resumeNext, error },
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

  private async attempt(turn: Turn, resume: boolean): Promise<void> {
    const options = this.options;
    const signal = turn.controller.signal;
    const extra = typeof options.headers === 'function' ? options.headers() : options.headers;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'text/event-stream, text/plain;q=0.9',
      ...extra,
    };
    if (resume) headers['Last-Event-ID'] = turn.lastEventId;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new ChatStreamError('No fetch implementation is available; pass the `fetch` option', { kind: 'network' });
    }

    let response: Response;
    try {
      response = await fetchImpl(options.api, {
        method: 'POST',
        headers,
        body: JSON.stringify({ messages: turn.history, ...options.body }),
        credentials: options.credentials,
        signal,
      });
    } catch (cause) {
      if (signal.aborted) throw cause;
      throw isChatStreamError(cause)
        ? cause
        : new ChatStreamError(`Could not reach ${options.api}${cause instanceof Error ? `: ${cause.message}` : ''}`, {
            kind: 'network',
            retryable: true,
            cause,
          });
    }
    if (!response.ok) throw await httpError(response);
    if (turn.ended) return;
    this.dispatch({ type: 'response' });

    const accumulator = turn.accumulator;
    const protocol = createProtocol(options.protocol);
    // A server that ignores Last-Event-ID replays from the start: on a resumed attempt, events whose id was already
    // delivered are skipped until an unseen id appears. A server that resumes properly never triggers this.
    let guarding = resume;
    let replaying = false;
    let previousId = '';
    await readResponse(
      response,
      protocol,
      {
        onFirstByte: () => {
          turn.timings.firstByte ??= this.now();
        },
        onDelta: (delta) => {
          if (turn.ended) return;
          const timings = turn.timings;
          timings.tokens++;
          timings.firstToken ??= this.now();
          callSafely(this.options.onToken, delta);
          accumulator.push(delta);
        },
        onRetry: (ms) => {
          turn.serverRetryMs = ms;
        },
        onEventId: (id) => {
          turn.lastEventId = id;
        },
        skip: (event: SSEEvent) => {
          if (event.id === '' || event.id === previousId) return replaying;
          previousId = event.id;
          if (guarding && turn.seenIds.has(event.id)) {
            replaying = true;
          } else {
            guarding = false;
            replaying = false;
            turn.seenIds.add(event.id);
          }
          return replaying;
        },
      },
      signal,
    );
  }
}

function toChatStreamError(error: unknown): ChatStreamError {
  if (isChatStreamError(error)) return error;
  return new ChatStreamError(error instanceof Error ? error.message : String(error), { kind: 'network', cause: error });
}
