import type { IncomingMessage } from 'node:http';
import { sendJSON, type FakeLLMHandler } from './createFakeLLMHandler.ts';

/** Where the proxy sends requests; read from the environment on every request. */
export interface OpenAIProxyEnv {
  OPENAI_BASE_URL?: string;
  OPENAI_API_KEY?: string;
  OPENAI_MODEL?: string;
}

const DEFAULT_MODEL = 'gpt-4o-mini';

/**
 * `POST` handler forwarding `{ messages }` to `${OPENAI_BASE_URL}/chat/completions` with `stream: true` and
 * piping the SSE answer back. The key stays on the server: the browser only ever talks to this route.
 * Answers 501 while `OPENAI_BASE_URL` or `OPENAI_API_KEY` is unset.
 */
export function createOpenAIProxy(env: OpenAIProxyEnv = process.env): FakeLLMHandler {
  return async (req, res) => {
    const baseUrl = env.OPENAI_BASE_URL;
    const apiKey = env.OPENAI_API_KEY;
    if (!baseUrl || !apiKey) {
      sendJSON(res, 501, { error: { message: 'Set OPENAI_BASE_URL and OPENAI_API_KEY to use the OpenAI proxy' } });
      return;
    }
    if (req.method !== 'POST') {
      sendJSON(res, 405, { error: { message: 'POST a chat request' } });
      return;
    }
    let messages: unknown;
    try {
      messages = (JSON.parse(await readText(req)) as { messages?: unknown }).messages;
    } catch {
      sendJSON(res, 400, { error: { message: 'The request body is not JSON' } });
      return;
    }
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) controller.abort();
    });
    let upstream: Response;
    try {
      upstream = await fetch(`${baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ model: env.OPENAI_MODEL || DEFAULT_MODEL, messages, stream: true }),
        signal: controller.signal,
      });
    } catch (error) {
      if (!controller.signal.aborted) sendJSON(res, 502, { error: { message: `Upstream unreachable: ${String(error)}` } });
      return;
    }
    const headers: Record<string, string> = {
      'content-type': upstream.headers.get('content-type') ?? 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
    };
    const retryAfter = upstream.headers.get('retry-after');
    if (retryAfter) headers['retry-after'] = retryAfter;
    res.writeHead(upstream.status, headers);
    if (!upstream.body) {
      res.end();
      return;
    }
    const reader = upstream.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
      res.end();
    } catch {
      res.destroy();
    }
  };
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
