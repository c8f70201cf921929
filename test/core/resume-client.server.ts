// A real resumable chat backend on node:http 127.0.0.1: createResumableStreams over a real stream store, with the
// routes the client's defaults expect (POST /api/chat, GET /api/chat/:id/stream, POST /api/chat/:id/stop).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createResumableStreams, eventStreamHeaders, sendEventStream, type StreamStore } from '../../src/server/index.ts';

export interface ResumeServer {
  api: string;
  /** Per conversation id: the producer's signal aborted (a stop reached it). */
  aborted: Map<string, boolean>;
  /** Every request seen: method, path and the `x-token` header. */
  requests: { method: string; path: string; token: string | undefined; body: unknown }[];
  /** The next resume GET is cut after this many bytes (a network switch mid-resume). */
  cutNextResumeAfterBytes: number | undefined;
  /** Answer every stop request with this status instead (a failing stop). */
  stopStatus: number | undefined;
  settled(): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** A backend answering every message with `tokens`, one per `gapMs`; requests must carry `x-token: secret`. */
export async function startResumeServer(store: StreamStore, tokens: string[], gapMs: number): Promise<ResumeServer> {
  const streams = createResumableStreams({ store, heartbeatMs: 0 });
  const state: ResumeServer = {
    api: '',
    aborted: new Map(),
    requests: [],
    cutNextResumeAfterBytes: undefined,
    stopStatus: undefined,
    settled: () => streams.settled(),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  async function* answer(id: string, signal: AbortSignal) {
    state.aborted.set(id, false);
    signal.addEventListener('abort', () => state.aborted.set(id, true));
    for (const token of tokens) {
      await sleep(gapMs);
      if (signal.aborted) return;
      yield token;
    }
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const token = req.headers['x-token'] as string | undefined;
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    state.requests.push({ method: req.method ?? '', path: url.pathname, token, body });
    if (token !== 'secret') return res.writeHead(401).end('no token');
    const match = /^\/api\/chat\/([^/]+)\/(stream|stop)$/.exec(url.pathname);
    if (req.method === 'POST' && url.pathname === '/api/chat') {
      const id = body?.id;
      if (typeof id !== 'string') return res.writeHead(400).end('the body has no conversation id');
      const lastEventId = req.headers['last-event-id'] as string | undefined;
      const resumed = lastEventId ? await streams.resume(id, lastEventId) : undefined;
      return sendEventStream(res, resumed ?? (await streams.start(id, (signal) => answer(id, signal))));
    }
    if (req.method === 'GET' && match?.[2] === 'stream') {
      const id = decodeURIComponent(match[1]!);
      const stream = await streams.resume(id, (req.headers['last-event-id'] as string | undefined) ?? '');
      if (!stream) return res.writeHead(204).end();
      const cut = state.cutNextResumeAfterBytes;
      state.cutNextResumeAfterBytes = undefined;
      if (cut === undefined) return sendEventStream(res, stream);
      res.writeHead(200, eventStreamHeaders());
      const reader = stream.getReader();
      let sent = 0;
      while (sent < cut) {
        const { done, value } = await reader.read();
        if (done) break;
        const part = value.subarray(0, cut - sent);
        res.write(part);
        sent += part.length;
      }
      await reader.cancel();
      return res.destroy();
    }
    if (req.method === 'POST' && match?.[2] === 'stop') {
      if (state.stopStatus !== undefined) return res.writeHead(state.stopStatus).end('stop failed');
      await streams.stop(decodeURIComponent(match[1]!));
      return res.writeHead(204).end();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  state.api = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/chat`;
  return state;
}
