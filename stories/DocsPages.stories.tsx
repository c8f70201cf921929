import type { Meta, StoryObj } from '@storybook/react-vite';
import { Markdown } from '@storybook/addon-docs/blocks';
import { expect } from 'storybook/test';
import { ensure, ThemeProvider, themes } from 'storybook/theming';
import readme from '../dev/fake-llm/README.md?raw';
import './docs/docs-page.css';

// Checks for the docs pages (not shown in the sidebar): the "Fake model" page's content on a phone-sized
// screen stays as wide as the screen; its long code and URLs wrap or scroll inside their own block.
const meta = {
  title: 'Checks/Docs pages',
  tags: ['!dev', '!autodocs'],
  parameters: { layout: 'fullscreen' },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

export const FakeModelOnANarrowScreen: Story = {
  render: () => (
    // The docs page's own theme, so its blocks are styled as on the page.
    <ThemeProvider theme={ensure(themes.light)}>
      <div style={{ width: 375, padding: 16, boxSizing: 'border-box' }} data-testid="screen">
        <div className="rcs-docs-page">
          <Markdown>{readme}</Markdown>
        </div>
      </div>
    </ThemeProvider>
  ),
  play: async ({ canvasElement }) => {
    const screen = canvasElement.querySelector('[data-testid="screen"]') as HTMLElement;
    const page = screen.querySelector('.rcs-docs-page') as HTMLElement;
    await expect(page.querySelectorAll('table').length).toBeGreaterThan(0);
    // Nothing sticks out of the screen except inside a block that scrolls on its own.
    const right = screen.getBoundingClientRect().right;
    const outside = [...page.querySelectorAll('*')].filter((el) => {
      if (el.closest('table, pre') && el.closest('table, pre') !== el) return false;
      return el.getBoundingClientRect().right > right + 1;
    });
    await expect(outside.map((el) => el.tagName + ' ' + (el.textContent ?? '').slice(0, 40))).toEqual([]);
    await expect(page.scrollWidth).toBeLessThanOrEqual(page.clientWidth + 1);
  },
};
