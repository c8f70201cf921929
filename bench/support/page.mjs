// Shared by the browser benchmarks: build one bench page in production mode (development React would dominate
// the numbers), serve it on loopback with `vite preview`, and open Debian's Chromium (never a downloaded browser).
import { build, preview } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** `--name value` from the command line, or the fallback. */
export function arg(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}

/**
 * Build `entry` (an index.html under bench/), serve it, launch Chromium.
 * @param {string} entry path of the page relative to the project root
 * @param {{ crossOriginIsolated?: boolean }} [options] isolation gives performance.now() 5 µs resolution, not 100 µs
 */
export async function openBenchPage(entry, options = {}) {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcs-bench-'));
  await build({
    root,
    configFile: false,
    logLevel: 'error',
    mode: 'production',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, rolldownOptions: { input: path.join(root, entry) } },
  });
  const server = await preview({
    root,
    configFile: false,
    logLevel: 'error',
    build: { outDir },
    preview: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      headers: options.crossOriginIsolated
        ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
        : {},
    },
  });
  const { port } = server.httpServer.address();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    browser,
    url: `http://127.0.0.1:${port}/${entry}`,
    async close() {
      await browser.close();
      await server.close();
      fs.rmSync(outDir, { recursive: true, force: true });
    },
  };
}
