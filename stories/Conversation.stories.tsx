import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatWindow, useChatSelector, type ChatWindowOptionsProps } from '../src/index.ts';
import { fakeModel } from './fakeModel.ts';

// Conversation operations on a real ChatWindow over the fake model: edit a question, regenerate a reply, and one
// conversation shown in two windows (the `id` option).

const frame: Decorator = (Story) => (
  <div style={{ height: 'min(640px, calc(100vh - 32px))', minHeight: 320, maxWidth: 900, margin: '0 auto' }}>
    <Story />
  </div>
);

const meta = {
  title: 'Components/Conversation',
  component: ChatWindow,
  decorators: [frame],
  args: { ...fakeModel({ tokensPerSecond: 200, tokens: 24 }), placeholder: 'Ask the fake model…' },
} satisfies Meta<ChatWindowOptionsProps>;

export default meta;
type Story = StoryObj<typeof meta>;

const rowsOf = (root: HTMLElement, role: 'user' | 'assistant') =>
  Array.from(root.querySelectorAll<HTMLElement>(`article[data-role="${role}"]`));

async function askAndWait(root: HTMLElement, text: string) {
  const canvas = within(root);
  await userEvent.type(canvas.getAllByRole('textbox', { name: 'Message' })[0]!, `${text}{Enter}`);
  await waitFor(() => expect(rowsOf(root, 'assistant').at(-1)?.dataset.status).toBe('done'), { timeout: 15_000 });
}

/** Edit a sent question inline (Enter saves, Escape cancels): the conversation answers again from there. */
export const EditAMessage: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await askAndWait(canvasElement, 'First question');
    await userEvent.click(canvas.getByRole('button', { name: 'Edit message' }));
    const editor = canvas.getByRole('textbox', { name: 'Edit your message' });
    await userEvent.clear(editor);
    await userEvent.type(editor, 'Edited question{Enter}');
    await waitFor(() => expect(rowsOf(canvasElement, 'user')[0]).toHaveTextContent('Edited question'));
    await waitFor(() => expect(rowsOf(canvasElement, 'assistant').at(-1)?.dataset.status).toBe('done'), { timeout: 15_000 });
    // Still one question and one answer: the edit replaced the turn, it did not append one.
    expect(rowsOf(canvasElement, 'user')).toHaveLength(1);
    expect(rowsOf(canvasElement, 'assistant')).toHaveLength(1);
    // Focus came back to the Edit action, not to <body>.
    expect(document.activeElement).toBe(canvas.getByRole('button', { name: 'Edit message' }));
  },
};

/** Regenerate the last reply, whatever its status (here a stopped one): it streams again in place. */
export const RegenerateAReply: Story = {
  args: { ...fakeModel({ tokensPerSecond: 20, tokens: 80 }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Tell me a long story{Enter}');
    await waitFor(() => expect(rowsOf(canvasElement, 'assistant')[0]?.textContent?.length ?? 0).toBeGreaterThan(5), {
      timeout: 10_000,
    });
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(rowsOf(canvasElement, 'assistant')[0]?.dataset.status).toBe('stopped'));
    await userEvent.click(canvas.getByRole('button', { name: 'Regenerate reply' }));
    await waitFor(() => expect(rowsOf(canvasElement, 'assistant')[0]?.dataset.status).toBe('streaming'));
    expect(rowsOf(canvasElement, 'assistant')).toHaveLength(1);
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(rowsOf(canvasElement, 'assistant')[0]?.dataset.status).toBe('stopped'));
  },
};

function StatusBadge({ id }: { id: string }) {
  // Subscribes to the status only: it does not re-render on text flushes.
  const status = useChatSelector(id, (s) => s.status);
  return (
    <p role="status" aria-label="Shared chat status">
      Status: {status}
    </p>
  );
}

/** Two windows with the same `id` share one conversation and one stream: send in one, watch it in both. */
export const TwoViewsOfOneChat: Story = {
  render: (storyArgs) => {
    const args = storyArgs as ChatWindowOptionsProps;
    return (
    <div style={{ display: 'grid', gridTemplateRows: 'auto 1fr', height: '100%' }}>
      <StatusBadge id="story-shared" />
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12, minHeight: 0 }}>
        <ChatWindow {...args} id="story-shared" aria-label="Left view" />
        <ChatWindow {...args} id="story-shared" aria-label="Right view" />
      </div>
    </div>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const [left, right] = [canvas.getByRole('region', { name: 'Left view' }), canvas.getByRole('region', { name: 'Right view' })];
    await userEvent.type(within(left).getByRole('textbox', { name: 'Message' }), 'Hello from the left{Enter}');
    await waitFor(() => expect(rowsOf(right, 'user')[0]).toHaveTextContent('Hello from the left'));
    await waitFor(() => expect(rowsOf(right, 'assistant')[0]?.dataset.status).toBe('done'), { timeout: 15_000 });
    expect(rowsOf(right, 'assistant')[0]!.textContent).toBe(rowsOf(left, 'assistant')[0]!.textContent);
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Shared chat status' })).toHaveTextContent('idle'));
  },
};
