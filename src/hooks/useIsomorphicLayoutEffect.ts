import { useEffect, useLayoutEffect } from 'react';

/**
 * `useLayoutEffect` in the browser, `useEffect` on the server. Neither runs during server rendering, but React 18's
 * server renderer warns on every `useLayoutEffect` call ("does nothing on the server"); this keeps SSR quiet
 * while the browser still measures and writes before paint.
 */
export const useIsomorphicLayoutEffect: typeof useLayoutEffect =
  typeof document !== 'undefined' ? useLayoutEffect : useEffect;
