import { describe, expect, it } from 'vitest';
import { ChatStore } from '../../src/core/chat-store.ts';
import { isChatStreamError } from '../../src/core/errors.ts';
import type { ChatMessage } from '../../src/core/types.ts';
import { controlledBody, scriptedFetch, sseResponse } from '../helpers/stream.ts';

const history: ChatMessage[] = [
  { id: 'u1', role: 'user', content: 'One' },
  { id: 'a1', role: 'assistant', content: 'First', status: 'done' },
  { id: 'u2', role: 'user', content: 'Two' },
  { id: 'a2', role: 'assistant', content: 'Sec', status: 'stopped' },
];

function setup(responses: Parameters<typeof scriptedFetch>[0], initialMessages = history) {
  const transport = scriptedFetch(responses);
  let n = 0;
  const store = new ChatStore({ api: '/api/chat', fetch: transport.fetch, initialMessages, generateId: () => `m${++n}` });
  const ids = () => store.getSnapshot().messages.map((m) => m.id);
  return { store, ids, ...transport };
}

describe('ChatStore: regenerate(messageId?)', () => {
  it('regenerates an earlier reply in place and drops the conversation after it', async () => {
    const { store, ids, requests } = setup([sseResponse(['data: Uno\n\n'])]);
    await store.regenerate('a1');
    expect(ids()).toEqual(['u1', 'a1']);
    expect(store.getSnapshot().messages[1]).toMatchObject({ content: 'Uno', status: 'done' });
    expect(requests[0]!.body).toEqual({ messages: [{ role: 'user', content: 'One' }] });
  });

  it('regenerates a stopped reply', async () => {
    const { store, ids } = setup([sseResponse(['data: Second\n\n'])]);
    await store.regenerate('a2');
    expect(ids()).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(store.getSnapshot().messages[3]).toMatchObject({ content: 'Second', status: 'done' });
  });

  it('stops a reply in progress before regenerating an earlier one', async () => {
    const body = controlledBody();
    const { store, ids } = setup([sseResponse(body.stream), sseResponse(['data: again\n\n'])]);
    const first = store.send('Three');
    await new Promise((r) => setTimeout(r, 0));
    body.push('data: par');
    await store.regenerate('a1');
    await first;
    expect(body.cancelled).toBe(true);
    expect(ids()).toEqual(['u1', 'a1']);
    expect(store.getSnapshot().messages[1]!.content).toBe('again');
  });

  it('answers a user message again when given one, dropping the replies after it', async () => {
    const { store, ids, requests } = setup([sseResponse(['data: New\n\n'])]);
    await store.regenerate('u1');
    expect(ids()).toEqual(['u1', 'm1']);
    expect(requests[0]!.body).toEqual({ messages: [{ role: 'user', content: 'One' }] });
  });

  it('rejects with a request error and changes nothing for an unknown id', async () => {
    const { store, requests } = setup([]);
    const before = store.getSnapshot();
    const error = await store.regenerate('nope').catch((e: unknown) => e);
    expect(isChatStreamError(error) && error.kind).toBe('request');
    expect((error as Error).message).toMatch(/nope/);
    expect(store.getSnapshot()).toBe(before);
    expect(requests).toHaveLength(0);
  });

  it('reload() regenerates the last reply', async () => {
    const { store, ids } = setup([sseResponse(['data: Second\n\n'])]);
    await store.reload();
    expect(ids()).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(store.getSnapshot().messages[3]!.content).toBe('Second');
  });
});

describe('ChatStore: edit(messageId, content)', () => {
  it('replaces the user message, keeps its id, drops what followed and answers the new text', async () => {
    const { store, ids, requests } = setup([sseResponse(['data: Deux\n\n'])]);
    await store.edit('u2', 'Zwei');
    expect(ids()).toEqual(['u1', 'a1', 'u2', 'm1']);
    expect(store.getSnapshot().messages[2]).toEqual({ id: 'u2', role: 'user', content: 'Zwei' });
    expect(requests[0]!.body).toEqual({
      messages: [
        { role: 'user', content: 'One' },
        { role: 'assistant', content: 'First' },
        { role: 'user', content: 'Zwei' },
      ],
    });
  });

  it('rewrites the text part of a user message that has parts', async () => {
    const withParts: ChatMessage[] = [{ id: 'u1', role: 'user', content: 'One', parts: [{ type: 'text', text: 'One' }] }];
    const { store } = setup([sseResponse(['data: x\n\n'])], withParts);
    await store.edit('u1', 'Uno');
    expect(store.getSnapshot().messages[0]!.parts).toEqual([{ type: 'text', text: 'Uno' }]);
  });

  it('rejects with a request error when the id is not a user message', async () => {
    const { store, requests } = setup([]);
    const error = await store.edit('a1', 'x').catch((e: unknown) => e);
    expect(isChatStreamError(error) && error.kind).toBe('request');
    expect(requests).toHaveLength(0);
  });
});
