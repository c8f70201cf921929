/// <reference types="vite/client" />
/**
 * The smallest full page: one <ChatWindow> talking to the fake model that `fakeLLM()` (vite.config.ts) mounts
 * on the dev server. Run `npm run dev`. With OPENAI_BASE_URL and OPENAI_API_KEY set, open `/?api=/api/openai`
 * to talk to a real model through the dev server's proxy.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ChatWindow } from '../src/index.ts';

// Every stylesheet of the kit (a real app imports the package's CSS once instead).
import.meta.glob('../src/components/**/*.css', { eager: true });

const api = new URLSearchParams(location.search).get('api') ?? '/api/chat?tokensPerSecond=40&ttfbMs=300';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ChatWindow api={api} autoFocus placeholder="Ask anything (a fake model answers)…" />
  </StrictMode>,
);
