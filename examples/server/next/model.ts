/**
 * The stand-in for your model call in the Next.js recipes: streams back the last message word by word and stops
 * when `signal` aborts. Replace it with a provider adapter, e.g.
 * `fromOpenAIChat(await openai.chat.completions.create({ model, messages, stream: true }, { signal }))`.
 */

/** Pause between words, like a model's tokens. */
export const TOKEN_GAP_MS = 40;

/** The history of a parsed request body (untrusted input): `{ role, content }` items, others dropped. */
export function messagesOf(body: unknown): { role: string; content: string }[] {
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return [];
  return messages.filter((m) => typeof m?.role === 'string' && typeof m?.content === 'string');
}

export async function* answer(messages: { content: string }[], signal: AbortSignal): AsyncIterable<string> {
  const words = `Streamed by the route handler: you said "${messages.at(-1)?.content ?? ''}".`.split(/(?<= )/);
  for (const word of words) {
    await new Promise((resolve) => setTimeout(resolve, TOKEN_GAP_MS));
    if (signal.aborted) return;
    yield word;
  }
}
