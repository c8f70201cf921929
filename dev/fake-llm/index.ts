// Browser-safe entry: the answer, the generator and the in-browser fetch. Node adapters live in `node.ts`.
export { FAKE_ANSWER, fakeAnswer, fakeTokens, tokenize, type FakeAnswerSize } from './answer.ts';
export {
  DEFAULT_FAKE_OPTIONS,
  resolveFakeOptions,
  type FakeLLMInput,
  type FakeLLMOptions,
  type FakeProtocol,
  type FakeSplit,
} from './options.ts';
export { FakeDropError, fakeErrorBody, fakeSSE, fakeSSEHeaders, splitChunk, type FakeSSEContext } from './fakeSSE.ts';
export {
  createFakeLLM,
  type CreateFakeLLMOptions,
  type FakeLLM,
  type FakeRequest,
  type FakeRequestRecord,
  type FakeResponse,
  type FakeStats,
} from './createFakeLLM.ts';
export { fakeChunks, fakeChunkPlan, FakeModelError, FAKE_INPUT_TOKENS, type FakeChunkPlan, type FakeChunksContext } from './fakeChunks.ts';
export {
  createFakeResumable,
  resumableId,
  resumableRoute,
  type CreateFakeResumableOptions,
  type FakeResumable,
} from './fakeResumable.ts';
export { createResponsesEncoder, type FakeFrameEncoder } from './responses.ts';
export { createFakeFetch, type CreateFakeFetchOptions } from './createFakeFetch.ts';
export {
  createFakeChats,
  createFakeChatsFetch,
  type FakeChat,
  type FakeChats,
  type FakeChatsRequest,
  type FakeChatsResponse,
} from './fakeChats.ts';
