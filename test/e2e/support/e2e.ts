import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Dialog, type Page } from 'playwright';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';

/** Debian's Chromium: CI installs it with apt; a browser is never downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Screenshots of failing tests land here (CI prints the path with each failure). */
export const ARTIFACTS_DIR = path.join(repoRoot, 'test-results', 'e2e');

/** What each e2e test gets: a fresh page plus what the page did that a test may want to check. */
export interface E2EContext {
  page: Page;
  context: BrowserContext;
  /** Opens the harness with these query parameters (see test/e2e/harness/main.tsx). */
  open(params?: Record<string, string | number | boolean>): Promise<void>;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Every dialog (alert, confirm, prompt) the page opened; each is dismissed at once. */
  dialogs: string[];
  /** Origin of the harness server. */
  baseURL: string;
}

/** Per-test options of `e2e()`. */
export interface E2EOptions {
  timeoutMs?: number;
  /** Do not fail on page errors and console errors (for negative controls that break the page on purpose). */
  allowPageErrors?: boolean;
}

let browser: Browser | undefined;

/** Launches one Chromium for the file's tests; call once at the top of each e2e file. */
export function useChromium(): void {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
  });
}

/** The page's console errors that are not the network noise faults cause on purpose. */
function isNoise(text: string): boolean {
  return /Failed to load resource|net::ERR_/.test(text);
}

/**
 * An e2e test: a new browser context and page, failing on uncaught page errors and console errors, with a
 * screenshot under `test-results/e2e/` when it fails.
 */
export function e2e(name: string, fn: (t: E2EContext) => Promise<void>, options: E2EOptions = {}): void {
  it(name, async ({ task, onTestFailed }) => {
    if (!browser) throw new Error('useChromium() was not called in this file');
    const baseURL = inject('baseURL');
    const context = await browser.newContext({ viewport: { width: 900, height: 640 } });
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !isNoise(message.text())) problems.push(`console.error: ${message.text()}`);
    });
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog: Dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    const open = async (params: Record<string, string | number | boolean> = {}) => {
      const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
      await page.goto(`${baseURL}/?${search}`);
      await page.waitForSelector(params.page === 'message' ? 'article' : 'textarea');
    };
    let settled = false;
    const saveScreenshot = async (): Promise<string> => {
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      const file = path.join(ARTIFACTS_DIR, `${slug(task.fullName)}.png`);
      const saved = await page
        .screenshot({ path: file, fullPage: true, timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      const where = saved ? `screenshot: ${file}` : `no screenshot (page closed); artefacts folder: ${ARTIFACTS_DIR}`;
      process.stderr.write(`\ne2e failure artefacts in ${ARTIFACTS_DIR}\n  ${where}\n`);
      if (problems.length > 0) process.stderr.write(`  ${problems.join('\n  ')}\n`);
      return where;
    };
    // A timed-out test never reaches the catch below: the page is still open, so shoot it from here.
    onTestFailed(async () => {
      if (settled) return;
      settled = true;
      await saveScreenshot();
      await context.close().catch(() => undefined);
    });
    try {
      await fn({ page, context, open, requests, dialogs, baseURL });
      if (!options.allowPageErrors) expect(problems, 'errors in the page').toEqual([]);
    } catch (error) {
      if (!settled) {
        const where = await saveScreenshot();
        if (error instanceof Error) error.message += `\n${where}`;
      }
      throw error;
    } finally {
      settled = true;
      await context.close().catch(() => undefined);
    }
  }, options.timeoutMs);
}

function slug(name: string): string {
  return name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 120);
}

/** A fresh fake-model key per test, so stats and fault counts never mix between tests or runs. */
export function uniqueKey(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
