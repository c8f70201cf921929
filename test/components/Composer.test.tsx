import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Composer } from '../../src/components/Composer.tsx';

function setup(props: Partial<Parameters<typeof Composer>[0]> = {}) {
  const onSend = vi.fn();
  const onStop = vi.fn();
  const utils = render(<Composer onSend={onSend} onStop={onStop} {...props} />);
  const textbox = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
  return { ...utils, onSend, onStop, textbox, user: userEvent.setup() };
}

describe('<Composer>', () => {
  it('sends the trimmed text with Enter and clears itself', async () => {
    const { onSend, textbox, user } = setup();
    await user.type(textbox, '  Hello there  {Enter}');
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(onSend).toHaveBeenCalledWith('Hello there');
    expect(textbox.value).toBe('');
    expect(document.activeElement).toBe(textbox);
  });

  it('breaks the line with Shift+Enter instead of sending', async () => {
    const { onSend, textbox, user } = setup();
    await user.type(textbox, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(onSend).not.toHaveBeenCalled();
    expect(textbox.value).toBe('line one\nline two');
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledWith('line one\nline two');
  });

  it('sends with the Send button', async () => {
    const { onSend, textbox, user } = setup();
    await user.type(textbox, 'Hi');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith('Hi');
    expect(document.activeElement).toBe(textbox);
  });

  it('never sends empty or whitespace-only input', async () => {
    const { onSend, textbox, user } = setup();
    await user.click(textbox);
    await user.keyboard('{Enter}');
    await user.type(textbox, '   ');
    await user.keyboard('{Enter}');
    const button = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await user.click(button);
    fireEvent.submit(button.form!);
    expect(onSend).not.toHaveBeenCalled();
  });

  it('does not send on an Enter that belongs to an IME composition (keydown with isComposing)', () => {
    const { onSend, textbox } = setup();
    fireEvent.compositionStart(textbox);
    fireEvent.change(textbox, { target: { value: 'にほんご' } });
    fireEvent.keyDown(textbox, { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true });
    fireEvent.compositionEnd(textbox, { data: 'にほんご' });
    expect(onSend).not.toHaveBeenCalled();
    expect(textbox.value).toBe('にほんご');
    // A real Enter after the composition sends.
    fireEvent.keyDown(textbox, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(onSend).toHaveBeenCalledWith('にほんご');
  });

  it("does not send on Safari's Enter that arrives with keyCode 229 just after compositionend", () => {
    const { onSend, textbox } = setup();
    fireEvent.compositionStart(textbox);
    fireEvent.change(textbox, { target: { value: '漢字' } });
    fireEvent.compositionEnd(textbox, { data: '漢字' });
    fireEvent.keyDown(textbox, { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: false });
    expect(onSend).not.toHaveBeenCalled();
    expect(textbox.value).toBe('漢字');
  });

  it('ignores Enter between compositionstart and compositionend even without isComposing', () => {
    const { onSend, textbox } = setup();
    fireEvent.change(textbox, { target: { value: 'abc' } });
    fireEvent.compositionStart(textbox);
    fireEvent.keyDown(textbox, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.compositionEnd(textbox);
    fireEvent.keyDown(textbox, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(onSend).toHaveBeenCalledWith('abc');
  });

  it('turns Send into Stop while streaming, stops with the button and with Escape, and stays typeable', async () => {
    const { onSend, onStop, textbox, user } = setup({ streaming: true });
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    expect(textbox.disabled).toBe(false);
    await user.type(textbox, 'next question{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(textbox.value).toBe('next question');
    await user.keyboard('{Escape}');
    expect(onStop).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(onStop).toHaveBeenCalledTimes(2);
    expect(document.activeElement).toBe(textbox);
    expect(textbox.value).toBe('next question');
  });

  it('takes className and spreads DOM props onto the form, showing state as data attributes', () => {
    const { container } = setup({ className: 'mine', streaming: true, 'aria-label': 'Write' } as never);
    const form = container.querySelector('form')!;
    expect(form.classList.contains('rcs-composer') && form.classList.contains('mine')).toBe(true);
    expect(form.getAttribute('aria-label')).toBe('Write');
    expect(form.hasAttribute('data-streaming')).toBe(true);
  });
});
