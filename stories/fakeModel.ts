/// <reference types="vite/client" />
/**
 * How stories reach the fake model. In `storybook dev` (and the Vitest addon) requests go to the real
 * `POST /api/chat` that `fakeLLM()` mounts on the dev server; a static build has no server, so there the same
 * model answers in the browser through `createFakeFetch()`, passed as the hook's `fetch` option.
 */
import { createFakeFetch, createFakeLLM, type FakeLLMInput } from '../dev/fake-llm/index.ts';

/** True when no dev server is behind the page (a static build), or forced with `?fakeFetch` in the URL. */
export const IN_BROWSER_MODEL: boolean =
  import.meta.env.PROD || (typeof location !== 'undefined' && new URLSearchParams(location.search).has('fakeFetch'));

const fake = createFakeLLM();
const fakeFetch = createFakeFetch({ fake });

/** The knobs a story sets; `undefined` and `''` values are left out. */
export type Knobs = { [K in keyof FakeLLMInput]?: string | number | boolean | undefined };

/** `api` (with the knobs in its query string) and, in a static build, `fetch`: spread them into the hook's options. */
export function fakeModel(knobs: Knobs = {}): { api: string; fetch?: typeof fetch } {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(knobs)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const search = query.toString();
  const api = search ? `/api/chat?${search}` : '/api/chat';
  return IN_BROWSER_MODEL ? { api, fetch: fakeFetch } : { api };
}

/** What the fake model saw for a key (the last request's outcome, how many requests). */
export async function fakeStats(key: string): Promise<{ requests: number; last?: { outcome: string; aborted: boolean; tokensSent: number; lastEventId?: string } }> {
  const url = `/api/fake-llm/stats?key=${encodeURIComponent(key)}`;
  const response = await (IN_BROWSER_MODEL ? fakeFetch(url) : fetch(url));
  return response.json();
}

/** A key unique to this page load, for `faultOnce` (so each story's first request fails and its retry succeeds). */
export function uniqueKey(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
