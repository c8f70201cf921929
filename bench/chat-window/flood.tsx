// The page flood.mjs drives: the real pipeline (fetch -> readSSE -> ai-sdk protocol -> accumulator -> store ->
// useChatStream -> ChatWindow) fed a flood of AI SDK events, counting React commits of the chat.
import { useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { ChatWindow, useChatStream } from '../../src/index.ts';

type Kind = 'text' | 'mixed';

/** `chunks` deltas: all text, or a reasoning third, a tool-argument third and a text third (a reasoning model calling a tool). */
function events(kind: Kind, chunks: number): string[] {
  const out = ['{"type":"start"}'];
  const third = Math.floor(chunks / 3);
  const textFrom = kind === 'text' ? 0 : chunks - third;
  if (kind === 'mixed') {
    out.push('{"type":"reasoning-start","id":"r"}');
    for (let i = 0; i < third; i++) out.push(JSON.stringify({ type: 'reasoning-delta', id: 'r', delta: `think${i} ` }));
    out.push('{"type":"reasoning-end","id":"r"}');
    out.push('{"type":"tool-input-start","toolCallId":"c1","toolName":"search"}');
    out.push(JSON.stringify({ type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '{"q":"' }));
    for (let i = third + 1; i < textFrom - 1; i++) out.push(JSON.stringify({ type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: `w${i} ` }));
    out.push(JSON.stringify({ type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '"}' }));
    out.push('{"type":"tool-input-available","toolCallId":"c1","toolName":"search","input":{"q":"x"}}');
  }
  out.push('{"type":"text-start","id":"t"}');
  for (let i = textFrom; i < chunks; i++) out.push(JSON.stringify({ type: 'text-delta', id: 't', delta: i % 25 === 24 ? ' word.\n\n' : ` word${i}` }));
  out.push('{"type":"text-end","id":"t"}', '{"type":"finish","finishReason":"stop"}', '[DONE]');
  return out;
}

/** A fetch that answers with the events, `perWrite` per network write, one write per macrotask (a flood). */
function floodFetch(kind: Kind, chunks: number, perWrite: number): typeof fetch {
  return async () => {
    const all = events(kind, chunks);
    const bytes = new TextEncoder();
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (at >= all.length) return controller.close();
        const slice = all.slice(at, at + perWrite);
        at += perWrite;
        controller.enqueue(bytes.encode(slice.map((data) => `data: ${data}\n\n`).join('')));
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' } });
  };
}

async function run(kind: Kind, chunks: number, perWrite: number) {
  let commits = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const fetch = floodFetch(kind, chunks, perWrite);
  function App() {
    const chat = useChatStream({ api: '/flood', protocol: 'ai-sdk', fetch, onFinish: () => resolveDone() });
    // Runs once per commit of the chat (every store snapshot the window rendered).
    useLayoutEffect(() => {
      commits++;
    });
    (window as unknown as { __send: (t: string) => void }).__send = (t) => void chat.send(t);
    return <ChatWindow chat={chat} />;
  }
  const root = createRoot(document.getElementById('root')!);
  flushSync(() => root.render(<App />));
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const before = commits;
  const t0 = performance.now();
  (window as unknown as { __send: (t: string) => void }).__send('Go');
  await done;
  await new Promise((resolve) => setTimeout(resolve, 100));
  const ms = performance.now() - t0;
  const parts = document.querySelectorAll('.rcs-reasoning, .rcs-tool').length;
  const text = document.querySelector('article[data-role="assistant"]')?.textContent?.length ?? 0;
  root.unmount();
  return { kind, chunks, perWrite, commits: commits - before, ms, parts, textLength: text };
}

(window as unknown as { __flood: typeof run }).__flood = run;
