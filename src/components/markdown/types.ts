import type { ComponentType, ReactNode } from 'react';

/**
 * Turns finished code into highlighted React nodes, synchronously or not. It is called only once a code
 * block's fence has closed (never on every token), and the block keeps showing its previous output until
 * the returned promise settles. Return React nodes (e.g. spans with classes or styles), not an HTML string:
 * nothing is ever injected as HTML. Pass a stable function (module-level or `useCallback`).
 * @example
 * const highlight: Highlighter = async (code, lang) => toReactNodes(await shiki.codeToHast(code, { lang }));
 */
export type Highlighter = (code: string, language: string | undefined) => ReactNode | Promise<ReactNode>;

/** Props of the code block renderer. */
export interface CodeBlockProps {
  /** The code, without fences. */
  code: string;
  /** The first word of the fence's info string, if any. */
  language?: string;
  /** False while the fence is still open in a streaming reply; highlight only complete code. */
  complete: boolean;
  /** The highlighter given to `<StreamingMessage>`, if any. */
  highlight?: Highlighter;
}

/** Props of the link renderer. `href` has already passed the URL allowlist. */
export interface LinkProps {
  href: string;
  title?: string;
  /** True for absolute http(s) URLs; the default renderer opens them in a new tab. */
  external: boolean;
  children: ReactNode;
}

/** Props of the image renderer. `src` has already passed the URL allowlist. */
export interface ImageProps {
  src: string;
  alt: string;
  title?: string;
}

/**
 * Renderer overrides for `<StreamingMessage>`. Pass stable components (not inline arrow functions),
 * or every finished block re-renders on every token.
 */
export interface StreamingMessageComponents {
  code?: ComponentType<CodeBlockProps>;
  link?: ComponentType<LinkProps>;
  image?: ComponentType<ImageProps>;
}
