import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot, workDir } from './paths.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the `npm pack` tarball every package test installs. */
    tarball: string;
  }
}

/**
 * Builds and packs the package once for the whole `package` project, as `npm publish` would (`prepack` builds).
 * RCS_PACKAGE_BUILT=1 (set by .ci/run after its build step) skips the rebuild.
 */
export default function setup(project: TestProject): void {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const args = ['pack', '--pack-destination', workDir, '--silent'];
  if (process.env.RCS_PACKAGE_BUILT === '1') args.push('--ignore-scripts');
  // NODE_ENV=production: under vitest it is 'test', and the React plugin would then emit development JSX (jsxDEV).
  execFileSync('npm', args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  const tgz = readdirSync(workDir).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack wrote no tarball into ${workDir}`);
  project.provide('tarball', path.join(workDir, tgz));
}
