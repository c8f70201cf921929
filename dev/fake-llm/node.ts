// Node entry: the request handler, the OpenAI proxy and the Vite plugin (they import node:http types and process.env).
export { createFakeLLMHandler, type FakeLLMHandler } from './createFakeLLMHandler.ts';
export { createOpenAIProxy, type OpenAIProxyEnv } from './createOpenAIProxy.ts';
export { fakeLLM, type FakeLLMPluginOptions } from './fakeLLM.ts';
export { createFakeChatsHandler } from './createFakeChatsHandler.ts';
