import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { ChatWindow } from '../../src/components/ChatWindow.tsx';
import type { ChatMessage } from '../../src/core/index.ts';
import { scriptedFetch } from '../helpers/stream.ts';

const messages: ChatMessage[] = [
  { id: 'u1', role: 'user', content: 'What is SSE?' },
  { id: 'a1', role: 'assistant', content: 'A one-way **event stream** over HTTP.', status: 'done' },
  { id: 'u2', role: 'user', content: 'And then?' },
  { id: 'a2', role: 'assistant', content: 'It broke half', status: 'error', error: 'HTTP 500: The model is overloaded' },
];

async function violations(container: HTMLElement) {
  // jsdom has no layout, so colour contrast cannot be computed here (the stories check it in Chromium).
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

describe('<ChatWindow> accessibility', () => {
  it('has no axe violations with a history and a failed reply', async () => {
    const { container } = render(<ChatWindow api="/api/chat" fetch={scriptedFetch([]).fetch} initialMessages={messages} />);
    expect(await violations(container)).toEqual([]);
  });

  it('names its controls Send, Retry and the textarea Message', () => {
    render(<ChatWindow api="/api/chat" fetch={scriptedFetch([]).fetch} initialMessages={messages} />);
    screen.getByRole('button', { name: 'Send' });
    screen.getByRole('button', { name: 'Retry' });
    screen.getByRole('textbox', { name: 'Message' });
    screen.getByRole('log', { name: 'Conversation' });
    expect(screen.getByRole('alert').textContent).toContain('The model is overloaded');
  });

  it('moves focus to the composer when Retry is pressed (the button goes away as the reply restarts)', async () => {
    const never = () => new Promise<Response>(() => undefined);
    const { fetch } = scriptedFetch([never]);
    render(<ChatWindow api="/api/chat" fetch={fetch} initialMessages={messages} retry={false} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });
});
