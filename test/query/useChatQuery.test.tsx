import { act, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { chatQueryKey, useChatQuery, type UseChatQueryOptions } from '../../src/query/index.ts';
import { ChatWindow } from '../../src/components/ChatWindow.tsx';
import type { ChatMessage } from '../../src/core/types.ts';
import { controlledBody, scriptedFetch, sseResponse } from '../helpers/stream.ts';

const sse = (text: string) => `data: ${JSON.stringify({ choices: [{ delta: { content: text } }] })}\n\n`;
const reply = (text: string) => sseResponse([sse(text), 'data: [DONE]\n\n']);
const msg = (id: string, role: ChatMessage['role'], content: string): ChatMessage =>
  role === 'assistant' ? { id, role, content, status: 'done' } : { id, role, content };
const HISTORY_A = [msg('a1', 'user', 'Hi A'), msg('a2', 'assistant', 'Hello from A')];
const HISTORY_B = [msg('b1', 'user', 'Hi B'), msg('b2', 'assistant', 'Hello from B')];

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

let client: QueryClient;
beforeEach(() => {
  client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
});
afterEach(() => client.clear());

const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;

function setup(extra: Partial<UseChatQueryOptions> & Pick<UseChatQueryOptions, 'fetch'>) {
  const load = vi.fn(async (id: string) => (id === 'a' ? HISTORY_A : HISTORY_B));
  const save = vi.fn(async (_id: string, _messages: ChatMessage[]) => ({ ok: true }));
  const options = (id: string): UseChatQueryOptions => ({ id, api: '/api/chat', protocol: 'openai', retry: false, flush: 0, load, save, ...extra });
  return { load, save, options };
}

function Chat(props: UseChatQueryOptions & { onRender?: (messages: ChatMessage[]) => void }) {
  const { onRender, ...options } = props;
  const chat = useChatQuery(options);
  onRender?.(chat.messages);
  return <ChatWindow chat={chat} empty="No messages yet" />;
}

describe('useChatQuery', () => {
  it('shows a cached conversation at once, with no request and no empty render', () => {
    const { fetch } = scriptedFetch([]);
    const { load, options } = setup({ fetch });
    client.setQueryData(chatQueryKey('a'), HISTORY_A);
    const renders: number[] = [];
    render(<Chat {...options('a')} onRender={(m) => renders.push(m.length)} />, { wrapper });
    expect(screen.getByText('Hello from A')).toBeTruthy();
    expect(renders.every((n) => n === 2)).toBe(true);
    expect(load).not.toHaveBeenCalled();
  });

  it('switches between cached conversations without a request or a flash of empty', () => {
    const { fetch } = scriptedFetch([]);
    const { load, options } = setup({ fetch });
    client.setQueryData(chatQueryKey('a'), HISTORY_A);
    client.setQueryData(chatQueryKey('b'), HISTORY_B);
    const renders: string[] = [];
    const { rerender } = render(<Chat {...options('a')} onRender={(m) => renders.push(m[1]?.content ?? 'EMPTY')} />, { wrapper });
    rerender(<Chat {...options('b')} onRender={(m) => renders.push(m[1]?.content ?? 'EMPTY')} />);
    expect(screen.getByText('Hello from B')).toBeTruthy();
    expect(screen.queryByText('Hello from A')).toBeNull();
    expect(renders).not.toContain('EMPTY');
    expect(renders.at(-1)).toBe('Hello from B');
    rerender(<Chat {...options('a')} onRender={(m) => renders.push(m[1]?.content ?? 'EMPTY')} />);
    expect(screen.getByText('Hello from A')).toBeTruthy();
    expect(load).not.toHaveBeenCalled();
  });

  it('shows a loading state in ChatWindow until the history arrives, then the history', async () => {
    const { fetch } = scriptedFetch([]);
    const pending = deferred<ChatMessage[]>();
    const { options } = setup({ fetch, load: () => pending.promise });
    render(<Chat {...options('a')} />, { wrapper });
    expect(screen.getByText('Loading conversation…').getAttribute('role')).toBe('status');
    expect(screen.getByRole('region', { name: 'Chat' }).getAttribute('aria-busy')).toBe('true');
    expect(screen.queryByText('No messages yet')).toBeNull();
    await act(async () => pending.resolve(HISTORY_A));
    expect(await screen.findByText('Hello from A')).toBeTruthy();
    expect(screen.queryByText('Loading conversation…')).toBeNull();
    expect(screen.getByRole('region', { name: 'Chat' }).getAttribute('aria-busy')).toBeNull();
  });

  it('shows a failed load as an alert with Retry, which loads again', async () => {
    const { fetch } = scriptedFetch([]);
    const load = vi.fn().mockRejectedValueOnce(new Error('HTTP 500')).mockResolvedValueOnce(HISTORY_A);
    const { options } = setup({ fetch, load });
    render(<Chat {...options('a')} />, { wrapper });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Couldn't load this conversation: HTTP 500");
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Hello from A')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('saves a finished turn once, with the whole conversation, and updates the cache first', async () => {
    const { fetch, requests } = scriptedFetch([reply('Sure thing')]);
    const saved = deferred<unknown>();
    const save = vi.fn(() => saved.promise);
    const { options } = setup({ fetch, save });
    client.setQueryData(chatQueryKey('a'), HISTORY_A);
    const { result } = renderHook(() => useChatQuery(options('a')), { wrapper });
    await act(() => result.current.send('Again'));
    expect(requests[0]!.body.messages.map((m) => m.content)).toEqual(['Hi A', 'Hello from A', 'Again']);
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    const [id, messages] = save.mock.calls[0] as unknown as [string, ChatMessage[]];
    expect(id).toBe('a');
    expect(messages.map((m) => m.content)).toEqual(['Hi A', 'Hello from A', 'Again', 'Sure thing']);
    // Optimistic: the cache holds the new turn before the server answered.
    expect(client.getQueryData<ChatMessage[]>(chatQueryKey('a'))!.map((m) => m.content).at(-1)).toBe('Sure thing');
    expect(result.current.saving).toBe(true);
    await act(async () => saved.resolve({ ok: true }));
    await waitFor(() => expect(result.current.saving).toBe(false));
    expect(result.current.saveError).toBeUndefined();
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('saves a stopped reply with its partial text, and a failed one only when it has text', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([
      sseResponse(body.stream),
      new Response('down', { status: 500 }),
      sseResponse([sse('Half'), 'data: {"error":{"message":"overloaded"}}\n\n']),
    ]);
    const { save, options } = setup({ fetch });
    client.setQueryData(chatQueryKey('a'), []);
    const { result } = renderHook(() => useChatQuery(options('a')), { wrapper });
    let sending!: Promise<void>;
    act(() => {
      sending = result.current.send('Long story');
    });
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    body.push(sse('Once upon'));
    await waitFor(() => expect(result.current.messages[1]?.content).toBe('Once upon'));
    act(() => result.current.stop());
    await act(() => sending);
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect((save.mock.calls[0]![1] as ChatMessage[]).at(-1)).toMatchObject({ content: 'Once upon', status: 'stopped' });

    await act(() => result.current.send('Fails at once'));
    expect(result.current.status).toBe('error');
    await new Promise((r) => setTimeout(r, 20));
    expect(save).toHaveBeenCalledTimes(1);

    await act(() => result.current.send('Fails midway'));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect((save.mock.calls[1]![1] as ChatMessage[]).at(-1)).toMatchObject({ content: 'Half', status: 'error' });
  });

  it('rolls the cache back and shows an alert when saving fails; Retry saves the same conversation once', async () => {
    const { fetch } = scriptedFetch([reply('New reply')]);
    const save = vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValueOnce({ ok: true });
    const { options } = setup({ fetch, save });
    client.setQueryData(chatQueryKey('a'), HISTORY_A);
    render(<Chat {...options('a')} />, { wrapper });
    await userEvent.type(screen.getByRole('textbox'), 'More{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Couldn't save this conversation: disk full");
    expect(client.getQueryData(chatQueryKey('a'))).toEqual(HISTORY_A);
    // Nothing the user read is taken away: the unsaved turn stays on screen.
    expect(screen.getByText('New reply')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1]![1]).toEqual(save.mock.calls[0]![1]);
    expect(client.getQueryData<ChatMessage[]>(chatQueryKey('a'))!.map((m) => m.content)).toEqual(['Hi A', 'Hello from A', 'More', 'New reply']);
  });

  it('saves once when the kit retried the request inside the turn', async () => {
    const { fetch, mock } = scriptedFetch([new Response('busy', { status: 503 }), reply('After a retry')]);
    const { save, options } = setup({ fetch, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    client.setQueryData(chatQueryKey('a'), HISTORY_A);
    const { result } = renderHook(() => useChatQuery(options('a')), { wrapper });
    await act(() => result.current.send('Again'));
    expect(mock).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('replaces the saved reply when it is regenerated', async () => {
    const { fetch } = scriptedFetch([reply('First answer'), reply('Second answer')]);
    const { save, options } = setup({ fetch });
    client.setQueryData(chatQueryKey('a'), HISTORY_A);
    const { result } = renderHook(() => useChatQuery(options('a')), { wrapper });
    await act(() => result.current.send('Question'));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    await act(() => result.current.reload());
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    const second = save.mock.calls[1]![1] as ChatMessage[];
    expect(second.map((m) => m.content)).toEqual(['Hi A', 'Hello from A', 'Question', 'Second answer']);
    expect(client.getQueryData<ChatMessage[]>(chatQueryKey('a'))).toEqual(second);
  });

  it('waits for the history before sending, so the reply answers the whole conversation', async () => {
    const { fetch, requests } = scriptedFetch([reply('Answer')]);
    const pending = deferred<ChatMessage[]>();
    const { save, options } = setup({ fetch, load: () => pending.promise });
    const { result } = renderHook(() => useChatQuery(options('a')), { wrapper });
    expect(result.current.loading).toBe(true);
    let sending!: Promise<void>;
    act(() => {
      sending = result.current.send('Early');
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(requests).toHaveLength(0);
    await act(async () => pending.resolve(HISTORY_A));
    await act(() => sending);
    expect(requests[0]!.body.messages.map((m) => m.content)).toEqual(['Hi A', 'Hello from A', 'Early']);
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect((save.mock.calls[0]![1] as ChatMessage[]).map((m) => m.content)).toEqual(['Hi A', 'Hello from A', 'Early', 'Answer']);
  });

  it('never lets a stale history response overwrite a conversation that moved on', async () => {
    const { fetch } = scriptedFetch([reply('Fresh reply')]);
    const stale = deferred<ChatMessage[]>();
    const load = vi.fn(async () => HISTORY_A).mockResolvedValueOnce(HISTORY_A).mockReturnValueOnce(stale.promise);
    const { save, options } = setup({ fetch, load });
    const { result } = renderHook(() => useChatQuery(options('a')), { wrapper });
    await waitFor(() => expect(result.current.messages).toEqual(HISTORY_A));
    // A refetch starts (a focus, an invalidation) and is slow; meanwhile the user sends a turn.
    act(() => {
      void client.refetchQueries({ queryKey: chatQueryKey('a') });
    });
    await act(() => result.current.send('Moving on'));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    await act(async () => stale.resolve(HISTORY_A));
    await new Promise((r) => setTimeout(r, 20));
    expect(result.current.messages.map((m) => m.content)).toEqual(['Hi A', 'Hello from A', 'Moving on', 'Fresh reply']);
    expect(client.getQueryData<ChatMessage[]>(chatQueryKey('a'))!.map((m) => m.content)).toEqual(['Hi A', 'Hello from A', 'Moving on', 'Fresh reply']);
  });

  it('keeps a slow history of a conversation left behind out of the one switched to', async () => {
    const { fetch } = scriptedFetch([]);
    const slowA = deferred<ChatMessage[]>();
    const { options } = setup({ fetch, load: (id) => (id === 'a' ? slowA.promise : Promise.resolve(HISTORY_B)) });
    const { result, rerender } = renderHook((id: string) => useChatQuery(options(id)), { wrapper, initialProps: 'a' });
    rerender('b');
    await waitFor(() => expect(result.current.messages).toEqual(HISTORY_B));
    await act(async () => slowA.resolve(HISTORY_A));
    await new Promise((r) => setTimeout(r, 10));
    expect(result.current.id).toBe('b');
    expect(result.current.messages).toEqual(HISTORY_B);
  });

  it('lets a reply keep streaming when the user switches away, and saves it to its own conversation', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    const { save, options } = setup({ fetch });
    client.setQueryData(chatQueryKey('a'), HISTORY_A);
    client.setQueryData(chatQueryKey('b'), HISTORY_B);
    const { result, rerender } = renderHook((id: string) => useChatQuery(options(id)), { wrapper, initialProps: 'a' });
    act(() => {
      void result.current.send('Long one');
    });
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    rerender('b');
    expect(result.current.messages).toEqual(HISTORY_B);
    expect(result.current.status).toBe('idle');
    body.push(sse('Finished while away'));
    body.close();
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save.mock.calls[0]![0]).toBe('a');
    expect((save.mock.calls[0]![1] as ChatMessage[]).at(-1)!.content).toBe('Finished while away');
    rerender('a');
    expect(result.current.messages.at(-1)!.content).toBe('Finished while away');
  });
});
