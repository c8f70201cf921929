/** Tool-call arguments as text and as a value: decoders parse what they stream, the parts builder settles them. */

/** Complete tool arguments as a value: `{}` for blank text, `undefined` when the text is not JSON (the raw text
 * stays in `inputText`). JSON.parse never returns `undefined`, so `undefined` always means "not JSON". */
export function parseToolInput(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Arguments sent whole as a value, as the text a tool card shows (`''` for what JSON cannot hold, like a cycle). */
export function stringifyToolInput(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
