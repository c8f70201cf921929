import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect } from 'vitest';
import type { Page } from 'playwright';
import { e2e, useChromium } from './support/e2e.ts';

useChromium();

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface ContrastNode {
  target: string[];
  any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number; expectedContrastRatio?: string } }[];
}

/** axe-core's color-contrast rule (WCAG AA: 4.5:1, 3:1 for large text) over the page: failures and unknowns. */
async function contrast(page: Page): Promise<{ failures: string[]; checked: number; unknown: string[]; lowest: number }> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<Record<string, { nodes: ContrastNode[] }[]>> } }).axe;
    return axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations', 'incomplete', 'passes'] });
  });
  const describe = (n: ContrastNode) => {
    const d = n.any[0]?.data ?? {};
    return `${n.target.join(' ')}: ${d.fgColor} on ${d.bgColor} = ${d.contrastRatio}:1 (needs ${d.expectedContrastRatio})`;
  };
  const nodes = (key: string) => (result[key] ?? []).flatMap((r) => r.nodes);
  const ratios = nodes('passes').map((n) => n.any[0]?.data?.contrastRatio ?? Infinity);
  return {
    failures: nodes('violations').map(describe),
    checked: nodes('passes').length,
    unknown: nodes('incomplete').map(describe),
    lowest: Math.min(...ratios),
  };
}

describe('every text the kit draws reaches WCAG AA contrast (axe color-contrast, Chromium)', () => {
  for (const theme of ['light', 'dark'] as const) {
    e2e(`in the ${theme} theme`, async ({ page, open }) => {
      await page.setViewportSize({ width: 1100, height: 3200 });
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      await open({ page: 'gallery', theme });
      await page.getByRole('log').waitFor();
      // The inline editor too.
      await page.getByRole('button', { name: 'Edit message' }).first().click();
      await page.getByRole('textbox', { name: 'Edit your message' }).waitFor();
      // Everything the audit must see is there.
      for (const text of ['Thought for 3 s', 'Thinking…', 'Reasoning redacted', 'Preparing', 'Running', 'Done', 'Failed', 'Source A', 'report.pdf', 'I cannot help', 'cut off', 'content filter', 'The reply was empty.', 'Retry', 'python', 'New chat']) {
        await expect.poll(() => page.getByText(text, { exact: false }).count(), { message: text }).toBeGreaterThan(0);
      }
      const all = await contrast(page);
      // "Jump to latest" shows once the log is scrolled away from its end: a short window, scrolled up.
      await page.setViewportSize({ width: 1100, height: 700 });
      const log = page.getByRole('log');
      await log.hover();
      for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -2000);
      await page.getByRole('button', { name: 'Jump to latest' }).waitFor();
      const jump = await contrast(page);
      expect([...all.failures, ...jump.failures]).toEqual([]);
      expect(all.checked).toBeGreaterThan(60);
      // For the closing note: how many texts were checked and the lowest ratio among them.
      console.info(`contrast ${theme}: ${all.checked + jump.checked} texts checked, lowest ${Math.min(all.lowest, jump.lowest)}:1, ${all.unknown.length} undetermined`);
    });
  }
});
