import { useEffect, useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { ChatWindow, ThreadList, type ChatMessage } from '../src/index.ts';
import { useChatQuery, useThreads, type UseThreadsOptions } from '../src/query/index.ts';
import { createFakeChatsFetch } from '../dev/fake-llm/index.ts';
import { IN_BROWSER_MODEL, fakeModel, uniqueKey } from './fakeModel.ts';

// The dev server's in-memory history routes, or the same routes in the browser in a static build.
const historyFetch: typeof fetch = IN_BROWSER_MODEL ? createFakeChatsFetch() : (...args) => fetch(...args);

/** Knobs of the fake history server. */
interface ThreadsArgs {
  /** Each history request answers this many ms late. */
  slowMs: number;
  /** Every save answers 500, so the optimistic update rolls back. */
  failSave: boolean;
  /** Conversation space on the server (one per story load, so stories do not see each other's chats). */
  space: string;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new Error(`HTTP ${response.status}: ${body.error?.message ?? response.statusText}`);
  }
  return (response.status === 204 ? null : await response.json()) as T;
}

function historyApi({ slowMs, failSave, space }: ThreadsArgs) {
  const knobs = (extra = '') => `?space=${space}${slowMs ? `&slowMs=${slowMs}` : ''}${extra}`;
  const send = (path: string, method: string, body?: unknown, extra = '') =>
    historyFetch(`/api/chats${path}${knobs(extra)}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(json);
  const threads: UseThreadsOptions = {
    list: ({ signal }) => historyFetch(`/api/chats${knobs()}`, { signal }).then((r) => json(r)),
    create: (body) => send('', 'POST', body) as never,
    rename: (id, title) => send(`/${id}`, 'PUT', { title }),
    remove: (id) => send(`/${id}`, 'DELETE'),
  };
  return {
    threads,
    load: (id: string, { signal }: { signal: AbortSignal }) =>
      historyFetch(`/api/chats/${id}${knobs()}`, { signal })
        .then((r) => json<{ messages: ChatMessage[] }>(r))
        .then((chat) => chat.messages),
    save: (id: string, messages: ChatMessage[]) => send(`/${id}`, 'PUT', { messages }, failSave ? '&failSave=1' : ''),
  };
}

function ThreadsDemo(args: ThreadsArgs) {
  const api = historyApi(args);
  const client = useQueryClient();
  const threads = useThreads(api.threads);
  const [active, setActive] = useState<string | undefined>();
  // Open the newest conversation, or start one when there is none.
  useEffect(() => {
    if (threads.loading || active !== undefined) return;
    if (threads.threads[0]) setActive(threads.threads[0].id);
  }, [threads.loading, threads.threads, active]);
  const chat = useChatQuery({
    id: active ?? '',
    enabled: active !== undefined,
    ...fakeModel({ tokensPerSecond: 120, length: 400 }),
    load: api.load,
    save: async (id, messages) => {
      await api.save(id, messages);
      // The server titles a new chat after its first question: show it in the sidebar.
      await client.invalidateQueries({ queryKey: threads.queryKey });
    },
  });
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '220px 1fr', gap: 12, height: 'min(640px, calc(100vh - 32px))' }}>
      <ThreadList
        threads={threads.threads}
        activeId={active}
        loading={threads.loading}
        error={threads.error?.message}
        onSelect={setActive}
        onCreate={() => void threads.create().then((t) => setActive(t.id), () => undefined)}
        onRename={threads.rename}
        onDelete={(id) => {
          threads.remove(id);
          if (id === active) setActive(threads.threads.find((t) => t.id !== id)?.id);
        }}
      />
      {active ? (
        <ChatWindow chat={chat} placeholder="Ask the fake model…" empty="A new conversation: ask anything." />
      ) : (
        <p>Create a chat to start.</p>
      )}
    </div>
  );
}

const meta = {
  title: 'Components/Threads',
  component: ThreadsDemo,
  parameters: {
    docs: {
      description: {
        component:
          'Conversations as server state with TanStack Query (`react-chat-stream/query`): `useThreads` lists, creates, ' +
          'renames and deletes conversations through mutations; `useChatQuery` loads the selected one (cached ones show ' +
          'at once) and saves every finished turn with an optimistic update. The history lives in the fake server\'s ' +
          'in-memory `/api/chats` routes; `slowMs` and `failSave` are its fault knobs.',
      },
    },
  },
  args: { slowMs: 0, failSave: false, space: uniqueKey('threads') },
  // A fresh cache per story render: a story starts with nothing loaded.
  render: (args) => {
    const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
    return (
      <QueryClientProvider client={client}>
        <ThreadsDemo {...args} />
      </QueryClientProvider>
    );
  },
} satisfies Meta<ThreadsArgs>;

export default meta;
type Story = StoryObj<typeof meta>;

const sidebar = (canvasElement: HTMLElement) => within(canvasElement.querySelector<HTMLElement>('nav')!);
const replies = (canvasElement: HTMLElement) => canvasElement.querySelectorAll<HTMLElement>('article[data-role="assistant"]');

async function askAndWait(canvasElement: HTMLElement, question: string) {
  const before = replies(canvasElement).length;
  const textbox = await within(canvasElement).findByRole('textbox', { name: /message/i }, { timeout: 5000 });
  await userEvent.type(textbox, `${question}{Enter}`);
  await waitFor(() => expect(replies(canvasElement)[before]?.dataset.status).toBe('done'), { timeout: 15_000 });
}

/**
 * Create two chats, ask in each, switch back (the cached one shows at once, no loading), rename one, delete the
 * other.
 */
export const Threads: Story = {
  args: { space: uniqueKey('threads') },
  play: async ({ canvasElement }) => {
    const nav = sidebar(canvasElement);
    await userEvent.click(nav.getByRole('button', { name: 'New chat' }));
    await waitFor(() => expect(within(canvasElement).getByText('A new conversation: ask anything.')).toBeTruthy());
    await askAndWait(canvasElement, 'First question');
    // Saved: the server titled the chat after its question.
    await waitFor(() => expect(nav.getByRole('button', { name: 'First question' })).toBeTruthy(), { timeout: 5000 });

    await userEvent.click(nav.getByRole('button', { name: 'New chat' }));
    await waitFor(() => expect(replies(canvasElement)).toHaveLength(0));
    await askAndWait(canvasElement, 'Second question');
    await waitFor(() => expect(nav.getByRole('button', { name: 'Second question' })).toBeTruthy(), { timeout: 5000 });

    await userEvent.click(nav.getByRole('button', { name: 'First question' }));
    await expect(canvasElement.querySelector('[data-loading]')).toBeNull();
    await expect(within(canvasElement).getByRole('log')).toHaveTextContent('First question');

    await userEvent.click(nav.getByRole('button', { name: 'Rename First question' }));
    await userEvent.clear(nav.getByRole('textbox', { name: 'Conversation title' }));
    await userEvent.keyboard('Renamed chat{Enter}');
    await expect(nav.getByRole('button', { name: 'Renamed chat' })).toBeTruthy();

    await userEvent.click(nav.getByRole('button', { name: 'Delete Second question' }));
    await waitFor(() => expect(nav.queryByRole('button', { name: 'Second question' })).toBeNull());
    await waitFor(async () => {
      const list = await historyApi({ slowMs: 0, failSave: false, space: Threads.args!.space! }).threads.list({ signal: new AbortController().signal });
      await expect(list.map((t) => t.title)).toEqual(['Renamed chat']);
    });
  },
};

/** Every save fails: the reply stays on screen, the cache rolls back, and an alert offers to save again. */
export const FailingSave: Story = {
  args: { failSave: true, space: uniqueKey('threads-fail') },
  play: async ({ canvasElement }) => {
    const nav = sidebar(canvasElement);
    await userEvent.click(nav.getByRole('button', { name: 'New chat' }));
    await askAndWait(canvasElement, 'Will this be saved?');
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 5000 });
    await expect(alert).toHaveTextContent("Couldn't save this conversation");
    await expect(replies(canvasElement)).toHaveLength(1);
    // The server kept nothing: the sidebar still shows the untitled chat.
    await expect(nav.getByRole('button', { name: 'Untitled chat', current: 'page' })).toBeTruthy();
  },
};

/** History answers 1.5 s late: a conversation not in the cache shows a loading state, then its messages. */
export const SlowHistory: Story = {
  args: { slowMs: 1500, space: uniqueKey('threads-slow') },
  loaders: [
    async ({ args }) => {
      // A conversation saved earlier (another tab, yesterday): on the server, not in this page's cache.
      const api = historyApi({ ...(args as ThreadsArgs), slowMs: 0 });
      const chat = await api.threads.create({ title: 'Yesterday' });
      await api.save(chat.id, [
        { id: 'u1', role: 'user', content: 'What did we talk about?' },
        { id: 'a1', role: 'assistant', content: 'Streaming chat replies, token by token.', status: 'done' },
      ]);
      return {};
    },
  ],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('[data-loading]')).not.toBeNull(), { timeout: 5000 });
    await expect(within(canvasElement).getByText('Loading conversation…')).toBeTruthy();
    await waitFor(() => expect(within(canvasElement).getByRole('log')).toHaveTextContent('Streaming chat replies'), { timeout: 8000 });
    await expect(canvasElement.querySelector('[data-loading]')).toBeNull();
  },
};
