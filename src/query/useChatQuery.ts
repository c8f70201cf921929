/**
 * A conversation as server state: its messages load through a query keyed by the conversation id, and every
 * finished turn is saved through a mutation with an optimistic cache update and a rollback.
 */
import { useIsomorphicLayoutEffect } from '../hooks/useIsomorphicLayoutEffect.ts';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { MutationObserver, useMutationState, useQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { ChatStore } from '../core/chat-store.ts';
import type { ChatMessage, ChatStreamOptions } from '../core/types.ts';
import type { UseChatStreamResult } from '../hooks/useChatStream.ts';

/** The default query key of a conversation's messages. */
export function chatQueryKey(id: string): QueryKey {
  return ['react-chat-stream', 'chat', id];
}

/** Options of `useChatQuery`: the hook's options plus where the conversation lives. */
export interface UseChatQueryOptions extends Omit<ChatStreamOptions, 'initialMessages'> {
  /** The conversation's id: switching it shows that conversation (from the cache when it is there). */
  id: string;
  /** Load a conversation's messages (`GET /api/chats/:id`, say); `signal` aborts when the query is cancelled. */
  load: (id: string, context: { signal: AbortSignal }) => Promise<ChatMessage[]>;
  /** Save a conversation's messages, the whole list, replacing what was saved (`PUT /api/chats/:id`, say). */
  save: (id: string, messages: ChatMessage[]) => Promise<unknown>;
  /** The query key of a conversation's messages. @default chatQueryKey(id) */
  queryKey?: (id: string) => QueryKey;
  /** Load the history (false while there is no conversation to show yet). @default true */
  enabled?: boolean;
}

/** A notice the window shows above the composer (`role="alert"`), with an optional action. */
export interface ChatNotice {
  message: string;
  /** Shows a Retry button that calls this. */
  onRetry?: () => void;
}

/** What `useChatQuery` returns: `useChatStream`'s result plus the state of loading and saving. */
export interface UseChatQueryResult extends UseChatStreamResult {
  id: string;
  /** The history is loading: nothing to show yet (`<ChatWindow>` shows a loading state). */
  loading: boolean;
  /** Loading the history failed. */
  loadError: Error | undefined;
  /** A save is in flight. */
  saving: boolean;
  /** The last save failed (the cache was rolled back; the messages on screen are kept, unsaved). */
  saveError: Error | undefined;
  /** Save the conversation as it is now (after a failed save). */
  retrySave(): void;
  /** A load or save failure as `<ChatWindow>` shows it, with its Retry action. */
  notice: ChatNotice | undefined;
}

/** One conversation's live store. `pristine` until the user changes it: until then loaded history may replace it. */
interface Conversation {
  id: string;
  store: ChatStore;
  pristine: boolean;
}

const saveKey = (id: string): QueryKey => ['react-chat-stream', 'save', id];

/** A finished turn worth saving: anything but a failure that left no text. */
function worthSaving(message: ChatMessage): boolean {
  return !(message.status === 'error' && message.content === '' && !message.parts?.length);
}

function runSave(client: QueryClient, queryKey: QueryKey, id: string, messages: ChatMessage[], save: UseChatQueryOptions['save']) {
  type Context = { previous: ChatMessage[] | undefined; written: unknown };
  const observer = new MutationObserver<unknown, Error, ChatMessage[], Context>(client, {
    mutationKey: saveKey(id),
    // Saves of one conversation run one after another, in order: a slow first save never lands after a second.
    scope: { id: `react-chat-stream:save:${id}` },
    mutationFn: (list) => save(id, list),
    onMutate: async (list) => {
      // A history response still in flight predates this turn: it must not overwrite the cache after us.
      await client.cancelQueries({ queryKey, exact: true });
      const previous = client.getQueryData<ChatMessage[]>(queryKey);
      client.setQueryData(queryKey, list);
      // Structural sharing may store a copy: remember what the cache really holds.
      return { previous, written: client.getQueryData(queryKey) };
    },
    onError: (_error, _list, context) => {
      // Roll back only our own write: a later turn's save may already have replaced it.
      if (!context || client.getQueryData(queryKey) !== context.written) return;
      if (context.previous) client.setQueryData(queryKey, context.previous);
      else client.removeQueries({ queryKey, exact: true });
    },
  });
  observer.mutate(messages).catch(() => {
    // The failure is shown from the mutation cache (saveError); nothing else to do here.
  });
}

/**
 * A chat whose history is server state. The conversation `id` keys a query (`load`) that fills the chat; every
 * finished turn (done, stopped, or failed with partial text) is saved once through `save`, with the cache
 * updated at once and rolled back, with a visible error, if the save fails. A conversation already in the cache
 * shows at once with no request; one not loaded yet reports `loading` (and `<ChatWindow chat={…}>` shows it).
 * Switching `id` away from a streaming reply lets it finish and be saved; unmounting stops (and saves) it.
 * Loaded history never replaces a conversation the user has already changed, and a send waits for the history.
 *
 * @example
 * const chat = useChatQuery({
 *   id: chatId,
 *   api: '/api/chat',
 *   load: (id, { signal }) => fetch(`/api/chats/${id}`, { signal }).then((r) => r.json()),
 *   save: (id, messages) => fetch(`/api/chats/${id}`, { method: 'PUT', body: JSON.stringify(messages) }),
 * });
 * return <ChatWindow chat={chat} />;
 */
export function useChatQuery(options: UseChatQueryOptions): UseChatQueryResult {
  const client = useQueryClient();
  const { id } = options;
  const keyOf = options.queryKey ?? chatQueryKey;
  const queryKey = keyOf(id);
  const latest = useRef(options);
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => latest.current.load(id, { signal }),
    // The store is the source of truth once loaded; saves keep the cache in step, so refetching would only race.
    staleTime: Infinity,
    enabled: options.enabled ?? true,
  });

  const [conversations] = useState(() => new Map<string, Conversation>());
  let conversation = conversations.get(id);
  if (!conversation) {
    const cached = client.getQueryData<ChatMessage[]>(queryKey);
    const entry: Conversation = { id, store: undefined as unknown as ChatStore, pristine: true };
    entry.store = new ChatStore({ ...options, initialMessages: cached ?? [], onFinish: (m) => finished(entry, m) });
    conversations.set(id, entry);
    conversation = entry;
  }
  const current = conversation;

  function finished(entry: Conversation, message: ChatMessage) {
    latest.current.onFinish?.(message);
    if (!worthSaving(message)) return;
    const { save, queryKey: keyFn = chatQueryKey } = latest.current;
    runSave(client, keyFn(entry.id), entry.id, entry.store.getSnapshot().messages, save);
  }

  useIsomorphicLayoutEffect(() => {
    latest.current = options;
    current.store.setOptions({ ...options, onFinish: (m) => finished(current, m) });
  });
  // Unmount stops every reply still streaming; each one's end is saved.
  useEffect(() => () => conversations.forEach((c) => c.store.destroy()), [conversations]);

  const snapshot = useSyncExternalStore(current.store.subscribe, current.store.getSnapshot, current.store.getSnapshot);
  const data = query.data;
  // Loaded history fills a conversation the user has not touched; shown in this very render (no empty flash).
  const adopt = current.pristine && data !== undefined && snapshot.messages !== data && snapshot.status === 'idle';
  useIsomorphicLayoutEffect(() => {
    if (adopt && data) current.store.setMessages(data);
  }, [adopt, data, current]);
  const messages = adopt && data ? data : snapshot.messages;

  const saves = useMutationState({ filters: { mutationKey: saveKey(id), exact: true }, select: (m) => m.state });
  const lastSave = saves[saves.length - 1];
  const saving = saves.some((s) => s.status === 'pending');
  const saveError = lastSave?.status === 'error' ? (lastSave.error as Error) : undefined;
  const loading = current.pristine && data === undefined && query.isPending && query.fetchStatus === 'fetching';
  const loadError = data === undefined ? (query.error ?? undefined) : undefined;
  const refetch = query.refetch;

  return useMemo(() => {
    const touch = () => {
      current.pristine = false;
    };
    // A send before the history arrived waits for it: the reply must answer the whole conversation, and the
    // save must not overwrite the history with only the new turn.
    const ready = async (): Promise<boolean> => {
      if (!current.pristine || current.store.getSnapshot().messages.length > 0) return true;
      try {
        const history = await client.ensureQueryData<ChatMessage[]>({ queryKey, queryFn: ({ signal }) => latest.current.load(id, { signal }) });
        if (current.pristine && current.store.getSnapshot().status === 'idle') current.store.setMessages(history);
        return true;
      } catch {
        return false;
      }
    };
    const retrySave = () => runSave(client, queryKey, id, current.store.getSnapshot().messages, latest.current.save);
    let notice: ChatNotice | undefined;
    if (loadError) notice = { message: `Couldn't load this conversation: ${loadError.message}`, onRetry: () => void refetch() };
    else if (saveError) notice = { message: `Couldn't save this conversation: ${saveError.message}`, onRetry: retrySave };
    return {
      id,
      messages,
      status: snapshot.status,
      error: snapshot.error,
      retry: snapshot.retry,
      send: async (content: string) => {
        if (!(await ready())) return;
        touch();
        return current.store.send(content);
      },
      stop: current.store.stop,
      reload: () => {
        touch();
        return current.store.reload();
      },
      regenerate: (messageId?: string) => {
        touch();
        return current.store.regenerate(messageId);
      },
      edit: (messageId: string, content: string) => {
        touch();
        return current.store.edit(messageId, content);
      },
      // A resumed reply lands on the loaded history (it replaces or follows its last message).
      resume: async () => {
        if (!(await ready())) return;
        touch();
        return current.store.resume();
      },
      store: current.store,
      setMessages: (next: Parameters<ChatStore['setMessages']>[0]) => {
        touch();
        current.store.setMessages(next);
      },
      loading,
      loadError,
      saving,
      saveError,
      retrySave,
      notice,
    };
    // queryKey is derived from id (and a key function the caller keeps stable).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, id, messages, snapshot, loading, loadError, saving, saveError, refetch, client]);
}
