// Run by native.mjs in a child process (so a timeout can stop it): rebuilds better-sqlite3 inside
// the given folder for the given Electron version. The API rather than the electron-rebuild CLI,
// because the CLI walks up to the project's package-lock.json and would also rebuild — for
// Electron, in place — the project's own node_modules/better-sqlite3 that Node needs.
import { rebuild } from '@electron/rebuild';

const [buildPath, electronVersion] = process.argv.slice(2);
if (!buildPath || !electronVersion) {
  console.error('usage: rebuild-worker.mjs <buildPath> <electronVersion>');
  process.exit(2);
}

const rebuilder = rebuild({
  buildPath,
  projectRootPath: buildPath, // stop the module search here
  electronVersion,
  onlyModules: ['better-sqlite3'],
  force: true,
  mode: 'sequential',
});
rebuilder.lifecycle.on('modules-found', (names) => console.log(`Building: ${names.join(', ') || '(nothing found)'}`));
try {
  await rebuilder;
  console.log('Rebuild complete');
} catch (err) {
  console.error(err);
  process.exit(1);
}
