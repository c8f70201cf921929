// Entry of `react-chat-stream/query`: TanStack Query bindings (an optional peer). No other entry imports this folder.
export { streamQueryOptions } from './streamQueryOptions.ts';
export type {
  StreamQueryOptions,
  StreamQueryRequestContext,
  StreamQueryPreparedRequest,
} from './streamQueryOptions.ts';
export { useChatQuery, chatQueryKey } from './useChatQuery.ts';
export type { UseChatQueryOptions, UseChatQueryResult, ChatNotice } from './useChatQuery.ts';
export { useThreads, THREADS_QUERY_KEY } from './useThreads.ts';
export type { UseThreadsOptions, UseThreadsResult } from './useThreads.ts';
