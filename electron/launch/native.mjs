// Builds better-sqlite3 for Electron's ABI in a folder of its own. node_modules/better-sqlite3
// stays built for Node, which tests, the CLI and browser mode use; rebuilding it in place (what
// `electron-rebuild` does by default) would break all three until the next `npm install`.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nativeCachePaths, rebuildManifest } from './decide.mjs';

const REBUILD_TIMEOUT_MS = 15 * 60_000;

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Why the rebuild failed, in words, from what it logged. */
function explainFailure(logText, logPath) {
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|network connectivity/i.test(logText)) {
    return `Electron's headers could not be downloaded (no internet access); details in ${logPath}`;
  }
  if (/find any Python|gyp ERR! find Python/i.test(logText))
    return `Python, needed to compile it, was not found; details in ${logPath}`;
  return `the rebuild failed; details in ${logPath}`;
}

/**
 * Resolves to `{ ok: true, bindingPath }` (the .node file to pass as better-sqlite3's
 * `nativeBinding`) or `{ ok: false, reason }`. A finished build is reused while the Electron and
 * better-sqlite3 versions stay the same.
 */
export function prepareElectronSqlite({ projectRoot, electronVersion, say = (line) => console.log(line) }) {
  const sourceDir = path.join(projectRoot, 'node_modules', 'better-sqlite3');
  let sqliteVersion;
  let sqliteName;
  try {
    ({ version: sqliteVersion, name: sqliteName } = readJson(path.join(sourceDir, 'package.json')));
  } catch {
    return { ok: false, reason: 'node_modules/better-sqlite3 is missing; run npm install' };
  }
  const paths = nativeCachePaths(projectRoot, electronVersion, sqliteVersion);
  try {
    const stamp = readJson(paths.stampPath);
    if (
      stamp.electron === electronVersion &&
      stamp.betterSqlite3 === sqliteVersion &&
      stamp.package === sqliteName &&
      fs.existsSync(paths.bindingPath)
    ) {
      return { ok: true, bindingPath: paths.bindingPath };
    }
  } catch {
    // no finished build yet
  }

  say(
    `Building ${sqliteName} ${sqliteVersion} for Electron ${electronVersion} (first start only; this can take a few minutes)…`,
  );
  fs.rmSync(paths.root, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(paths.moduleDir), { recursive: true });
  // A package.json naming better-sqlite3 as a dependency is how @electron/rebuild finds what to build.
  fs.writeFileSync(path.join(paths.root, 'package.json'), JSON.stringify(rebuildManifest(sqliteName, sqliteVersion), null, 2));
  // Without the Node build output, so a failed rebuild can never leave a Node-ABI binary here.
  fs.cpSync(sourceDir, paths.moduleDir, {
    recursive: true,
    filter: (src) => path.relative(sourceDir, src).split(path.sep)[0] !== 'build',
  });

  const worker = fileURLToPath(new URL('./rebuild-worker.mjs', import.meta.url));
  const log = fs.openSync(paths.logPath, 'w');
  let result;
  try {
    result = spawnSync(process.execPath, [worker, paths.root, electronVersion], {
      cwd: paths.root,
      stdio: ['ignore', log, log],
      timeout: REBUILD_TIMEOUT_MS,
    });
  } finally {
    fs.closeSync(log);
  }
  const logText = fs.existsSync(paths.logPath) ? fs.readFileSync(paths.logPath, 'utf8') : '';
  if (result.error?.code === 'ETIMEDOUT')
    return {
      ok: false,
      reason: `the rebuild took longer than ${REBUILD_TIMEOUT_MS / 60_000} minutes; details in ${paths.logPath}`,
    };
  if (result.status !== 0 || !fs.existsSync(paths.bindingPath))
    return { ok: false, reason: explainFailure(logText, paths.logPath) };

  fs.writeFileSync(
    paths.stampPath,
    JSON.stringify({ electron: electronVersion, betterSqlite3: sqliteVersion, package: sqliteName, builtAt: new Date().toISOString() }, null, 2),
  );
  return { ok: true, bindingPath: paths.bindingPath };
}
