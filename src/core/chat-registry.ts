/**
 * Conversations shared by id: every hook and window given the same `id` uses one `ChatStore`, so a message sent
 * in one streams in all. A module-level map (no work at import); a conversation stays until `removeChatStore`,
 * so switching back to an id shows it as it was (and a reply streaming meanwhile kept going, by default).
 */
import { ChatStore } from './chat-store.ts';
import type { ChatStreamOptions } from './types.ts';

interface Entry {
  store: ChatStore;
  /** Views (hooks) showing it now: when the last one leaves, `leaveBehavior` applies. */
  views: number;
}

const chats = new Map<string, Entry>();

function entryOf(id: string, options?: ChatStreamOptions): Entry {
  let entry = chats.get(id);
  if (!entry) {
    // A selector may look a conversation up before any view configured it; the first view's options replace these.
    entry = { store: new ChatStore({ ...(options ?? { api: '' }), id }), views: 0 };
    chats.set(id, entry);
  }
  return entry;
}

/**
 * The shared conversation `id`, created with `options` (its `initialMessages` too) the first time it is asked for.
 *
 * @example
 * const chat = getChatStore('support', { api: '/api/chat' });
 * chat.send('Hello'); // every `useChatStream({ id: 'support' })` shows it streaming
 */
export function getChatStore(id: string, options?: ChatStreamOptions): ChatStore {
  return entryOf(id, options).store;
}

/** Count one more view of `id`; the returned function uncounts it and returns how many views remain. */
export function retainChatStore(id: string): () => number {
  const entry = entryOf(id);
  entry.views++;
  let released = false;
  return () => {
    if (!released) {
      released = true;
      entry.views--;
    }
    return entry.views;
  };
}

/** Stop and forget the shared conversation `id` (views still showing it keep their store until they switch). */
export function removeChatStore(id: string): boolean {
  const entry = chats.get(id);
  if (!entry) return false;
  entry.store.stop();
  return chats.delete(id);
}
