import { createElement, useEffect } from 'react';
import type { Decorator, Preview } from '@storybook/react-vite';

// Every stylesheet the kit ships, so a new component's CSS shows up here without touching this file.
import.meta.glob('../src/components/**/*.css', { eager: true });

type Theme = 'light' | 'dark';

const PAGE_COLORS: Record<Theme, { background: string; color: string }> = {
  light: { background: '#ffffff', color: '#1b1d21' },
  dark: { background: '#101215', color: '#e6e8eb' },
};

// The toolbar theme goes on <html data-theme> for page-level styles; stories pass it to components that take
// a `theme` prop (ChatWindow) through `globals.theme`.
const withTheme: Decorator = (Story, context) => {
  const theme: Theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    Object.assign(document.body.style, PAGE_COLORS[theme]);
  }, [theme]);
  return createElement('div', { 'data-theme': theme, className: 'rcs-story-root' }, createElement(Story));
};

const preview: Preview = {
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Colour scheme of the kit',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    options: {
      storySort: {
        order: ['Docs', ['Introduction', 'Hook API', 'Protocols', 'Copy into your app', 'Fake model'], 'Playground', 'Components'],
      },
    },
    // Violations fail the story in the Vitest addon and show in the a11y panel.
    a11y: { test: 'error' },
  },
  tags: ['autodocs'],
};

export default preview;
