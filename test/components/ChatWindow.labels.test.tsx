import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { ChatWindow, type ChatController } from '../../src/components/ChatWindow.tsx';
import { ChatLabelsContext, defaultLabels, type ChatLabels } from '../../src/components/labels.ts';
import { PART_LABELS } from '../../src/components/parts/labels.ts';
import { StreamingMessage } from '../../src/components/StreamingMessage.tsx';
import type { ChatMessage } from '../../src/core/index.ts';

function chatOf(messages: ChatMessage[]): ChatController {
  const noop = async () => {};
  return { messages, status: 'idle', error: undefined, send: noop, stop: () => {}, reload: noop };
}

const reply = (content: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: 'a1',
  role: 'assistant',
  content,
  status: 'done',
  ...extra,
});

describe('<ChatWindow images>', () => {
  const content = '![chart](https://cdn.example/c.png) ![pixel](https://tracker.example/p.gif)';

  it('holds every remote image behind a click by default', () => {
    const { container } = render(<ChatWindow chat={chatOf([reply(content)])} />);
    expect(container.querySelectorAll('img')).toHaveLength(0);
    expect(screen.getAllByRole('button', { name: /Show image/ })).toHaveLength(2);
  });

  it('passes an allowOrigins policy to every reply, so only images from those origins load', () => {
    const images = { allowOrigins: ['https://cdn.example'] };
    const messages = [reply(content), { ...reply(content), id: 'a2' }];
    const { container } = render(<ChatWindow chat={chatOf(messages)} images={images} />);
    const loaded = [...container.querySelectorAll('img')].map((img) => img.getAttribute('src'));
    expect(loaded).toEqual(['https://cdn.example/c.png', 'https://cdn.example/c.png']);
    expect(screen.getAllByRole('button', { name: /Show image: pixel/ })).toHaveLength(2);
  });

  it("loads every image with images='load', without a referrer", () => {
    const { container } = render(<ChatWindow chat={chatOf([reply(content)])} images="load" />);
    const imgs = [...container.querySelectorAll('img')];
    expect(imgs).toHaveLength(2);
    expect(imgs.every((img) => img.getAttribute('referrerpolicy') === 'no-referrer')).toBe(true);
  });
});

describe('part labels are translatable through labels', () => {
  const german: Partial<ChatLabels> = {
    thinking: 'Denkt nach…',
    thoughtFor: (s) => `${s} s nachgedacht`,
    reasoningRedacted: 'Begründung entfernt',
    toolCall: (name) => `Werkzeug: ${name}`,
    toolState: (state) => (state === 'output-available' ? 'Fertig' : 'Läuft'),
    toolInput: 'Eingabe',
    toolOutput: 'Ausgabe',
    sources: 'Quellen',
    refusal: 'Das Modell hat abgelehnt',
    noticeLength: 'Beim Tokenlimit abgeschnitten.',
  };

  it('shows translated reasoning, tool, sources, refusal and notice words in ChatWindow', () => {
    const message = reply('Antwort', {
      finishReason: 'length',
      parts: [
        { type: 'reasoning', text: 'hm', state: 'done', durationMs: 4000 },
        { type: 'reasoning', text: '', state: 'done', redacted: true },
        { type: 'tool-call', toolCallId: 't', toolName: 'wetter', state: 'output-available', input: { a: 1 }, inputText: '{"a":1}', output: 2 },
        { type: 'source', url: 'https://example.com', title: 'Beispiel' },
        { type: 'refusal', text: 'Nein.' },
        { type: 'text', text: 'Antwort' },
      ],
    } as Partial<ChatMessage>);
    render(<ChatWindow chat={chatOf([message])} labels={german} />);
    expect(screen.getByRole('button', { name: '4 s nachgedacht' })).toBeTruthy();
    expect(screen.getByText('Begründung entfernt')).toBeTruthy();
    const tool = screen.getByRole('group', { name: 'Werkzeug: wetter' });
    expect(within(tool).getByText('Fertig')).toBeTruthy();
    expect(within(tool).getByText('Eingabe')).toBeTruthy();
    expect(within(tool).getByText('Ausgabe')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Quellen' })).toBeTruthy();
    expect(screen.getByRole('note', { name: 'Das Modell hat abgelehnt' })).toBeTruthy();
    expect(screen.getByText('Beim Tokenlimit abgeschnitten.')).toBeTruthy();
    expect(screen.queryByText(defaultLabels.noticeLength)).toBeNull();
  });

  it('shows the translated "Thinking…" while reasoning streams under a ChatLabelsContext provider', () => {
    render(
      <ChatLabelsContext.Provider value={{ ...defaultLabels, ...german }}>
        <StreamingMessage content="" status="streaming" parts={[{ type: 'reasoning', text: 'a', state: 'streaming' }]} />
      </ChatLabelsContext.Provider>,
    );
    expect(screen.getByRole('button', { name: 'Denkt nach…' })).toBeTruthy();
  });

  it('keeps the English defaults and the old PART_LABELS names', () => {
    expect(defaultLabels.thoughtFor(4)).toBe('Thought for 4 s');
    expect(defaultLabels.toolState('input-streaming')).toBe('Preparing');
    expect(PART_LABELS.thought(3)).toBe('Thought for 3 s');
    expect(PART_LABELS.toolState['output-error']).toBe('Failed');
    expect(PART_LABELS.empty).toBe('The reply was empty.');
  });
});
