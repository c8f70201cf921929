import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Connect, Plugin } from 'vite';
import { createFakeLLM } from './createFakeLLM.ts';
import { createFakeLLMHandler, sendJSON } from './createFakeLLMHandler.ts';
import { createOpenAIProxy } from './createOpenAIProxy.ts';
import { createFakeChatsHandler } from './createFakeChatsHandler.ts';

/** Options of the `fakeLLM()` Vite plugin. */
export interface FakeLLMPluginOptions {
  /**
   * Route of the fake model; `${path}/:id/stream` (GET, resume) and `${path}/:id/stop` (POST) serve its resumable
   * streams. @default '/api/chat'
   */
  path?: string;
  /** Route of the request log. @default '/api/fake-llm/stats' */
  statsPath?: string;
  /** Route proxying to a real OpenAI-compatible endpoint (active only when the env vars are set). @default '/api/openai' */
  openaiPath?: string;
  /** Base of the in-memory chat history routes (`GET/POST/DELETE /api/chats`, `GET/PUT/DELETE /api/chats/:id`). @default '/api/chats' */
  chatsPath?: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Vite plugin mounting the fake model on the dev and preview servers (so `vite`, `vite preview` and Storybook
 * all answer `POST /api/chat`); it does nothing in a build. Answers loopback clients only: a dev server started
 * with `--host` must not hand a proxy with your API key to the network.
 *
 * @example
 * export default defineConfig({ plugins: [react(), fakeLLM()] });
 */
export function fakeLLM(options: FakeLLMPluginOptions = {}): Plugin {
  const { path = '/api/chat', statsPath = '/api/fake-llm/stats', openaiPath = '/api/openai', chatsPath = '/api/chats' } = options;
  const fake = createFakeLLM();
  const handle = createFakeLLMHandler(fake);
  const proxy = createOpenAIProxy();
  const chats = createFakeChatsHandler(undefined, chatsPath);

  const middleware: Connect.NextHandleFunction = (req: IncomingMessage, res: ServerResponse, next) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const history = pathname === chatsPath || pathname.startsWith(`${chatsPath}/`);
    const chat = pathname === path || pathname.startsWith(`${path}/`);
    if (!chat && pathname !== statsPath && pathname !== openaiPath && !history) {
      next();
      return;
    }
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      sendJSON(res, 403, { error: { message: 'The fake model answers loopback clients only' } });
      return;
    }
    const run = history ? chats(req, res) : pathname === openaiPath ? proxy(req, res) : handle(req, res);
    run.catch((error: unknown) => {
      if (!res.headersSent) sendJSON(res, 500, { error: { message: String(error) } });
      else res.destroy();
    });
  };

  return {
    name: 'react-chat-stream:fake-llm',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}
