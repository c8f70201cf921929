import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { getChatStore, retainChatStore } from '../core/chat-registry.ts';
import { BaseChatStore, ChatStore } from '../core/chat-store.ts';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect.ts';
import type { ChatStreamError } from '../core/errors.ts';
import type { ChatMessage, ChatStatus, ChatStreamOptions, RetryState } from '../core/types.ts';

/** Options of `useChatStream`: the same as `ChatStore`'s (`id` shares the conversation between hooks). */
export type UseChatStreamOptions = ChatStreamOptions;

/** What `useChatStream` returns; a new object only when the conversation changed. */
export interface UseChatStreamResult {
  /** The conversation's id (the `id` option, or the store's generated one). */
  id: string;
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
  /** Regenerate any assistant reply (whatever its status), dropping what followed; default the last one. */
  regenerate(messageId?: string): Promise<void>;
  /** Replace a user message's text and answer again from there. */
  edit(messageId: string, content: string): Promise<void>;
  /**
   * Reattach to a reply the server is still producing for this conversation (after a reload): `GET resumeApi`;
   * nothing changes when there is none (`204`). See `resumeOnMount`.
   */
  resume(): Promise<void>;
  setMessages(messages: ChatMessage[] | ((previous: ChatMessage[]) => ChatMessage[])): void;
  /** The store behind the hook, for `useChatSelector` or non-React code. */
  store: BaseChatStore;
}

// On the server a module-level registry would share conversations between requests: each render keeps its own.
const isBrowser = typeof document !== 'undefined';

/** Stores `resumeOnMount` already resumed: once per store, however many views or StrictMode mounts it has. */
const resumedOnMount = new WeakSet<ChatStore>();

/**
 * Stream an AI chat reply into React state, token by token, at a sane render rate. Give it options (its own
 * conversation, or a shared one with `id`), or bind a `ChatStore` that non-React code created.
 *
 * @example
 * const { messages, status, send, stop } = useChatStream({ api: '/api/chat', protocol: 'openai' });
 *
 * @example
 * // Two components, one conversation and one stream:
 * useChatStream({ id: 'support', api: '/api/chat' });
 *
 * @example
 * const store = new ChatStore({ api: '/api/chat' }); // created outside React, options kept as given
 * const chat = useChatStream(store);
 */
export function useChatStream(optionsOrStore: UseChatStreamOptions | BaseChatStore): UseChatStreamResult {
  // Any store binds, a `BaseChatStore` with its own protocol factory included.
  const bound = optionsOrStore instanceof BaseChatStore ? optionsOrStore : undefined;
  const options = bound ? undefined : (optionsOrStore as UseChatStreamOptions);
  // Lazy init: one own store per component instance, never a throwaway per render.
  const [own] = useState(() => new ChatStore(bound ? { api: '' } : options!));
  const id = options?.id;
  // On the server a module-level registry would share conversations between requests: each render keeps its own.
  const store = bound ?? (id !== undefined && isBrowser ? getChatStore(id, options) : own);

  const latest = useRef(options);
  useIsomorphicLayoutEffect(() => {
    latest.current = options;
    // A bound store keeps the options its creator gave it.
    if (options) store.setOptions(options);
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
  useEffect(() => {
    gate.open = true;
    // A bound store belongs to its creator: leaving it never stops it.
    if (store === bound) {
      return () => {
        gate.open = false;
      };
    }
    // Unmount aborts the request; the store stays usable for StrictMode's remount.
    if (store === own) {
      return () => {
        gate.open = false;
        store.destroy();
      };
    }
    const release = retainChatStore(store.id);
    return () => {
      gate.open = false;
      if (release() === 0 && latest.current?.leaveBehavior === 'stop') store.stop();
    };
  }, [store, own, bound, gate]);

  const resumeOnMount = options?.resumeOnMount === true;
  useEffect(() => {
    if (!resumeOnMount || !isBrowser || resumedOnMount.has(store)) return;
    // After the commit's effects settle: StrictMode's mount, unmount and mount again resumes once, in the mount
    // that stays (a resume started in the first would be stopped by its cleanup).
    let cancelled = false;
    queueMicrotask(() => {
      if (cancelled || resumedOnMount.has(store)) return;
      resumedOnMount.add(store);
      void store.resume();
    });
    return () => {
      cancelled = true;
    };
  }, [store, resumeOnMount]);

  const snapshot = useSyncExternalStore(subscribe, store.getSnapshot, store.getSnapshot);
  return useMemo(
    () => ({
      id: store.id,
      messages: snapshot.messages,
      status: snapshot.status,
      error: snapshot.error,
      retry: snapshot.retry,
      send: store.send,
      stop: store.stop,
      reload: store.reload,
      regenerate: store.regenerate,
      edit: store.edit,
      resume: store.resume,
      setMessages: store.setMessages,
      store,
    }),
    [snapshot, store],
  );
}
