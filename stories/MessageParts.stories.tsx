import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatWindow, type ChatWindowOptionsProps, type ToolCallCardProps } from '../src/index.ts';
import { fakeModel } from './fakeModel.ts';

const frame: Decorator = (Story, context) => (
  <div style={{ height: context.viewMode === 'docs' ? 460 : 'min(720px, calc(100vh - 32px))', minHeight: 320, maxWidth: 760, margin: '0 auto' }}>
    <Story />
  </div>
);

const meta = {
  title: 'Components/Message parts',
  component: ChatWindow,
  decorators: [frame],
  parameters: {
    docs: {
      description: {
        component:
          'Replies are more than text: reasoning, tool calls, citations, refusals and token-limit cuts arrive as message `parts` ' +
          'and render in order. Each story turns on a fake-model knob (`reasoning`, `tools`, `sources`, `finish`).',
      },
    },
  },
  args: { ...fakeModel({ tokens: 40, tokensPerSecond: 80 }), placeholder: 'Ask the fake model…' },
  render: (args, context) => <ChatWindow theme={context.globals.theme === 'dark' ? 'dark' : 'light'} {...args} />,
} satisfies Meta<ChatWindowOptionsProps>;

export default meta;
type Story = StoryObj<typeof meta>;

async function ask(canvasElement: HTMLElement) {
  await userEvent.type(within(canvasElement).getByRole('textbox'), 'What is the weather in Paris?{Enter}');
}

function reply(canvasElement: HTMLElement): HTMLElement {
  const rows = canvasElement.querySelectorAll<HTMLElement>('article[data-role="assistant"]');
  const row = rows[rows.length - 1];
  if (!row) throw new Error('no reply yet');
  return row;
}

async function waitDone(canvasElement: HTMLElement) {
  await waitFor(() => expect(reply(canvasElement).dataset.status).toBe('done'), { timeout: 15_000 });
}

/** Reasoning streams open ("Thinking…"), then collapses to "Thought for N s"; the user can open it again. */
export const ReasoningModel: Story = {
  name: 'Reasoning model',
  args: fakeModel({ protocol: 'anthropic', reasoning: true, tokens: 40, tokensPerSecond: 40 }),
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await waitDone(canvasElement);
    const toggle = within(reply(canvasElement)).getByRole('button', { name: /^(Thought for \d+ s|Reasoning)$/ });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(reply(canvasElement).textContent).toContain('getWeather for Paris');
  },
};

/** A custom renderer for one tool; every other tool keeps the default card. */
function WeatherCard({ part }: ToolCallCardProps) {
  const output = part.state === 'output-available' ? (part.output as { city: string; tempC: number; sky: string }) : undefined;
  return (
    <p className="weather-card" role="group" aria-label="Weather" style={{ border: '1px solid currentColor', borderRadius: 8, padding: 8 }}>
      {output ? `${output.city}: ${output.tempC} °C, ${output.sky}` : 'Looking up the weather…'}
    </p>
  );
}
const tools = { getWeather: WeatherCard };

/** The tool's arguments stream into the default card as formatted JSON, then its output; the AI SDK stream is multi-step. */
export const ToolCalls: Story = {
  name: 'Tool calls',
  args: fakeModel({ protocol: 'ai-sdk', tools: true, tokens: 40, tokensPerSecond: 40 }),
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await waitDone(canvasElement);
    const card = within(reply(canvasElement)).getByRole('group', { name: 'Tool call: getWeather' });
    await expect(card).toHaveAttribute('data-state', 'output-available');
    await expect(card.textContent).toContain('"city": "Paris"');
    await expect(card.textContent).toContain('"tempC": 21');
  },
};

/** The same stream with `tools={{ getWeather: WeatherCard }}`: a per-tool renderer replaces the card. */
export const CustomToolRenderer: Story = {
  name: 'Tool calls: custom renderer',
  args: { ...fakeModel({ protocol: 'ai-sdk', tools: true, tokens: 40, tokensPerSecond: 40 }), tools },
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await waitDone(canvasElement);
    await expect(within(reply(canvasElement)).getByRole('group', { name: 'Weather' }).textContent).toBe('Paris: 21 °C, sunny');
  },
};

/** Citations as a compact list of safe links under the answer. */
export const Citations: Story = {
  args: fakeModel({ protocol: 'ai-sdk', sources: true, tokens: 40, tokensPerSecond: 80 }),
  play: async ({ canvasElement }) => {
    await ask(canvasElement);
    await waitDone(canvasElement);
    const list = within(reply(canvasElement)).getByRole('navigation', { name: 'Sources' });
    const links = within(list).getAllByRole('link');
    await expect(links.map((a) => a.textContent)).toEqual(['Paris weather', 'Climate of Paris']);
  },
};

/** A refusal shown apart from the answer (OpenAI `refusal` deltas), and a reply cut at the token limit. */
export const RefusalAndTokenLimit: Story = {
  name: 'Refusal and token-limit cut',
  args: fakeModel({ protocol: 'openai', finish: 'refusal', tokens: 12, tokensPerSecond: 80 }),
  render: (args, context) => {
    const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
    return (
      <div style={{ display: 'grid', gridTemplateRows: '1fr 1fr', gap: 12, height: '100%' }}>
        <ChatWindow theme={theme} {...args} aria-label="Refusal" />
        <ChatWindow theme={theme} {...fakeModel({ protocol: 'openai', finish: 'length', tokens: 30, tokensPerSecond: 80 })} aria-label="Token limit" />
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const [refusal, cut] = [canvas.getByRole('region', { name: 'Refusal' }), canvas.getByRole('region', { name: 'Token limit' })];
    for (const chat of [refusal, cut]) await userEvent.type(within(chat).getByRole('textbox'), 'Tell me a story{Enter}');
    await waitFor(() => expect(within(refusal).getByRole('note', { name: 'The model declined to answer' })).toBeTruthy(), { timeout: 15_000 });
    await waitFor(() => expect(within(cut).getByText('The reply was cut off at the token limit.')).toBeTruthy(), { timeout: 15_000 });
  },
};
