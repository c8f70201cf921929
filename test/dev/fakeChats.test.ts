// @vitest-environment node
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeChatsHandler } from '../../dev/fake-llm/node.ts';
import { createFakeChatsFetch } from '../../dev/fake-llm/index.ts';

let server: http.Server;
let base: string;
beforeAll(async () => {
  const handle = createFakeChatsHandler();
  server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chats`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json = (method: string, body?: unknown) => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
});

describe('fake chat history routes', () => {
  it('creates, lists newest first, saves, renames, loads and deletes conversations', async () => {
    const space = '?space=crud';
    const first = await (await fetch(base + space, json('POST', {}))).json();
    const second = await (await fetch(base + space, json('POST', { title: 'Second' }))).json();
    expect(first.title).toBe('Untitled chat');
    const messages = [{ id: 'u', role: 'user', content: 'What is SSE?' }, { id: 'a', role: 'assistant', content: 'A stream.' }];
    expect((await fetch(`${base}/${first.id}${space}`, json('PUT', { messages }))).status).toBe(200);
    const list = await (await fetch(base + space)).json();
    expect(list.map((c: { id: string }) => c.id)).toEqual([first.id, second.id]);
    // A conversation still untitled takes its first question as its title.
    expect(list[0].title).toBe('What is SSE?');
    await fetch(`${base}/${second.id}${space}`, json('PUT', { title: 'Renamed' }));
    const loaded = await (await fetch(`${base}/${first.id}${space}`)).json();
    expect(loaded.messages).toEqual(messages);
    expect((await fetch(`${base}/${second.id}${space}`, json('DELETE'))).status).toBe(204);
    expect((await fetch(`${base}/${second.id}${space}`)).status).toBe(404);
    expect((await (await fetch(base + space)).json()).map((c: { title: string }) => c.title)).toEqual(['What is SSE?']);
    await fetch(base + space, json('DELETE'));
    expect(await (await fetch(base + space)).json()).toEqual([]);
  });

  it('fails saves with failSave, loads with failLoad, and answers late with slowMs', async () => {
    const chat = await (await fetch(`${base}?space=faults`, json('POST', {}))).json();
    const failed = await fetch(`${base}/${chat.id}?space=faults&failSave=1`, json('PUT', { messages: [] }));
    expect(failed.status).toBe(500);
    expect((await failed.json()).error.message).toContain('failSave');
    expect((await fetch(`${base}/${chat.id}?space=faults&failLoad=1`)).status).toBe(500);
    const started = Date.now();
    expect((await fetch(`${base}/${chat.id}?space=faults&slowMs=200`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });

  it('keeps spaces apart and rejects a non-array messages field', async () => {
    await fetch(`${base}?space=one`, json('POST', {}));
    expect(await (await fetch(`${base}?space=two`)).json()).toEqual([]);
    const [chat] = await (await fetch(`${base}?space=one`)).json();
    expect((await fetch(`${base}/${chat.id}?space=one`, json('PUT', { messages: 'nope' }))).status).toBe(422);
  });

  it('answers the same routes in the browser through createFakeChatsFetch', async () => {
    const fakeFetch = createFakeChatsFetch();
    const chat = await (await fakeFetch('/api/chats', json('POST', { title: 'Local' }))).json();
    expect(await (await fakeFetch('/api/chats')).json()).toEqual([{ id: chat.id, title: 'Local', updatedAt: chat.updatedAt }]);
    expect((await fakeFetch(`/api/chats/${chat.id}?failSave=1`, json('PUT', { messages: [] }))).status).toBe(500);
  });
});
