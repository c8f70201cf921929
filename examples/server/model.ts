/**
 * The stand-in for your model call in every recipe: it streams back the last message, word by word, and stops
 * the moment `signal` aborts (as a real SDK call given the signal does). Replace it with an adapter, e.g.
 * `(signal) => fromOpenAIChat(await openai.chat.completions.create({ ..., stream: true }, { signal }))`.
 */

/** A history message as the kit's default request body sends it. */
export interface RecipeMessage {
  role: string;
  content: string;
}

/** What a recipe calls to produce a reply: the request's messages and the signal that fires when to stop. */
export type RecipeModel = (messages: RecipeMessage[], signal: AbortSignal) => AsyncIterable<string>;

/** Pause between words, like a model's tokens. */
export const ECHO_TOKEN_GAP_MS = 20;

/** The history of a parsed request body, or an empty one (bodies are untrusted input). */
export function messagesOf(body: unknown): RecipeMessage[] {
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return [];
  return messages.filter((m): m is RecipeMessage => typeof m?.role === 'string' && typeof m?.content === 'string');
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Echo the last message back as `You said: …`, one word (with its trailing space) per token. */
export const echoModel: RecipeModel = async function* (messages, signal) {
  const last = messages.at(-1)?.content ?? '';
  for (const word of `You said: ${last}`.split(/(?<= )/)) {
    await pause(ECHO_TOKEN_GAP_MS, signal);
    if (signal.aborted) return;
    yield word;
  }
};
