import { useRef, useSyncExternalStore } from 'react';
import { getChatStore } from '../core/chat-registry.ts';
import { type BaseChatStore, ChatStore } from '../core/chat-store.ts';
import type { ChatSnapshot } from '../core/types.ts';

const isBrowser = typeof document !== 'undefined';
// What a server render of a shared id sees: no conversation (the registry is browser-only, see useChatStream).
const serverStore = new ChatStore({ api: '' });

interface Memo<T> {
  store: BaseChatStore;
  snapshot: ChatSnapshot;
  selector: (snapshot: ChatSnapshot) => unknown;
  value: T;
}

/**
 * Subscribe to one slice of a conversation: the component re-renders only when `selector`'s result changes
 * (by `isEqual`, default `Object.is`), not on every text flush. Pass a shared conversation's `id` or a
 * `ChatStore` (`useChatStream(...).store`).
 *
 * @example
 * const status = useChatSelector('support', (s) => s.status);
 * const count = useChatSelector(chat.store, (s) => s.messages.length);
 */
export function useChatSelector<T>(
  idOrStore: string | BaseChatStore,
  selector: (snapshot: ChatSnapshot) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const store = typeof idOrStore === 'string' ? (isBrowser ? getChatStore(idOrStore) : serverStore) : idOrStore;
  const memo = useRef<Memo<T> | undefined>(undefined);
  // useSyncExternalStore needs a stable answer for an unchanged snapshot: keep the last value while it is equal.
  const select = (): T => {
    const snapshot = store.getSnapshot();
    const last = memo.current;
    if (last && last.store === store && last.snapshot === snapshot && last.selector === selector) return last.value;
    const value = selector(snapshot);
    const kept = last && last.store === store && isEqual(last.value, value) ? last.value : value;
    memo.current = { store, snapshot, selector, value: kept };
    return kept;
  };
  return useSyncExternalStore(store.subscribe, select, select);
}
