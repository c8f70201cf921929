// Entry of `react-chat-stream`. Explicit named exports only.

// core (also available from `react-chat-stream/core`)
export {
  createSSEParser,
  readSSE,
  createProtocol,
  textProtocol,
  openaiProtocol,
  anthropicProtocol,
  aiSdkProtocol,
  ChatStore,
  ChatStreamError,
  isChatStreamError,
  DONE,
} from './core/index.ts';
export type {
  SSEEvent,
  SSEParser,
  SSEParserHandlers,
  Role,
  MessageStatus,
  ChatMessage,
  ChatStatus,
  ChatSnapshot,
  ChatStreamOptions,
  ChatStreamErrorKind,
  Done,
  ProtocolFn,
  ProtocolName,
  RetryOptions,
  RetryState,
  TurnTimings,
} from './core/index.ts';

// hooks
export { useChatStream } from './hooks/useChatStream.ts';
export type { UseChatStreamOptions, UseChatStreamResult } from './hooks/useChatStream.ts';

// components
