/**
 * The fake model's deterministic answer. Tests and e2e checks compare the streamed text against these
 * exports exactly, so the answer never depends on the question, the clock or the split mode.
 */

/**
 * The base answer: markdown-rich on purpose (headings, lists, a fenced code block, a table, links, emoji and
 * CJK text) so renderers meet every construct while it streams in.
 */
export const FAKE_ANSWER = `## Streaming, explained 🚀

Here is how a **streamed reply** reaches your screen, token by token:

1. The server opens a \`text/event-stream\` response.
2. Each token travels as one *Server-Sent Event*.
3. The client parses events, batches text and renders **once per frame**.

- Fast: the first token shows at once
- Safe: markdown is parsed, never injected as HTML
- Resumable: every event carries an \`id\`

### A code sample

\`\`\`ts
import { useChatStream } from 'react-chat-stream';

export function Chat() {
  const { messages, send, status } = useChatStream({ api: '/api/chat' });
  return <pre>{status}: {messages.length} messages</pre>;
}
\`\`\`

### Protocols at a glance

| Protocol | Ends with | Error event |
| --- | --- | --- |
| text | \`[DONE]\` | \`event: error\` |
| openai | \`[DONE]\` | \`{"error":{...}}\` |
| anthropic | \`message_stop\` | \`event: error\` |
| ai-sdk | \`finish\` | \`{"type":"error"}\` |

Read the [SSE spec](https://html.spec.whatwg.org/multipage/server-sent-events.html) or the [MDN guide](https://developer.mozilla.org/en-US/docs/Web/API/Server-sent_events) for the details.

> 多字节文本也能正确显示：你好，世界！日本語もOK、한국어도 괜찮아요。 ✨🎉👩‍💻

That's all — happy streaming! 🙌`;

// CJK ideographs, kana, hangul and full-width forms: each character becomes its own token, like a real BPE
// tokenizer that has no spaces to split on.
const CJK = '\\u3000-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uff00-\\uffef';
const TOKEN_RE = new RegExp(`\\s*[${CJK}]|\\s*[^\\s${CJK}]{1,8}|\\s+`, 'gu');

/** Splits text into word-ish tokens (leading whitespace kept, long words cut every 8 code points). */
export function tokenize(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

/** How long the answer should be: characters (`length`) or tokens (`tokens`); neither gives the base answer. */
export interface FakeAnswerSize {
  /** Exact answer length in UTF-16 code units (never splitting a surrogate pair; may end one short). */
  length?: number;
  /** Exact number of tokens. */
  tokens?: number;
}

const BASE_TOKENS = tokenize(FAKE_ANSWER);

/**
 * The tokens of the answer for a size: the base answer repeated (separated by a blank line and a part
 * number) as often as needed, then cut. `fakeTokens(size).join('') === fakeAnswer(size)` always holds.
 */
export function fakeTokens(size: FakeAnswerSize = {}): string[] {
  if (size.tokens !== undefined) return repeatTokens(Math.max(0, Math.floor(size.tokens)));
  if (size.length === undefined) return BASE_TOKENS.slice();
  const length = Math.max(0, Math.floor(size.length));
  const out: string[] = [];
  let used = 0;
  for (let part = 1; used < length; part++) {
    for (const token of part === 1 ? BASE_TOKENS : partTokens(part)) {
      if (used + token.length <= length) {
        out.push(token);
        used += token.length;
        continue;
      }
      const cut = cutAt(token, length - used);
      if (cut) out.push(cut);
      return out;
    }
  }
  return out;
}

/** The answer text for a size; what a client must have rendered once the stream ends. */
export function fakeAnswer(size: FakeAnswerSize = {}): string {
  return fakeTokens(size).join('');
}

function repeatTokens(count: number): string[] {
  const out: string[] = [];
  for (let part = 1; out.length < count; part++) {
    for (const token of part === 1 ? BASE_TOKENS : partTokens(part)) {
      if (out.length === count) break;
      out.push(token);
    }
  }
  return out;
}

function partTokens(part: number): string[] {
  return tokenize(`\n\n---\n\n*Part ${part}*\n\n`).concat(BASE_TOKENS);
}

// Cuts a token to at most `max` code units without leaving half a surrogate pair behind.
function cutAt(token: string, max: number): string {
  let end = max;
  const code = token.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return token.slice(0, end);
}
