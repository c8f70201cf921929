import { useCallback, useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { ChatStore } from '../core/chat-store.ts';
import type { ChatStreamError } from '../core/errors.ts';
import type { ChatMessage, ChatStatus, ChatStreamOptions, RetryState } from '../core/types.ts';

/** Options of `useChatStream`: the same as `ChatStore`'s. */
export type UseChatStreamOptions = ChatStreamOptions;

/** What `useChatStream` returns; a new object only when the conversation changed. */
export interface UseChatStreamResult {
  messages: ChatMessage[];
  status: ChatStatus;
  error: ChatStreamError | undefined;
  /** Set while waiting to retry: which attempt, and when. */
  retry: RetryState | undefined;
  /** Send a user message and stream the reply; resolves when the reply ends, never rejects. */
  send(content: string): Promise<void>;
  /** Abort the reply; its partial text stays (status 'stopped'), status returns to 'idle', no error. */
  stop(): void;
  /** Regenerate the last assistant reply in place (or answer a trailing user message). */
  reload(): Promise<void>;
  setMessages(messages: ChatMessage[] | ((previous: ChatMessage[]) => ChatMessage[])): void;
}

// Layout effect in the browser so options are current before any event handler runs; plain effect on the server.
const useIsomorphicLayoutEffect = typeof document !== 'undefined' ? useLayoutEffect : useEffect;

/**
 * Stream an AI chat reply into React state, token by token, at a sane render rate.
 *
 * @example
 * const { messages, status, send, stop } = useChatStream({ api: '/api/chat', protocol: 'openai' });
 */
export function useChatStream(options: UseChatStreamOptions): UseChatStreamResult {
  // Lazy init: one store per component instance, never a throwaway per render.
  const [store] = useState(() => new ChatStore(options));
  useIsomorphicLayoutEffect(() => {
    store.setOptions(options);
  });
  // This component's subscription, closed before the unmount stops the turn: ending a turn publishes buffered text
  // and the end, and an update on a component going away is an act warning (and wasted work). Other subscribers
  // of the same store still hear it; a StrictMode remount reopens it and reads the ended turn from the snapshot.
  const [gate] = useState(() => ({ open: true }));
  const subscribe = useCallback(
    (listener: () => void) =>
      store.subscribe(() => {
        if (gate.open) listener();
      }),
    [store, gate],
  );
  // Unmount aborts the request; the store stays usable for StrictMode's remount.
  useEffect(() => {
    gate.open = true;
    return () => {
      gate.open = false;
      store.destroy();
    };
  }, [store, gate]);

  const snapshot = useSyncExternalStore(subscribe, store.getSnapshot, store.getSnapshot);
  return useMemo(
    () => ({
      messages: snapshot.messages,
      status: snapshot.status,
      error: snapshot.error,
      retry: snapshot.retry,
      send: store.send,
      stop: store.stop,
      reload: store.reload,
      setMessages: store.setMessages,
    }),
    [snapshot, store],
  );
}
