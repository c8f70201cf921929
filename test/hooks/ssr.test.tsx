// @vitest-environment node
import { describe, expect, it } from 'vitest';
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
