import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ChatStore } from '../../src/core/chat-store.ts';
import { createProtocol } from '../../src/core/protocols/index.ts';
import { readResponse } from '../../src/core/response.ts';
import { createSSEParser } from '../../src/core/sse.ts';
import { bin, installTarball, run, scratchApp } from './support/apps.ts';
import { repoRoot } from './support/paths.ts';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };

let app: string;
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let origin: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer within 60 s:\n${output()}`);
}

beforeAll(async () => {
  app = scratchApp('next-app', {}, path.join(repoRoot, 'test/package/next-app'));
  // The server recipes, mounted under /recipes by the fixture's app/recipes route files (one build covers them).
  cpSync(path.join(repoRoot, 'examples/server/next'), path.join(app, 'recipes/next'), { recursive: true });
  installTarball(app, inject('tarball'));
  // One production build for every test in this file.
  run(bin('next'), ['build'], { cwd: app, env });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  let log = '';
  server = spawn(bin('next'), ['start', '-H', '127.0.0.1', '-p', String(port)], { cwd: app, env, detached: true });
  server.stdout?.on('data', (d) => (log += d));
  server.stderr?.on('data', (d) => (log += d));
  await waitUntilServing(origin, server, () => log);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  // Our own `next start` and the workers it spawned: its process group, by the pid we started.
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
});

describe('a Next.js App Router app importing ChatWindow from a server component', () => {
  it('server-renders the page with the welcome message in its HTML', async () => {
    const html = await (await fetch(origin)).text();
    expect(html).toContain('role="log"');
    expect(html).toContain('<strong>server component</strong>');
  });

  it('hydrates without warnings and streams a reply from the route handler token by token', async () => {
    const page = await browser!.newPage();
    const said: string[] = [];
    page.on('console', (m) => {
      // The fixture has no favicon; the browser's request for it is not the app's doing.
      if (m.location().url.endsWith('/favicon.ico')) return;
      if (m.type() === 'error' || m.type() === 'warning') said.push(`${m.type()}: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => said.push(`pageerror: ${e.message}`));
    await page.goto(origin);
    const box = page.getByPlaceholder('Ask the route handler');
    // Enter only sends once React has hydrated the composer (before that, nothing listens for it).
    await page.waitForFunction(() => {
      const el = document.querySelector('textarea');
      return !!el && Object.keys(el).some((k) => k.startsWith('__reactProps'));
    });
    // Every text the log shows while the reply streams.
    await page.evaluate(() => {
      const log = document.querySelector('[role="log"]')!;
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => seen.push(log.textContent ?? '')).observe(log, { subtree: true, childList: true, characterData: true });
    });
    await box.fill('ping');
    await box.press('Enter');
    const reply = 'Streamed from the Next.js route handler: you said "ping".';
    // exact: the screen-reader announcement ("Reply finished. …") contains the reply too.
    await page.getByText(reply, { exact: true }).waitFor({ timeout: 20_000 });
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    // Streamed, not delivered at once: some state showed part of the reply.
    expect(seen.some((t) => t.includes('Streamed') && !t.includes('you said'))).toBe(true);
    expect(said).toEqual([]);
    await page.close();
  });
});

/** The text deltas the kit's client reads from a response (AI SDK UI message stream, the server's default). */
async function deltasOf(response: Response): Promise<string[]> {
  const deltas: string[] = [];
  await readResponse(response, createProtocol('ai-sdk'), { onChunk: (c) => c.type === 'text-delta' && deltas.push(c.delta) });
  return deltas;
}

const REPLY = 'Streamed by the route handler: you said "ping".';
const chatBody = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ messages: [{ role: 'user', content: 'ping' }], ...extra });

describe('the Next.js App Router server recipes (examples/server/next), built into the fixture', () => {
  it('streams a reply from createEventStreamResponse to the kit\'s client', async () => {
    const api = `${origin}/recipes/plain/api/chat`;
    const head = await fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: chatBody() });
    expect(head.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(head.headers.get('cache-control')).toContain('no-transform');
    await head.body?.cancel();

    const store = new ChatStore({ api, retry: false });
    const seen = new Set<string>();
    store.subscribe(() => seen.add(store.getSnapshot().messages.at(-1)?.content ?? ''));
    await store.send('ping');
    expect(store.getSnapshot().messages.at(-1)).toMatchObject({ role: 'assistant', content: REPLY, status: 'done' });
    expect([...seen].filter((t) => t.startsWith('Streamed') && t !== REPLY).length).toBeGreaterThan(1);
  });

  it('answers a body that is not JSON with 400 and a readable message', async () => {
    const store = new ChatStore({ api: `${origin}/recipes/plain/api/chat`, retry: false, prepareRequest: () => ({ body: '{' }) });
    await store.send('x');
    expect(store.getSnapshot()).toMatchObject({ status: 'error', error: { kind: 'http', status: 400, serverMessage: 'Expected a JSON body' } });
  });

  it('resumes a reply after a reload through GET /api/chat/[id]/stream, and after a drop with Last-Event-ID', async () => {
    const api = `${origin}/recipes/resumable/api/chat`;
    const first = await fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: chatBody({ id: 'next-conv-1' }) });
    const reader = first.body!.getReader();
    let seen = '';
    while (!seen.includes('"the "')) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel(); // the page reloads mid-answer
    // What the dropped connection delivered whole, and the id a browser would send back as Last-Event-ID.
    const kept: string[] = [];
    const parser = createSSEParser({
      onEvent: (e) => {
        const part = e.data === '[DONE]' ? undefined : (JSON.parse(e.data) as { type: string; delta?: string });
        if (part?.type === 'text-delta') kept.push(part.delta!);
      },
    });
    parser.feed(seen);

    const reattached = await fetch(`${api}/next-conv-1/stream`);
    expect(reattached.status).toBe(200);
    expect((await deltasOf(reattached)).join('')).toBe(REPLY);

    // A reconnect with Last-Event-ID gets exactly the events after it (from the store: the reply may have finished).
    const rest = await fetch(api, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Last-Event-ID': parser.lastEventId },
      body: chatBody({ id: 'next-conv-1' }),
    });
    expect([...kept, ...(await deltasOf(rest))].join('')).toBe(REPLY);

    expect((await fetch(`${api}/nobody/stream`)).status).toBe(204);
  });

  it('closes the producer when the client disconnects (signal: request.signal in a built app), measured', async () => {
    const probe = `${origin}/recipes/probe/api/chat`;
    const reader = (await fetch(probe, { method: 'POST', body: '{}' })).body!.getReader();
    let seen = '';
    while (!seen.includes('"text-delta"')) seen += new TextDecoder().decode((await reader.read()).value);
    const droppedAt = performance.now();
    await reader.cancel();
    type ProbeState = { tokens: number; aborted: boolean; closed: boolean } | null;
    let state: ProbeState = null;
    while (performance.now() - droppedAt < 5000) {
      state = (await (await fetch(probe)).json()) as ProbeState;
      if (state?.closed && state.aborted) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - droppedAt;
    process.stdout.write(`next: producer aborted and closed within ${ms.toFixed(0)} ms of the disconnect (polled)\n`);
    expect(state).toMatchObject({ aborted: true, closed: true });
    const tokens = state!.tokens;
    await new Promise((r) => setTimeout(r, 50));
    expect(((await (await fetch(probe)).json()) as { tokens: number }).tokens).toBe(tokens);
  });

  it('stops a resumable reply from another client through POST /api/chat/[id]/stop', async () => {
    const api = `${origin}/recipes/resumable/api/chat`;
    const store = new ChatStore({ api, retry: false, body: { id: 'next-conv-2' } });
    const sending = store.send('ping');
    while (!store.getSnapshot().messages.at(-1)?.content.startsWith('Streamed')) await new Promise((r) => setTimeout(r, 10));
    expect((await fetch(`${api}/next-conv-2/stop`, { method: 'POST' })).status).toBe(204);
    await sending;
    const reply = store.getSnapshot().messages.at(-1)!;
    expect(reply.content.length).toBeGreaterThan(0);
    expect(reply.content.length).toBeLessThan(REPLY.length);
  });
});
