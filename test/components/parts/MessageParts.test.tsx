import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { ChatAnnouncer, MessageRow, StreamingMessage, ToolCallCard, type ToolCallCardProps } from '../../../src/index.ts';
import type { ChatMessage, MessagePart, ReasoningPart } from '../../../src/core/types.ts';

const reasoning: ReasoningPart = { type: 'reasoning', text: 'Considering the weather', state: 'done', durationMs: 2000 };
const parts: MessagePart[] = [
  reasoning,
  { type: 'tool-call', toolCallId: 'c1', toolName: 'getWeather', state: 'output-available', inputText: '{}', input: { city: 'Paris' }, output: { tempC: 21 } },
  { type: 'step-start' },
  { type: 'text', text: 'It is **21 °C** in Paris.' },
  { type: 'source', url: 'https://weather.example/paris', title: 'Weather' },
  { type: 'source', url: 'https://other.example/', title: 'Other' },
];

describe('StreamingMessage with parts', () => {
  it('renders every part in arrival order, text as markdown and consecutive sources as one list', () => {
    const { container } = render(<StreamingMessage content="It is **21 °C** in Paris." parts={parts} />);
    const order = [...container.querySelectorAll('.rcs-reasoning, .rcs-tool, p, .rcs-sources')].map((el) => el.className || el.tagName);
    expect(order).toEqual(['rcs-reasoning', 'rcs-tool', 'P', 'rcs-sources']);
    expect(container.querySelector('strong')?.textContent).toBe('21 °C');
    expect(screen.getAllByRole('navigation')).toHaveLength(1);
    expect(screen.getAllByRole('link')).toHaveLength(2);
  });

  it('uses a per-tool renderer and a per-kind component', () => {
    function WeatherCard({ part }: ToolCallCardProps) {
      return <p data-testid="weather">{(part.output as { tempC: number }).tempC} degrees</p>;
    }
    function MyReasoning() {
      return <p data-testid="mine">custom reasoning</p>;
    }
    render(<StreamingMessage content="" parts={parts} tools={{ getWeather: WeatherCard }} components={{ reasoning: MyReasoning }} />);
    expect(screen.getByTestId('weather').textContent).toBe('21 degrees');
    expect(screen.getByTestId('mine')).toBeTruthy();
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('says the reply was cut off at the token limit', () => {
    render(<StreamingMessage content="Once upon" parts={[{ type: 'text', text: 'Once upon' }]} finishReason="length" />);
    expect(screen.getByText('The reply was cut off at the token limit.')).toBeTruthy();
  });

  it('says the content filter stopped the reply, without parts too', () => {
    render(<StreamingMessage content="Partial" finishReason="content-filter" />);
    expect(screen.getByText('The reply was stopped by the content filter.')).toBeTruthy();
  });

  it('shows a refusal', () => {
    render(<StreamingMessage content="" parts={[{ type: 'refusal', text: 'I cannot help with that.' }]} finishReason="refusal" />);
    expect(screen.getByRole('note', { name: 'The model declined to answer' }).textContent).toBe('I cannot help with that.');
    expect(screen.queryByText('The reply was empty.')).toBeNull();
  });

  it('says a finished reply with nothing in it was empty, but not while it streams', () => {
    const { rerender, container } = render(<StreamingMessage content="" parts={[]} status="streaming" />);
    expect(screen.queryByText('The reply was empty.')).toBeNull();
    expect(container.querySelector('.rcs-caret')).not.toBeNull();
    rerender(<StreamingMessage content="" parts={[{ type: 'step-start' }]} status="done" finishReason="stop" />);
    expect(screen.getByText('The reply was empty.')).toBeTruthy();
  });

  it('renders only the growing part: finished parts keep identity and skip', () => {
    let renders = 0;
    function CountingCard(props: ToolCallCardProps) {
      renders++;
      return <ToolCallCard {...props} />;
    }
    const tool: MessagePart = parts[1] as MessagePart;
    const tools = { getWeather: CountingCard };
    const { rerender } = render(<StreamingMessage content="It" parts={[tool, { type: 'text', text: 'It' }]} status="streaming" tools={tools} />);
    for (const text of ['It is', 'It is 21', 'It is 21 °C']) {
      rerender(<StreamingMessage content={text} parts={[tool, { type: 'text', text }]} status="streaming" tools={tools} />);
    }
    // The custom card is a plain function, so the memo that skips is the one around the part's slot:
    // it rendered once for the first commit and never again while the text grew.
    expect(renders).toBe(1);
  });
});

describe('MessageRow and ChatAnnouncer with parts', () => {
  const reply: ChatMessage = { id: 'a', role: 'assistant', content: '', status: 'done', parts: [], finishReason: 'stop' };

  it('shows a bubble saying a finished empty reply was empty', () => {
    render(<MessageRow message={reply} />);
    expect(screen.getByRole('article', { name: 'Assistant' }).textContent).toBe('The reply was empty.');
  });

  it('announces the answer text only, not the reasoning', () => {
    const done: ChatMessage = { ...reply, content: 'It is sunny.', parts: [reasoning, { type: 'text', text: 'It is sunny.' }] };
    const { rerender } = render(<ChatAnnouncer messages={[{ ...done, status: 'streaming' }]} status="streaming" />);
    rerender(<ChatAnnouncer messages={[done]} status="idle" />);
    expect(screen.getByRole('status').textContent).toBe('Reply finished. It is sunny.');
  });

  it('announces a refusal and a token-limit cut', () => {
    const refused: ChatMessage = { ...reply, parts: [{ type: 'refusal', text: 'I cannot help.' }], finishReason: 'refusal' };
    const { rerender } = render(<ChatAnnouncer messages={[{ ...refused, status: 'streaming' }]} status="streaming" />);
    rerender(<ChatAnnouncer messages={[refused]} status="idle" />);
    expect(screen.getByRole('status').textContent).toBe('Reply finished. I cannot help.');
    const cut: ChatMessage = { ...reply, id: 'b', content: 'Once', parts: [{ type: 'text', text: 'Once' }], finishReason: 'length' };
    rerender(<ChatAnnouncer messages={[{ ...cut, status: 'streaming' }]} status="streaming" />);
    rerender(<ChatAnnouncer messages={[cut]} status="idle" />);
    expect(screen.getByRole('status').textContent).toBe('Reply finished. Once The reply was cut off at the token limit.');
  });
});
