import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { fakeLLM } from './dev/fake-llm/node.ts';
import { fileURLToPath } from 'node:url';

// Debian's Chromium, never a downloaded browser.
// React 18.3 for the `react18` project, from its own install (test/package/react18): react-dom@18 cannot share a tree
// with react@19. `npm run test:react18` installs it when missing.
const REACT18 = fileURLToPath(new URL('./test/package/react18/node_modules/', import.meta.url));
const react18Alias = [
  { find: /^react(\/.*)?$/, replacement: `${REACT18}react$1` },
  { find: /^react-dom(\/.*)?$/, replacement: `${REACT18}react-dom$1` },
  // Its ESM build (no exports map; Node would pick the CommonJS main, whose require('react') skips the alias).
  {
    find: /^@testing-library\/react$/,
    replacement: fileURLToPath(new URL('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js', import.meta.url)),
  },
];

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  plugins: [react()],
  // The server recipes (examples/server) import the package by name, as an app does; the tests run them on the source.
  resolve: { alias: { 'react-chat-stream/server': fileURLToPath(new URL('./src/server/index.ts', import.meta.url)) } },
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          // Component tests share two cores with the react18 and browser projects in `npm test`; 5 s flaked under load.
          testTimeout: 15_000,
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/**/*.browser.test.*', 'test/e2e/**', 'test/package/**'],
          setupFiles: ['test/setup.ts'],
        },
      },
      {
        // The unit, component and SSR tests again on React 18.3 (the peer range is ^18.2 || ^19).
        extends: true,
        resolve: { alias: react18Alias },
        test: {
          name: 'react18',
          environment: 'jsdom',
          env: { EXPECT_REACT_MAJOR: '18' },
          // React 18's development build is slower, and this suite shares the CPU with the unit project in `npm test`.
          testTimeout: 20_000,
          // Only what renders React: the core, server, recipe and backend suites do not import it, so running them
          // twice would only cost CI time.
          include: ['test/{components,hooks,query}/**/*.test.{ts,tsx}', 'test/react-version.test.tsx'],
          exclude: ['test/**/*.browser.test.*', 'test/e2e/**', 'test/package/**'],
          setupFiles: ['test/setup.ts'],
          // Inlined so their `react` / `react-dom` imports go through the alias too (one React per test).
          server: { deps: { inline: ['@testing-library/react', '@testing-library/user-event', /@tanstack\//] } },
        },
      },
      {
        // The packed tarball in fresh apps: a Vite React TS consumer, the README's copy-into-your-app steps, and a
        // Next.js App Router app in Chromium. Runs after the unit tests; one app at a time.
        extends: true,
        test: {
          name: 'package',
          environment: 'node',
          include: ['test/package/**/*.test.ts'],
          exclude: ['test/package/.work/**'],
          globalSetup: ['test/package/support/globalSetup.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        // Real-browser end-to-end tests: Debian Chromium against a Vite dev server with the fake model on loopback.
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/support/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time on a 2-core machine, and only after the unit tests are done: the flood and
          // scrolling cases must not share the CPU with jsdom workers.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Every story as a test in Chromium: play functions plus the a11y addon's axe check (parameters.a11y.test).
        // fakeLLM() serves POST /api/chat to the stories, as in `npm run storybook`.
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' }), fakeLLM()],
        test: {
          name: 'storybook',
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
