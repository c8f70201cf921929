import { act, useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, renderHook, screen } from '@testing-library/react';
import { removeChatStore } from '../../src/core/chat-registry.ts';
import { BaseChatStore, ChatStore } from '../../src/core/chat-store.ts';
import { createOpenAIProtocol } from '../../src/core/protocols/index.ts';
import type { ChatSnapshot, ChatStreamOptions } from '../../src/core/types.ts';
import { useChatSelector } from '../../src/hooks/useChatSelector.ts';
import { useChatStream } from '../../src/hooks/useChatStream.ts';
import { controlledBody, scriptedFetch, sseResponse } from '../helpers/stream.ts';

const tick = (ms = 0) => act(() => vi.advanceTimersByTimeAsync(ms));
let used: string[] = [];
let seq = 0;
/** A fresh registry id per test (the registry is module-wide). */
const newId = (name: string) => {
  const id = `${name}-${++seq}`;
  used.push(id);
  return id;
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const id of used) removeChatStore(id);
  used = [];
  vi.useRealTimers();
});

function View({ id, label, ...options }: { id: string; label: string } & Partial<ChatStreamOptions>) {
  const chat = useChatStream({ api: '/api/chat', id, ...options });
  const mountedAt = useRef(label);
  return (
    <section aria-label={label} data-mounted-as={mountedAt.current}>
      <p data-testid={`${label}-status`}>{chat.status}</p>
      <ol>
        {chat.messages.map((m) => (
          <li key={m.id}>{`${m.role}: ${m.content}`}</li>
        ))}
      </ol>
      <button onClick={() => void chat.send(`from ${label}`)}>send {label}</button>
    </section>
  );
}

const textOf = (label: string) => screen.getByRole('region', { name: label }).querySelector('ol')!.textContent;

describe('useChatStream: one conversation shared by id', () => {
  it('streams a message sent in one view into another with the same id, over one request', async () => {
    const id = newId('shared');
    const body = controlledBody();
    const { fetch, requests } = scriptedFetch([sseResponse(body.stream)]);
    render(
      <>
        <View id={id} label="A" fetch={fetch} />
        <View id={id} label="B" fetch={fetch} />
      </>,
    );
    act(() => screen.getByRole('button', { name: 'send A' }).click());
    await tick();
    body.push('data: Hel\n\n');
    await tick(100);
    expect(textOf('B')).toBe('user: from Aassistant: Hel');
    expect(screen.getByTestId('B-status').textContent).toBe('streaming');
    body.push('data: lo\n\n');
    body.close();
    await tick(100);
    expect(textOf('A')).toBe('user: from Aassistant: Hello');
    expect(textOf('B')).toBe(textOf('A'));
    expect(requests).toHaveLength(1);
  });

  it('switches conversations when id changes, without remounting, and the left reply keeps streaming by default', async () => {
    const [a, b] = [newId('a'), newId('b')];
    const body = controlledBody();
    const { fetch, requests } = scriptedFetch([sseResponse(body.stream)]);
    const { rerender } = render(<View id={a} label="V" fetch={fetch} />);
    const section = screen.getByRole('region', { name: 'V' });
    act(() => screen.getByRole('button', { name: 'send V' }).click());
    await tick();
    body.push('data: par\n\n');
    await tick(100);
    rerender(<View id={b} label="V" fetch={fetch} />);
    expect(screen.getByRole('region', { name: 'V' })).toBe(section);
    expect(textOf('V')).toBe('');
    body.push('data: tial\n\n');
    body.close();
    await tick(100);
    expect(body.cancelled).toBe(false);
    rerender(<View id={a} label="V" fetch={fetch} />);
    expect(textOf('V')).toBe('user: from Vassistant: partial');
    expect(requests).toHaveLength(1);
  });

  it("stops the left conversation's reply with leaveBehavior: 'stop', keeping its partial text", async () => {
    const [a, b] = [newId('a'), newId('b')];
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    const { rerender } = render(<View id={a} label="V" fetch={fetch} leaveBehavior="stop" />);
    act(() => screen.getByRole('button', { name: 'send V' }).click());
    await tick();
    body.push('data: par\n\n');
    await tick(100);
    rerender(<View id={b} label="V" fetch={fetch} leaveBehavior="stop" />);
    await tick();
    expect(body.cancelled).toBe(true);
    rerender(<View id={a} label="V" fetch={fetch} leaveBehavior="stop" />);
    expect(textOf('V')).toBe('user: from Vassistant: par');
  });

  it("keeps streaming with leaveBehavior: 'stop' while another view still shows the conversation", async () => {
    const [a, b] = [newId('a'), newId('b')];
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    const { rerender } = render(
      <>
        <View id={a} label="A" fetch={fetch} leaveBehavior="stop" />
        <View id={a} label="B" fetch={fetch} leaveBehavior="stop" />
      </>,
    );
    act(() => screen.getByRole('button', { name: 'send A' }).click());
    await tick();
    rerender(
      <>
        <View id={b} label="A" fetch={fetch} leaveBehavior="stop" />
        <View id={a} label="B" fetch={fetch} leaveBehavior="stop" />
      </>,
    );
    body.push('data: still here\n\n');
    body.close();
    await tick(100);
    expect(body.cancelled).toBe(false);
    expect(textOf('B')).toBe('user: from Aassistant: still here');
  });
});

describe('useChatStream(store): binding a ChatStore made outside React', () => {
  it('renders what non-React code sends, keeps its options and leaves its stream running on unmount', async () => {
    const body = controlledBody();
    const { fetch, requests } = scriptedFetch([sseResponse(body.stream)]);
    const store = new ChatStore({ api: '/outside', fetch });
    const { result, unmount } = renderHook(() => useChatStream(store));
    expect(result.current.store).toBe(store);
    act(() => void store.send('hello'));
    await tick();
    body.push('data: hi\n\n');
    await tick(100);
    expect(result.current.messages.map((m) => m.content)).toEqual(['hello', 'hi']);
    expect(requests[0]!.url).toBe('/outside');
    unmount();
    await tick();
    expect(body.cancelled).toBe(false);
    body.close();
    await tick();
    expect(store.getSnapshot().messages[1]!.status).toBe('done');
  });
});

describe('useChatStream(store): binding a BaseChatStore with its own protocol factory', () => {
  it('renders the reply its decoder reads and selects from it like any store', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    const store = new BaseChatStore({ api: '/api/chat', fetch }, createOpenAIProtocol);
    const { result } = renderHook(() => ({ chat: useChatStream(store), status: useChatSelector(store, (s) => s.status) }));
    expect(result.current.chat.store).toBe(store);
    act(() => void result.current.chat.send('hello'));
    await tick();
    body.push('data: {"choices":[{"index":0,"delta":{"content":"hi there"}}]}\n\n');
    await tick(100);
    expect(result.current.chat.messages.map((m) => m.content)).toEqual(['hello', 'hi there']);
    expect(result.current.status).toBe('streaming');
    body.push('data: [DONE]\n\n');
    body.close();
    await tick();
    expect(result.current.chat.messages[1]!.status).toBe('done');
    expect(result.current.status).toBe('idle');
  });
});

describe('useChatSelector', () => {
  it('re-renders a status-only header on status changes, not on every text flush', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    const store = new ChatStore({ api: '/api/chat', fetch, flush: 10 });
    const headerRenders: string[] = [];
    let listRenders = 0;
    function Header() {
      const status = useChatSelector(store, (s) => s.status);
      headerRenders.push(status);
      return <p>{status}</p>;
    }
    function List() {
      useChatStream(store);
      listRenders++;
      return null;
    }
    render(
      <>
        <Header />
        <List />
      </>,
    );
    act(() => void store.send('hi'));
    await tick();
    for (let i = 0; i < 20; i++) {
      body.push(`data: t${i}\n\n`);
      await tick(20);
    }
    body.close();
    await tick(20);
    expect(store.getSnapshot().messages[1]!.content).toContain('t19');
    expect(listRenders).toBeGreaterThanOrEqual(20);
    expect(headerRenders).toEqual(['idle', 'connecting', 'streaming', 'idle']);
  });

  it('reads a shared conversation by id and skips renders while isEqual says equal', async () => {
    const id = newId('titles');
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    const renders: string[][] = [];
    const sameList = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
    function Sidebar() {
      const roles = useChatSelector(id, (s: ChatSnapshot) => s.messages.map((m) => m.role), sameList);
      renders.push(roles);
      return null;
    }
    render(
      <>
        <Sidebar />
        <View id={id} label="V" fetch={fetch} flush={10} />
      </>,
    );
    act(() => screen.getByRole('button', { name: 'send V' }).click());
    await tick();
    for (let i = 0; i < 10; i++) {
      body.push(`data: t${i}\n\n`);
      await tick(20);
    }
    body.close();
    await tick(20);
    expect(textOf('V')).toContain('t9');
    expect(renders).toEqual([[], ['user', 'assistant']]);
  });
});
