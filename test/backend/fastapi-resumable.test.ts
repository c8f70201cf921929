// @vitest-environment node
// The resumable FastAPI recipe (examples/backend/fastapi_resumable.py) under Debian's `python3 -m uvicorn` on a free
// loopback port, read by the kit's client (and by the AI SDK's own transport).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { DefaultChatTransport, readUIMessageStream, type UIMessage } from 'ai';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProtocol } from '../../src/core/protocols/index.ts';
import { readResponse } from '../../src/core/response.ts';
import { createSSEParser } from '../../src/core/sse.ts';
import type { SSEEvent } from '../../src/core/types.ts';
import { freePort } from '../server/redis-server.ts';
import { chatAt, close, listen } from '../recipes/support.ts';

const APP_DIR = fileURLToPath(new URL('../../examples/backend/', import.meta.url));
// Short enough to measure in a test; the recipe's defaults are 10 s and 15 s.
const GRACE_MS = 300;
const HEARTBEAT_MS = 100;

/** Debian's python has the Debian packages; a pyenv or venv python on PATH may not. */
function findPython(): string {
  for (const candidate of [process.env.PYTHON, '/usr/bin/python3', 'python3']) {
    if (candidate && spawnSync(candidate, ['-c', 'import fastapi, uvicorn']).status === 0) return candidate;
  }
  throw new Error('FastAPI is not installed: apt-get install -y python3-fastapi python3-uvicorn (as .ci/run does)');
}

let python = '';
let server: ChildProcess | undefined;
let origin = '';
/** The server's log lines, with the time each arrived. */
const log: { at: number; line: string }[] = [];

beforeAll(async () => {
  python = findPython();
  const port = await freePort();
  server = spawn(python, ['-m', 'uvicorn', 'fastapi_resumable:app', '--app-dir', APP_DIR, '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warning'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, RETRY_MS: '20', RESUME_GRACE_S: String(GRACE_MS / 1000), HEARTBEAT_S: String(HEARTBEAT_MS / 1000), PYTHONUNBUFFERED: '1' },
  });
  let partial = '';
  server.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) log.push({ at: performance.now(), line });
  });
  origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (server.exitCode !== null) throw new Error(`uvicorn exited with ${server.exitCode}`);
    try {
      await fetch(`${origin}/docs`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('uvicorn did not answer within 10 s');
}, 20_000);

afterAll(() => {
  server?.kill();
});

let conversations = 0;
const newId = () => `conv-${++conversations}`;

const post = (id: string, tokens: string[] | string, query = 'gap_ms=1', headers: Record<string, string> = {}) =>
  fetch(`${origin}/api/chat?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ id, messages: [{ role: 'user', content: tokens }] }),
  });

/** The text deltas the kit's client reads from a response. */
async function deltasOf(response: Response): Promise<string[]> {
  const deltas: string[] = [];
  await readResponse(response, createProtocol('ai-sdk'), { onChunk: (c) => c.type === 'text-delta' && deltas.push(c.delta) });
  return deltas;
}

function eventsOf(text: string): SSEEvent[] {
  const events: SSEEvent[] = [];
  createSSEParser({ onEvent: (e) => events.push(e) }).feed(text);
  return events;
}

/** Resolves with the time of the first log line matching `pattern` (rejects after `ms`). */
async function logged(pattern: RegExp, ms = 3000): Promise<{ at: number; line: string }> {
  const deadline = performance.now() + ms;
  for (;;) {
    const hit = log.find((l) => pattern.test(l.line));
    if (hit) return hit;
    if (performance.now() > deadline) throw new Error(`the server never logged ${pattern}; it said:\n${log.map((l) => l.line).join('\n')}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const AWKWARD = ['line1\nline2', '\n\n', 'a\rb', '\r\n', '\r', '[DONE]', ' leading', 'data: x', 'id: 7', ': not a comment', 'é😀', '"quoted"\\'];

describe('the resumable FastAPI recipe', () => {
  it('frames data lines at CRLF, CR and LF alike, so a reader gets every line back', () => {
    const out = spawnSync(python, ['-c', 'import sys, fastapi_resumable as f; sys.stdout.write(f.format_event(" a\\r\\nb\\rc\\nd", "9"))'], {
      cwd: APP_DIR,
      encoding: 'utf8',
    });
    expect(out.stdout).toBe('id: 9\ndata:  a\ndata: b\ndata: c\ndata: d\n\n');
    expect(eventsOf(out.stdout)).toEqual([{ event: 'message', data: ' a\nb\nc\nd', id: '9' }]);
  });

  it('brings any token back exactly through the kit\'s client: CR, LF, [DONE], data:, leading spaces', async () => {
    const token = fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }));
    await fc.assert(
      fc.asyncProperty(fc.array(token, { minLength: 1, maxLength: 8 }), async (tokens) => {
        expect(await deltasOf(await post(newId(), tokens, 'gap_ms=0'))).toEqual(tokens);
      }),
      { numRuns: 25 },
    );
  }, 30_000);

  it('sends retry first, an increasing id on every event, and heartbeats while the model is silent', async () => {
    const text = await (await post(newId(), ['late'], 'ttfb_ms=350')).text();
    expect(text.startsWith('retry: 20\n\n')).toBe(true);
    const beforeFirstToken = text.slice(0, text.indexOf('"text-delta"'));
    expect(beforeFirstToken.match(/^: ping$/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    const events = eventsOf(text);
    expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)!.data).toBe('[DONE]');
  });

  it('is read by the AI SDK\'s own transport, with its UIMessage body', async () => {
    const transport = new DefaultChatTransport({ api: `${origin}/api/chat?gap_ms=0` });
    const chunks = await transport.sendMessages({
      trigger: 'submit-message',
      chatId: newId(),
      messageId: undefined,
      messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hi from useChat' }] }],
      abortSignal: undefined,
    });
    let last: UIMessage | undefined;
    for await (const message of readUIMessageStream({ stream: chunks, onError: (e) => { throw e; } })) last = message;
    expect(last!.parts.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join('')).toBe('You said: Hi from useChat');
  });

  it('sees every character once when the connection drops mid-reply and the kit reconnects with Last-Event-ID', async () => {
    const upstream = new URL(origin);
    const tokens = Array.from({ length: 40 }, (_, i) => `w${i}${i % 5 === 0 ? '\r\n' : ' '}`);
    // Cut points after the first text delta (a drop before any text may start over instead of resuming), inside events
    // and between them, up to the last token.
    for (const cutAt of [260, 421, 777, 1234, 1900]) {
      const requests: (string | undefined)[] = [];
      // A proxy that cuts the first response after `cutAt` bytes, as a network switch would.
      const proxy: Server = createServer((req, res) => {
        const first = requests.length === 0;
        requests.push(req.headers['last-event-id'] as string | undefined);
        const up = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (upRes) => {
          res.writeHead(upRes.statusCode!, upRes.headers);
          let sent = 0;
          upRes.on('data', (chunk: Buffer) => {
            if (first && sent + chunk.length >= cutAt) {
              // Destroyed once the bytes before the cut are flushed (destroy() drops pending writes).
              res.write(chunk.subarray(0, cutAt - sent), () => res.socket?.destroy());
              upRes.destroy();
              return;
            }
            sent += chunk.length;
            res.write(chunk);
          });
          upRes.on('end', () => res.end());
        });
        up.on('error', () => res.destroy());
        req.pipe(up);
      });
      const api = `${await listen(proxy)}/api/chat?gap_ms=3`;
      const store = chatAt(api, {
        retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 },
        // The tokens as a list, so the stand-in model sends exactly these (CRLF inside some).
        prepareRequest: () => ({ body: { id: `drop-${cutAt}`, messages: [{ role: 'user', content: tokens }] } }),
      });
      await store.send('go');
      await close(proxy);
      expect(store.getSnapshot().messages.at(-1)).toMatchObject({ content: tokens.join(''), status: 'done' });
      expect(requests).toHaveLength(2);
      expect(requests[0]).toBeUndefined();
      expect(Number(requests[1])).toBeGreaterThan(0);
    }
  }, 30_000);

  it('replays the reply so far after a reload through GET /api/chat/:id/stream, then the live tail', async () => {
    const id = newId();
    const tokens = Array.from({ length: 30 }, (_, i) => `t${i} `);
    const first = await post(id, tokens, 'gap_ms=5');
    const reader = first.body!.getReader();
    let seen = '';
    while (!seen.includes('"t3 "')) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel(); // the page reloads
    const resumed = await fetch(`${origin}/api/chat/${id}/stream`);
    expect(resumed.status).toBe(200);
    expect(await deltasOf(resumed)).toEqual(tokens);
    // A finished reply still replays whole; an unknown conversation has nothing to resume.
    expect(await deltasOf(await fetch(`${origin}/api/chat/${id}/stream`))).toEqual(tokens);
    expect((await fetch(`${origin}/api/chat/nobody/stream`)).status).toBe(204);
    expect((await fetch(`${origin}/api/chat/${id}/stream`, { headers: { 'Last-Event-ID': '99999' } })).status).toBe(400);
  });

  it('stops generating once the client has gone (no reader for the grace period), measured', async () => {
    const id = newId();
    const tokens = Array.from({ length: 2000 }, (_, i) => `${i} `);
    const response = await post(id, tokens, 'gap_ms=2');
    const reader = response.body!.getReader();
    let seen = '';
    while (!seen.includes('"text-delta"')) seen += new TextDecoder().decode((await reader.read()).value);
    const droppedAt = performance.now();
    await reader.cancel();
    const stopped = await logged(new RegExp(`^reply ${id} stopped after (\\d+) tokens$`));
    const afterMs = stopped.at - droppedAt;
    const generated = Number(/after (\d+) tokens/.exec(stopped.line)![1]);
    process.stdout.write(`fastapi: generation stopped ${afterMs.toFixed(0)} ms after the disconnect (grace ${GRACE_MS} ms, so ${(afterMs - GRACE_MS).toFixed(0)} ms to notice), after ${generated} of ${tokens.length} tokens\n`);
    expect(afterMs).toBeGreaterThanOrEqual(GRACE_MS - 20);
    expect(afterMs).toBeLessThan(GRACE_MS + 1000);
    expect(generated).toBeLessThan(tokens.length);
    // What was generated stays replayable, and ends with the abort part instead of growing.
    const replay = await (await fetch(`${origin}/api/chat/${id}/stream`)).text();
    expect(replay.match(/"text-delta"/g)).toHaveLength(generated);
    expect(eventsOf(replay).at(-1)!.data).toBe('{"type":"abort"}');
  });

  it('keeps generating for a reader that comes back within the grace period', async () => {
    const id = newId();
    const tokens = Array.from({ length: 60 }, (_, i) => `k${i} `);
    const first = (await post(id, tokens, 'gap_ms=5')).body!.getReader();
    await first.read();
    await first.cancel();
    await new Promise((r) => setTimeout(r, GRACE_MS / 3));
    expect(await deltasOf(await fetch(`${origin}/api/chat/${id}/stream`))).toEqual(tokens);
    await logged(new RegExp(`^reply ${id} finished after ${tokens.length} tokens$`));
  });

  it('stops at once on POST /api/chat/:id/stop from another client', async () => {
    const id = newId();
    const reading = post(id, Array.from({ length: 2000 }, (_, i) => `${i} `), 'gap_ms=2').then(deltasOf);
    await new Promise((r) => setTimeout(r, 50));
    const stoppedAt = performance.now();
    expect((await fetch(`${origin}/api/chat/${id}/stop`, { method: 'POST' })).status).toBe(204);
    const stopped = await logged(new RegExp(`^reply ${id} stopped`));
    expect(stopped.at - stoppedAt).toBeLessThan(1000);
    const deltas = await reading;
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.length).toBeLessThan(2000);
  });

  it('replaces the reply being generated when a new message comes for the same conversation', async () => {
    const id = newId();
    const old = post(id, Array.from({ length: 2000 }, (_, i) => `${i} `), 'gap_ms=2').then(async (r) => (await r.text()));
    await new Promise((r) => setTimeout(r, 50));
    expect(await deltasOf(await post(id, ['new ', 'reply']))).toEqual(['new ', 'reply']);
    // The old reply's reader is told it ended (abort), not left waiting.
    expect(eventsOf(await old).at(-1)!.data).toBe('{"type":"abort"}');
    await logged(new RegExp(`^reply ${id} stopped`));
  });

  it('answers a body that is not JSON, or an oversized id, with 400 and a readable message', async () => {
    const store = chatAt(`${origin}/api/chat`, { prepareRequest: () => ({ body: 'nope' }) });
    await store.send('x');
    expect(store.getSnapshot()).toMatchObject({ status: 'error', error: { kind: 'http', status: 400, serverMessage: 'Expected a JSON body' } });
    const long = await post('x'.repeat(201), ['a']);
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual({ error: { message: 'The conversation id is longer than 200 characters' } });
  });
});
