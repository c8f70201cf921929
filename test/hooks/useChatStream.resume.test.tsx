import { StrictMode, act, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import { ChatWindow } from '../../src/components/ChatWindow.tsx';
import { removeChatStore } from '../../src/core/chat-registry.ts';
import { useChatStream, type UseChatStreamOptions } from '../../src/hooks/useChatStream.ts';

/** A resumable backend stand-in: GET on the resume URL streams `reply` (or 204 when `reply` is undefined). */
function resumeFetch(reply: string | undefined) {
  const gets: string[] = [];
  const fetch = (async (url: RequestInfo | URL, init: RequestInit = {}) => {
    if ((init.method ?? 'GET') !== 'GET') return new Response(null, { status: 204 });
    gets.push(String(url));
    if (reply === undefined) return new Response(null, { status: 204 });
    return new Response(`id: 1\ndata: ${reply}\n\n`, { headers: { 'content-type': 'text/event-stream' } });
  }) as typeof globalThis.fetch;
  return { fetch, gets };
}

const strict = ({ children }: { children: ReactNode }) => <StrictMode>{children}</StrictMode>;

function renderChat(options: Partial<UseChatStreamOptions>) {
  return renderHook(() => useChatStream({ api: '/api/chat', protocol: 'text', ...options }), { wrapper: strict });
}

describe('useChatStream resumeOnMount', () => {
  it('reattaches once on mount under StrictMode and shows the resumed reply', async () => {
    const { fetch, gets } = resumeFetch('Hello again');
    const { result } = renderChat({ id: undefined, fetch, resumeOnMount: true, initialMessages: [{ id: 'u', role: 'user', content: 'Hi' }] });
    await waitFor(() => expect(result.current.messages.at(-1)).toMatchObject({ role: 'assistant', content: 'Hello again', status: 'done' }));
    expect(gets).toHaveLength(1);
    expect(gets[0]).toMatch(/^\/api\/chat\/chat-.+\/stream$/);
  });

  it('resumes a shared conversation once, however many views show it', async () => {
    const { fetch, gets } = resumeFetch('Shared');
    const options = { id: 'resume-shared', fetch, resumeOnMount: true };
    const { result } = renderHook(
      () => [useChatStream({ api: '/api/chat', protocol: 'text', ...options }), useChatStream({ api: '/api/chat', protocol: 'text', ...options })],
      { wrapper: strict },
    );
    await waitFor(() => expect(result.current[1]!.messages.at(-1)?.content).toBe('Shared'));
    expect(gets).toEqual(['/api/chat/resume-shared/stream']);
    removeChatStore('resume-shared');
  });

  it('leaves the conversation as it was when there is nothing to resume', async () => {
    const { fetch, gets } = resumeFetch(undefined);
    const history = [{ id: 'u', role: 'user' as const, content: 'Hi' }];
    const { result } = renderChat({ fetch, resumeOnMount: true, initialMessages: history });
    await waitFor(() => expect(gets).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(result.current).toMatchObject({ messages: history, status: 'idle', error: undefined });
  });

  it('does not resume without resumeOnMount, and resume() reattaches on demand', async () => {
    const { fetch, gets } = resumeFetch('On demand');
    const { result } = renderChat({ fetch, resumeApi: (id) => `/custom/${id}` });
    await new Promise((r) => setTimeout(r, 20));
    expect(gets).toEqual([]);
    await act(() => result.current.resume());
    expect(gets).toEqual([`/custom/${result.current.id}`]);
    await waitFor(() => expect(result.current.messages.at(-1)?.content).toBe('On demand'));
  });

  it('puts the resume path before the query string of api', async () => {
    const { fetch, gets } = resumeFetch(undefined);
    const { result } = renderChat({ id: 'c 1', api: '/api/chat?model=fast', fetch });
    await act(() => result.current.resume());
    expect(gets).toEqual(['/api/chat/c%201/stream?model=fast']);
  });

  it('ChatWindow forwards resumeOnMount and shows the resumed reply', async () => {
    const { fetch, gets } = resumeFetch('Window resumed');
    render(<ChatWindow api="/api/chat" protocol="text" fetch={fetch} resumeOnMount />, { wrapper: strict });
    expect(await screen.findByText('Window resumed')).toBeTruthy();
    expect(gets).toHaveLength(1);
  });
});
