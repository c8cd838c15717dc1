// Bundles the Node side: Electron main, the sandboxed preload (one CommonJS file: a sandboxed
// preload cannot require local files) and the `granska` CLI. Runtime dependencies stay external so
// native modules (better-sqlite3) and packages that read their own data files (pdfkit) keep working.
import { build } from 'esbuild';
import { readFileSync, chmodSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { __GRANSKA_VERSION__: JSON.stringify(pkg.version) },
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/main/main.cjs', packages: 'external', external: ['electron'] }),
  // The PKCS#12 worker runs beside each bundle that may import a signing identity.
  build({ ...common, entryPoints: ['electron/backend/signing/pkcs12-worker.ts'], outfile: 'dist/main/pkcs12-worker.cjs', packages: 'external' }),
  build({ ...common, entryPoints: ['electron/backend/signing/pkcs12-worker.ts'], outfile: 'dist/cli/pkcs12-worker.cjs', packages: 'external' }),
  // A backup's integrity check runs beside each bundle that takes backups.
  build({ ...common, entryPoints: ['electron/backend/features/backup/inspect-worker.ts'], outfile: 'dist/main/inspect-worker.cjs', packages: 'external' }),
  build({ ...common, entryPoints: ['electron/backend/features/backup/inspect-worker.ts'], outfile: 'dist/cli/inspect-worker.cjs', packages: 'external' }),
  build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/preload/preload.cjs', external: ['electron'], target: 'chrome130', minify: true }),
  build({
    ...common,
    entryPoints: ['electron/cli/main.ts'],
    outfile: 'dist/cli/granska.cjs',
    packages: 'external',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
chmodSync('dist/cli/granska.cjs', 0o755);
