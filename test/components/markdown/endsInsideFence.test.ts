import { describe, expect, it } from 'vitest';
import { endsInsideFence } from '../../../src/components/markdown/endsInsideFence.ts';

describe('endsInsideFence', () => {
  it.each([
    ['```js\ncode', true],
    ['```js\ncode\n```', false],
    ['~~~\ncode\n```', true],
    ['````\n```\n', true],
    ['````\n```\n````', false],
    ['text ``` inline', false],
    ['- item\n\n  ```sh\n  ls', true],
    ['> ```js\n> code', true],
    ['> ```js\n\nafter the quote', false],
    ['>```\n*not quoted', false],
  ])('%j -> %s', (input, expected) => {
    expect(endsInsideFence(input)).toBe(expected);
  });
});
