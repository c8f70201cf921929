/// <reference types="vite/client" />
/**
 * The e2e harness page. Everything comes from the query string so each test opens exactly the page it needs:
 *
 * - `page`: `chat` (a `<ChatWindow>`, default), `message` (a bare `<StreamingMessage>`) or `gallery` (everything
 *   the kit draws, with static messages, for the contrast audit).
 * - `protocol`: the hook's protocol, also sent to the fake model (default `openai`).
 * - `fake.<knob>=value`: fake-model knobs, sent in the request body's `fake` field (see dev/fake-llm/README.md).
 * - `api` (default `/api/chat`), `flush` (`raf` or ms), `retry` (`false` or JSON `RetryOptions`).
 * - `theme`: `light` | `dark`, set as `data-theme`.
 * - `render`: `markdown` (the kit's own rendering, default) or `plain` (the raw text in a pre-wrap box, so a
 *   test can compare what is shown character for character with the fake model's answer).
 * - `answer`: `base` or a length in characters: starts with a finished exchange holding that fake answer (a
 *   reference rendering to compare a streamed reply with).
 * - `stream=1` (message page): send one message on load and render the reply with `<StreamingMessage>`.
 * - `strict=0`: no `<StrictMode>`.
 * - `resumable=<id>`: the conversation `<id>` on the resumable backend (`/api/resumable`, ai-sdk) with
 *   `resumeOnMount`, its messages persisted in sessionStorage as an app would, so a reload resumes it.
 *
 * `window.__e2e` exposes React commit times (a `<Profiler>`) and long tasks for the flood case.
 */
import { Profiler, StrictMode, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  ChatWindow,
  StreamingMessage,
  getChatStore,
  useChatStream,
  type ChatMessage,
  type ChatStreamOptions,
  type RetryOptions,
} from '../../../src/index.ts';
import { fakeAnswer } from '../../../dev/fake-llm/index.ts';
import { Gallery } from './Gallery.tsx';

// Every stylesheet of the kit, as a real app imports the package's CSS.
import.meta.glob('../../../src/components/**/*.css', { eager: true });

interface E2EProbe {
  /** `commitTime` of every React commit under the root (performance.now() clock). */
  commits: number[];
  /** Long tasks since load (the main thread was blocked for 50 ms or more). */
  longTasks: { start: number; duration: number }[];
  /** Every finished turn as the hook reported it (`onFinish`): to tell a rendering problem from a data one. */
  finished: { status: string | undefined; content: string; error: string | undefined }[];
}

declare global {
  interface Window {
    __e2e: E2EProbe;
  }
}

const probe: E2EProbe = { commits: [], longTasks: [], finished: [] };
window.__e2e = probe;
if (typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

const query = new URLSearchParams(location.search);
const page = query.get('page') ?? 'chat';
const protocol = (query.get('protocol') ?? 'openai') as NonNullable<ChatStreamOptions['protocol']>;
const theme = (query.get('theme') ?? undefined) as 'light' | 'dark' | undefined;
const renderMode = query.get('render') ?? 'markdown';
const fake: Record<string, string> = { protocol: String(protocol) };
for (const [key, value] of query) if (key.startsWith('fake.')) fake[key.slice('fake.'.length)] = value;

const options: ChatStreamOptions = {
  api: query.get('api') ?? '/api/chat',
  protocol,
  body: { fake },
  onFinish: (message) => probe.finished.push({ status: message.status, content: message.content, error: message.error }),
};
const flush = query.get('flush');
if (flush) options.flush = flush === 'raf' ? 'raf' : Number(flush);
const retry = query.get('retry');
if (retry) options.retry = retry === 'false' ? false : (JSON.parse(retry) as RetryOptions);
const answer = query.get('answer');
if (answer) {
  const content = answer === 'base' ? fakeAnswer() : fakeAnswer({ length: Number(answer) });
  options.initialMessages = [
    { id: 'ref-user', role: 'user', content: 'Reference question' },
    { id: 'ref-assistant', role: 'assistant', content, status: 'done' },
  ];
}

const resumable = query.get('resumable');
if (resumable) {
  const saved = sessionStorage.getItem(`e2e-chat-${resumable}`);
  Object.assign(options, { api: '/api/resumable', protocol: 'ai-sdk', id: resumable, resumeOnMount: true });
  if (saved) options.initialMessages = JSON.parse(saved) as ChatMessage[];
  const store = getChatStore(resumable, options);
  store.subscribe(() => sessionStorage.setItem(`e2e-chat-${resumable}`, JSON.stringify(store.getSnapshot().messages)));
}

// Module scope: rows are memoized on renderMessage, so it must be stable.
function renderPlain(message: ChatMessage): ReactNode {
  return (
    <div className="e2e-plain" style={{ whiteSpace: 'pre-wrap' }}>
      {message.content}
    </div>
  );
}

// Negative control for the XSS case only: proves its detectors catch a renderer that injects HTML.
function renderUnsafeHtml(message: ChatMessage): ReactNode {
  return <div className="e2e-unsafe" dangerouslySetInnerHTML={{ __html: message.content }} />;
}

function onRender(_id: string, _phase: string, _actual: number, _base: number, _start: number, commitTime: number) {
  probe.commits.push(commitTime);
}

function ChatPage() {
  return (
    <ChatWindow
      {...options}
      theme={theme}
      renderMessage={renderMode === 'plain' ? renderPlain : renderMode === 'unsafe-html' ? renderUnsafeHtml : undefined}
      style={{ height: '100%' }}
    />
  );
}

function StreamedMessagePage() {
  const chat = useChatStream(options);
  const { send } = chat;
  // Sent from a timer the cleanup cancels: StrictMode's simulated unmount stops the hook's request, so only the
  // send scheduled by the second mount may go out.
  useEffect(() => {
    const timer = setTimeout(() => void send('Show me the reply'), 0);
    return () => clearTimeout(timer);
  }, [send]);
  const last = chat.messages[chat.messages.length - 1];
  const reply = last?.role === 'assistant' ? last : undefined;
  return (
    <article aria-label="Assistant" data-chat-status={chat.status}>
      {reply ? <StreamingMessage content={reply.content} status={reply.status} /> : <p>Waiting for the reply…</p>}
    </article>
  );
}

function MessagePage() {
  if (query.get('stream') === '1') return <StreamedMessagePage />;
  const streaming = query.get('status') === 'streaming';
  return (
    <article aria-label="Assistant">
      <StreamingMessage content={fakeAnswer()} status={streaming ? 'streaming' : 'done'} />
    </article>
  );
}

const FULL = { height: '100%' } as const;
const MESSAGE_PAGE = { minHeight: '100%', padding: 16, boxSizing: 'border-box', background: '#ffffff' } as const;
// A bare StreamingMessage inherits the host page's background and text colour: a dark theme is a dark host page.
const DARK_HOST = { background: '#0d1117', color: '#e6edf3', colorScheme: 'dark' } as const;

function App() {
  const content = page === 'message' ? <MessagePage /> : page === 'gallery' ? <Gallery theme={theme} /> : <ChatPage />;
  const host = page === 'message' || page === 'gallery';
  return (
    <div data-theme={theme} style={host ? { ...MESSAGE_PAGE, ...(theme === 'dark' ? DARK_HOST : {}), ...(page === 'gallery' ? FULL : {}) } : FULL}>
      <Profiler id="e2e" onRender={onRender}>
        {content}
      </Profiler>
    </div>
  );
}

const root = createRoot(document.getElementById('root')!);
root.render(
  query.get('strict') === '0' ? (
    <App />
  ) : (
    <StrictMode>
      <App />
    </StrictMode>
  ),
);
