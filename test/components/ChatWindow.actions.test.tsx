import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChatWindow } from '../../src/components/ChatWindow.tsx';
import type { ChatMessage } from '../../src/core/index.ts';
import { scriptedFetch, sseResponse } from '../helpers/stream.ts';

const history: ChatMessage[] = [
  { id: 'u1', role: 'user', content: 'One' },
  { id: 'a1', role: 'assistant', content: 'First', status: 'done' },
  { id: 'u2', role: 'user', content: 'Two' },
  { id: 'a2', role: 'assistant', content: 'Sec', status: 'stopped' },
];

describe('<ChatWindow> message actions', () => {
  it('edits a user message inline: Enter saves and answers again, focus returns to Edit', async () => {
    const { fetch, requests } = scriptedFetch([sseResponse(['data: Uno\n\n'])]);
    render(<ChatWindow api="/api/chat" fetch={fetch} initialMessages={history} flush={0} />);
    const user = userEvent.setup();
    const first = screen.getAllByRole('article', { name: 'You' })[0]!;
    await user.click(within(first).getByRole('button', { name: 'Edit message' }));
    const editor = screen.getByRole('textbox', { name: 'Edit your message' });
    expect(document.activeElement).toBe(editor);
    await user.clear(editor);
    await user.type(editor, 'Eins{Enter}');
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]!.body.messages).toEqual([{ role: 'user', content: 'Eins' }]);
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(2));
    expect(document.activeElement).toBe(within(screen.getAllByRole('article', { name: 'You' })[0]!).getByRole('button', { name: 'Edit message' }));
  });

  it('cancels an edit with Escape, sending nothing', async () => {
    const { fetch, requests } = scriptedFetch([]);
    render(<ChatWindow api="/api/chat" fetch={fetch} initialMessages={history} />);
    const user = userEvent.setup();
    await user.click(screen.getAllByRole('button', { name: 'Edit message' })[1]!);
    await user.type(screen.getByRole('textbox', { name: 'Edit your message' }), ' more{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Edit your message' })).toBeNull();
    expect(screen.getAllByRole('article', { name: 'You' })[1]!.textContent).toContain('Two');
    expect(document.activeElement).toBe(screen.getAllByRole('button', { name: 'Edit message' })[1]);
    expect(requests).toHaveLength(0);
  });

  it('offers Regenerate only on the last reply, also when it was stopped, and Copy on each reply', async () => {
    const { fetch, requests } = scriptedFetch([sseResponse(['data: Second\n\n'])]);
    render(<ChatWindow api="/api/chat" fetch={fetch} initialMessages={history} flush={0} />);
    expect(screen.getAllByRole('button', { name: 'Regenerate reply' })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: 'Copy reply' })).toHaveLength(2);
    const last = screen.getAllByRole('article', { name: 'Assistant' })[1]!;
    await userEvent.setup().click(within(last).getByRole('button', { name: 'Regenerate reply' }));
    await waitFor(() => expect(screen.getAllByRole('article', { name: 'Assistant' })[1]!.textContent).toContain('Second'));
    expect(requests[0]!.body.messages.map((m: { content: string }) => m.content)).toEqual(['One', 'First', 'Two']);
  });

  it('takes every string from the labels prop', () => {
    const { fetch } = scriptedFetch([]);
    render(
      <ChatWindow
        api="/api/chat"
        fetch={fetch}
        initialMessages={history}
        labels={{ send: 'Senden', message: 'Nachricht', editMessage: 'Nachricht bearbeiten', regenerateReply: 'Neu erzeugen', user: 'Du' }}
      />,
    );
    expect(screen.getByRole('button', { name: 'Senden' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Nachricht' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Nachricht bearbeiten' })).toHaveLength(2);
    expect(screen.getAllByRole('article', { name: 'Du' })).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Neu erzeugen' })).toBeTruthy();
  });
});
