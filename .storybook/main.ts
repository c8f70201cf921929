import type { StorybookConfig } from '@storybook/react-vite';

// The project's vite.config.ts is loaded too, so its fakeLLM() plugin serves POST /api/chat in `storybook dev`.
const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
};

export default config;
