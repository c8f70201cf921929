// Entry of `react-chat-stream/core`: the framework-agnostic engine. No React import anywhere below this folder.
export { createSSEParser, readSSE } from './sse.ts';
export type { SSEParser, SSEParserHandlers } from './sse.ts';
export {
  createProtocol,
  textProtocol,
  createOpenAIProtocol,
  createOpenAIResponsesProtocol,
  createAnthropicProtocol,
  createAiSdkProtocol,
} from './protocols/index.ts';
export type { BuiltinProtocolFn } from './protocols/index.ts';
export { createAccumulator, createFlushScheduler, DEFAULT_FLUSH_MS } from './accumulator.ts';
export type { Accumulator, FlushScheduler, ReplyParts, ReplyEnd } from './accumulator.ts';
export {
  backoffDelay,
  isRetryableStatus,
  parseRetryAfter,
  DEFAULT_RETRY_ATTEMPTS,
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_MAX_DELAY_MS,
  MAX_RETRY_AFTER_MS,
} from './retry.ts';
export { readResponse, httpError } from './response.ts';
export type { ResponseSink } from './response.ts';
export { ChatStore, BaseChatStore, reduce, initialChatState } from './chat-store.ts';
export type { ProtocolFactory } from './chat-store.ts';
export { getChatStore, removeChatStore } from './chat-registry.ts';
export { toWireHistory } from './request.ts';
export type { PrepareRequest, PrepareRequestContext, PreparedRequest, RequestTrigger, WireMessage } from './request.ts';
export { aiSdkRequest, toUIMessages } from './ai-sdk-request.ts';
export type { AiSdkRequestBody, AiSdkUIMessage, AiSdkUIMessagePart } from './ai-sdk-request.ts';
export type { ChatAction } from './chat-store.ts';
export { ChatStreamError, isChatStreamError } from './errors.ts';
export type { ChatStreamErrorKind, ChatStreamErrorInit } from './errors.ts';
export { DONE } from './types.ts';
export type {
  SSEEvent,
  Role,
  MessageStatus,
  ChatMessage,
  ChatStatus,
  ChatSnapshot,
  ChatStreamOptions,
  Done,
  ProtocolFn,
  ProtocolName,
  RetryOptions,
  RetryState,
  TurnTimings,
  FinishReason,
  Usage,
  MessagePart,
  TextPart,
  ReasoningPart,
  ToolCallPart,
  SourcePart,
  FilePart,
  DataPart,
  RefusalPart,
  StepStartPart,
  StreamChunk,
  StreamChunkType,
} from './types.ts';
