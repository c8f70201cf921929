import { memo, type HTMLAttributes } from 'react';
import type { SourcePart } from '../../core/types.ts';
import { sanitizeUrl } from '../markdown/sanitizeUrl.ts';
import { useChatLabels } from '../labels.ts';

/** Props of `<Sources>`; other `<nav>` props are spread onto the root. */
export interface SourcesProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  /** Consecutive source parts, shown as one list. */
  sources: SourcePart[];
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

function SourcesImpl({ sources, className, ...rest }: SourcesProps) {
  const labels = useChatLabels();
  return (
    <nav aria-label={labels.sources} {...rest} className={className ? `rcs-sources ${className}` : 'rcs-sources'}>
      <ol>
        {sources.map((source, i) => {
          const href = source.url === undefined ? undefined : sanitizeUrl(source.url, 'link');
          const label = source.title || (href && hostOf(href)) || href || source.sourceId || `${i + 1}`;
          return (
            <li key={source.sourceId ?? i}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer" title={href}>
                  {label}
                </a>
              ) : (
                <span>{label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function sameSources(a: SourcesProps, b: SourcesProps): boolean {
  const keys = Object.keys(b) as (keyof SourcesProps)[];
  if (keys.length !== Object.keys(a).length) return false;
  for (const k of keys) {
    if (k === 'sources') {
      if (a.sources.length !== b.sources.length || a.sources.some((s, i) => s !== b.sources[i])) return false;
    } else if (!Object.is(a[k], b[k])) return false;
  }
  return true;
}

/**
 * Citations as a compact numbered list of links. URLs pass the same allowlist as markdown links
 * (`javascript:` and friends are shown as text, never linked); links open in a new tab without an opener.
 * @example
 * <Sources sources={[{ type: 'source', url: 'https://example.com', title: 'Example' }]} />
 */
export const Sources = memo(SourcesImpl, sameSources);
