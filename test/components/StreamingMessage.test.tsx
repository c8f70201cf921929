import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Lexer } from 'marked';
import { StrictMode, type ReactNode } from 'react';
import {
  StreamingMessage,
  type CodeBlockProps,
  type Highlighter,
  type LinkProps,
  type StreamingMessageProps,
} from '../../src/components/StreamingMessage.tsx';
import * as root from '../../src/index.ts';

/** Serializes a DOM tree with sorted attributes (attribute order depends on when each one was first set). */
function shape(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return JSON.stringify(node.textContent);
  const el = node as Element;
  const attrs = [...el.attributes].map((a) => `${a.name}=${a.value}`).sort().join(' ');
  return `<${el.tagName.toLowerCase()} ${attrs}>${[...el.childNodes].map(shape).join('')}</>`;
}

const message = (container: HTMLElement) => container.querySelector('.rcs-message') as HTMLElement;

/** Feeds `text` to the component in `size`-character steps, as a stream would, calling `each` after every step. */
function stream(
  text: string,
  size: number,
  each?: (container: HTMLElement, shown: string) => void,
  props: Partial<StreamingMessageProps> = {},
) {
  const view = render(<StreamingMessage {...props} content="" status="streaming" />);
  for (let end = size; end < text.length + size; end += size) {
    const shown = text.slice(0, end);
    view.rerender(<StreamingMessage {...props} content={shown} status="streaming" />);
    each?.(view.container, shown);
  }
  return view;
}

describe('markdown elements', () => {
  const md = [
    '# Title',
    '## Sub',
    'Some **bold**, _em_, `inline code`, ~~struck~~ and a [link](https://example.com "Ex").',
    '- one\n- two\n  - nested',
    '1. first\n2. second',
    '- [ ] todo\n- [x] done',
    '> quoted *text*',
    '| Name | Qty |\n|:-----|----:|\n| pear | 2 |\n| fig | 10 |',
    '```ts\nconst x: number = 1;\n```',
    '---',
    '![alt text](https://example.com/a.png)',
  ].join('\n\n');

  it('renders headings, emphasis, strikethrough, inline code and links', () => {
    const { container } = render(<StreamingMessage content={md} status="done" />);
    expect(container.querySelector('h1')?.textContent).toBe('Title');
    expect(container.querySelector('h2')?.textContent).toBe('Sub');
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.querySelector('em')?.textContent).toBe('em');
    expect(container.querySelector('del')?.textContent).toBe('struck');
    expect(container.querySelector('p code')?.textContent).toBe('inline code');
    const link = screen.getByRole('link', { name: 'link' });
    expect(link.getAttribute('href')).toBe('https://example.com');
    expect(link.getAttribute('title')).toBe('Ex');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it('renders nested, ordered and task lists', () => {
    const { container } = render(<StreamingMessage content={md} status="done" />);
    expect(container.querySelector('ul ul li')?.textContent).toBe('nested');
    expect([...container.querySelectorAll('ol > li')].map((li) => li.textContent)).toEqual(['first', 'second']);
    const boxes = [...container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes.map((b) => b.checked)).toEqual([false, true]);
    expect(boxes.every((b) => b.disabled)).toBe(true);
    expect(boxes[1]?.closest('li')?.textContent).toBe('done');
  });

  it('renders blockquotes, tables with alignment, rules and images', () => {
    const { container } = render(<StreamingMessage content={md} status="done" />);
    expect(container.querySelector('blockquote em')?.textContent).toBe('text');
    expect([...container.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Name', 'Qty']);
    expect([...container.querySelectorAll('tbody tr')].map((tr) => tr.textContent)).toEqual(['pear2', 'fig10']);
    expect(container.querySelector<HTMLElement>('td:last-child')?.style.textAlign).toBe('right');
    expect(container.querySelector('hr')).not.toBeNull();
    // A remote image is not fetched until the reader asks for it (the URL came from the model).
    expect(screen.queryByRole('img')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show image: alt text' }));
    const img = screen.getByRole('img', { name: 'alt text' });
    expect(img.getAttribute('src')).toBe('https://example.com/a.png');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
  });

  it('renders code blocks with a language label and a copy button', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { container } = render(<StreamingMessage content={md} status="done" />);
    const code = container.querySelector('pre code');
    expect(code?.textContent).toBe('const x: number = 1;');
    expect(code?.className).toBe('language-ts');
    expect(container.querySelector('.rcs-code-language')?.textContent).toBe('ts');
    fireEvent.click(screen.getByRole('button', { name: /copy/i }));
    expect(writeText).toHaveBeenCalledWith('const x: number = 1;');
    await waitFor(() => expect(screen.getByRole('button', { name: /copy/i }).textContent).toBe('Copied'));
  });

  it('accepts renderer overrides for code blocks, links and images', () => {
    const Code = ({ code, language, complete }: CodeBlockProps) => (
      <pre data-custom-code={language} data-complete={complete}>{code}</pre>
    );
    const Link = ({ href, children }: LinkProps) => <a data-custom-link href={href}>{children}</a>;
    const Image = ({ src, alt }: { src: string; alt: string }) => <span data-custom-image={src}>{alt}</span>;
    const { container } = render(
      <StreamingMessage content={md} status="done" components={{ code: Code, link: Link, image: Image }} />,
    );
    expect(container.querySelector('[data-custom-code="ts"]')?.textContent).toBe('const x: number = 1;');
    expect(container.querySelector('[data-custom-link]')?.getAttribute('href')).toBe('https://example.com');
    expect(container.querySelector('[data-custom-image]')?.textContent).toBe('alt text');
  });

  it('is exported from the package root', () => {
    expect(root.StreamingMessage).toBe(StreamingMessage);
  });

  it('spreads div props and merges className onto the root', () => {
    const { container } = render(<StreamingMessage content="hi" className="mine" id="m1" data-role="assistant" />);
    const root = message(container);
    expect(root.className).toBe('rcs-message mine');
    expect(root.id).toBe('m1');
    expect(root.dataset.role).toBe('assistant');
  });
});

describe('caret and busy state', () => {
  it('shows a caret and aria-busy only while streaming', () => {
    const { container, rerender } = render(<StreamingMessage content="Hello" status="streaming" />);
    expect(message(container).getAttribute('aria-busy')).toBe('true');
    expect(container.querySelectorAll('.rcs-caret')).toHaveLength(1);
    expect(container.querySelector('p .rcs-caret')).not.toBeNull();
    rerender(<StreamingMessage content="Hello world" status="done" />);
    expect(message(container).getAttribute('aria-busy')).toBe('false');
    expect(container.querySelector('.rcs-caret')).toBeNull();
    rerender(<StreamingMessage content="Hello world" status="stopped" />);
    expect(container.querySelector('.rcs-caret')).toBeNull();
  });

  it('shows the caret before the first token arrives', () => {
    const { container } = render(<StreamingMessage content="" status="streaming" />);
    expect(container.querySelector('.rcs-caret')).not.toBeNull();
  });
});

describe('healing unfinished syntax while streaming', () => {
  it('renders an open code fence as a code block, then normally once done', () => {
    const { container, rerender } = render(<StreamingMessage content={'Run:\n\n```python\nprint(1)\n``'} status="streaming" />);
    const code = container.querySelector('pre code');
    expect(code?.textContent).toBe('print(1)');
    expect(container.querySelector('.rcs-code')?.getAttribute('data-complete')).toBe('false');
    expect(container.textContent).not.toContain('```');
    expect(container.textContent).not.toContain('``');
    rerender(<StreamingMessage content={'Run:\n\n```python\nprint(1)\n```'} status="done" />);
    expect(container.querySelector('pre code')?.textContent).toBe('print(1)');
    expect(container.querySelector('.rcs-code')?.getAttribute('data-complete')).toBe('true');
  });

  it('streams a long code block into stable text nodes, not one growing node', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `line ${i};`);
    const view = render(<StreamingMessage content={'```js\n' + lines.slice(0, 20).join('\n')} status="streaming" />);
    const firstNode = view.container.querySelector('pre code')?.firstChild;
    view.rerender(<StreamingMessage content={'```js\n' + lines.join('\n')} status="streaming" />);
    const code = view.container.querySelector('pre code');
    expect(code?.firstChild).toBe(firstNode);
    expect(code?.childNodes.length).toBeGreaterThan(1);
    expect(code?.textContent).toBe(lines.join('\n'));
  });

  it('holds the language label back until the info string is complete', () => {
    const { container, rerender } = render(<StreamingMessage content={'```pyth'} status="streaming" />);
    expect(container.querySelector('.rcs-code')).not.toBeNull();
    expect(container.querySelector('.rcs-code-language')).toBeNull();
    expect(container.textContent).not.toContain('pyth');
    rerender(<StreamingMessage content={'```python\n'} status="streaming" />);
    expect(container.querySelector('.rcs-code-language')?.textContent).toBe('python');
  });

  it.each([
    ['**', 'This is **bol', 'This is **bold** text', 'strong', 'bol', 'bold'],
    ['__', 'This is __bol', 'This is __bold__ text', 'strong', 'bol', 'bold'],
    ['_', 'This is _ital', 'This is _italic_ text', 'em', 'ital', 'italic'],
    ['*', 'This is *ital', 'This is *italic* text', 'em', 'ital', 'italic'],
    ['`', 'Call `fo', 'Call `foo()` now', 'code', 'fo', 'foo()'],
    ['~~', 'Was ~~wro', 'Was ~~wrong~~ right', 'del', 'wro', 'wrong'],
  ])('does not leak a dangling %s and renders the same element when complete', (delimiter, partial, complete, tag, shown, final) => {
    const { container, rerender } = render(<StreamingMessage content={partial} status="streaming" />);
    expect(container.querySelector(`p ${tag}`)?.textContent).toBe(shown);
    expect(container.textContent).not.toContain(delimiter);
    rerender(<StreamingMessage content={complete} status="done" />);
    expect(container.querySelector(`p ${tag}`)?.textContent).toBe(final);
    expect(container.textContent).not.toContain(delimiter);
  });

  it('hides a delimiter that has no text after it yet', () => {
    const { container } = render(<StreamingMessage content="Note: **" status="streaming" />);
    expect(container.textContent).toBe('Note:');
  });

  it('shows only the text of a half-typed link, then a real link once done', () => {
    const { container, rerender } = render(<StreamingMessage content="See [the docs](https://exa" status="streaming" />);
    expect(container.textContent).toBe('See the docs');
    expect(container.querySelector('a')).toBeNull();
    rerender(<StreamingMessage content="See [the do" status="streaming" />);
    expect(container.textContent).toBe('See the do');
    rerender(<StreamingMessage content="See [the docs](https://example.com)." status="done" />);
    expect(container.textContent).toBe('See the docs.');
    expect(screen.getByRole('link', { name: 'the docs' }).getAttribute('href')).toBe('https://example.com');
  });

  it('hides a half-typed image and a bullet that has no text yet', () => {
    const { container, rerender } = render(<StreamingMessage content={'Look ![chart](https://ex'} status="streaming" />);
    expect(container.textContent).toBe('Look');
    expect(container.querySelector('img')).toBeNull();
    rerender(<StreamingMessage content={'- one\n-'} status="streaming" />);
    expect(container.querySelectorAll('li')).toHaveLength(1);
  });

  it('renders a table as soon as its delimiter row starts', () => {
    const { container } = render(<StreamingMessage content={'| a | b |\n|--'} status="streaming" />);
    expect([...container.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['a', 'b']);
  });

  it('keeps literal delimiters in finished text', () => {
    const { container } = render(<StreamingMessage content="2 * 3 = 6 and snake_case_name" status="streaming" />);
    expect(container.textContent).toBe('2 * 3 = 6 and snake_case_name');
  });
});

describe('incremental rendering', () => {
  const blocks = Array.from({ length: 30 }, (_, i) =>
    i % 5 === 0
      ? `\`\`\`js\n// block ${i}\nconst v${i} = ${i};\n\nconsole.log(v${i});\n\`\`\``
      : i % 5 === 1
        ? `- item ${i}a\n- item ${i}b\n\n  continued ${i}`
        : `Paragraph ${i} with **bold** and a [link](https://example.com/${i}).`,
  );
  const doc = blocks.join('\n\n');
  const longestBlock = Math.max(...blocks.map((b) => b.length));

  it('lexes only the tail block on each update', () => {
    const lex = vi.spyOn(Lexer.prototype, 'lex');
    stream(doc, 5);
    const sizes = lex.mock.calls.map(([src]) => src.length);
    expect(sizes.length).toBeGreaterThan(doc.length / 5 - 1);
    // The tail is at most the growing block plus the block before it (until the separator arrives).
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2 * longestBlock + 4);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan((doc.length / 5) * (2 * longestBlock + 4));
  });

  it('produces the same DOM as rendering the finished text at once', () => {
    const streamed = stream(doc, 7);
    streamed.rerender(<StreamingMessage content={doc} status="done" />);
    const { container } = render(<StreamingMessage content={doc} status="done" />);
    expect(shape(streamed.container)).toBe(shape(container));
  });

  it('leaves finished blocks untouched in the DOM and does not re-render them', () => {
    let codeRenders = 0;
    const Code = ({ code }: CodeBlockProps) => {
      codeRenders++;
      return <pre>{code}</pre>;
    };
    const components = { code: Code };
    const head = blocks.slice(0, 3).join('\n\n');
    const view = render(<StreamingMessage content={head} status="streaming" components={components} />);
    const firstCode = view.container.querySelector('pre');
    const firstParagraph = view.container.querySelectorAll('p')[0];
    const observer = new MutationObserver(() => {});
    observer.observe(firstCode as Node, { subtree: true, childList: true, characterData: true, attributes: true });
    const rendersBefore = codeRenders;
    const rest = doc.slice(head.length, head.length + 400);
    for (let end = 5; end <= rest.length; end += 5) {
      view.rerender(<StreamingMessage content={head + rest.slice(0, end)} status="streaming" components={components} />);
    }
    expect(view.container.querySelector('pre')).toBe(firstCode);
    expect(view.container.querySelectorAll('p')[0]).toBe(firstParagraph);
    expect(observer.takeRecords()).toHaveLength(0);
    // Code blocks that arrive later render while they grow; the first one never renders again.
    const laterBlocks = rest.split('```js').length - 1;
    expect(codeRenders - rendersBefore).toBeLessThanOrEqual(laterBlocks * 200);
    expect(view.container.querySelectorAll('pre')[0]?.textContent).toBe('// block 0\nconst v0 = 0;\n\nconsole.log(v0);');
    observer.disconnect();
  });

  it('does not re-render a finished code block while later text streams', () => {
    let renders = 0;
    const Code = ({ code }: CodeBlockProps) => {
      renders++;
      return <pre>{code}</pre>;
    };
    const components = { code: Code };
    let head = '```js\nlet a = 1;\n```\n\nNext';
    const view = render(<StreamingMessage content={head} status="streaming" components={components} />);
    const after = renders;
    for (const tail of [' para', 'graph', ' goes', ' on.', '\n\nAnd on']) {
      view.rerender(<StreamingMessage content={(head += tail)} status="streaming" components={components} />);
    }
    expect(renders).toBe(after);
  });

  it('keeps DOM nodes of finished blocks across block groups in a long reply', () => {
    const paragraphs = Array.from({ length: 150 }, (_, i) => `Para ${i} *x*`);
    const long = paragraphs.join('\n\n');
    const view = render(<StreamingMessage content={paragraphs.slice(0, 70).join('\n\n') + '\n\nPa'} status="streaming" />);
    const first = view.container.querySelectorAll('p')[0];
    const seventieth = view.container.querySelectorAll('p')[69];
    for (let end = 5; end <= long.length; end += 9) {
      const text = long.slice(0, end);
      if (text.length > paragraphs.slice(0, 70).join('\n\n').length + 4) {
        view.rerender(<StreamingMessage content={text} status="streaming" />);
      }
    }
    view.rerender(<StreamingMessage content={long} status="done" />);
    expect(view.container.querySelectorAll('p')[0]).toBe(first);
    expect(view.container.querySelectorAll('p')[69]).toBe(seventieth);
    expect(view.container.querySelectorAll('p')).toHaveLength(150);
    const fresh = render(<StreamingMessage content={long} status="done" />);
    expect(shape(view.container)).toBe(shape(fresh.container));
  });

  it('renders the same under StrictMode double rendering', () => {
    const text = 'One **two**\n\n- three\n\n```js\nfour\n```\n\nfive';
    const strict = render(<StrictMode><StreamingMessage content={text.slice(0, 20)} status="streaming" /></StrictMode>);
    strict.rerender(<StrictMode><StreamingMessage content={text} status="done" /></StrictMode>);
    const plain = render(<StreamingMessage content={text} status="done" />);
    expect(shape(strict.container)).toBe(shape(plain.container));
  });

  it('starts over when the content is replaced rather than appended', () => {
    const { container, rerender } = render(<StreamingMessage content={'First\n\nSecond'} status="streaming" />);
    rerender(<StreamingMessage content={'Other\n\nText'} status="done" />);
    expect([...container.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['Other', 'Text']);
  });

  it('resolves reference links whose definition arrives later once done', () => {
    const md = 'See [the spec][spec].\n\nMore text.\n\n[spec]: https://spec.commonmark.org';
    const view = stream(md, 4);
    view.rerender(<StreamingMessage content={md} status="done" />);
    expect(screen.getByRole('link', { name: 'the spec' }).getAttribute('href')).toBe('https://spec.commonmark.org');
  });
});

describe('syntax highlighting', () => {
  const Hl = ({ children }: { children: ReactNode }) => <span className="hl">{children}</span>;

  it('runs the highlighter only once the fence has closed', () => {
    const highlight = vi.fn<Highlighter>((code) => <Hl>{code.toUpperCase()}</Hl>);
    const text = 'Intro\n\n```js\nlet a = 1;\nlet b = 2;\n```\n\nAfter the code.';
    const fenceClosedAt = text.indexOf('```\n\n') + 3;
    stream(text, 3, (container, shown) => {
      if (shown.length < fenceClosedAt) {
        expect(highlight).not.toHaveBeenCalled();
        expect(container.querySelector('.hl')).toBeNull();
      } else {
        expect(container.querySelector('.hl')?.textContent).toBe('LET A = 1;\nLET B = 2;');
      }
    }, { highlight });
    // Once per completed block, not once per token.
    expect(highlight).toHaveBeenCalledTimes(1);
    expect(highlight).toHaveBeenCalledWith('let a = 1;\nlet b = 2;', 'js');
  });

  it('keeps the previous output until an async highlight is ready', async () => {
    const pending: Array<(node: ReactNode) => void> = [];
    const highlight: Highlighter = (code) =>
      new Promise<ReactNode>((resolve) => pending.push(() => resolve(<Hl>{`hl:${code}`}</Hl>)));
    const { container, rerender } = render(
      <StreamingMessage content={'```js\nold()\n```'} status="done" highlight={highlight} />,
    );
    expect(container.querySelector('pre code')?.textContent).toBe('old()');
    await act(async () => pending[0]?.(null));
    expect(container.querySelector('.hl')?.textContent).toBe('hl:old()');

    rerender(<StreamingMessage content={'```js\nnew()\n```'} status="done" highlight={highlight} />);
    // Still the last highlighted output, never raw text in between.
    expect(container.querySelector('.hl')?.textContent).toBe('hl:old()');
    await act(async () => pending[1]?.(null));
    expect(container.querySelector('.hl')?.textContent).toBe('hl:new()');
  });

  it('shows plain code until the first highlight is ready', async () => {
    let release: (() => void) | undefined;
    const highlight: Highlighter = (code) =>
      new Promise<ReactNode>((resolve) => {
        release = () => resolve(<Hl>{code}</Hl>);
      });
    const { container } = render(<StreamingMessage content={'```\nx\n```'} status="done" highlight={highlight} />);
    expect(container.querySelector('pre code')?.textContent).toBe('x');
    expect(container.querySelector('.hl')).toBeNull();
    await act(async () => release?.());
    expect(container.querySelector('pre code .hl')?.textContent).toBe('x');
  });
});

describe("format: 'text'", () => {
  it('splits plain text into paragraph blocks without parsing markdown', () => {
    const { container } = render(<StreamingMessage content={'**not bold**\nline two\n\n<b>second</b>'} format="text" />);
    const paragraphs = [...container.querySelectorAll('p')];
    expect(paragraphs.map((p) => p.textContent)).toEqual(['**not bold**line two', '<b>second</b>']);
    expect(paragraphs[0]?.querySelectorAll('br')).toHaveLength(1);
    expect(container.querySelector('strong, b')).toBeNull();
  });

  it('keeps finished paragraphs as unchanged DOM nodes while streaming', () => {
    const { container, rerender } = render(<StreamingMessage content={'One.\n\nTw'} format="text" status="streaming" />);
    const first = container.querySelector('p');
    rerender(<StreamingMessage content={'One.\n\nTwo.\n\nThree'} format="text" status="streaming" />);
    expect(container.querySelector('p')).toBe(first);
    expect([...container.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['One.', 'Two.', 'Three']);
    expect(container.querySelectorAll('p')[2]?.querySelector('.rcs-caret')).not.toBeNull();
  });
});

describe('StreamingMessage accessibility details', () => {
  it('never shows an empty heading while its marker streams in', () => {
    const { container, rerender } = render(<StreamingMessage content={'Intro\n\n## '} status="streaming" />);
    expect(container.querySelector('h2')).toBeNull();
    rerender(<StreamingMessage content={'Intro\n\n## Title'} status="streaming" />);
    expect(container.querySelector('h2')?.textContent).toContain('Title');
  });

  it('lets the keyboard reach a code block that scrolls sideways', () => {
    const { container } = render(<StreamingMessage content={'```js\nconst x = 1;\n```'} status="done" />);
    expect(container.querySelector('pre')?.getAttribute('tabindex')).toBe('0');
  });
});
