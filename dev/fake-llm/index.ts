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
export { createFakeFetch, type CreateFakeFetchOptions } from './createFakeFetch.ts';
export {
  createFakeChats,
  createFakeChatsFetch,
  type FakeChat,
  type FakeChats,
  type FakeChatsRequest,
  type FakeChatsResponse,
} from './fakeChats.ts';
