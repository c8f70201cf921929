import type { Plugin } from 'vite';
import { ATTACK_REPLY } from './attacks.ts';

/** Characters per streamed token: small, so the renderer meets every payload half-written too. */
const ATTACK_TOKEN_CHARS = 7;

/**
 * A Vite plugin answering `POST /api/attack` with `ATTACK_REPLY` as an OpenAI-style SSE stream (the fake model's
 * answer is fixed, so attack text needs its own route). Used only by the e2e harness server.
 */
export function attackModel(): Plugin {
  return {
    name: 'react-chat-stream:e2e-attack-model',
    configureServer(server) {
      server.middlewares.use('/api/attack', (req, res, next) => {
        if (req.method !== 'POST') {
          next();
          return;
        }
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
          // Cut by code point so no token holds half a surrogate pair.
          const chars = Array.from(ATTACK_REPLY);
          const tokens: string[] = [];
          for (let at = 0; at < chars.length; at += ATTACK_TOKEN_CHARS) tokens.push(chars.slice(at, at + ATTACK_TOKEN_CHARS).join(''));
          let i = 0;
          const timer = setInterval(() => {
            // Ten tokens per tick: fast, yet many separate network writes and renders.
            for (let n = 0; n < 10 && i < tokens.length; n++, i++) {
              res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: tokens[i] } }] })}\n\n`);
            }
            if (i >= tokens.length) {
              clearInterval(timer);
              res.end('data: [DONE]\n\n');
            }
          }, 5);
          res.on('close', () => clearInterval(timer));
        });
      });
    },
  };
}
