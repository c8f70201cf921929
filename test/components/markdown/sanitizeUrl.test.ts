import { describe, expect, it } from 'vitest';
import { isExternalUrl, sanitizeUrl } from '../../../src/components/markdown/sanitizeUrl.ts';

describe('sanitizeUrl', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\x01javascript:alert(1)',
    'jav\tascript:alert(1)',
    'jav&#x09;ascript:alert(1)',
    '&#106;&#97;vascript:alert(1)',
    'javascript&colon;alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'data:image/png;base64,AAAA',
    'file:///etc/passwd',
    'java\u200bscript:alert(1)',
  ])('drops %j as a link', (url) => {
    expect(sanitizeUrl(url, 'link')).toBeUndefined();
  });

  it.each(['https://a.example/x?y=1#z', 'http://a.example', 'mailto:a@b.example', 'tel:+123', '/relative', '#anchor', 'page.html', '//cdn.example/x', 'a/b:c'])(
    'keeps %j as a link',
    (url) => {
      expect(sanitizeUrl(url, 'link')).toBe(url);
    },
  );

  it('allows raster data URLs only as images', () => {
    expect(sanitizeUrl('data:image/png;base64,AAAA', 'image')).toBe('data:image/png;base64,AAAA');
    expect(sanitizeUrl('data:image/svg+xml;base64,AAAA', 'image')).toBeUndefined();
    expect(sanitizeUrl('data:text/html,x', 'image')).toBeUndefined();
    expect(sanitizeUrl('javascript:alert(1)', 'image')).toBeUndefined();
    expect(sanitizeUrl('mailto:a@b.example', 'image')).toBeUndefined();
  });

  it('decodes character references like the browser would', () => {
    expect(sanitizeUrl('https://a.example/?a=1&amp;b=2', 'link')).toBe('https://a.example/?a=1&b=2');
  });

  it('tells external URLs apart', () => {
    expect(isExternalUrl('https://a.example')).toBe(true);
    expect(isExternalUrl('//a.example')).toBe(true);
    expect(isExternalUrl('/local')).toBe(false);
    expect(isExternalUrl('mailto:a@b.example')).toBe(false);
  });
});
