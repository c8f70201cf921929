import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The test copies this fixture to test/package/.work/next-app; next, react and react-dom resolve from the
// repository's node_modules, four levels up, so that is the root Next traces and bundles from.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** @type {import('next').NextConfig} */
export default {
  turbopack: { root },
  outputFileTracingRoot: root,
};
