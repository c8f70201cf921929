import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useChatLabels } from '../labels.ts';
import { Caret } from './Caret.tsx';
import type { CodeBlockProps } from './types.ts';

const COPIED_MS = 1500;
const LINES_PER_CHUNK = 16;

// Plain code is split into text nodes of a few lines each: while a long block streams, only the last node
// changes, instead of one growing text node that the browser re-shapes on every token.
function chunkLines(code: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  let lines = 0;
  for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) {
    if (++lines === LINES_PER_CHUNK) {
      chunks.push(code.slice(start, i + 1));
      start = i + 1;
      lines = 0;
    }
  }
  chunks.push(code.slice(start));
  return chunks;
}

function isThenable(value: unknown): value is PromiseLike<ReactNode> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/**
 * The default code block: a header with the language and a copy button, then `<pre><code>`. The
 * highlighter runs only when the block is complete; while a new highlight is pending the previous output
 * stays on screen, so a block never flashes back to raw text.
 */
export function CodeBlock({ code, language, complete, highlight, caret }: CodeBlockProps) {
  const active = complete ? highlight : undefined;
  const result = useMemo(() => (active ? active(code, language) : undefined), [active, code, language]);
  const pending = isThenable(result);
  const [settled, setSettled] = useState<ReactNode | undefined>(undefined);
  const labels = useChatLabels();
  const [copied, setCopied] = useState(false);
  const copiedTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (!isThenable(result)) return;
    let current = true;
    result.then(
      (node) => {
        if (current) setSettled(node);
      },
      // A failed highlight falls back to plain code rather than keep output for different code.
      () => {
        if (current) setSettled(undefined);
      },
    );
    return () => {
      current = false;
    };
  }, [result]);

  useEffect(() => () => clearTimeout(copiedTimer.current), []);

  let body: ReactNode;
  if (active && result !== undefined && !pending) body = result;
  else if (active && settled !== undefined) body = settled;
  const plain = body === undefined;

  const copy = () => {
    void navigator.clipboard?.writeText(code).then(() => {
      setCopied(true);
      clearTimeout(copiedTimer.current);
      copiedTimer.current = setTimeout(() => setCopied(false), COPIED_MS);
    }, () => {});
  };

  return (
    <div
      className="rcs-code"
      data-language={language}
      data-complete={complete}
      data-highlighted={!plain || undefined}
    >
      <div className="rcs-code-header">
        {language ? <span className="rcs-code-language">{language}</span> : null}
        <button type="button" className="rcs-code-copy" aria-label={labels.copyCode} onClick={copy}>
          {copied ? labels.copied : labels.copy}
        </button>
      </div>
      {/* Focusable so a long line that scrolls sideways can be scrolled from the keyboard (WCAG 2.1.1). */}
      <pre className="rcs-code-pre" tabIndex={0}>
        <code className={language ? `language-${language}` : undefined}>
          {plain ? chunkLines(code) : body}
          {caret ? <Caret /> : null}
        </code>
      </pre>
    </div>
  );
}
