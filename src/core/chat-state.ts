/**
 * The conversation's state machine: one pure `reduce` over a typed union of actions, exported so it can be
 * tested table-driven. The store only dispatches; every state change is here.
 */
import type { ChatStreamError } from './errors.ts';
import type { ChatMessage, ChatSnapshot, MessageStatus, RetryState, TurnTimings } from './types.ts';

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
