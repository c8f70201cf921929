import type { StorybookConfig } from '@storybook/react-vite';
import { mergeConfig, type Plugin } from 'vite';

// The project's vite.config.ts is loaded too, so its fakeLLM() plugin serves POST /api/chat in `storybook dev`.
const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal(viteConfig, { configType }) {
    if (configType !== 'PRODUCTION') return viteConfig;
    // React's production build turns <Profiler onRender> off; its profiling build keeps it, so the static
    // Playground still counts commits (React's documented route: react-dom/client -> react-dom/profiling).
    // A resolveId hook rather than an alias: Storybook aliases 'react-dom' to an absolute path first.
    return mergeConfig(viteConfig, {
      plugins: [
        {
          name: 'react-chat-stream:profiling-react-dom',
          enforce: 'pre',
          resolveId(source: string, importer: string | undefined) {
            if (!/(^|\/)react-dom\/client(\.js)?$/.test(source)) return null;
            return this.resolve(source.replace(/client(\.js)?$/, 'profiling.js'), importer, { skipSelf: true });
          },
        } satisfies Plugin,
      ],
    });
  },
};

export default config;
