import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/**
 * Scratch apps live inside the checkout (gitignored) so that their tools (vite, typescript, next) and React resolve
 * from the repository's node_modules: one React for the app and the framework. Only the tarball (and its own
 * dependency, marked) is installed into each app.
 */
export const workDir = path.join(repoRoot, 'test/package/.work');
