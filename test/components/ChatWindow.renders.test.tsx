import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChatWindow } from '../../src/components/ChatWindow.tsx';
import type { ChatMessage } from '../../src/core/index.ts';
import { controlledBody, scriptedFetch, sseResponse } from '../helpers/stream.ts';

// Count renders of the real StreamingMessage, by the text it is given (every history reply is distinct).
const renders = vi.hoisted(() => new Map<string, number>());
vi.mock('../../src/components/StreamingMessage.tsx', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/components/StreamingMessage.tsx')>();
  function CountingStreamingMessage(props: Parameters<typeof original.StreamingMessage>[0]) {
    renders.set(props.content, (renders.get(props.content) ?? 0) + 1);
    return original.StreamingMessage(props);
  }
  return { ...original, StreamingMessage: CountingStreamingMessage };
});

const history: ChatMessage[] = Array.from({ length: 60 }, (_, i) =>
  i % 2 === 0
    ? { id: `u${i}`, role: 'user', content: `Question ${i}` }
    : { id: `a${i}`, role: 'assistant', content: `Answer **${i}** with a [link](https://example.com/${i})`, status: 'done' },
);

describe('<ChatWindow> default rendering', () => {
  it('never re-renders a finished reply while a 500-token reply streams through StreamingMessage', async () => {
    const body = controlledBody();
    const { fetch } = scriptedFetch([sseResponse(body.stream)]);
    render(<ChatWindow api="/api/chat" protocol="text" fetch={fetch} flush={0} initialMessages={history} />);
    const finished = history.filter((m) => m.role === 'assistant').map((m) => m.content);
    await userEvent.setup().type(screen.getByRole('textbox', { name: 'Message' }), 'Go{Enter}');
    await act(async () => body.push('data: w0\n\n'));
    await waitFor(() => expect(screen.getByRole('log').textContent).toContain('w0'));
    const before = finished.map((c) => renders.get(c));
    expect(before.every((n) => n !== undefined && n >= 1)).toBe(true);

    for (let i = 1; i < 500; i++) {
      await act(async () => body.push(`data: w${i}\n\n`));
      await waitFor(() => expect(screen.getByRole('log').textContent).toContain(`w${i}`));
    }
    await act(async () => {
      body.push('data: [DONE]\n\n');
      body.close();
    });
    await waitFor(() => screen.getByRole('button', { name: 'Send' }));
    expect(finished.map((c) => renders.get(c))).toEqual(before);
  }, 60_000);
});
