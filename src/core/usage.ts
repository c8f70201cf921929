/** Token counts across a reply's `finish` chunks: fields merge, a later finite number wins. */
import type { Usage } from './types.ts';

const USAGE_KEYS = ['inputTokens', 'outputTokens', 'reasoningTokens', 'cachedInputTokens', 'totalTokens'] as const;

/** `previous` with every finite count of `next` over it (a new object). */
export function mergeUsage(previous: Usage | undefined, next: Usage): Usage {
  const merged: Usage = { ...previous };
  for (const key of USAGE_KEYS) {
    const value = next[key];
    if (typeof value === 'number' && Number.isFinite(value)) merged[key] = value;
  }
  return merged;
}

/** `totalTokens` is the wire's when it sent one, else input + output (when both are known). */
export function withTotal(usage: Usage | undefined): Usage | undefined {
  if (!usage || usage.totalTokens !== undefined || usage.inputTokens === undefined || usage.outputTokens === undefined) return usage;
  return { ...usage, totalTokens: usage.inputTokens + usage.outputTokens };
}
