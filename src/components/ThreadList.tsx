import { useEffect, useRef, useState, type HTMLAttributes, type KeyboardEvent } from 'react';

/** One conversation in the list. */
export interface Thread {
  id: string;
  title: string;
}

/** Every word `<ThreadList>` shows, so an app can translate them. */
export interface ThreadListLabels {
  /** Name of the navigation landmark. @default 'Conversations' */
  list: string;
  /** @default 'New chat' */
  create: string;
  /** @default 'Rename' */
  rename: string;
  /** @default 'Delete' */
  delete: string;
  /** Name of the inline title editor. @default 'Conversation title' */
  titleInput: string;
  /** @default 'Loading conversations…' */
  loading: string;
  /** @default 'No conversations yet.' */
  empty: string;
}

export const DEFAULT_THREAD_LIST_LABELS: ThreadListLabels = {
  list: 'Conversations',
  create: 'New chat',
  rename: 'Rename',
  delete: 'Delete',
  titleInput: 'Conversation title',
  loading: 'Loading conversations…',
  empty: 'No conversations yet.',
};

/** Props of `<ThreadList>`: render-only; the data and the mutations come from you (or `useThreads`). */
export interface ThreadListProps extends Omit<HTMLAttributes<HTMLElement>, 'onSelect'> {
  threads: readonly Thread[];
  /** The conversation shown beside the list (`aria-current`). */
  activeId?: string;
  onSelect(id: string): void;
  /** Shows a "New chat" button. */
  onCreate?: () => void;
  /** Shows a Rename action per conversation (inline editor: Enter saves, Escape cancels). */
  onRename?: (id: string, title: string) => void;
  /** Shows a Delete action per conversation. */
  onDelete?: (id: string) => void;
  /** The list is on its way. @default false */
  loading?: boolean;
  /** A failure to show above the list (`role="alert"`). */
  error?: string;
  labels?: Partial<ThreadListLabels>;
}

/**
 * A sidebar of conversations: select one, create, rename inline, delete. Keyboard-reachable throughout; the
 * active one is marked `aria-current="page"`.
 *
 * @example
 * const threads = useThreads({ list, create, rename, remove });
 * <ThreadList threads={threads.threads} activeId={id} onSelect={setId} onCreate={…} onRename={threads.rename} onDelete={threads.remove} />
 */
export function ThreadList({
  threads,
  activeId,
  onSelect,
  onCreate,
  onRename,
  onDelete,
  loading = false,
  error,
  labels: labelOverrides,
  className,
  ...rest
}: ThreadListProps) {
  const labels = { ...DEFAULT_THREAD_LIST_LABELS, ...labelOverrides };
  const [editing, setEditing] = useState<string | undefined>();
  const nav = useRef<HTMLElement>(null);
  const returnFocus = useRef<string | undefined>(undefined);
  useEffect(() => {
    // The editor is gone: focus goes back to its row's Rename button, not to <body>.
    if (editing !== undefined || returnFocus.current === undefined) return;
    const id = returnFocus.current;
    returnFocus.current = undefined;
    for (const button of nav.current?.querySelectorAll<HTMLElement>('[data-rename]') ?? []) {
      if (button.dataset.rename === id) button.focus();
    }
  }, [editing]);
  return (
    <nav
      ref={nav}
      aria-label={labels.list}
      aria-busy={loading || undefined}
      className={className ? `rcs-threads ${className}` : 'rcs-threads'}
      {...rest}
    >
      {onCreate && (
        <button type="button" className="rcs-button rcs-threads-create" onClick={onCreate}>
          {labels.create}
        </button>
      )}
      {error && (
        <p role="alert" className="rcs-error rcs-threads-error">
          {error}
        </p>
      )}
      {loading && threads.length === 0 ? (
        <p role="status" className="rcs-threads-status">
          {labels.loading}
        </p>
      ) : threads.length === 0 ? (
        <p className="rcs-threads-status">{labels.empty}</p>
      ) : (
        <ul className="rcs-threads-list">
          {threads.map((thread) => (
            <li key={thread.id} className="rcs-thread" data-active={thread.id === activeId ? '' : undefined}>
              {editing === thread.id && onRename ? (
                <TitleEditor
                  title={thread.title}
                  label={labels.titleInput}
                  onDone={(title) => {
                    returnFocus.current = thread.id;
                    setEditing(undefined);
                    if (title !== undefined && title !== thread.title) onRename(thread.id, title);
                  }}
                />
              ) : (
                <>
                  <button
                    type="button"
                    className="rcs-thread-select"
                    aria-current={thread.id === activeId ? 'page' : undefined}
                    onClick={() => onSelect(thread.id)}
                  >
                    {thread.title}
                  </button>
                  {onRename && (
                    <button
                      type="button"
                      className="rcs-button rcs-thread-action"
                      aria-label={`${labels.rename} ${thread.title}`}
                      data-rename={thread.id}
                      onClick={() => setEditing(thread.id)}
                    >
                      {labels.rename}
                    </button>
                  )}
                  {onDelete && (
                    <button
                      type="button"
                      className="rcs-button rcs-thread-action"
                      aria-label={`${labels.delete} ${thread.title}`}
                      onClick={() => onDelete(thread.id)}
                    >
                      {labels.delete}
                    </button>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

function TitleEditor({ title, label, onDone }: { title: string; label: string; onDone(title: string | undefined): void }) {
  const [value, setValue] = useState(title);
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const finish = (next: string | undefined) => {
    if (done.current) return;
    done.current = true;
    onDone(next);
  };
  return (
    <input
      ref={input}
      className="rcs-thread-title-input"
      aria-label={label}
      value={value}
      maxLength={200}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          const trimmed = value.trim();
          finish(trimmed === '' ? undefined : trimmed);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          finish(undefined);
        }
      }}
      onBlur={() => finish(undefined)}
    />
  );
}
