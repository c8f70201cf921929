/**
 * The conversation as a plain-TS store: `subscribe`/`getSnapshot` for any framework (React binds it with
 * useSyncExternalStore) and the conversation operations. State changes go through `reduce` (chat-state.ts);
 * the network work of a turn is in turn.ts.
 */
import { createAccumulator, createFlushScheduler, type ReplyParts } from './accumulator.ts';
import { type ChatAction, initialChatState, reduce } from './chat-state.ts';
import { ChatStreamError } from './errors.ts';
import { createProtocol } from './protocols/index.ts';
import { isResumable, type RequestTrigger } from './request.ts';
import { placeResumedReply, resumeUrl, sendStopRequest } from './resume.ts';
import { endTimings, snapshotTimings } from './timings.ts';
import { type Turn, type TurnHost, callSafely, runTurn, toChatStreamError } from './turn.ts';
import type { ChatMessage, ChatSnapshot, ChatStreamOptions, ProtocolFn } from './types.ts';

export { reduce, initialChatState } from './chat-state.ts';
export type { ChatAction } from './chat-state.ts';

function unknownMessage(operation: string, id: string, role = ''): ChatStreamError {
  return new ChatStreamError(`Cannot ${operation}: no ${role}message has id "${id}"`, { kind: 'request' });
}

let idCounter = 0;
function defaultGenerateId(): string {
  idCounter = (idCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `msg-${Date.now().toString(36)}-${idCounter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function defaultNow(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/**
 * Makes the decoder for one attempt of a turn from the `protocol` option (built-in decoders keep state, such as
 * tool calls by index, so each attempt gets a fresh one). `createProtocol` is the full table, `'auto'` included;
 * a factory such as `createOpenAIProtocol` ignores the option and pulls in only its own decoder.
 */
export type ProtocolFactory = (protocol: ChatStreamOptions['protocol']) => ProtocolFn & { readonly expectsEnd?: boolean };

/**
 * `ChatStore` without the protocol table: the given factory makes every decoder, so a bundler keeps only the
 * protocols the app names (with `'auto'`, `ChatStore` has to keep all five). Everything else is `ChatStore`'s.
 *
 * @example
 * // BaseChatStore and createOpenAIProtocol come from the core entry.
 * const chat = new BaseChatStore({ api: '/api/chat' }, createOpenAIProtocol);
 * const { messages } = useChatStream(chat); // the hook binds it like any store
 */
export class BaseChatStore {
  /** The conversation's id: the `id` option, or a generated one (sent as `chatId` to `prepareRequest`). */
  readonly id: string;
  private state: ChatSnapshot;
  private currentOptions: ChatStreamOptions;
  private readonly listeners = new Set<() => void>();
  private turn: Turn | undefined;
  private readonly host: TurnHost;
  /** Callbacks of ended turns, run once the operation that ended them left the store consistent. */
  private readonly outbox: (() => void)[] = [];
  private depth = 0;
  /** The last stop request: the next turn's request waits for it (else it could stop the new stream). */
  private stopping: Promise<void> | undefined;

  constructor(options: ChatStreamOptions, protocolFactory: ProtocolFactory) {
    this.currentOptions = options;
    this.id = options.id ?? `chat-${defaultGenerateId()}`;
    this.state = { ...initialChatState, messages: options.initialMessages ?? [] };
    const store = this;
    this.host = {
      get options() {
        return store.currentOptions;
      },
      now: () => this.now(),
      dispatch: (action) => this.dispatch(action),
      createProtocol: () => protocolFactory(this.currentOptions.protocol),
      finish: (turn, status, error) => this.operate(() => this.finish(turn, status, error)),
      attach: (turn) => this.attach(turn),
    };
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
    this.currentOptions = options;
  }

  private dispatch(action: ChatAction): void {
    const next = reduce(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  /**
   * Run a state-changing operation; callbacks it queued (onFinish, onError) run after it, when the store is
   * consistent. A callback that calls `send()` (a message queue in onFinish) then starts its turn from a settled
   * state instead of half-way through another operation.
   */
  private operate<T>(operation: () => T): T {
    this.depth++;
    try {
      return operation();
    } finally {
      this.depth--;
      if (this.depth === 0) {
        // Each callback is itself an operation: what it queues runs after it, in order.
        for (let callback = this.outbox.shift(); callback; callback = this.outbox.shift()) this.operate(callback);
      }
    }
  }

  private now(): number {
    return (this.currentOptions.now ?? defaultNow)();
  }

  private newId(): string {
    return (this.currentOptions.generateId ?? defaultGenerateId)();
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
  send = (content: string): Promise<void> =>
    this.operate(() => {
      this.halt();
      const user: ChatMessage = { id: this.newId(), role: 'user', content };
      return this.startTurn([...this.state.messages, user], this.newId(), 'submit', undefined);
    });

  /**
   * Regenerate an assistant reply in place (same id), whatever its status (done, stopped, failed): everything
   * after it is dropped. Given a user message, answer it again from there. Without `messageId`, the last reply
   * (or answer a trailing user message). A reply in progress is stopped first. Resolves when the new reply ends;
   * rejects only with a `ChatStreamError` (kind `'request'`) when `messageId` names no message.
   */
  regenerate = (messageId?: string): Promise<void> =>
    this.operate(() => {
      const messages = this.state.messages;
      let index = messages.length - 1;
      if (messageId !== undefined) {
        index = messages.findIndex((m) => m.id === messageId);
        if (index < 0) return Promise.reject(unknownMessage('regenerate', messageId));
      }
      this.halt();
      const target = this.state.messages[index];
      if (!target) return Promise.resolve();
      if (target.role === 'assistant') {
        return this.startTurn(this.state.messages.slice(0, index), target.id, 'regenerate', target.id);
      }
      return this.startTurn(this.state.messages.slice(0, index + 1), this.newId(), 'regenerate', messageId);
    });

  /** Regenerate the last assistant reply in place, or answer a trailing user message: `regenerate()`. */
  reload = (): Promise<void> => this.regenerate();

  /**
   * Replace a user message's text and answer again from there (the conversation after it is dropped; the
   * message keeps its id). A reply in progress is stopped first. Resolves when the new reply ends; rejects only
   * with a `ChatStreamError` (kind `'request'`) when `messageId` names no user message.
   */
  edit = (messageId: string, content: string): Promise<void> =>
    this.operate(() => {
      const index = this.state.messages.findIndex((m) => m.id === messageId && m.role === 'user');
      if (index < 0) return Promise.reject(unknownMessage('edit', messageId, 'user '));
      this.halt();
      const original = this.state.messages[index]!;
      const edited: ChatMessage = { ...original, content };
      // Parts mirror the text of a user message; stale ones would send the old words to a parts-reading backend.
      if (original.parts) edited.parts = [{ type: 'text', text: content }];
      const before = [...this.state.messages.slice(0, index), edited];
      return this.startTurn(before, this.newId(), 'edit', messageId);
    });

  /**
   * Reattach to the reply the server is producing (or has just finished) for this conversation, after a reload or
   * a network switch: `GET resumeApi`. `204`: nothing changes. Otherwise the whole reply so far, then the live
   * tail, replaces a trailing assistant message or follows the history (`placeResumedReply`). No-op while a turn
   * streams here. Resolves when the reply ends; never rejects (a failure is the snapshot's typed `error`).
   */
  resume = (): Promise<void> =>
    this.operate(() => {
      if (this.turn && !this.turn.ended) return Promise.resolve();
      return this.startTurn(this.state.messages, this.newId(), 'resume', undefined, resumeUrl(this.currentOptions, this.id));
    });

  /** Abort the reply; its text stays, status 'stopped', no error. Resumable: also `POST stopApi` (never throws). */
  stop = (): void => {
    const turn = this.turn;
    if (!turn || turn.ended) return;
    this.halt();
    if (!isResumable(this.currentOptions) && !turn.reattach) return;
    this.stopping = sendStopRequest(this.currentOptions, this.id, turn.messages);
  };

  /** End the turn in progress here only (a new turn replaces it, or the view unmounts): the server keeps producing. */
  private halt(): void {
    this.operate(() => this.endTurn(this.turn, 'stopped'));
  }

  /** End a turn that is still running, and abort its request. */
  private endTurn(turn: Turn | undefined, status: 'stopped'): void {
    if (!turn || turn.ended) return;
    this.finish(turn, status);
    turn.controller.abort(new DOMException('The reply was stopped', 'AbortError'));
  }

  /** Stop the reply here, as on unmount (the store stays usable for a StrictMode remount; the server goes on). */
  destroy(): void {
    this.halt();
  }

  private startTurn(
    before: ChatMessage[],
    assistantId: string,
    trigger: RequestTrigger,
    messageId: string | undefined,
    reattachUrl?: string,
  ): Promise<void> {
    // Whatever turn is current here (one a callback started during this operation) is replaced: end it, so no
    // reply is ever left "streaming" with its request open.
    this.endTurn(this.turn, 'stopped');
    const turn: Turn = {
      id: assistantId,
      controller: new AbortController(),
      timings: { requestStart: this.now(), tokens: 0 },
      messages: before,
      trigger,
      messageId,
      chatId: this.id,
      lastEventId: '',
      checkpointText: '',
      resumeDisabled: false,
      seenIds: new Set(),
      serverRetryMs: undefined,
      accumulator: createAccumulator(
        (reply) => this.publish(turn, reply),
        createFlushScheduler(this.currentOptions.flush),
        () => this.now(),
      ),
      ended: false,
      after: this.stopping,
    };
    this.turn = turn;
    // A resume shows no message until the server says there is a stream: a 204 leaves the conversation as it was.
    if (reattachUrl !== undefined) turn.reattach = { url: reattachUrl, attached: false };
    else {
      const placeholder: ChatMessage = { id: assistantId, role: 'assistant', content: '', parts: [], status: 'streaming' };
      this.dispatch({ type: 'turn-start', messages: [...before, placeholder] });
    }
    return runTurn(turn, this.host).catch((error: unknown) => {
      // A bug in a callback must not leave the turn hanging: fail it visibly.
      if (!turn.ended) this.operate(() => this.finish(turn, 'error', toChatStreamError(error)));
    });
  }

  /** A resumed stream arrived: place its reply now (not at `resume()`: the history may have loaded meanwhile). */
  private attach(turn: Turn): void {
    const placed = placeResumedReply(this.state.messages, turn.id);
    Object.assign(turn, { id: placed.message.id, holdLength: placed.holdLength, messages: placed.before });
    turn.reattach!.attached = true;
    this.dispatch({ type: 'turn-start', messages: [...placed.before, placed.message] });
  }

  private publish(turn: Turn, reply: ReplyParts, final = false): void {
    if (turn.ended || this.turn !== turn) return;
    if (turn.holdLength !== undefined) {
      if (!final && reply.content.length < turn.holdLength) return;
      turn.holdLength = undefined;
    }
    this.dispatch({ type: 'text', id: turn.id, ...reply, timings: snapshotTimings(turn.timings) });
  }

  private finish(turn: Turn, status: 'done' | 'stopped' | 'error', error?: ChatStreamError): void {
    if (turn.ended) return;
    // Terminal states settle unfinished parts and publish pending ones first: nothing received is ever lost.
    turn.accumulator.end(status);
    turn.accumulator.flush();
    // A resumed reply still held back (shorter than the text it replaces) shows what the stream really said.
    if (turn.holdLength !== undefined && !turn.accumulator.isEmpty) this.publish(turn, turn.accumulator.reply, true);
    turn.ended = true;
    endTimings(turn.timings, this.now());
    if (this.turn === turn) {
      this.dispatch({ type: 'turn-end', id: turn.id, status, error, timings: snapshotTimings(turn.timings) });
    }
    const message = this.state.messages.find((m) => m.id === turn.id);
    const options = this.currentOptions;
    this.outbox.push(() => {
      if (error) callSafely(options.onError, error);
      if (message) callSafely(options.onFinish, message);
    });
  }
}

/**
 * The chat engine behind `useChatStream`, usable from any framework or none. It understands every `protocol`
 * name, `'auto'` (the default) included; `BaseChatStore` is the same store for an app that names one decoder.
 *
 * @example
 * const chat = new ChatStore({ api: '/api/chat', protocol: 'openai' });
 * chat.subscribe(() => render(chat.getSnapshot()));
 * await chat.send('Hello');
 */
export class ChatStore extends BaseChatStore {
  constructor(options: ChatStreamOptions) {
    super(options, createProtocol);
  }
}
