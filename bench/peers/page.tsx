// The page run.mjs drives: the same <ChatWindow> fed by our useChatStream or by @ai-sdk/react's useChat (its
// UIMessages mapped to the window's messages), both reading the same AI SDK UI message stream bytes from an
// in-page fetch. So the two differ only in the hook: transport, parsing, state and when React is told.
import { useLayoutEffect, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport, type UIMessage } from 'ai';
import { ChatWindow, useChatStream, type ChatController, type ChatMessage } from '../../src/index.ts';

export type Hook = 'ours' | 'ours-raf' | 'useChat' | 'useChat-throttle-50';

/** One reply: AI SDK UI message stream events, `tokens` text deltas of `chars` characters each. */
function replyEvents(tokens: number, chars: number, seed: number): string[] {
  const out = ['{"type":"start"}', '{"type":"text-start","id":"t"}'];
  const word = 'lorem ipsum dolor sit amet consectetur '.repeat(Math.ceil(chars / 39) + 1);
  for (let i = 0; i < tokens; i++) {
    const delta = i % 25 === 24 ? ' end.\n\n' : word.slice((i + seed) % 39, ((i + seed) % 39) + chars);
    out.push(JSON.stringify({ type: 'text-delta', id: 't', delta }));
  }
  out.push('{"type":"text-end","id":"t"}', '{"type":"finish","finishReason":"stop"}', '[DONE]');
  return out;
}

// A macrotask without setTimeout's 4 ms clamp: the next network read, as fast as the page can take it.
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

interface Wire {
  tokens: number;
  chars: number;
  /** Events per network write (one macrotask each). */
  perWrite: number;
  /** Hold the body back this long before the first write; `onFirstByte` gets the time of that write. */
  holdMs?: number;
  onFirstByte?: (t: number) => void;
}

/** A fetch answering every request with a fresh reply per `wire`. */
function wireFetch(wire: () => Wire): typeof fetch {
  let turn = 0;
  return async () => {
    const w = wire();
    const all = replyEvents(w.tokens, w.chars, turn++);
    const bytes = new TextEncoder();
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (at === 0 && w.holdMs) await new Promise((r) => setTimeout(r, w.holdMs));
        else await nextTask();
        if (at >= all.length) return controller.close();
        const slice = all.slice(at, at + w.perWrite);
        if (at === 0) w.onFirstByte?.(performance.now());
        at += w.perWrite;
        controller.enqueue(bytes.encode(slice.map((data) => `data: ${data}\n\n`).join('')));
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' } });
  };
}

// useChat's UIMessages as the window's messages; cached per UIMessage so unchanged rows keep their identity.
const converted = new WeakMap<UIMessage, ChatMessage>();
function toChatMessage(m: UIMessage, streaming: boolean): ChatMessage {
  const hit = !streaming ? converted.get(m) : undefined;
  if (hit) return hit;
  const content = m.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
  const out: ChatMessage = m.role === 'user' ? { id: m.id, role: 'user', content } : { id: m.id, role: 'assistant', content, status: streaming ? 'streaming' : 'done' };
  if (!streaming) converted.set(m, out);
  return out;
}

interface Harness {
  send(text: string): Promise<void>;
  commits: () => number;
}

function mount(hook: Hook, wire: () => Wire): Promise<Harness> {
  let commits = 0;
  let finished: (() => void) | undefined;
  const fetch = wireFetch(wire);
  let send!: (text: string) => void;
  function Counted({ chat }: { chat: ChatController }) {
    useLayoutEffect(() => {
      commits++;
    });
    return <ChatWindow chat={chat} />;
  }
  function Ours({ flush }: { flush?: 'raf' }) {
    const chat = useChatStream({ api: '/chat', protocol: 'ai-sdk', fetch, flush, onFinish: () => finished?.() });
    send = (t) => void chat.send(t);
    return <Counted chat={chat} />;
  }
  function Theirs({ throttle }: { throttle?: number }) {
    const transport = useMemo(() => new DefaultChatTransport({ api: '/chat', fetch }), []);
    const chat = useChat({ transport, throttle, onFinish: () => finished?.() });
    const streaming = chat.status === 'streaming' || chat.status === 'submitted';
    const messages = chat.messages.map((m, i) => toChatMessage(m, streaming && i === chat.messages.length - 1 && m.role === 'assistant'));
    const controller: ChatController = {
      messages,
      status: chat.status === 'submitted' ? 'connecting' : chat.status === 'streaming' ? 'streaming' : chat.status === 'error' ? 'error' : 'idle',
      error: undefined,
      send: async (text: string) => void chat.sendMessage({ text }),
      stop: () => void chat.stop(),
      reload: async () => void chat.regenerate(),
    };
    send = (t) => void chat.sendMessage({ text: t });
    return <Counted chat={controller} />;
  }
  const root = createRoot(document.getElementById('root')!);
  const app = hook === 'ours' ? <Ours /> : hook === 'ours-raf' ? <Ours flush="raf" /> : hook === 'useChat' ? <Theirs /> : <Theirs throttle={50} />;
  flushSync(() => root.render(app));
  return nextFrame().then(() => ({
    commits: () => commits,
    send: (text) =>
      new Promise<void>((resolve) => {
        finished = resolve;
        send(text);
      }),
  }));
}

const settle = async () => {
  await new Promise((r) => setTimeout(r, 100));
  await nextFrame();
};

/** A 2,000-token flood: commits of the window and wall time (main-thread time is read by run.mjs over CDP). */
async function flood(hook: Hook, tokens: number, perWrite: number) {
  const h = await mount(hook, () => ({ tokens, chars: 5, perWrite }));
  const before = h.commits();
  const t0 = performance.now();
  await h.send('Go');
  await settle();
  const ms = performance.now() - t0;
  const text = document.querySelector('article[data-role="assistant"]')?.textContent?.length ?? 0;
  return { hook, tokens, perWrite, commits: h.commits() - before, ms, textLength: text };
}

/**
 * First token: the body is held back, then its first write carries the first delta. Measured from that write to
 * the text in the DOM (a MutationObserver) and to the end of the frame that painted it.
 */
async function firstToken(hook: Hook, trials: number) {
  let firstByte = 0;
  const h = await mount(hook, () => ({ tokens: 3, chars: 5, perWrite: 3, holdMs: 30, onFirstByte: (t) => (firstByte = t) }));
  const toDom: number[] = [];
  const toPaint: number[] = [];
  for (let i = 0; i < trials; i++) {
    const replies = () => document.querySelectorAll('article[data-role="assistant"]');
    const count = replies().length;
    const shown = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        const all = replies();
        if (all.length > count && (all[all.length - 1]!.textContent ?? '').trim().length > 0) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(document.getElementById('root')!, { subtree: true, childList: true, characterData: true });
    });
    const done = h.send(`Question ${i}`);
    const inDom = await shown;
    await nextFrame();
    await nextTask(); // posted from the rAF callback: runs after that frame's paint
    const painted = performance.now();
    toDom.push(inDom - firstByte);
    toPaint.push(painted - firstByte);
    await done;
    await settle();
  }
  return { hook, trials, toDom, toPaint };
}

/** Stream `turns` replies of `tokens` x `chars` characters each; run.mjs reads the heap before and after. */
async function heapRun(hook: Hook, turns: number, tokens: number, chars: number, perWrite: number) {
  const h = await mount(hook, () => ({ tokens, chars, perWrite }));
  (window as unknown as { __h: Harness }).__h = h;
  const t0 = performance.now();
  for (let i = 0; i < turns; i++) await h.send(`Question ${i}`);
  await settle();
  const text = [...document.querySelectorAll('article[data-role="assistant"]')].reduce((n, a) => n + (a.textContent?.length ?? 0), 0);
  return { hook, turns, ms: performance.now() - t0, textLength: text, rows: document.querySelectorAll('.rcs-row').length };
}

Object.assign(window, { __flood: flood, __firstToken: firstToken, __heapRun: heapRun });
