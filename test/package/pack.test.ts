import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { repoRoot } from './support/paths.ts';

// What `npm publish` would upload: `npm pack --dry-run --json` selects files exactly as publish does (the `files`
// field, .npmignore, the always-included package.json/README/CHANGELOG/LICENSE). globalSetup has just built dist/.
interface PackedFile {
  path: string;
  size: number;
}
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' }),
) as [{ files: PackedFile[] }];
const files = packed.files.map((f) => f.path).sort();
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
};

/** The export map's file targets (`./dist/core/index.js` -> `dist/core/index.js`). */
function exportTargets(): string[] {
  return Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target))).map((t) => t.slice(2));
}

describe('the published file list (npm pack --dry-run)', () => {
  it('holds only the built dist/ (ESM, declarations, source maps, the stylesheet) and the package docs', () => {
    const unintended = files.filter(
      (f) => !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE(\.md)?)$/.test(f) && !/^dist\/[\w./-]+\.(js|js\.map|d\.ts|css)$/.test(f),
    );
    expect(unintended).toEqual([]);
    for (const required of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) expect(files).toContain(required);
  });

  it('ships no sources, tests, stories, dev server, scripts or config', () => {
    const leaked = files.filter((f) => /(^|\/)(src|test|stories|dev|scripts|bench|examples|node_modules|\.ci)\//.test(f) || /\.(test|stories|bench)\.|\.tsx?$(?<!\.d\.ts)/.test(f));
    expect(leaked).toEqual([]);
  });

  it('contains every file the exports map points to', () => {
    const missing = exportTargets().filter((target) => !files.includes(target));
    expect(missing).toEqual([]);
  });

  it('gives every module its declarations, and ships every source map a module links to', () => {
    const modules = files.filter((f) => f.endsWith('.js'));
    expect(modules.length).toBeGreaterThan(20);
    expect(modules.filter((f) => !files.includes(f.replace(/\.js$/, '.d.ts')))).toEqual([]);
    // Pure re-export entries (index.js) get no map from the bundler; every module with code links one.
    const linked = modules.flatMap((f) => {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(path.join(repoRoot, f), 'utf8'))?.[1];
      return url ? [path.posix.join(path.posix.dirname(f), url)] : [];
    });
    expect(linked.length).toBeGreaterThan(20);
    expect(linked.filter((map) => !files.includes(map))).toEqual([]);
  });

  it('is what the tarball the package tests install holds', () => {
    const tarball = inject('tarball');
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line !== '' && !line.endsWith('/'))
      .map((line) => line.replace(/^package\//, ''))
      .sort();
    expect(listed).toEqual(files);
  });
});
