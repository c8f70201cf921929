import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bin, installTarball, run, scratchApp } from './support/apps.ts';
import { repoRoot } from './support/paths.ts';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };

let app: string;
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let origin: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer within 60 s:\n${output()}`);
}

beforeAll(async () => {
  app = scratchApp('next-app', {}, path.join(repoRoot, 'test/package/next-app'));
  installTarball(app, inject('tarball'));
  // One production build for every test in this file.
  run(bin('next'), ['build'], { cwd: app, env });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  let log = '';
  server = spawn(bin('next'), ['start', '-H', '127.0.0.1', '-p', String(port)], { cwd: app, env, detached: true });
  server.stdout?.on('data', (d) => (log += d));
  server.stderr?.on('data', (d) => (log += d));
  await waitUntilServing(origin, server, () => log);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  // Our own `next start` and the workers it spawned: its process group, by the pid we started.
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
});

describe('a Next.js App Router app importing ChatWindow from a server component', () => {
  it('server-renders the page with the welcome message in its HTML', async () => {
    const html = await (await fetch(origin)).text();
    expect(html).toContain('role="log"');
    expect(html).toContain('<strong>server component</strong>');
  });

  it('hydrates without warnings and streams a reply from the route handler token by token', async () => {
    const page = await browser!.newPage();
    const said: string[] = [];
    page.on('console', (m) => {
      // The fixture has no favicon; the browser's request for it is not the app's doing.
      if (m.location().url.endsWith('/favicon.ico')) return;
      if (m.type() === 'error' || m.type() === 'warning') said.push(`${m.type()}: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => said.push(`pageerror: ${e.message}`));
    await page.goto(origin);
    const box = page.getByPlaceholder('Ask the route handler');
    // Enter only sends once React has hydrated the composer (before that, nothing listens for it).
    await page.waitForFunction(() => {
      const el = document.querySelector('textarea');
      return !!el && Object.keys(el).some((k) => k.startsWith('__reactProps'));
    });
    // Every text the log shows while the reply streams.
    await page.evaluate(() => {
      const log = document.querySelector('[role="log"]')!;
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => seen.push(log.textContent ?? '')).observe(log, { subtree: true, childList: true, characterData: true });
    });
    await box.fill('ping');
    await box.press('Enter');
    const reply = 'Streamed from the Next.js route handler: you said "ping".';
    // exact: the screen-reader announcement ("Reply finished. …") contains the reply too.
    await page.getByText(reply, { exact: true }).waitFor({ timeout: 20_000 });
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    // Streamed, not delivered at once: some state showed part of the reply.
    expect(seen.some((t) => t.includes('Streamed') && !t.includes('you said'))).toBe(true);
    expect(said).toEqual([]);
    await page.close();
  });
});
