import { useCallback, useEffect, useRef, useState } from 'react';

/** How close to the bottom (px) still counts as "at the bottom" (absorbs sub-pixel rounding and zoom). */
export const STICK_THRESHOLD_PX = 8;

/** What `useStickToBottom` returns; pass it to `<MessageList stick={...}>` and wire `<JumpToLatest>` to it. */
export interface StickToBottom {
  /** Callback ref for the scrolling element. */
  scrollRef: (element: HTMLElement | null) => void;
  /** Callback ref for the element inside the scroller whose size grows with the text. */
  contentRef: (element: HTMLElement | null) => void;
  /** False once the reader scrolled up; true again after `scrollToBottom()` or scrolling back down. */
  isAtBottom: boolean;
  /** Resume following and scroll to the end (smoothly unless the reader prefers reduced motion). */
  scrollToBottom: (behavior?: ScrollBehavior) => void;
  /** Keep the end in view if following; call after content changed (the list does this on every commit). */
  follow: () => void;
  /** The scrolling element, once mounted. */
  getScrollElement: () => HTMLElement | null;
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Follows the end of a growing scroll area while the reader is there, and lets go the moment they scroll up.
 *
 * "Scrolled up" is read from the scroll position moving up (wheel, touch, keyboard and scrollbar all end in
 * that), never from our own pinning, which only ever moves it down. A position that moved up but is still
 * within `STICK_THRESHOLD_PX` of the end (content shrank and the browser clamped) keeps following.
 *
 * @example
 * const stick = useStickToBottom();
 * <MessageList messages={messages} stick={stick} />
 * <JumpToLatest visible={!stick.isAtBottom} onClick={() => stick.scrollToBottom()} />
 */
export function useStickToBottom(): StickToBottom {
  const [isAtBottom, setIsAtBottom] = useState(true);
  const scrollEl = useRef<HTMLElement | null>(null);
  const following = useRef(true);
  // Last scrollTop we saw or set: a smaller value means the reader moved up.
  const lastTop = useRef(0);

  const setFollowing = useCallback((value: boolean) => {
    following.current = value;
    setIsAtBottom(value);
  }, []);

  const pin = useCallback((el: HTMLElement) => {
    try {
      el.scrollTop = el.scrollHeight;
    } catch {
      // A read-only scrollTop (test doubles) must not break rendering.
    }
    lastTop.current = el.scrollTop;
  }, []);

  const follow = useCallback(() => {
    const el = scrollEl.current;
    if (!el || !following.current) return;
    // The reader may have scrolled up in this frame before the scroll event was dispatched: their
    // position wins over ours, or a token arriving in between would yank them back down.
    if (el.scrollTop < lastTop.current - 1 && distanceFromEnd(el) > STICK_THRESHOLD_PX) {
      lastTop.current = el.scrollTop;
      setFollowing(false);
      return;
    }
    pin(el);
  }, [pin, setFollowing]);

  const onScroll = useCallback(() => {
    const el = scrollEl.current;
    if (!el) return;
    const top = el.scrollTop;
    const atEnd = distanceFromEnd(el) <= STICK_THRESHOLD_PX;
    if (top < lastTop.current - 1 && !atEnd) {
      if (following.current) setFollowing(false);
    } else if (atEnd && !following.current) {
      setFollowing(true);
    }
    lastTop.current = top;
  }, [setFollowing]);

  // Wheel-up is the one input that tells us before the position moves, so a commit in the same frame
  // cannot pin the reader back down.
  const onWheel = useCallback(
    (event: WheelEvent) => {
      const el = scrollEl.current;
      if (el && event.deltaY < 0 && el.scrollHeight - el.clientHeight > STICK_THRESHOLD_PX && following.current) {
        setFollowing(false);
      }
    },
    [setFollowing],
  );

  const resizeObserver = useRef<ResizeObserver | null>(null);
  const observed = useRef<{ scroller: HTMLElement | null; content: HTMLElement | null }>({ scroller: null, content: null });

  const observe = useCallback(() => {
    resizeObserver.current?.disconnect();
    if (typeof ResizeObserver !== 'function') return;
    resizeObserver.current ??= new ResizeObserver(() => follow());
    const { scroller, content } = observed.current;
    if (scroller) resizeObserver.current.observe(scroller);
    if (content) resizeObserver.current.observe(content);
  }, [follow]);

  const scrollRef = useCallback(
    (el: HTMLElement | null) => {
      const previous = scrollEl.current;
      if (previous) {
        previous.removeEventListener('scroll', onScroll);
        previous.removeEventListener('wheel', onWheel);
      }
      scrollEl.current = el;
      observed.current.scroller = el;
      if (el) {
        el.addEventListener('scroll', onScroll, { passive: true });
        el.addEventListener('wheel', onWheel, { passive: true });
        if (following.current) pin(el);
      }
      observe();
    },
    [onScroll, onWheel, observe, pin],
  );

  const contentRef = useCallback(
    (el: HTMLElement | null) => {
      observed.current.content = el;
      observe();
    },
    [observe],
  );

  useEffect(
    () => () => {
      resizeObserver.current?.disconnect();
      resizeObserver.current = null;
    },
    [],
  );

  const scrollToBottom = useCallback(
    (behavior?: ScrollBehavior) => {
      setFollowing(true);
      const el = scrollEl.current;
      if (!el) return;
      const how = behavior ?? (prefersReducedMotion() ? 'auto' : 'smooth');
      if (how === 'smooth' && typeof el.scrollTo === 'function') {
        el.scrollTo({ top: el.scrollHeight, behavior: 'smooth' });
      } else {
        pin(el);
      }
    },
    [pin, setFollowing],
  );

  const getScrollElement = useCallback(() => scrollEl.current, []);

  return { scrollRef, contentRef, isAtBottom, scrollToBottom, follow, getScrollElement };
}

function distanceFromEnd(el: HTMLElement): number {
  return el.scrollHeight - el.clientHeight - el.scrollTop;
}
