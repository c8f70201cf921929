/**
 * Every English string the components show or announce, in one place, so an app can translate them:
 * `<ChatWindow labels={{ send: 'Senden' }} />`, or `<ChatLabelsContext.Provider>` around recomposed parts.
 */
import { createContext, useContext } from 'react';
import type { ToolCallPart } from '../core/types.ts';

/** The words of the chat components. Functions take what the sentence needs. */
export interface ChatLabels {
  /** The window's accessible name. @default 'Chat' */
  chat: string;
  /** The message list's accessible name. @default 'Conversation' */
  conversation: string;
  /** Accessible names of rows by author. @default 'You', 'Assistant', 'System' */
  user: string;
  assistant: string;
  system: string;
  /** The composer textarea's accessible name. @default 'Message' */
  message: string;
  /** @default 'Type a message…' */
  placeholder: string;
  /** @default 'Send' */
  send: string;
  /** @default 'Stop' */
  stop: string;
  /** The failed reply's action. @default 'Retry' */
  retry: string;
  /** Shown when a failure came without any message. @default 'Something went wrong.' */
  errorFallback: string;
  /** @default 'Jump to latest' */
  jumpToLatest: string;
  /** Shown while a conversation's history loads (`ChatController.loading`). @default 'Loading conversation…' */
  loadingConversation: string;
  /** The button that loads an image held back by the `images` policy. @default 'Show image' */
  showImage: string;
  /** The status line while waiting to retry. @default 'Retrying (attempt 1 of 3)…' */
  retrying: (attempt: number, attempts: number) => string;
  /** The status line while waiting to resume a dropped stream. @default 'Connection lost, resuming (attempt 1 of 3)…' */
  resuming: (attempt: number, attempts: number) => string;
  /** @default 'Edit' */
  edit: string;
  /** Accessible name of the Edit action. @default 'Edit message' */
  editMessage: string;
  /** Accessible name of the inline editor. @default 'Edit your message' */
  editor: string;
  /** @default 'Save' */
  save: string;
  /** @default 'Cancel' */
  cancel: string;
  /** @default 'Regenerate' */
  regenerate: string;
  /** Accessible name of the Regenerate action. @default 'Regenerate reply' */
  regenerateReply: string;
  /** @default 'Copy' */
  copy: string;
  /** Accessible name of a reply's Copy action. @default 'Copy reply' */
  copyReply: string;
  /** Accessible name of a code block's Copy action. @default 'Copy code' */
  copyCode: string;
  /** Shown for a moment after copying. @default 'Copied' */
  copied: string;
  /** Announced when a reply finished. @default 'Reply finished. <text>' */
  replyFinished: (text: string) => string;
  /** @default 'Reply stopped.' */
  replyStopped: string;
  /** Announced (assertively) when a reply failed. @default 'Reply failed: <why>' or 'Reply failed.' */
  replyFailed: (why: string | undefined) => string;
  /** The reasoning disclosure while the model thinks. @default 'Thinking…' */
  thinking: string;
  /** The reasoning disclosure once done, with its duration. @default 'Thought for 4 s' */
  thoughtFor: (seconds: number) => string;
  /** The reasoning disclosure once done, when no duration is known. @default 'Reasoning' */
  reasoning: string;
  /** Shown when the provider withheld the reasoning. @default 'Reasoning redacted' */
  reasoningRedacted: string;
  /** Accessible name of a tool call card. @default 'Tool call: <name>' */
  toolCall: (toolName: string) => string;
  /** A tool call's state. @default 'Preparing', 'Running', 'Done', 'Failed' */
  toolState: (state: ToolCallPart['state']) => string;
  /** Caption of a tool call's arguments. @default 'Input' */
  toolInput: string;
  /** Caption of a tool call's result. @default 'Output' */
  toolOutput: string;
  /** Caption of a tool call's error. @default 'Error' */
  toolError: string;
  /** Accessible name of a reply's citations. @default 'Sources' */
  sources: string;
  /** Accessible name of a refusal. @default 'The model declined to answer' */
  refusal: string;
  /** Notice under a reply cut off at the token limit (also announced). @default 'The reply was cut off at the token limit.' */
  noticeLength: string;
  /** Notice under a reply stopped by the content filter (also announced). @default 'The reply was stopped by the content filter.' */
  noticeContentFilter: string;
  /** Notice under a finished reply with nothing in it (also announced). @default 'The reply was empty.' */
  noticeEmpty: string;
}

const TOOL_STATES: Record<ToolCallPart['state'], string> = {
  'input-streaming': 'Preparing',
  'input-available': 'Running',
  'output-available': 'Done',
  'output-error': 'Failed',
};

/** The English defaults. */
export const defaultLabels: ChatLabels = {
  chat: 'Chat',
  conversation: 'Conversation',
  user: 'You',
  assistant: 'Assistant',
  system: 'System',
  message: 'Message',
  placeholder: 'Type a message…',
  send: 'Send',
  stop: 'Stop',
  loadingConversation: 'Loading conversation…',
  showImage: 'Show image',
  retry: 'Retry',
  errorFallback: 'Something went wrong.',
  jumpToLatest: 'Jump to latest',
  retrying: (attempt, attempts) => `Retrying (attempt ${attempt} of ${attempts})…`,
  resuming: (attempt, attempts) => `Connection lost, resuming (attempt ${attempt} of ${attempts})…`,
  edit: 'Edit',
  editMessage: 'Edit message',
  editor: 'Edit your message',
  save: 'Save',
  cancel: 'Cancel',
  regenerate: 'Regenerate',
  regenerateReply: 'Regenerate reply',
  copy: 'Copy',
  copyReply: 'Copy reply',
  copyCode: 'Copy code',
  copied: 'Copied',
  replyFinished: (text) => `Reply finished. ${text}`,
  replyStopped: 'Reply stopped.',
  replyFailed: (why) => (why ? `Reply failed: ${why}` : 'Reply failed.'),
  thinking: 'Thinking…',
  thoughtFor: (seconds) => `Thought for ${seconds} s`,
  reasoning: 'Reasoning',
  reasoningRedacted: 'Reasoning redacted',
  toolCall: (name) => `Tool call: ${name}`,
  toolState: (state) => TOOL_STATES[state],
  toolInput: 'Input',
  toolOutput: 'Output',
  toolError: 'Error',
  sources: 'Sources',
  refusal: 'The model declined to answer',
  noticeLength: 'The reply was cut off at the token limit.',
  noticeContentFilter: 'The reply was stopped by the content filter.',
  noticeEmpty: 'The reply was empty.',
};

/** The labels in effect; components outside a provider read the English defaults. */
export const ChatLabelsContext = createContext<ChatLabels>(defaultLabels);

/** The labels of the nearest `ChatLabelsContext.Provider` (what `<ChatWindow labels>` sets). */
export function useChatLabels(): ChatLabels {
  return useContext(ChatLabelsContext);
}
