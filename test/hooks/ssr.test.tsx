// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { renderToString } from 'react-dom/server';
import { useChatStream } from '../../src/hooks/useChatStream.ts';

function Chat() {
  const { messages, status } = useChatStream({
    api: '/api/chat',
    initialMessages: [{ id: 'm1', role: 'assistant', content: 'Welcome back' }],
  });
  return (
    <div data-status={status}>
      {messages.map((m) => (
        <p key={m.id}>{m.content}</p>
      ))}
    </div>
  );
}

describe('useChatStream on the server', () => {
  it('server-renders the initial messages without touching browser globals', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const html = renderToString(<Chat />);
    expect(html).toContain('Welcome back');
    expect(html).toContain('data-status="idle"');
  });
});

describe('the whole package on the server', () => {
  it('imports and server-renders ChatWindow and StreamingMessage without browser globals', async () => {
    const kit = await import('../../src/index.ts');
    const html = renderToString(
      <>
        <kit.ChatWindow api="/api/chat" initialMessages={[{ id: 'a', role: 'assistant', content: '**Hi** there', status: 'done' }]} />
        <kit.StreamingMessage content={'# Title\n\nSome `code`'} status="streaming" />
      </>,
    );
    expect(html).toContain('<strong>Hi</strong>');
    expect(html).toContain('role="log"');
    expect(html).toContain('<h1');
  });
});

describe('server rendering on every supported React', () => {
  it('prints no warning while server-rendering ChatWindow (no useLayoutEffect warning on React 18)', async () => {
    const kit = await import('../../src/index.ts');
    const said: unknown[][] = [];
    const error = vi.mocked(console.error);
    const warn = vi.spyOn(console, 'warn').mockImplementation((...args) => void said.push(args));
    renderToString(<kit.ChatWindow api="/api/chat" initialMessages={[{ id: 'a', role: 'user', content: 'Hi' }]} />);
    said.push(...error.mock.calls);
    error.mockClear();
    warn.mockRestore();
    expect(said.map((args) => args.map(String).join(' '))).toEqual([]);
  });
  it('never resumes while rendering on the server (resumeOnMount)', () => {
    const requests: string[] = [];
    const fetch = (async (url: RequestInfo | URL) => {
      requests.push(String(url));
      return new Response(null, { status: 204 });
    }) as typeof globalThis.fetch;
    function Resuming() {
      const chat = useChatStream({ api: '/api/chat', fetch, resumeOnMount: true });
      return <p>{chat.status}</p>;
    }
    expect(renderToString(<Resuming />)).toContain('idle');
    expect(requests).toEqual([]);
  });
});
