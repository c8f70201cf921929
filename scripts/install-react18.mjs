// The react18 vitest project reads React 18.3 from test/package/react18/node_modules (react-dom@18 cannot share the
// root tree with react@19). Installs it from its lockfile when missing; a no-op afterwards.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const dir = new URL('../test/package/react18/', import.meta.url);
if (!existsSync(new URL('node_modules/react-dom/package.json', dir))) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, stdio: 'inherit' });
}
