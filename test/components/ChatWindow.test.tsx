import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode, type ReactNode } from 'react';
import { ChatWindow } from '../../src/components/ChatWindow.tsx';
import type { ChatMessage } from '../../src/core/index.ts';
import { useChatStream } from '../../src/hooks/useChatStream.ts';
import { controlledBody, scriptedFetch, sseResponse, type ControlledBody } from '../helpers/stream.ts';

/** An OpenAI-style chunk carrying one token. */
function chunk(token: string): string {
  return `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: token } }] })}\n\n`;
}
const DONE_EVENT = 'data: [DONE]\n\n';

/** A fetch whose streamed replies the test feeds step by step. */
function liveServer() {
  const bodies: ControlledBody[] = [];
  const replies: (() => Response)[] = [];
  const next = () => {
    const body = controlledBody();
    bodies.push(body);
    return sseResponse(body.stream);
  };
  const scripted = scriptedFetch(new Array(20).fill(0).map(() => () => (replies.shift() ?? next)()));
  return {
    ...scripted,
    bodies,
    /** Answer the next request with this response instead of a live stream. */
    replyWith(response: Response) {
      replies.push(() => response);
    },
    async feed(token: string, body = bodies[bodies.length - 1]!) {
      await act(async () => {
        body.push(chunk(token));
      });
    },
    async end(body = bodies[bodies.length - 1]!) {
      await act(async () => {
        body.push(DONE_EVENT);
        body.close();
      });
    },
  };
}

function history(count: number): ChatMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `h${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: i % 2 === 0 ? `Question number ${i}` : `Answer number ${i}`,
    status: i % 2 === 0 ? undefined : 'done',
  }));
}

const lastAssistant = () => {
  const rows = screen.getAllByRole('article', { name: 'Assistant' });
  return rows[rows.length - 1]!;
};

async function sendWithEnter(text: string) {
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: 'Message' }), `${text}{Enter}`);
  return user;
}

describe('<ChatWindow>', () => {
  it('sends the typed message with Enter and streams the reply into a role="log" list', async () => {
    const server = liveServer();
    render(<ChatWindow api="/api/chat" protocol="openai" fetch={server.fetch} flush={0} />);
    expect(screen.getByRole('log')).toBeTruthy();
    await sendWithEnter('Hello?');
    await waitFor(() => expect(server.requests).toHaveLength(1));
    expect(server.requests[0]!.url).toBe('/api/chat');
    expect(server.requests[0]!.body.messages).toEqual([{ role: 'user', content: 'Hello?' }]);
    await waitFor(() => screen.getByRole('button', { name: 'Stop' }));
    await server.feed('Hi');
    await server.feed(' there');
    await waitFor(() => expect(lastAssistant().textContent).toContain('Hi there'));
    expect(lastAssistant().getAttribute('data-status')).toBe('streaming');
    await server.end();
    await waitFor(() => expect(lastAssistant().getAttribute('data-status')).toBe('done'));
    screen.getByRole('button', { name: 'Send' });
    expect(within(screen.getByRole('log')).getByRole('article', { name: 'You' }).textContent).toContain('Hello?');
  });

  it('keeps the composer enabled and focused while streaming, and the typed draft survives the end of the reply', async () => {
    const server = liveServer();
    render(<ChatWindow api="/api/chat" protocol="openai" fetch={server.fetch} flush={0} />);
    const user = await sendWithEnter('First');
    await waitFor(() => expect(server.bodies).toHaveLength(1));
    const textbox = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    expect(textbox.disabled).toBe(false);
    expect(document.activeElement).toBe(textbox);
    await server.feed('Partial');
    await user.type(textbox, 'Second question');
    await server.end();
    await waitFor(() => screen.getByRole('button', { name: 'Send' }));
    expect(textbox.value).toBe('Second question');
    expect(document.activeElement).toBe(textbox);
  });

  it('stops with the Stop button: the request is aborted and the partial reply stays', async () => {
    const server = liveServer();
    render(<ChatWindow api="/api/chat" protocol="openai" fetch={server.fetch} flush={0} />);
    const user = await sendWithEnter('Tell me a story');
    await waitFor(() => expect(server.bodies).toHaveLength(1));
    await server.feed('Once upon');
    await server.feed(' a time');
    await waitFor(() => expect(lastAssistant().textContent).toContain('Once upon a time'));
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(lastAssistant().getAttribute('data-status')).toBe('stopped'));
    expect(server.requests[0]!.signal.aborted).toBe(true);
    expect(lastAssistant().textContent).toContain('Once upon a time');
    screen.getByRole('button', { name: 'Send' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('stops with Escape: the request is aborted and the partial reply stays', async () => {
    const server = liveServer();
    render(<ChatWindow api="/api/chat" protocol="openai" fetch={server.fetch} flush={0} />);
    const user = await sendWithEnter('Tell me a story');
    await waitFor(() => expect(server.bodies).toHaveLength(1));
    await server.feed('Long ago');
    await waitFor(() => expect(lastAssistant().textContent).toContain('Long ago'));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(lastAssistant().getAttribute('data-status')).toBe('stopped'));
    expect(server.requests[0]!.signal.aborted).toBe(true);
    expect(lastAssistant().textContent).toContain('Long ago');
  });

  it("shows an injected 500 in role=alert with the server's message, and Retry regenerates without a new user turn", async () => {
    const server = liveServer();
    server.replyWith(
      new Response(JSON.stringify({ error: { message: 'The model is overloaded' } }), {
        status: 500,
        headers: { 'content-type': 'application/json' },
      }),
    );
    render(<ChatWindow api="/api/chat" protocol="openai" fetch={server.fetch} flush={0} retry={false} />);
    const user = await sendWithEnter('Hello?');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The model is overloaded');
    expect(lastAssistant().getAttribute('data-status')).toBe('error');
    expect(lastAssistant().contains(alert)).toBe(true);

    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(server.requests).toHaveLength(2));
    expect(server.requests[1]!.body.messages).toEqual([{ role: 'user', content: 'Hello?' }]);
    await server.feed('Back again');
    await server.end();
    await waitFor(() => expect(lastAssistant().getAttribute('data-status')).toBe('done'));
    expect(screen.getAllByRole('article', { name: 'You' })).toHaveLength(1);
    expect(screen.getAllByRole('article', { name: 'Assistant' })).toHaveLength(1);
    expect(lastAssistant().textContent).toContain('Back again');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the partial text of a stream broken mid-way next to the error, and Retry regenerates it in place', async () => {
    const server = liveServer();
    render(<ChatWindow api="/api/chat" protocol="openai" fetch={server.fetch} flush={0} retry={false} />);
    const user = await sendWithEnter('Explain SSE');
    await waitFor(() => expect(server.bodies).toHaveLength(1));
    await server.feed('Server-sent events are');
    await waitFor(() => expect(lastAssistant().textContent).toContain('Server-sent events are'));
    await act(async () => server.bodies[0]!.fail(new TypeError('connection reset')));
    const alert = await screen.findByRole('alert');
    expect(lastAssistant().getAttribute('data-status')).toBe('error');
    expect(lastAssistant().textContent).toContain('Server-sent events are');
    expect(alert.textContent).toMatch(/connection reset|lost/i);

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(server.bodies).toHaveLength(2));
    expect(server.requests[1]!.body.messages).toEqual([{ role: 'user', content: 'Explain SSE' }]);
    await server.feed('A one-way stream');
    await server.end();
    await waitFor(() => expect(lastAssistant().getAttribute('data-status')).toBe('done'));
    expect(lastAssistant().textContent).toContain('A one-way stream');
    expect(lastAssistant().textContent).not.toContain('Server-sent events are');
    expect(screen.getAllByRole('article', { name: 'You' })).toHaveLength(1);
  });

  it('re-renders only the streaming row: finished rows render zero times during a 500-token stream', async () => {
    const server = liveServer();
    const renders = new Map<string, number>();
    const renderMessage = (message: ChatMessage): ReactNode => {
      renders.set(message.id, (renders.get(message.id) ?? 0) + 1);
      return message.content;
    };
    render(
      <ChatWindow
        api="/api/chat"
        protocol="openai"
        fetch={server.fetch}
        flush={0}
        initialMessages={history(20)}
        renderMessage={renderMessage}
      />,
    );
    await sendWithEnter('Count to 500');
    await waitFor(() => expect(server.bodies).toHaveLength(1));
    await server.feed('t0 ');
    await waitFor(() => expect(lastAssistant().textContent).toContain('t0 '));
    const before = new Map(renders);

    for (let i = 1; i < 500; i++) {
      await server.feed(`t${i} `);
      await waitFor(() => expect(lastAssistant().textContent).toContain(`t${i} `));
    }
    await server.end();
    await waitFor(() => expect(lastAssistant().getAttribute('data-status')).toBe('done'));

    for (let i = 0; i < 20; i++) {
      expect(renders.get(`h${i}`), `row h${i}`).toBe(before.get(`h${i}`));
    }
    // Of the two new rows, the user's message is finished too; only the reply re-rendered, once per flush.
    const fresh = [...renders.entries()].filter(([id]) => !id.startsWith('h')).sort((a, b) => a[1] - b[1]);
    expect(fresh).toHaveLength(2);
    expect(fresh[0]![1]).toBe(before.get(fresh[0]![0]));
    expect(fresh[1]![1]).toBeGreaterThan(100);
  }, 60_000);

  it('announces once per finished reply, with its text, and never token by token', async () => {
    const server = liveServer();
    const { container } = render(<ChatWindow api="/api/chat" protocol="openai" fetch={server.fetch} flush={0} />);
    const polite = screen.getByRole('status');
    const assertive = container.querySelector('[aria-live="assertive"]')!;
    const spoken: string[] = [];
    const observer = new MutationObserver(() => {
      const text = polite.textContent ?? '';
      if (text !== '' && text !== spoken[spoken.length - 1]) spoken.push(text);
    });
    observer.observe(polite, { childList: true, subtree: true, characterData: true });

    await sendWithEnter('One');
    await waitFor(() => expect(server.bodies).toHaveLength(1));
    for (const token of ['Alpha', ' beta', ' gamma']) await server.feed(token);
    await waitFor(() => expect(lastAssistant().textContent).toContain('Alpha beta gamma'));
    expect(polite.textContent).toBe('');
    await server.end();
    await waitFor(() => expect(spoken).toHaveLength(1));
    expect(spoken[0]).toContain('Alpha beta gamma');

    await sendWithEnter('Two');
    await waitFor(() => expect(server.bodies).toHaveLength(2));
    for (const token of ['Delta', ' epsilon']) await server.feed(token);
    await server.end();
    await waitFor(() => expect(spoken).toHaveLength(2));
    expect(spoken[1]).toContain('Delta epsilon');
    observer.disconnect();
    expect(assertive.textContent).toBe('');
    // The list itself is not live: tokens are not read out as they arrive.
    expect(screen.getByRole('log').getAttribute('aria-live')).toBe('off');
  });

  it('announces a stop politely and a failure assertively', async () => {
    const server = liveServer();
    const { container } = render(
      <ChatWindow api="/api/chat" protocol="openai" fetch={server.fetch} flush={0} retry={false} />,
    );
    const user = await sendWithEnter('One');
    await waitFor(() => expect(server.bodies).toHaveLength(1));
    await server.feed('Partial');
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('stopped'));

    server.replyWith(new Response('Quota exceeded', { status: 429, headers: { 'content-type': 'text/plain' } }));
    await sendWithEnter('Two');
    const assertive = container.querySelector('[aria-live="assertive"]')!;
    await waitFor(() => expect(assertive.textContent).toContain('Quota exceeded'));
  });

  it('renders a 2,000-message history, keeps every message reachable and scrolls', async () => {
    const messages = history(2000);
    render(<ChatWindow api="/api/chat" fetch={scriptedFetch([]).fetch} initialMessages={messages} />);
    const log = screen.getByRole('log');
    expect(within(log).getAllByRole('article')).toHaveLength(2000);
    // The oldest message is in the DOM (find-in-page, screen-reader cursor) and the scroller takes focus.
    expect(within(log).getByText('Question number 0')).toBeTruthy();
    expect(log.tabIndex).toBe(0);

    Object.defineProperty(log, 'scrollHeight', { configurable: true, value: 200_000 });
    Object.defineProperty(log, 'clientHeight', { configurable: true, value: 500 });
    act(() => {
      log.scrollTop = 199_500;
      fireEvent.scroll(log);
    });
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
    act(() => {
      log.scrollTop = 1_000;
      fireEvent.scroll(log);
    });
    expect(screen.getByRole('button', { name: 'Jump to latest' })).toBeTruthy();
  }, 30_000);

  it('stops following when the reader scrolls up and resumes with "Jump to latest"', async () => {
    const server = liveServer();
    render(<ChatWindow api="/api/chat" protocol="openai" fetch={server.fetch} flush={0} initialMessages={history(10)} />);
    const log = screen.getByRole('log');
    let height = 2_000;
    Object.defineProperty(log, 'scrollHeight', { configurable: true, get: () => height });
    Object.defineProperty(log, 'clientHeight', { configurable: true, value: 400 });
    const user = await sendWithEnter('Go');
    await waitFor(() => expect(server.bodies).toHaveLength(1));
    height = 2_100;
    await server.feed('growing');
    await waitFor(() => expect(log.scrollTop).toBe(2_100));

    // The reader scrolls up: following stops and the button appears.
    act(() => {
      log.scrollTop = 1_200;
      fireEvent.scroll(log);
    });
    const jump = screen.getByRole('button', { name: 'Jump to latest' });
    height = 2_300;
    await server.feed(' more text');
    await waitFor(() => expect(lastAssistant().textContent).toContain('growing more text'));
    expect(log.scrollTop).toBe(1_200);

    await user.click(jump);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull());
    // A mouse click hands focus to the composer (typing afterwards goes somewhere), never to <body> or the log.
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
    height = 2_500;
    await server.feed(' and more');
    await waitFor(() => expect(log.scrollTop).toBe(2_500));

    // From the keyboard the reader goes on reading: focus moves to the log as the button goes away.
    act(() => {
      log.scrollTop = 1_000;
      fireEvent.scroll(log);
    });
    screen.getByRole('button', { name: 'Jump to latest' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull());
    expect(document.activeElement).toBe(log);
    await server.end();
  });

  it('streams and announces once under StrictMode', async () => {
    const server = liveServer();
    render(
      <StrictMode>
        <ChatWindow api="/api/chat" protocol="openai" fetch={server.fetch} flush={0} />
      </StrictMode>,
    );
    await sendWithEnter('Hi');
    await waitFor(() => expect(server.bodies).toHaveLength(1));
    await server.feed('Strict');
    await server.feed(' hello');
    await server.end();
    await waitFor(() => expect(lastAssistant().getAttribute('data-status')).toBe('done'));
    expect(lastAssistant().textContent).toContain('Strict hello');
    expect(screen.getByRole('status').textContent).toBe('Reply finished. Strict hello');
    expect(server.requests).toHaveLength(1);
  });

  it('accepts a controlled chat from useChatStream, className, theme and DOM props', async () => {
    const server = liveServer();
    function App() {
      const chat = useChatStream({ api: '/api/chat', protocol: 'openai', fetch: server.fetch, flush: 0 });
      return <ChatWindow chat={chat} className="app-chat" theme="dark" data-testid="chat" />;
    }
    render(<App />);
    const root = screen.getByTestId('chat');
    expect(root.classList.contains('rcs-chat') && root.classList.contains('app-chat')).toBe(true);
    expect(root.getAttribute('data-theme')).toBe('dark');
    expect(root.getAttribute('data-status')).toBe('idle');
    await sendWithEnter('Hi');
    await waitFor(() => expect(server.bodies).toHaveLength(1));
    await server.feed('Hello');
    await waitFor(() => expect(root.getAttribute('data-status')).toBe('streaming'));
    await server.end();
    await waitFor(() => expect(root.getAttribute('data-status')).toBe('idle'));
    expect(lastAssistant().textContent).toContain('Hello');
  });
});
