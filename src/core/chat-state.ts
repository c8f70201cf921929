/**
 * The conversation's state machine: one pure `reduce` over a typed union of actions, exported so it can be
 * tested table-driven. The store only dispatches; every state change is here.
 */
import type { ChatStreamError } from './errors.ts';
import type { ChatMessage, ChatSnapshot, FinishReason, MessagePart, MessageStatus, RetryState, TurnTimings, Usage } from './types.ts';

/** Every way the state can change. */
export type ChatAction =
  | { type: 'set-messages'; messages: ChatMessage[] }
  | { type: 'turn-start'; messages: ChatMessage[] }
  | { type: 'retry-wait'; retry: RetryState }
  | { type: 'response' }
  /** The reply so far (one per flush window): its text, its parts in order, and why/how much when known. */
  | {
      type: 'text';
      id: string;
      content: string;
      parts?: MessagePart[];
      finishReason?: FinishReason;
      usage?: Usage;
      timings: TurnTimings;
    }
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

function replyPatch(action: Extract<ChatAction, { type: 'text' }>): Partial<ChatMessage> {
  const patch: Partial<ChatMessage> = { content: action.content, timings: action.timings };
  if (action.parts) {
    // A restart or rollback can take a reason or usage back: the reply carries exactly what was received.
    patch.parts = action.parts;
    patch.finishReason = action.finishReason;
    patch.usage = action.usage;
  }
  return patch;
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
        messages: updateMessage(state.messages, action.id, replyPatch(action)),
      };
    case 'turn-end': {
      const patch: Partial<ChatMessage> = { status: action.status, timings: action.timings };
      if (action.error) patch.error = action.error.message;
      // A failed turn says so whatever the server said before failing.
      if (action.status === 'error') patch.finishReason = 'error';
      return {
        messages: updateMessage(state.messages, action.id, patch),
        status: action.status === 'error' ? 'error' : 'idle',
        error: action.status === 'error' ? action.error : undefined,
        retry: undefined,
      };
    }
  }
}
