import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fakeLLM } from './dev/fake-llm/node.ts';
import { buildInput } from './scripts/entries.mjs';

// Modules that run only in a browser component tree (hooks, components) and the root entry that re-exports them get
// 'use client', so a React Server Component can import them; `core` (and `server`) stay usable on the server.
const CLIENT_MODULE = /\/src\/(index\.ts$|hooks\/|components\/|query\/use[A-Z])/;

// Library build: one ESM file per source module (preserveModules), so an app's bundler keeps only what it imports.
// Unminified with source maps: apps minify, and stack traces should show our names.
export default defineConfig(({ command }) => {
  // The published JSX must be React's production runtime whatever NODE_ENV the build inherits (vitest sets 'test',
  // and the React plugin emits jsxDEV calls, which Next.js's production React does not have).
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    // fakeLLM() only mounts middleware on the dev/preview servers (npm run dev, Storybook); the build ignores it.
    plugins: [react(), fakeLLM()],
    build: {
      copyPublicDir: false,
      sourcemap: true,
      minify: false,
      lib: {
        entry: buildInput(),
        formats: ['es'],
      },
      rolldownOptions: {
        // React and marked are the app's (peer / dependency), never bundled. Optional peers of later entries too.
        external: [/^react($|\/)/, /^react-dom($|\/)/, /^marked($|\/)/, /^@tanstack\//, /^node:/, /^ioredis($|\/)/, /^redis($|\/)/],
        output: {
          preserveModules: true,
          preserveModulesRoot: 'src',
          entryFileNames: '[name].js',
          banner: (chunk) => (chunk.facadeModuleId && CLIENT_MODULE.test(chunk.facadeModuleId) ? "'use client';" : ''),
        },
      },
    },
  };
});
