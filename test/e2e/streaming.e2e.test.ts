import { describe, expect } from 'vitest';
import { fakeAnswer } from '../../dev/fake-llm/index.ts';
import { isIncreasing, replyText, sendMessage, waitForReply, watchGrowth } from './support/chat.ts';
import { e2e, useChromium } from './support/e2e.ts';

useChromium();

const PROTOCOLS = ['text', 'openai', 'anthropic', 'ai-sdk'] as const;

describe('a streamed reply', () => {
  for (const protocol of PROTOCOLS) {
    e2e(`grows on screen, then equals the answer exactly (${protocol})`, async ({ page, open }) => {
      // The whole base answer (markdown, code, emoji, CJK) in about 1.5 s: many frames to watch it grow.
      await open({ protocol, render: 'plain', 'fake.tokensPerSecond': 250 });
      const growth = watchGrowth(page);
      await sendMessage(page, 'Explain streaming');
      const lengths = await growth;
      expect(lengths.length, `distinct lengths seen: ${lengths.join(', ')}`).toBeGreaterThanOrEqual(3);
      expect(isIncreasing(lengths), `lengths seen: ${lengths.join(', ')}`).toBe(true);
      await waitForReply(page, ['done']);
      expect(await replyText(page)).toBe(fakeAnswer());
    });
  }

  e2e('renders the same markdown streamed as it does all at once', async ({ page, open }) => {
    const length = 1200;
    await open({ answer: length });
    const reference = await replyText(page);
    expect(reference.length).toBeGreaterThan(0);
    await open({ 'fake.length': length, 'fake.tokensPerSecond': 400 });
    const growth = watchGrowth(page);
    await sendMessage(page, 'Explain streaming');
    expect((await growth).length).toBeGreaterThanOrEqual(3);
    await waitForReply(page, ['done']);
    expect(await replyText(page)).toBe(reference);
  });
});

describe('chunks cut at awkward places', () => {
  const cases = [
    { split: 'utf8', protocol: 'openai' },
    { split: 'utf8', protocol: 'text' },
    { split: 'crlf', protocol: 'anthropic' },
    { split: 'crlf', protocol: 'text' },
    { split: 'random', protocol: 'ai-sdk' },
  ] as const;
  for (const { split, protocol } of cases) {
    e2e(`still give the exact answer (split=${split}, ${protocol})`, async ({ page, open }) => {
      await open({ protocol, render: 'plain', 'fake.split': split, 'fake.seed': 7 });
      await sendMessage(page, 'Explain streaming');
      await waitForReply(page, ['done']);
      expect(await replyText(page)).toBe(fakeAnswer());
    });
  }
});
