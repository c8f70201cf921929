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
  /**
   * True while the reply streams inside this (open) block: draw the caret at the end of the code
   * (`<span className="rcs-caret" aria-hidden="true" />`). A custom renderer gets the caret after the
   * block instead. @default undefined
   */
  caret?: boolean;
}

/** Props of the link renderer. `href` has already passed the URL allowlist. */
export interface LinkProps {
  href: string;
  title?: string;
  /** True when the URL leads to another origin than the page's; the default renderer opens it in a new tab. */
  external: boolean;
  children: ReactNode;
}

/**
 * Which images load without a click: `'click'` (none but `data:` images), `'load'` (all), or those from
 * the listed origins (`'https://cdn.example'`).
 */
export type ImagePolicy = 'click' | 'load' | { allowOrigins: readonly string[] };

/** Props of the image renderer. `src` has already passed the URL allowlist. */
export interface ImageProps {
  src: string;
  alt: string;
  title?: string;
  /** True when the `images` policy lets this image load at once; otherwise load it only on a click. */
  autoLoad: boolean;
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
