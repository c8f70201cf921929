import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { ToolCallCard } from '../../../src/index.ts';
import type { ToolCallPart } from '../../../src/core/types.ts';

const base: ToolCallPart = { type: 'tool-call', toolCallId: 'c1', toolName: 'getWeather', state: 'input-streaming', inputText: '{"city":"Par' };

describe('ToolCallCard', () => {
  it('shows the tool name, its state and the arguments as they stream', () => {
    const { rerender } = render(<ToolCallCard part={base} />);
    const card = screen.getByRole('group', { name: 'Tool call: getWeather' });
    expect(card.getAttribute('data-state')).toBe('input-streaming');
    expect(card.textContent).toContain('Preparing');
    expect(card.querySelector('pre')?.textContent).toBe('{"city":"Par');
    rerender(<ToolCallCard part={{ ...base, inputText: '{"city":"Paris"}' }} />);
    expect(card.querySelector('pre')?.textContent).toBe('{"city":"Paris"}');
  });

  it('formats the parsed input and shows the output once available', () => {
    render(<ToolCallCard part={{ ...base, state: 'output-available', inputText: '{"city":"Paris"}', input: { city: 'Paris' }, output: { tempC: 21 } }} />);
    const blocks = screen.getByRole('group').querySelectorAll('pre');
    expect(blocks[0]?.textContent).toBe('{\n  "city": "Paris"\n}');
    expect(blocks[1]?.textContent).toBe('{\n  "tempC": 21\n}');
    expect(screen.getByRole('group').textContent).toContain('Done');
  });

  it('shows the error of a failed call', () => {
    render(<ToolCallCard part={{ ...base, state: 'output-error', input: { city: 'Paris' }, errorText: 'Service unavailable' }} />);
    expect(screen.getByRole('group').textContent).toContain('Failed');
    expect(screen.getByText('Service unavailable')).toBeTruthy();
  });
});
