import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fakeLLM } from './dev/fake-llm/node.ts';

// Library build: two ESM entries ('.' and './core'); React stays a peer and is never bundled.
export default defineConfig({
  // fakeLLM() only mounts middleware on the dev/preview servers (npm run dev, Storybook); the build ignores it.
  plugins: [react(), fakeLLM()],
  build: {
    copyPublicDir: false,
    sourcemap: true,
    lib: {
      entry: { index: 'src/index.ts', core: 'src/core/index.ts', query: 'src/query/index.ts' },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, 'marked', /^@tanstack\//],
    },
  },
});
