import { useIsomorphicLayoutEffect } from '../hooks/useIsomorphicLayoutEffect.ts';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useChatLabels } from './labels.ts';

/** Props of `<MessageEditor>`: the inline editor of a user message. */
export interface MessageEditorProps {
  /** The text to start from. */
  initialValue: string;
  /** Called with the trimmed new text (Enter or Save). */
  onSave: (text: string) => void;
  /** Called on Escape or Cancel. */
  onCancel: () => void;
}

/**
 * A textarea that takes focus with the caret at the end: Enter saves, Shift+Enter breaks the line, Escape
 * cancels, and an IME composition never saves. Empty text cannot be saved.
 *
 * @example
 * <MessageEditor initialValue={message.content} onSave={(text) => chat.edit(message.id, text)} onCancel={close} />
 */
export function MessageEditor({ initialValue, onSave, onCancel }: MessageEditorProps) {
  const labels = useChatLabels();
  const [value, setValue] = useState(initialValue);
  const textarea = useRef<HTMLTextAreaElement>(null);
  useIsomorphicLayoutEffect(() => {
    const el = textarea.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const save = () => {
    if (value.trim() !== '') onSave(value.trim());
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // keyCode 229: the IME's own Enter (Safari sends it just after compositionend).
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (event.key === 'Escape') {
      // Handled here: the window's Escape (stop the reply) must not also fire.
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      save();
    }
  };
  return (
    <form
      className="rcs-editor"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        save();
      }}
    >
      <textarea
        ref={textarea}
        className="rcs-editor-input"
        aria-label={labels.editor}
        value={value}
        rows={Math.min(8, value.split('\n').length)}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="rcs-actions">
        <button type="submit" className="rcs-button rcs-action" data-action="save" disabled={value.trim() === ''}>
          {labels.save}
        </button>
        <button type="button" className="rcs-button rcs-action" data-action="cancel" onClick={onCancel}>
          {labels.cancel}
        </button>
      </div>
    </form>
  );
}
