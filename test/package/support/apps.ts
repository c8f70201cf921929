import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, workDir } from './paths.ts';

/** Runs a command, returning its output; on failure the error carries the command's stdout and stderr. */
export function run(cmd: string, args: string[], options: ExecFileSyncOptions = {}): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: 'pipe', ...options }) as string;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}\n${e.message}`);
  }
}

/** A fresh app directory under the work dir, optionally seeded from a fixture folder, with `files` written in. */
export function scratchApp(name: string, files: Record<string, string>, fixture?: string): string {
  const dir = path.join(workDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (fixture) cpSync(fixture, dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/**
 * Installs the packed tarball into an app, as a user's `npm install` would, from the local npm cache when it can.
 * Peers (react, react-dom) are not installed: the app resolves the repository's copy, the same one its tools use.
 */
export function installTarball(dir: string, tarball: string): void {
  run('npm', ['install', tarball, '--no-save', '--legacy-peer-deps', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: dir });
}

/** A binary from the repository's node_modules. */
export const bin = (name: string) => path.join(repoRoot, 'node_modules/.bin', name);
