import { join } from 'node:path';

/** An esbuild plugin resolving the package's own name through its exports map, as an installed copy would be. */
export function selfReference(pkg, root) {
  return {
    name: 'self-reference',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${pkg.name}(/.*)?$`) }, (args) => {
        const key = args.path === pkg.name ? '.' : `.${args.path.slice(pkg.name.length)}`;
        const target = pkg.exports[key];
        const file = typeof target === 'string' ? target : target?.import;
        if (!file) return { errors: [{ text: `${args.path} is not in package.json exports` }] };
        return { path: join(root, file) };
      });
    },
  };
}
