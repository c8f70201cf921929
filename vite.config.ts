import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Library build: two ESM entries ('.' and './core'); React stays a peer and is never bundled.
export default defineConfig({
  plugins: [react()],
  build: {
    copyPublicDir: false,
    sourcemap: true,
    lib: {
      entry: { index: 'src/index.ts', core: 'src/core/index.ts' },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, 'marked', /^@tanstack\//],
    },
  },
});
