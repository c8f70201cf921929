// Entry of `react-chat-stream`. Explicit named exports only.

// core (also available from `react-chat-stream/core`)
export {
  createSSEParser,
  readSSE,
  createProtocol,
  textProtocol,
  createOpenAIProtocol,
  createOpenAIResponsesProtocol,
  createAnthropicProtocol,
  createAiSdkProtocol,
  ChatStore,
  BaseChatStore,
  getChatStore,
  removeChatStore,
  aiSdkRequest,
  toUIMessages,
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
  ProtocolFactory,
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
  PrepareRequest,
  PrepareRequestContext,
  PreparedRequest,
  RequestTrigger,
  AiSdkRequestBody,
  AiSdkUIMessage,
  AiSdkUIMessagePart,
  BuiltinProtocolFn,
} from './core/index.ts';

// hooks
export { useChatStream } from './hooks/useChatStream.ts';
export type { UseChatStreamOptions, UseChatStreamResult } from './hooks/useChatStream.ts';
export { useIsomorphicLayoutEffect } from './hooks/useIsomorphicLayoutEffect.ts';
export { useChatSelector } from './hooks/useChatSelector.ts';

// components
export { StreamingMessage } from './components/StreamingMessage.tsx';
export type {
  StreamingMessageProps,
  StreamingMessageComponents,
  CodeBlockProps,
  LinkProps,
  ImageProps,
  ImagePolicy,
  Highlighter,
} from './components/StreamingMessage.tsx';
export { Reasoning } from './components/parts/Reasoning.tsx';
export type { ReasoningProps } from './components/parts/Reasoning.tsx';
export { ToolCallCard } from './components/parts/ToolCallCard.tsx';
export type { ToolCallCardProps } from './components/parts/ToolCallCard.tsx';
export { Sources } from './components/parts/Sources.tsx';
export type { SourcesProps } from './components/parts/Sources.tsx';
export { FileView } from './components/parts/FileView.tsx';
export type { FileViewProps } from './components/parts/FileView.tsx';
export { Refusal } from './components/parts/Refusal.tsx';
export type { RefusalProps } from './components/parts/Refusal.tsx';
export { Notice } from './components/parts/Notice.tsx';
export type { NoticeProps, NoticeReason } from './components/parts/Notice.tsx';
export { MessageParts } from './components/parts/MessageParts.tsx';
export type { MessagePartsProps, PartComponents, ToolRenderers, DataPartProps } from './components/parts/MessageParts.tsx';
export { ChatWindow } from './components/ChatWindow.tsx';
export type {
  ChatWindowProps,
  ChatWindowOwnProps,
  ChatWindowOptionsProps,
  ChatWindowControlledProps,
  ChatController,
} from './components/ChatWindow.tsx';
export { MessageList } from './components/MessageList.tsx';
export type { MessageListProps } from './components/MessageList.tsx';
export { MessageActions } from './components/MessageActions.tsx';
export type { MessageActionsProps } from './components/MessageActions.tsx';
export { MessageEditor } from './components/MessageEditor.tsx';
export type { MessageEditorProps } from './components/MessageEditor.tsx';
export { ChatLabelsContext, defaultLabels, useChatLabels } from './components/labels.ts';
export type { ChatLabels } from './components/labels.ts';
export { MessageRow } from './components/MessageRow.tsx';
export { MessageErrorBoundary } from './components/MessageErrorBoundary.tsx';
export type { MessageErrorBoundaryProps } from './components/MessageErrorBoundary.tsx';
export type { MessageRowProps, RenderMessage } from './components/MessageRow.tsx';
export { Composer } from './components/Composer.tsx';
export type { ComposerProps } from './components/Composer.tsx';
export { JumpToLatest } from './components/JumpToLatest.tsx';
export type { JumpToLatestProps } from './components/JumpToLatest.tsx';
export { ChatAnnouncer, defaultAnnouncement } from './components/ChatAnnouncer.tsx';
export type { ChatAnnouncerProps, Announcement } from './components/ChatAnnouncer.tsx';
export { ThreadList, DEFAULT_THREAD_LIST_LABELS } from './components/ThreadList.tsx';
export type { ThreadListProps, ThreadListLabels, Thread } from './components/ThreadList.tsx';
export { ErrorNotice } from './components/ErrorNotice.tsx';
export type { ErrorNoticeProps } from './components/ErrorNotice.tsx';
export { useStickToBottom, STICK_THRESHOLD_PX } from './components/useStickToBottom.ts';
export type { StickToBottom } from './components/useStickToBottom.ts';
