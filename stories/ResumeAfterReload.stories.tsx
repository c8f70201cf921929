import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { fakeAnswer } from '../dev/fake-llm/index.ts';
import { ChatWindow, getChatStore, removeChatStore, type ChatMessage } from '../src/index.ts';
import { fakeModel } from './fakeModel.ts';

// A reply that outlives its page: the fake model produces into a resumable stream store (POST /api/chat with the
// conversation id, GET /api/chat/:id/stream, POST /api/chat/:id/stop on the dev server; the same routes in the
// page's fake fetch in a static build). The page "reloads" (the chat is thrown away, its messages kept as an app
// would persist them) and `resumeOnMount` reattaches.

const model = fakeModel({ protocol: 'ai-sdk', tokensPerSecond: 25 });

/** A page with a Reload button: the chat goes away mid-answer (no stop), and comes back from its saved messages. */
function ReloadablePage({ chatId }: { chatId: string }) {
  const [load, setLoad] = useState(0);
  const [saved, setSaved] = useState<ChatMessage[]>([]);
  const reload = () => {
    const store = getChatStore(chatId);
    setSaved(store.getSnapshot().messages);
    // What unloading a page does: the request is aborted, the server keeps producing.
    store.destroy();
    removeChatStore(chatId);
    setLoad((n) => n + 1);
  };
  return (
    <div style={{ display: 'grid', gridTemplateRows: 'auto 1fr', gap: 8, height: 'min(640px, calc(100vh - 32px))', maxWidth: 900, margin: '0 auto' }}>
      <p style={{ margin: 0 }}>
        <button type="button" onClick={reload}>
          Reload page
        </button>{' '}
        <span>Page load {load + 1}</span>
      </p>
      <ChatWindow
        key={load}
        id={chatId}
        {...model}
        protocol="ai-sdk"
        resumeOnMount
        initialMessages={saved}
        placeholder="Ask, then reload mid-answer"
      />
    </div>
  );
}

const meta = {
  title: 'Recipes/Resume after reload',
  component: ReloadablePage,
  args: { chatId: 'story-resume' },
} satisfies Meta<typeof ReloadablePage>;

export default meta;
type Story = StoryObj<typeof meta>;

const replies = (root: HTMLElement) => Array.from(root.querySelectorAll<HTMLElement>('article[data-role="assistant"]'));

/** Ask, reload mid-answer: the reply comes back whole (no gap, no duplicate) and finishes live. */
export const ResumeAfterReload: Story = {
  name: 'Resume after reload',
  args: { chatId: `story-resume-${Math.random().toString(36).slice(2, 8)}` },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Tell me everything{Enter}');
    await waitFor(() => expect(replies(canvasElement)[0]?.textContent?.length ?? 0).toBeGreaterThan(40), { timeout: 10_000 });
    await userEvent.click(canvas.getByRole('button', { name: 'Reload page' }));
    await waitFor(() => expect(canvas.getByText('Page load 2')).toBeInTheDocument());
    await waitFor(() => expect(replies(canvasElement)[0]?.dataset.status).toBe('done'), { timeout: 20_000 });
    expect(replies(canvasElement)).toHaveLength(1);
    // Every character once: the conversation holds exactly the fake model's answer.
    const messages = getChatStore(args.chatId).getSnapshot().messages;
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(messages[1]!.content).toBe(fakeAnswer());
  },
};
