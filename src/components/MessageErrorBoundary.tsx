import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Props of `<MessageErrorBoundary>`. */
export interface MessageErrorBoundaryProps {
  children: ReactNode;
  /** Shown instead of `children` after they threw while rendering. */
  fallback: ReactNode;
  /** When this changes, the children are tried again (e.g. the message's status or renderers). */
  resetKey?: unknown;
  /** Told about each error caught, for logging. */
  onError?: (error: unknown, info: ErrorInfo) => void;
}

interface State {
  failed: boolean;
  resetKey: unknown;
}

/**
 * Keeps a rendering failure inside one message: model output is untrusted and a custom renderer may
 * have bugs, but one bad message must never unmount the chat. Used by `<StreamingMessage>` and
 * `<MessageRow>`; wrap your own `renderMessage` output with it too if you recompose the parts.
 * @example
 * <MessageErrorBoundary fallback={<p>{message.content}</p>} resetKey={message.status}>
 *   <MyMarkdown text={message.content} />
 * </MessageErrorBoundary>
 */
export class MessageErrorBoundary extends Component<MessageErrorBoundaryProps, State> {
  override state: State = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: MessageErrorBoundaryProps, state: State): Partial<State> | null {
    if (Object.is(props.resetKey, state.resetKey)) return null;
    return { failed: false, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.props.onError?.(error, info);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
