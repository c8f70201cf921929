import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import type { LinkProps } from '../../src/components/StreamingMessage.tsx';
import { StreamingMessage } from '../../src/components/StreamingMessage.tsx';

// Every rendered row or item holds one link; the link renderer counts how many rows a flush rendered.
let linkRenders = 0;
function CountingLink({ href, children }: LinkProps) {
  linkRenders++;
  return <a href={href}>{children}</a>;
}
const components = { link: CountingLink };

const header = '| Name | Value | Doc |\n| --- | ---: | --- |\n';
const row = (i: number) => `| row ${i} | ${i * 7} | [doc](https://example.com/${i}) |\n`;
const line = (i: number) => `Line ${i} of one paragraph, with [a link](https://example.com/${i}) in it.\n`;
const item = (i: number) => `- item ${i} with [a link](https://example.com/${i})\n`;

/** Streams `count` units one flush each and returns the links rendered by each of the last flushes. */
function streamUnits(prefix: string, unit: (i: number) => string, count: number, measureLast: number): number[] {
  let content = prefix;
  const { rerender } = render(<StreamingMessage content={content} status="streaming" components={components} />);
  const perFlush: number[] = [];
  for (let i = 0; i < count; i++) {
    // Half a unit, then the rest: a flush usually ends mid-row.
    const text = unit(i);
    for (const part of [text.slice(0, text.length >> 1), text.slice(text.length >> 1)]) {
      content += part;
      linkRenders = 0;
      rerender(<StreamingMessage content={content} status="streaming" components={components} />);
      if (i >= count - measureLast) perFlush.push(linkRenders);
    }
  }
  return perFlush;
}

describe('a single huge growing block re-renders only its tail', () => {
  it('renders a bounded number of rows per flush while a 300-row table grows', { timeout: 60_000 }, () => {
    const perFlush = streamUnits(header, row, 300, 20);
    // Groups of 32 rows are memoized: a flush renders the last group at most, never all 300 rows.
    expect(Math.max(...perFlush)).toBeLessThanOrEqual(33);
    expect(Math.max(...perFlush)).toBeGreaterThan(0);
  });

  it('renders a bounded number of items per flush while a 300-item tight list grows', { timeout: 60_000 }, () => {
    const perFlush = streamUnits('', item, 300, 20);
    expect(Math.max(...perFlush)).toBeLessThanOrEqual(33);
    expect(Math.max(...perFlush)).toBeGreaterThan(0);
  });

  it('renders a bounded number of links per flush while a 300-line paragraph grows', { timeout: 60_000 }, () => {
    const perFlush = streamUnits('', line, 300, 20);
    expect(Math.max(...perFlush)).toBeLessThanOrEqual(33);
    expect(Math.max(...perFlush)).toBeGreaterThan(0);
  });

  it('shows the whole paragraph, in order, once the reply is done', { timeout: 60_000 }, () => {
    let content = '';
    const { container, rerender } = render(<StreamingMessage content={content} status="streaming" />);
    for (let i = 0; i < 120; i++) {
      content += line(i);
      rerender(<StreamingMessage content={content} status="streaming" />);
    }
    rerender(<StreamingMessage content={content} status="done" />);
    expect(container.querySelectorAll('p')).toHaveLength(1);
    const links = container.querySelectorAll('p a');
    expect(links).toHaveLength(120);
    expect(links[119]?.getAttribute('href')).toBe('https://example.com/119');
    expect(container.querySelector('p')?.textContent).toBe(content.trim().replace(/\[a link\]\([^)]*\)/g, 'a link'));
  });

  it('shows every row once the reply is done', { timeout: 60_000 }, () => {
    let content = header;
    const { container, rerender } = render(<StreamingMessage content={content} status="streaming" />);
    for (let i = 0; i < 100; i++) {
      content += row(i);
      rerender(<StreamingMessage content={content} status="streaming" />);
    }
    expect(container.querySelectorAll('tbody tr')).toHaveLength(100);
    rerender(<StreamingMessage content={content} status="done" />);
    const rows = container.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(100);
    expect(rows[99]?.textContent).toContain('row 99');
    expect(container.querySelector('[data-rcs-caret]')).toBeNull();
  });
});
