import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { createServer, type ViteDevServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { fakeLLM } from '../../../dev/fake-llm/node.ts';
import { attackModel } from './attackModel.ts';
import { resumableModel } from './resumableModel.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the harness dev server, e.g. `http://127.0.0.1:41234`. */
    baseURL: string;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

/**
 * Starts one Vite dev server for the whole e2e run: the harness page, the kit from `src/` and the fake model over
 * real HTTP on loopback. Stopped when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Screenshots left by an earlier run would pass for failures of this one.
  rmSync(path.join(repoRoot, 'test-results', 'e2e'), { recursive: true, force: true });
  const server: ViteDevServer = await createServer({
    configFile: false,
    root: path.join(here, '../harness'),
    // Its own cache: other dev servers (Storybook, the demo) may run from the same checkout at the same time.
    cacheDir: path.join(repoRoot, 'node_modules/.vite/e2e'),
    logLevel: 'warn',
    clearScreen: false,
    plugins: [react(), fakeLLM(), attackModel(), resumableModel()],
    server: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      // No HMR: a teammate saving a file in the shared checkout must not reload a page mid-test.
      hmr: false,
      watch: null,
      fs: { allow: [repoRoot] },
    },
    // Prebundle up front so the first page load never triggers a dependency re-optimisation and reload.
    optimizeDeps: {
      include: ['react', 'react/jsx-dev-runtime', 'react/jsx-runtime', 'react-dom', 'react-dom/client', 'marked'],
    },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the e2e dev server has no TCP address');
  const baseURL = `http://127.0.0.1:${address.port}`;
  // Warm the module graph once so the first test does not pay for the transforms.
  await fetch(`${baseURL}/`).then((r) => r.text());
  await fetch(`${baseURL}/main.tsx`).then((r) => r.text());
  project.provide('baseURL', baseURL);
  process.stdout.write(`e2e: harness at ${baseURL}\n`);
  return async () => {
    await server.close();
  };
}
