// @vitest-environment node
// The tutorial's FastAPI server, run for real (Debian python3-fastapi + python3-uvicorn, see .ci/run), on loopback.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatStore } from '../../src/core/chat-store.ts';
import type { ChatStreamOptions } from '../../src/core/types.ts';

const APP = fileURLToPath(new URL('../../examples/backend/fastapi_app.py', import.meta.url));

/** Debian's python has the Debian packages; a pyenv or venv python on PATH may not. */
function findPython(): string {
  for (const candidate of [process.env.PYTHON, '/usr/bin/python3', 'python3']) {
    if (candidate && spawnSync(candidate, ['-c', 'import fastapi, uvicorn']).status === 0) return candidate;
  }
  throw new Error('FastAPI is not installed: apt-get install -y python3-fastapi python3-uvicorn (as .ci/run does)');
}

let server: ChildProcess | undefined;
let api = '';

beforeAll(async () => {
  server = spawn(findPython(), [APP], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    server!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    server!.once('exit', (code) => reject(new Error(`FastAPI exited with ${code}`)));
  });
  api = `http://127.0.0.1:${port}/chat`;
  // uvicorn starts serving just after it prints; wait until it answers.
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/docs`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}, 20_000);

afterAll(() => {
  server?.kill();
});

function chat(options: Partial<ChatStreamOptions> = {}) {
  let n = 0;
  return new ChatStore({ api, protocol: 'openai', retry: false, generateId: () => `m${++n}`, ...options });
}

describe('a FastAPI `async def chat(messages: list)` backend', () => {
  it('answers 422 to the default { messages } body', async () => {
    const store = chat();
    await store.send('Hello');
    expect(store.getSnapshot()).toMatchObject({ status: 'error', error: { kind: 'http', status: 422 } });
  });

  it('streams the reply when prepareRequest sends the bare list', async () => {
    const store = chat({
      initialMessages: [{ id: 's', role: 'system', content: 'Be brief.' }],
      prepareRequest: ({ messages }) => ({ body: messages.map(({ role, content }) => ({ role, content })) }),
    });
    await store.send('Hello');
    expect(store.getSnapshot().status).toBe('idle');
    expect(store.getSnapshot().messages.at(-1)).toMatchObject({ content: 'You said: Hello (2 messages)', status: 'done' });
    await store.regenerate();
    expect(store.getSnapshot().messages.at(-1)).toMatchObject({ id: 'm2', content: 'You said: Hello (2 messages)' });
    await store.send('Again');
    expect(store.getSnapshot().messages.at(-1)!.content).toBe('You said: Again (4 messages)');
  });
});
