import { Profiler, StrictMode, act, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, renderHook, screen } from '@testing-library/react';
import { createRoot } from 'react-dom/client';
import { ChatStore } from '../../src/core/chat-store.ts';
import { useChatStream, type UseChatStreamOptions, type UseChatStreamResult } from '../../src/hooks/useChatStream.ts';
import { controlledBody, scriptedFetch, sseResponse } from '../helpers/stream.ts';

const tick = (ms = 0) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function renderChat(options: Partial<UseChatStreamOptions> & Pick<UseChatStreamOptions, 'fetch'>, wrapper?: (p: { children: ReactNode }) => ReactNode) {
  return renderHook((props: Partial<UseChatStreamOptions>) => useChatStream({ api: '/api/chat', ...options, ...props }), {
    wrapper,
    initialProps: {},
  });
}

describe('useChatStream', () => {
  it('streams a reply into messages and ends idle', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    const { result } = renderChat({ fetch });
    let done!: Promise<void>;
    act(() => {
      done = result.current.send('Hi');
    });
    expect(result.current.status).toBe('connecting');
    expect(result.current.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    await tick();
    body.push('data: Hello\n\n');
    await tick();
    expect(result.current.messages[1]!.content).toBe('Hello');
    expect(result.current.status).toBe('streaming');
    body.push('data:  there\n\n');
    body.close();
    await act(() => done);
    expect(result.current.messages[1]).toMatchObject({ content: 'Hello there', status: 'done' });
    expect(result.current.status).toBe('idle');
    expect(result.current.messages[1]!.timings?.firstToken).toBeTypeOf('number');
  });

  it('shows the first token before the first flush window ends', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    const { result } = renderChat({ fetch, flush: 200 });
    act(() => void result.current.send('Hi'));
    await tick();
    body.push('data: T\n\n');
    await tick(1);
    expect(result.current.messages[1]!.content).toBe('T');
    body.close();
    await tick();
  });

  it('commits at most once per flush window under a flood of 1,000 tokens in 1 s', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    let commits = 0;
    let hook!: ReturnType<typeof useChatStream>;
    function Chat() {
      hook = useChatStream({ api: '/api/chat', fetch, flush: 50 });
      return <p>{hook.messages.at(-1)?.content.length ?? 0}</p>;
    }
    render(
      <Profiler id="chat" onRender={() => commits++}>
        <Chat />
      </Profiler>,
    );
    act(() => void hook.send('go'));
    await tick();
    const before = commits;
    for (let i = 0; i < 1000; i++) {
      body.push(`data: w${i}\n\n`);
      await tick(1);
    }
    body.close();
    await tick();
    const streamingCommits = commits - before;
    expect(streamingCommits).toBeLessThanOrEqual(23);
    expect(hook.messages.at(-1)!.content).toBe(Array.from({ length: 1000 }, (_, i) => `w${i}`).join(''));
    expect(screen.getByText(String(hook.messages.at(-1)!.content.length))).toBeTruthy();
  });

  it('keeps the same result object between flushes and across re-renders', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    const { result, rerender } = renderChat({ fetch, flush: 50 });
    const idle = result.current;
    rerender({});
    expect(result.current).toBe(idle);
    act(() => void result.current.send('Hi'));
    await tick();
    body.push('data: a\n\n');
    await tick(1);
    const afterFirstToken = result.current;
    expect(afterFirstToken.messages[1]!.content).toBe('a');
    // Tokens inside the window change nothing React can see.
    for (const t of ['b', 'c', 'd']) {
      body.push(`data: ${t}\n\n`);
      await tick(5);
      expect(result.current).toBe(afterFirstToken);
    }
    await tick(50);
    expect(result.current).not.toBe(afterFirstToken);
    expect(result.current.messages[1]!.content).toBe('abcd');
    body.close();
    await tick();
  });

  it('stop() keeps the partial reply, goes idle with no error, and aborts the request', async () => {
    const body = controlledBody();
    const onError = vi.fn();
    const { fetch, requests } = scriptedFetch([sseResponse(body.stream)]);
    const { result } = renderChat({ fetch, onError });
    act(() => void result.current.send('Hi'));
    await tick();
    body.push('data: partial\n\n');
    await tick();
    act(() => result.current.stop());
    expect(result.current.messages[1]).toMatchObject({ content: 'partial', status: 'stopped' });
    expect(result.current.status).toBe('idle');
    expect(result.current.error).toBeUndefined();
    expect(requests[0]!.signal.aborted).toBe(true);
    await tick();
    expect(body.cancelled).toBe(true);
    expect(onError).not.toHaveBeenCalled();
  });

  it('aborts the request on unmount without a state update after unmount', async () => {
    const body = controlledBody();
    const { fetch, requests } = scriptedFetch([sseResponse(body.stream)]);
    const { result, unmount } = renderChat({ fetch });
    act(() => void result.current.send('Hi'));
    await tick();
    body.push('data: a\n\n');
    await tick();
    unmount();
    expect(requests[0]!.signal.aborted).toBe(true);
    await tick(100);
    expect(body.cancelled).toBe(true);
    // test/setup.ts fails the test on any console.error (e.g. an update on an unmounted component).
  });

  it('unmounting while text is buffered ends the turn without asking the unmounting component to update', async () => {
    const body = controlledBody();
    const { fetch, requests } = scriptedFetch([sseResponse(body.stream)]);
    const onFinish = vi.fn();
    // Count React's reads of the snapshot: its store listener reads it to decide whether to schedule an update.
    let reads = 0;
    vi.spyOn(ChatStore.prototype, 'setOptions').mockImplementation(function (this: ChatStore, options) {
      const store = this as unknown as { getSnapshot: () => unknown; currentOptions: unknown; counted?: boolean };
      store.currentOptions = options;
      if (store.counted) return;
      store.counted = true;
      const read = store.getSnapshot;
      store.getSnapshot = () => (reads++, read());
    });
    const { result, unmount } = renderHook(() => useChatStream({ api: '/api/chat', fetch, flush: 1000, onFinish }));
    act(() => void result.current.send('Hi'));
    await tick();
    body.push('data: a\n\n');
    await tick();
    body.push('data: b\n\n');
    await tick(10);
    // 'b' waits in the flush window.
    expect(result.current.messages[1]!.content).toBe('a');
    const readsBefore = reads;
    unmount();
    expect(reads).toBe(readsBefore);
    expect(requests[0]!.signal.aborted).toBe(true);
    // The turn still ended, with everything it received.
    expect(onFinish).toHaveBeenCalledTimes(1);
    expect(onFinish.mock.calls[0]![0]).toMatchObject({ content: 'ab', status: 'stopped' });
    await tick(2000);
  });

  it('unmounting outside act while text is buffered schedules no React update (no act warning)', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    let chat!: UseChatStreamResult;
    function Chat() {
      chat = useChatStream({ api: '/api/chat', fetch, flush: 1000 });
      return <p>{chat.messages.at(-1)?.content}</p>;
    }
    const root = createRoot(document.createElement('div'));
    act(() => root.render(<Chat />));
    act(() => void chat.send('Hi'));
    await tick();
    body.push('data: a\n\n');
    await tick();
    body.push('data: b\n\n');
    await tick(10);
    // A router or a parent removing the chat is not wrapped in act; the store must not poke React on the way out.
    // React warns about the root's own unmount outside act ("An update to Root"); only an update to Chat is ours.
    const consoleError = vi.mocked(console.error);
    const reportError = consoleError.getMockImplementation();
    const warnings: string[] = [];
    consoleError.mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
    root.unmount();
    await vi.advanceTimersByTimeAsync(2000);
    consoleError.mockImplementation(reportError!);
    expect(warnings.filter((w) => !/ Root$/.test(w))).toEqual([]);
    expect(body.cancelled).toBe(true);
  });

  it('a StrictMode remount after a silent unmount shows the ended turn', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    const { result } = renderChat({ fetch }, ({ children }) => <StrictMode>{children}</StrictMode>);
    await act(async () => {
      void result.current.send('Hi');
    });
    await tick();
    body.push('data: a\n\n');
    await tick();
    expect(result.current.messages[1]!.content).toBe('a');
    body.close();
    await tick();
    expect(result.current.messages[1]!.status).toBe('done');
  });

  it('sends nothing twice under StrictMode and still streams after its remount', async () => {
    const { fetch, requests } = scriptedFetch([sseResponse(['data: once\n\n'])]);
    const { result } = renderChat({ fetch }, ({ children }) => <StrictMode>{children}</StrictMode>);
    expect(requests).toHaveLength(0);
    await act(() => result.current.send('Hi'));
    expect(requests).toHaveLength(1);
    expect(result.current.messages.map((m) => m.content)).toEqual(['Hi', 'once']);
  });

  it('uses the latest options and callbacks of the current render', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const { fetch, requests } = scriptedFetch([sseResponse(['data: x\n\n'])]);
    const { result, rerender } = renderChat({ fetch, onFinish: first, body: { model: 'a' } });
    rerender({ onFinish: second, body: { model: 'b' } });
    await act(() => result.current.send('Hi'));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(expect.objectContaining({ content: 'x', status: 'done' }));
    expect(requests[0]!.body.model).toBe('b');
  });

  it('reports a failed turn through status, error and onError, keeping the partial', async () => {
    const body = controlledBody();
    const onError = vi.fn();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    const { result } = renderChat({ fetch, onError });
    act(() => void result.current.send('Hi'));
    await tick();
    body.push('data: half an ans\n\n');
    await tick();
    body.fail(new TypeError('network error'));
    await tick();
    expect(result.current.status).toBe('error');
    expect(result.current.error).toMatchObject({ name: 'ChatStreamError', kind: 'network' });
    expect(result.current.messages[1]).toMatchObject({ content: 'half an ans', status: 'error' });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('setMessages replaces the conversation', () => {
    const { fetch } = scriptedFetch([]);
    const { result } = renderChat({ fetch, initialMessages: [{ id: '1', role: 'user', content: 'a' }] });
    act(() => result.current.setMessages((prev) => [...prev, { id: '2', role: 'assistant', content: 'b' }]));
    expect(result.current.messages.map((m) => m.content)).toEqual(['a', 'b']);
  });
});
