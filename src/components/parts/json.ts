/** Pretty JSON for display; a string stays as it is, and anything JSON cannot hold falls back to `String()`. */
export function formatJson(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
