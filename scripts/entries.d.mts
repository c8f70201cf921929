/** Source file of an export key: `.` -> `src/index.ts`, `./core` -> `src/core/index.ts`. */
export function sourceOf(key: string): string;
/** Entries with JS code, as `[exportKey, sourcePath]`, in the order of the exports map. */
export function codeEntries(pkg?: { exports: Record<string, unknown> }): Array<[string, string]>;
/** Rolldown `input`: entry name -> source path. Throws when an exported entry's source file is missing. */
export function buildInput(): Record<string, string>;
