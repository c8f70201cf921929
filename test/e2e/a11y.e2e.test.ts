import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect } from 'vitest';
import type { Page } from 'playwright';
import { sendMessage, waitForReplyLength } from './support/chat.ts';
import { e2e, useChromium } from './support/e2e.ts';

useChromium();

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core on the page and returns its serious and critical violations, one readable line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('axe-core', () => {
  for (const theme of ['light', 'dark'] as const) {
    e2e(`finds nothing serious in ChatWindow with a finished reply and a failed one (${theme})`, async ({ page, open }) => {
      await page.emulateMedia({ colorScheme: theme });
      await open({ theme, answer: 'base', 'fake.status': 400 });
      await sendMessage(page, 'Hello');
      await page.getByRole('alert').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    });

    e2e(`finds nothing serious in ChatWindow while a reply streams (${theme})`, async ({ page, open }) => {
      await page.emulateMedia({ colorScheme: theme });
      // Slow, so the DOM holds still while axe walks it.
      await open({ theme, 'fake.tokensPerSecond': 4 });
      await sendMessage(page, 'Hello');
      await waitForReplyLength(page, 10);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Stop' }).click();
    });

    e2e(`finds nothing serious in StreamingMessage (${theme})`, async ({ page, open }) => {
      await page.emulateMedia({ colorScheme: theme });
      await open({ page: 'message', theme });
      expect(await seriousViolations(page)).toEqual([]);
      await open({ page: 'message', theme, status: 'streaming' });
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});
