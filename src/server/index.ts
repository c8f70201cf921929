// Entry of `react-chat-stream/server`: the encoder, provider adapters and stream stores. No React, no DOM, and no
// Node-only import, so it runs in Node 18+, edge runtimes, Bun and Deno.
export { toEventStream, createEventStreamResponse, createChunkEncoder, eventStreamHeaders } from './toEventStream.ts';
export type { EventStreamResponseOptions } from './toEventStream.ts';
export { pipeEventStream, sendEventStream } from './pipeEventStream.ts';
export type { NodeResponseLike } from './pipeEventStream.ts';
export { formatEvent, EVENT_STREAM_HEADERS } from './frame.ts';
export { KIT_METADATA_KEY } from './encoders/ai-sdk.ts';
export { fromOpenAIChat } from './adapters/fromOpenAIChat.ts';
export type { OpenAIChatChunkLike } from './adapters/fromOpenAIChat.ts';
export { fromOpenAIResponses } from './adapters/fromOpenAIResponses.ts';
export type { OpenAIResponsesEventLike } from './adapters/fromOpenAIResponses.ts';
export { fromAnthropic } from './adapters/fromAnthropic.ts';
export type { AnthropicEventLike } from './adapters/fromAnthropic.ts';
export type { SDKStream } from './adapters/adaptStream.ts';
export type { ChunkEncoder } from './encoders/encoder.ts';
export { DEFAULT_HEARTBEAT_MS, DEFAULT_RETRY_MS } from './types.ts';
export type { ChunkSource, SourceItem, EventStreamOptions, ServerProtocol, WireEvent } from './types.ts';
export { createResumableStreams } from './resumable.ts';
export type { ResumableStreams, ResumableStreamsOptions } from './resumable.ts';
export { StreamStoreError } from './stream-store.ts';
export type { StreamStore, StoredStreamState, StreamStoreErrorKind } from './stream-store.ts';
export { createMemoryStreamStore } from './memory-store.ts';
export type { MemoryStreamStoreOptions } from './memory-store.ts';
export { createRedisStreamStore } from './redis-store.ts';
export type { RedisStreamStoreOptions, RedisClientLike, NodeRedisClientLike, IORedisClientLike } from './redis-store.ts';
export type { NumberedEvent } from './frame-events.ts';
