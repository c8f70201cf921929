import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import fc from 'fast-check';
import { StreamingMessage } from '../../src/components/StreamingMessage.tsx';

interface Payload {
  name: string;
  markdown: string;
  /** Text that must stay visible: raw HTML is shown, never dropped. */
  visible: string;
}

const PAYLOADS: Payload[] = [
  { name: 'script tag', markdown: '<script>alert(1)</script>', visible: '<script>alert(1)</script>' },
  { name: 'script block', markdown: 'Before\n\n<script>\nalert(document.cookie)\n</script>\n\nAfter', visible: 'alert(document.cookie)' },
  { name: 'img onerror', markdown: '<img src=x onerror=alert(1)>', visible: '<img src=x onerror=alert(1)>' },
  { name: 'img onerror quoted', markdown: 'hi <img src="x" onerror="alert(1)"> there', visible: '<img src="x" onerror="alert(1)">' },
  { name: 'svg onload', markdown: '<svg onload=alert(1)>', visible: '<svg onload=alert(1)>' },
  { name: 'svg script', markdown: '<svg><script>alert(1)</script></svg>', visible: '<svg><script>alert(1)</script></svg>' },
  { name: 'svg animate href', markdown: '<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>X</text></a></svg>', visible: 'values=javascript:alert(1)' },
  { name: 'div onmouseover', markdown: '<div onmouseover="alert(1)">hover me</div>', visible: '<div onmouseover="alert(1)">hover me</div>' },
  { name: 'iframe javascript', markdown: '<iframe src="javascript:alert(1)"></iframe>', visible: '<iframe src="javascript:alert(1)"></iframe>' },
  { name: 'raw anchor', markdown: '<a href="javascript:alert(1)">x</a>', visible: '<a href="javascript:alert(1)">x</a>' },
  { name: 'body onload', markdown: '<body onload=alert(1)>', visible: '<body onload=alert(1)>' },
  { name: 'details ontoggle', markdown: '<details open ontoggle=alert(1)>', visible: '<details open ontoggle=alert(1)>' },
  { name: 'object data', markdown: '<object data="javascript:alert(1)"></object>', visible: '<object data="javascript:alert(1)">' },
  { name: 'style import', markdown: "<style>@import 'http://evil/x.css';</style>", visible: "<style>@import 'http://evil/x.css';</style>" },
  { name: 'math xlink', markdown: '<math><mi xlink:href="javascript:alert(1)">x</mi></math>', visible: '<mi xlink:href="javascript:alert(1)">' },
  { name: 'markdown javascript link', markdown: '[click me](javascript:alert(1))', visible: 'click me' },
  { name: 'mixed case scheme', markdown: '[click me](JaVaScRiPt:alert(1))', visible: 'click me' },
  { name: 'tab entity in scheme', markdown: '[click me](jav&#x09;ascript:alert(1))', visible: 'click me' },
  { name: 'newline entity in scheme', markdown: '[click me](java&#10;script:alert(1))', visible: 'click me' },
  { name: 'decimal entity scheme', markdown: '[click me](&#106;avascript:alert(1))', visible: 'click me' },
  { name: 'colon entity', markdown: '[click me](javascript&colon;alert(1))', visible: 'click me' },
  { name: 'hex colon entity', markdown: '[click me](javascript&#x3A;alert(1))', visible: 'click me' },
  { name: 'leading control char', markdown: '[click me](\x01javascript:alert(1))', visible: 'click me' },
  { name: 'leading space in angle brackets', markdown: '[click me](< javascript:alert(1)>)', visible: 'click me' },
  { name: 'angle-bracket destination', markdown: '[click me](<javascript:alert(1)>)', visible: 'click me' },
  { name: 'javascript autolink', markdown: '<javascript:alert(1)>', visible: 'javascript:alert(1)' },
  { name: 'mixed case autolink', markdown: 'go <JAVASCRIPT:alert(1)> now', visible: 'JAVASCRIPT:alert(1)' },
  { name: 'vbscript link', markdown: '[click me](vbscript:msgbox(1))', visible: 'click me' },
  { name: 'vbscript autolink', markdown: '<vbscript:msgbox(1)>', visible: 'vbscript:msgbox(1)' },
  { name: 'data html link', markdown: '[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', visible: 'click me' },
  { name: 'data html autolink', markdown: '<data:text/html,alert(1)>', visible: 'data:text/html,alert(1)' },
  { name: 'data image as link', markdown: '[click me](data:image/png;base64,AAAA)', visible: 'click me' },
  { name: 'javascript image', markdown: '![pic](javascript:alert(1))', visible: 'pic' },
  { name: 'data html image', markdown: '![pic](data:text/html;base64,PHNjcmlwdD4=)', visible: 'pic' },
  { name: 'svg data image', markdown: '![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)', visible: 'pic' },
  { name: 'reference link', markdown: '[click me][x]\n\n[x]: javascript:alert(1)', visible: 'click me' },
  { name: 'link title breakout', markdown: '[click me](https://ok.example "a\\" onmouseover=\\"alert(1)")', visible: 'click me' },
  { name: 'escaped html entities', markdown: '&lt;script&gt;alert(1)&lt;/script&gt;', visible: '<script>alert(1)</script>' },
  { name: 'numeric entities', markdown: '&#60;img src=x onerror=alert(1)&#62;', visible: '<img src=x onerror=alert(1)>' },
  { name: 'html inside code block', markdown: '```html\n</code></pre><script>alert(1)</script>\n```', visible: '</code></pre><script>alert(1)</script>' },
  { name: 'html inside inline code', markdown: 'Use `<img src=x onerror=alert(1)>` here', visible: '<img src=x onerror=alert(1)>' },
  { name: 'language info breakout', markdown: '```"><img src=x onerror=alert(1)>\nx\n```', visible: 'x' },
  { name: 'html in table cell', markdown: '| a |\n|---|\n| <img src=x onerror=alert(1)> |', visible: '<img src=x onerror=alert(1)>' },
  { name: 'html in link text', markdown: '[<img src=x onerror=alert(1)>](https://ok.example)', visible: '<img src=x onerror=alert(1)>' },
  { name: 'comment smuggling', markdown: '<!-- --><script>alert(1)</script> -->', visible: '<script>alert(1)</script>' },
];

const DANGEROUS_ELEMENTS = 'script, iframe, object, embed, svg, math, style, form, base, meta, link, frame, frameset, applet, template';
const URL_ATTRIBUTES = ['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'srcset', 'poster', 'background'];
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp|x-icon)[;,]/i;

/** The scheme a browser would read: entities decoded, controls and whitespace removed, lowercased. */
function schemeOf(value: string): string | undefined {
  const decoded = value
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(decoded.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''))?.[1]?.toLowerCase();
}

function expectInert(root: HTMLElement, context: string) {
  expect(root.querySelector(DANGEROUS_ELEMENTS), `dangerous element (${context})`).toBeNull();
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      expect(attr.name.toLowerCase().startsWith('on'), `${attr.name} on <${el.tagName}> (${context})`).toBe(false);
      if (!URL_ATTRIBUTES.includes(attr.name.toLowerCase())) continue;
      const scheme = schemeOf(attr.value);
      if (scheme === 'data' && el.tagName === 'IMG' && attr.name === 'src' && SAFE_DATA_IMAGE.test(attr.value)) continue;
      expect(['javascript', 'vbscript', 'data', 'file'].includes(scheme ?? ''), `${attr.name}="${attr.value}" (${context})`).toBe(false);
    }
  }
  for (const a of root.querySelectorAll('a')) {
    expect(a.getAttribute('rel'), `rel on ${a.getAttribute('href')}`).toBe('noopener noreferrer');
  }
}

describe('XSS payloads', () => {
  it('covers at least 20 payloads', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(PAYLOADS)('$name: inert and visible when finished', ({ markdown, visible }) => {
    const { container } = render(<StreamingMessage content={markdown} status="done" />);
    expectInert(container, 'done');
    expect(container.textContent).toContain(visible);
  });

  it.each(PAYLOADS)('$name: inert at every prefix while streaming', ({ markdown, visible }) => {
    const { container, rerender } = render(<StreamingMessage content="" status="streaming" />);
    for (let end = 1; end <= markdown.length; end++) {
      rerender(<StreamingMessage content={markdown.slice(0, end)} status="streaming" />);
      expectInert(container, `streaming ${end}/${markdown.length}`);
    }
    expect(container.textContent).toContain(visible);
  });

  it.each(PAYLOADS)("$name: inert in format 'text'", ({ markdown }) => {
    const { container } = render(<StreamingMessage content={markdown} format="text" status="done" />);
    expectInert(container, 'text');
    expect(container.textContent).toBe(markdown.replace(/\n+/g, ''));
  });

  it('never renders executable markup for arbitrary input, streamed or finished', () => {
    const pieces = fc.constantFrom(
      '<', '>', '"', "'", '=', '(', ')', '[', ']', '!', '*', '_', '`', '```', '\n', '\n\n', ' ', ':', '&#x09;', '&colon;',
      'javascript', 'JaVaScRiPt', 'vbscript', 'data', 'text/html', 'image/png', 'script', 'img', 'svg', 'onerror', 'onload',
      'src', 'href', 'alert(1)', 'http://a.example', '- ', '> ', '| ', '\x01',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 24 }), (parts) => {
        const markdown = parts.join('');
        const { container, rerender, unmount } = render(<StreamingMessage content="" status="streaming" />);
        for (let end = 1; end <= markdown.length; end += 3) {
          rerender(<StreamingMessage content={markdown.slice(0, end)} status="streaming" />);
          expectInert(container, `streaming ${JSON.stringify(markdown.slice(0, end))}`);
        }
        rerender(<StreamingMessage content={markdown} status="done" />);
        expectInert(container, `done ${JSON.stringify(markdown)}`);
        unmount();
      }),
      { numRuns: 150 },
    );
  });
});
