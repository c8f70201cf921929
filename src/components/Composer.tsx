import {
  useCallback,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
  type FormHTMLAttributes,
  type KeyboardEvent,
  type Ref,
  type TextareaHTMLAttributes,
} from 'react';
import { useIsomorphicLayoutEffect } from '../hooks/useIsomorphicLayoutEffect.ts';
import { useChatLabels } from './labels.ts';

/** Props of `<Composer>`: a `<form>` with an autosizing `<textarea>` and a Send/Stop button. */
export interface ComposerProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> {
  /** Called with the trimmed text when the user sends; the composer then clears itself. */
  onSend: (text: string) => unknown;
  /** Called by the Stop button and by Escape while `streaming`. */
  onStop?: () => void;
  /** A reply is in flight: the button becomes Stop, Enter does not send, typing stays possible. @default false */
  streaming?: boolean;
  /** Controlled text; leave unset to let the composer keep its own draft. */
  value?: string;
  /** Initial draft when uncontrolled. @default '' */
  defaultValue?: string;
  /** Called on every edit, and with `''` after sending. */
  onValueChange?: (value: string) => void;
  /** Accessible name of the textarea. @default 'Message' */
  label?: string;
  /** @default 'Type a message…' */
  placeholder?: string;
  /** Disables typing and sending (not used by `ChatWindow`, which keeps the composer live while streaming). */
  disabled?: boolean;
  /** Focus the textarea on mount. */
  autoFocus?: boolean;
  /** Ref to the textarea. */
  textareaRef?: Ref<HTMLTextAreaElement>;
  /** Extra props for the textarea. */
  textareaProps?: TextareaHTMLAttributes<HTMLTextAreaElement>;
}

/** Legacy keyCode browsers give to key events that belong to an IME composition (Safari's committing Enter too). */
const IME_KEY_CODE = 229;

/**
 * The message box. Enter sends, Shift+Enter breaks the line, and an IME composition never sends: a key event
 * is ignored while `isComposing` is set, while our own compositionstart..compositionend flag is up, or when it
 * carries keyCode 229 (Safari fires the committing Enter just after `compositionend`, with 229). Empty or
 * whitespace-only text cannot be sent. While streaming, the button is Stop, Escape stops, and the textarea
 * stays enabled and focused so the next message can be typed; its draft survives the end of the reply.
 *
 * @example
 * <Composer onSend={chat.send} onStop={chat.stop} streaming={chat.status === 'streaming'} />
 */
export function Composer({
  onSend,
  onStop,
  streaming = false,
  value,
  defaultValue = '',
  onValueChange,
  label,
  placeholder,
  disabled = false,
  autoFocus,
  textareaRef,
  textareaProps,
  className,
  ...rest
}: ComposerProps) {
  const labels = useChatLabels();
  const [ownDraft, setOwnDraft] = useState(defaultValue);
  const draft = value ?? ownDraft;
  const composing = useRef(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(textareaRef, () => textarea.current as HTMLTextAreaElement, []);
  const fallbackId = useId();
  const canSend = !disabled && !streaming && draft.trim() !== '';

  const setDraft = useCallback(
    (next: string) => {
      if (value === undefined) setOwnDraft(next);
      onValueChange?.(next);
    },
    [value, onValueChange],
  );

  // Autosize: measure from `auto` so the box also shrinks; CSS max-height caps it and then it scrolls.
  useIsomorphicLayoutEffect(() => {
    const el = textarea.current;
    if (!el) return;
    el.style.height = 'auto';
    if (el.scrollHeight > 0) el.style.height = `${el.scrollHeight}px`;
  }, [draft]);

  const send = () => {
    if (!canSend) return;
    const text = draft.trim();
    setDraft('');
    // The hook reports failures through its state; a rejected promise here would only be noise.
    void Promise.resolve(onSend(text)).catch(() => undefined);
    textarea.current?.focus();
  };

  const stop = () => {
    onStop?.();
    textarea.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    textareaProps?.onKeyDown?.(event);
    if (event.defaultPrevented) return;
    const native = event.nativeEvent;
    if (native.isComposing || composing.current || native.keyCode === IME_KEY_CODE || event.keyCode === IME_KEY_CODE) {
      return;
    }
    if (event.key === 'Escape' && streaming && onStop) {
      event.preventDefault();
      onStop();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      // Enter never inserts a newline (Shift+Enter does); it sends only when there is something to send.
      event.preventDefault();
      send();
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (streaming) stop();
    else send();
  };

  return (
    <form
      className={className ? `rcs-composer ${className}` : 'rcs-composer'}
      data-streaming={streaming ? '' : undefined}
      {...rest}
      onSubmit={onSubmit}
    >
      <textarea
        id={fallbackId}
        aria-label={label ?? labels.message}
        placeholder={placeholder ?? labels.placeholder}
        rows={1}
        autoFocus={autoFocus}
        disabled={disabled}
        enterKeyHint="send"
        {...textareaProps}
        ref={textarea}
        className={textareaProps?.className ? `rcs-composer-input ${textareaProps.className}` : 'rcs-composer-input'}
        value={draft}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => {
          textareaProps?.onChange?.(event);
          setDraft(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onCompositionStart={(event) => {
          composing.current = true;
          textareaProps?.onCompositionStart?.(event);
        }}
        onCompositionEnd={(event) => {
          composing.current = false;
          textareaProps?.onCompositionEnd?.(event);
        }}
      />
      {streaming ? (
        <button type="button" className="rcs-button rcs-composer-button" data-action="stop" onClick={stop}>
          {labels.stop}
        </button>
      ) : (
        // Disabling cannot strand focus on it: Stop hands focus back to the textarea before it turns into Send.
        <button type="submit" className="rcs-button rcs-composer-button" data-action="send" disabled={!canSend}>
          {labels.send}
        </button>
      )}
    </form>
  );
}
