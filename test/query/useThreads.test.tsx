import { useState, type ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useThreads, type UseThreadsOptions } from '../../src/query/index.ts';
import { ThreadList } from '../../src/components/ThreadList.tsx';
import { createFakeChats, createFakeChatsFetch } from '../../dev/fake-llm/index.ts';

let client: QueryClient;
let server: typeof fetch;
beforeEach(() => {
  client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  server = createFakeChatsFetch(createFakeChats());
});

const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;

function api(knobs = ''): UseThreadsOptions {
  const json = async (response: Response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.json()).error.message}`);
    return response.status === 204 ? null : response.json();
  };
  const put = (body: unknown) => ({ method: 'PUT', body: JSON.stringify(body) });
  return {
    list: ({ signal }) => server(`/api/chats${knobs}`, { signal }).then(json),
    create: (body) => server(`/api/chats${knobs}`, { method: 'POST', body: JSON.stringify(body) }).then(json),
    rename: (id, title) => server(`/api/chats/${id}${knobs}`, put({ title })).then(json),
    remove: (id) => server(`/api/chats/${id}${knobs}`, { method: 'DELETE' }).then(json),
  };
}

function Sidebar({ options }: { options: UseThreadsOptions }) {
  const threads = useThreads(options);
  const [active, setActive] = useState<string | undefined>();
  return (
    <>
      <ThreadList
        threads={threads.threads}
        activeId={active}
        loading={threads.loading}
        error={threads.error?.message}
        onSelect={setActive}
        onCreate={() => void threads.create().then((t) => setActive(t.id))}
        onRename={threads.rename}
        onDelete={threads.remove}
      />
      <p data-testid="active">{active ?? 'none'}</p>
    </>
  );
}

const nav = () => screen.getByRole('navigation', { name: 'Conversations' });
const titles = () => within(nav()).queryAllByRole('listitem').map((li) => li.querySelector('.rcs-thread-select')?.textContent);

describe('useThreads with ThreadList', () => {
  it('lists conversations from the query, creates one and makes it current', async () => {
    await server('/api/chats', { method: 'POST', body: JSON.stringify({ title: 'Existing' }) });
    render(<Sidebar options={api()} />, { wrapper });
    expect(within(nav()).getByRole('status').textContent).toBe('Loading conversations…');
    await waitFor(() => expect(titles()).toEqual(['Existing']));
    await userEvent.click(screen.getByRole('button', { name: 'New chat' }));
    await waitFor(() => expect(titles()).toEqual(['Untitled chat', 'Existing']));
    const created = within(nav()).getByRole('button', { name: 'Untitled chat', current: 'page' });
    expect(created).toBeTruthy();
    expect(screen.getByTestId('active').textContent).toMatch(/^chat-/);
  });

  it('renames inline (Enter saves, Escape cancels) and focus returns to Rename', async () => {
    await server('/api/chats', { method: 'POST', body: JSON.stringify({ title: 'Old name' }) });
    render(<Sidebar options={api()} />, { wrapper });
    await waitFor(() => expect(titles()).toEqual(['Old name']));
    await userEvent.click(screen.getByRole('button', { name: 'Rename Old name' }));
    const input = screen.getByRole('textbox', { name: 'Conversation title' });
    expect(document.activeElement).toBe(input);
    await userEvent.keyboard('Ignored{Escape}');
    expect(titles()).toEqual(['Old name']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rename Old name' }));
    await userEvent.click(screen.getByRole('button', { name: 'Rename Old name' }));
    await userEvent.clear(screen.getByRole('textbox', { name: 'Conversation title' }));
    await userEvent.keyboard('New name{Enter}');
    // Optimistic: the new title shows before the server answered.
    expect(titles()).toEqual(['New name']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rename New name' }));
    await waitFor(async () => expect((await (await server('/api/chats')).json())[0].title).toBe('New name'));
  });

  it('deletes optimistically, and rolls back with a visible error when the server refuses', async () => {
    await server('/api/chats', { method: 'POST', body: JSON.stringify({ title: 'Keep me' }) });
    await server('/api/chats', { method: 'POST', body: JSON.stringify({ title: 'Drop me' }) });
    const options = api();
    render(<Sidebar options={options} />, { wrapper });
    await waitFor(() => expect(titles()).toEqual(['Drop me', 'Keep me']));
    await userEvent.click(screen.getByRole('button', { name: 'Delete Drop me' }));
    expect(titles()).toEqual(['Keep me']);
    await waitFor(async () => expect((await (await server('/api/chats')).json()).length).toBe(1));

    const failing = { ...options, remove: () => Promise.reject(new Error('HTTP 500: refused')) };
    // A second sidebar whose server refuses deletes, sharing the same cache.
    render(<Sidebar options={failing} />, { wrapper });
    const sidebars = screen.getAllByRole('navigation', { name: 'Conversations' });
    const last = sidebars[sidebars.length - 1]!;
    await userEvent.click(within(last).getByRole('button', { name: 'Delete Keep me' }));
    expect(await within(last).findByRole('alert')).toHaveProperty('textContent', 'HTTP 500: refused');
    expect(within(last).getByRole('button', { name: 'Keep me' })).toBeTruthy();
  });
});
