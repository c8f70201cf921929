/**
 * The list of conversations as a query, and creating, renaming and deleting them as mutations: what a
 * `<ThreadList>` needs. Rename and delete are optimistic and roll back when the server refuses.
 */
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { Thread } from '../components/ThreadList.tsx';

/** The default query key of the conversation list. */
export const THREADS_QUERY_KEY: QueryKey = ['react-chat-stream', 'threads'];

/** Options of `useThreads`: how to reach your server. */
export interface UseThreadsOptions<T extends Thread = Thread> {
  /** Load the list (`GET /api/chats`, say). */
  list: (context: { signal: AbortSignal }) => Promise<T[]>;
  /** Create a conversation and return it (`POST /api/chats`). */
  create: (input: { title?: string }) => Promise<T>;
  /** Rename a conversation (`PUT /api/chats/:id` with `{ title }`). */
  rename: (id: string, title: string) => Promise<unknown>;
  /** Delete a conversation (`DELETE /api/chats/:id`). */
  remove: (id: string) => Promise<unknown>;
  /** The list's query key. @default THREADS_QUERY_KEY */
  queryKey?: QueryKey;
}

/** What `useThreads` returns. */
export interface UseThreadsResult<T extends Thread = Thread> {
  threads: T[];
  /** The list is loading for the first time. */
  loading: boolean;
  /** The last failure: loading the list, or a mutation (rolled back). */
  error: Error | undefined;
  /** Create a conversation; resolves with it (rejects when the server refuses). */
  create(title?: string): Promise<T>;
  rename(id: string, title: string): void;
  remove(id: string): void;
  /** The list's query key, to invalidate after a save renames a conversation. */
  queryKey: QueryKey;
}

/**
 * A conversation list backed by TanStack Query.
 *
 * @example
 * const threads = useThreads({
 *   list: ({ signal }) => fetch('/api/chats', { signal }).then((r) => r.json()),
 *   create: (body) => fetch('/api/chats', { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json()),
 *   rename: (id, title) => fetch(`/api/chats/${id}`, { method: 'PUT', body: JSON.stringify({ title }) }),
 *   remove: (id) => fetch(`/api/chats/${id}`, { method: 'DELETE' }),
 * });
 */
export function useThreads<T extends Thread = Thread>(options: UseThreadsOptions<T>): UseThreadsResult<T> {
  const client = useQueryClient();
  const queryKey = options.queryKey ?? THREADS_QUERY_KEY;
  const query = useQuery({ queryKey, queryFn: ({ signal }) => options.list({ signal }) });

  // Optimistic edit of the cached list, undone on failure; the list is refetched either way.
  function optimistic<V>(edit: (threads: T[], variables: V) => T[]) {
    return {
      onMutate: async (variables: V) => {
        await client.cancelQueries({ queryKey, exact: true });
        const previous = client.getQueryData<T[]>(queryKey);
        if (previous) client.setQueryData<T[]>(queryKey, edit(previous, variables));
        return { previous };
      },
      onError: (_error: Error, _variables: V, context: { previous: T[] | undefined } | undefined) => {
        if (context?.previous) client.setQueryData(queryKey, context.previous);
      },
      onSettled: () => client.invalidateQueries({ queryKey, exact: true }),
    };
  }

  const createMutation = useMutation({
    mutationFn: (title: string | undefined) => options.create(title === undefined ? {} : { title }),
    onSuccess: (thread) => {
      client.setQueryData<T[]>(queryKey, (threads) => [thread, ...(threads ?? []).filter((t) => t.id !== thread.id)]);
    },
  });
  const renameMutation = useMutation({
    mutationFn: ({ id, title }: { id: string; title: string }) => options.rename(id, title),
    ...optimistic<{ id: string; title: string }>((threads, { id, title }) =>
      threads.map((t) => (t.id === id ? { ...t, title } : t)),
    ),
  });
  const removeMutation = useMutation({
    mutationFn: (id: string) => options.remove(id),
    ...optimistic<string>((threads, id) => threads.filter((t) => t.id !== id)),
  });

  const mutationError = renameMutation.error ?? removeMutation.error ?? createMutation.error ?? undefined;
  return {
    threads: query.data ?? [],
    loading: query.isPending,
    error: query.error ?? mutationError,
    create: (title) => createMutation.mutateAsync(title),
    rename: (id, title) => renameMutation.mutate({ id, title }),
    remove: (id) => removeMutation.mutate(id),
    queryKey,
  };
}
