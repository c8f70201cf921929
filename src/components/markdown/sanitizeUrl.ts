import { decodeEntities } from './decodeEntities.ts';

/** Where a URL is going to be used: an `<a href>` or an `<img src>`. */
export type UrlUse = 'link' | 'image';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
const IMAGE_SCHEMES = new Set(['http', 'https']);
// Raster formats only: an SVG cannot run script inside <img>, but nothing here needs one and a strict
// allowlist is easier to reason about than a list of exceptions.
const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp|x-icon)[;,]/i;
// The URL parser strips leading/trailing C0 controls and spaces and removes tabs and newlines anywhere,
// so "jav\tascript:" and "\x01javascript:" still navigate; we remove a superset of those before reading
// the scheme, so whatever scheme the browser would see, we see too.
const IGNORED_BY_URL_PARSER = /[\u0000-\u0020\u007f-\u009f]/g;

/**
 * Returns the URL to put in the DOM, or `undefined` when it must be dropped: an allowlist of schemes
 * (`http`, `https`, `mailto`, `tel` for links; `http`, `https` and raster `data:image/*` for images) plus
 * scheme-less relative URLs. `javascript:`, `vbscript:`, `data:` (outside images), `file:` and every other
 * scheme are dropped, also when hidden behind character references, controls, whitespace or mixed case.
 */
export function sanitizeUrl(url: string, use: UrlUse): string | undefined {
  const decoded = decodeEntities(url).trim();
  const probe = decoded.replace(IGNORED_BY_URL_PARSER, '');
  const scheme = SCHEME.exec(probe)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    // A ':' before any '/', '?' or '#' that did not form a valid scheme is still read as one by some
    // parsers ("java\u200bscript:"); such URLs are not worth the risk.
    const colon = probe.indexOf(':');
    if (colon !== -1 && !/[/?#]/.test(probe.slice(0, colon))) return undefined;
    return decoded;
  }
  if (use === 'image') {
    if (scheme === 'data') return DATA_IMAGE.test(probe) ? decoded : undefined;
    return IMAGE_SCHEMES.has(scheme) ? decoded : undefined;
  }
  return LINK_SCHEMES.has(scheme) ? decoded : undefined;
}

/**
 * True when the browser would take `url` to another origin than `base`'s (the page): decided by the URL
 * parser itself, so `\\host/p`, `https:host/p` and `/\t/host/p` count as external like `https://host/p`.
 * Without a base (server rendering) any URL with a scheme or an authority counts as external.
 */
export function isExternalUrl(url: string, base: string | undefined = globalThis.location?.href): boolean {
  if (base === undefined || !/^https?:/i.test(base)) {
    const probe = url.replace(IGNORED_BY_URL_PARSER, '');
    return /^(?:[a-z][a-z0-9+.-]*:|[\\/]{2})/i.test(probe) && !/^(?:mailto|tel):/i.test(probe);
  }
  try {
    const target = new URL(url, base);
    return (target.protocol === 'http:' || target.protocol === 'https:') && target.origin !== new URL(base).origin;
  } catch {
    return false;
  }
}
