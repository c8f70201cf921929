import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Reasoning } from '../../../src/index.ts';
import type { ReasoningPart } from '../../../src/core/types.ts';

const streaming: ReasoningPart = { type: 'reasoning', text: 'Let me think', state: 'streaming' };
const done: ReasoningPart = { type: 'reasoning', text: 'Let me think about it', state: 'done', durationMs: 4200 };

describe('Reasoning', () => {
  it('is open and says Thinking… while it streams', () => {
    render(<Reasoning part={streaming} />);
    const button = screen.getByRole('button', { name: 'Thinking…' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('Let me think').hidden).toBe(false);
  });

  it('collapses to "Thought for 4 s" when it finishes', () => {
    const { rerender } = render(<Reasoning part={streaming} />);
    rerender(<Reasoning part={done} />);
    const button = screen.getByRole('button', { name: 'Thought for 4 s' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText('Let me think about it').hidden).toBe(true);
  });

  it('stays open after finishing when the user opened it', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<Reasoning part={streaming} />);
    await user.click(screen.getByRole('button')); // close while streaming
    expect(screen.getByRole('button').getAttribute('aria-expanded')).toBe('false');
    await user.click(screen.getByRole('button')); // and open again: the user's choice
    rerender(<Reasoning part={done} />);
    expect(screen.getByRole('button', { name: 'Thought for 4 s' }).getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('Let me think about it').hidden).toBe(false);
  });

  it('opens a finished reasoning on click and the button controls the text', async () => {
    render(<Reasoning part={done} />);
    const button = screen.getByRole('button');
    await userEvent.setup().click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(button.getAttribute('aria-controls') ?? '')?.textContent).toBe('Let me think about it');
  });

  it('says Reasoning redacted for a withheld block', () => {
    render(<Reasoning part={{ type: 'reasoning', text: '', state: 'done', redacted: true }} />);
    expect(screen.getByText('Reasoning redacted')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows markup in the reasoning as text, never as HTML', () => {
    const { container } = render(<Reasoning part={{ ...streaming, text: '<img src=x onerror=alert(1)>' }} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
  });
});
