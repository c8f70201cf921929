import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ChatAnnouncer,
  Composer,
  ErrorNotice,
  JumpToLatest,
  MessageList,
  MessageRow,
  useChatStream,
  useStickToBottom,
} from '../../src/index.ts';
import { controlledBody, scriptedFetch, sseResponse } from '../helpers/stream.ts';

describe('ChatWindow parts', () => {
  it('recompose into a custom layout driven by useChatStream', async () => {
    const body = controlledBody();
    const { fetch, requests } = scriptedFetch([sseResponse(body.stream)]);
    function MyChat() {
      const chat = useChatStream({ api: '/api/chat', protocol: 'text', fetch, flush: 0 });
      const stick = useStickToBottom();
      return (
        <div className="my-chat">
          <header>My assistant</header>
          <MessageList messages={chat.messages} stick={stick} className="my-list" data-testid="list" />
          <JumpToLatest visible={!stick.isAtBottom} onClick={() => stick.scrollToBottom()} />
          <Composer
            onSend={chat.send}
            onStop={chat.stop}
            streaming={chat.status === 'connecting' || chat.status === 'streaming'}
            label="Ask"
          />
          <ChatAnnouncer messages={chat.messages} status={chat.status} error={chat.error} retry={chat.retry} />
        </div>
      );
    }
    render(<MyChat />);
    expect(screen.getByTestId('list').classList.contains('my-list')).toBe(true);
    await userEvent.setup().type(screen.getByRole('textbox', { name: 'Ask' }), 'Hi{Enter}');
    await waitFor(() => expect(requests).toHaveLength(1));
    await act(async () => {
      body.push('data: Hello from parts\n\ndata: [DONE]\n\n');
      body.close();
    });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Reply finished. Hello from parts'));
    expect(screen.getByRole('article', { name: 'Assistant' }).getAttribute('data-status')).toBe('done');
  });

  it('render on their own with className, DOM props and data-* state', () => {
    render(
      <>
        <MessageRow message={{ id: '1', role: 'user', content: 'Hi' }} className="row" data-testid="row" />
        <ErrorNotice message="Boom" onRetry={() => undefined} className="err" />
        <JumpToLatest visible className="jump" title="Newest" />
      </>,
    );
    const row = screen.getByTestId('row');
    expect(row.className).toBe('rcs-row row');
    expect(row.getAttribute('data-role')).toBe('user');
    expect(screen.getByRole('alert').className).toBe('rcs-error err');
    screen.getByRole('button', { name: 'Retry' });
    expect(screen.getByRole('button', { name: 'Jump to latest' }).getAttribute('title')).toBe('Newest');
  });
});

describe('MessageRow', () => {
  it('shows a failed reply that never got text as its error alone, with no empty bubble', () => {
    const { container } = render(
      <MessageRow
        message={{ id: 'a', role: 'assistant', content: '', status: 'error', error: 'HTTP 400: bad request' }}
        onRetry={() => {}}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('HTTP 400: bad request');
    expect(container.querySelector('.rcs-bubble')).toBeNull();
  });

  it('keeps the bubble for a streaming reply that has no text yet, and for a failed partial', () => {
    const { container, rerender } = render(<MessageRow message={{ id: 'a', role: 'assistant', content: '', status: 'streaming' }} />);
    expect(container.querySelector('.rcs-bubble')).not.toBeNull();
    rerender(<MessageRow message={{ id: 'a', role: 'assistant', content: 'Part', status: 'error', error: 'dropped' }} />);
    expect(container.querySelector('.rcs-bubble')?.textContent).toContain('Part');
  });
});
