import { defineConfig } from 'vitest/config';

// Node-side micro-benchmarks (`npm run bench:sse`); browser benchmarks live in bench/*/ with their own scripts.
export default defineConfig({
  test: {
    include: [],
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
