// The launcher's decisions as pure functions: what `npm start` does, given what it found on this
// machine. No file system, no processes here, so every branch is unit-tested (test/electron/launch).
import path from 'node:path';

/** The environment variable through which the Electron main process gets the Electron build of better-sqlite3. */
export const NATIVE_BINDING_ENV = 'GRANSKA_SQLITE_NATIVE_BINDING';
export const FORCE_BROWSER_ENV = 'GRANSKA_FORCE_BROWSER';

/** Electron exiting sooner than this with an error means it never got going (missing libraries, sandbox setup). */
export const EARLY_EXIT_MS = 10_000;

export function browserFallbackMessage(reason) {
  return `Electron could not start here (${reason}); starting Granska in browser mode instead.`;
}

export const REASONS = {
  binaryMissing: 'its binary could not be downloaded',
  noDisplay: 'no graphical display: neither DISPLAY nor WAYLAND_DISPLAY is set',
  native: (detail) => `better-sqlite3 could not be rebuilt for Electron: ${detail}`,
  exited: (code, signal) =>
    signal ? `it was stopped by ${signal} while starting` : `it exited with code ${code} while starting`,
  spawnFailed: (detail) => `it could not be run: ${detail}`,
};

export function isForcedBrowser(env) {
  const v = String(env[FORCE_BROWSER_ENV] ?? '')
    .trim()
    .toLowerCase();
  return v !== '' && v !== '0' && v !== 'false' && v !== 'no';
}

/** Linux needs an X or Wayland display; elsewhere there is always one when a person runs npm start. */
export function hasDisplay(platform, env) {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * Where the `electron` package says its binary is: node_modules/electron/path.txt names it inside
 * dist/. Both files appear only after a successful download.
 */
export function electronBinaryPath(electronDir, { readText, exists }) {
  let relative;
  try {
    relative = readText(path.join(electronDir, 'path.txt')).trim();
  } catch {
    return null;
  }
  if (!relative) return null;
  const binary = path.join(electronDir, 'dist', relative);
  return exists(binary) ? binary : null;
}

/** One download attempt, only when it can help. */
export function shouldTryDownload({ forced, binaryPath }) {
  return !forced && !binaryPath;
}

/** Rebuilding takes minutes the first time, so only when Electron could actually start. */
export function shouldPrepareNative({ forced, binaryPath, display }) {
  return !forced && Boolean(binaryPath) && display;
}

/**
 * Electron or browser mode. `native` is `{ ok: true, bindingPath }` or `{ ok: false, reason }`;
 * the checks run in the order the launcher gathers the facts, so the first failure is the one reported.
 */
export function decideLaunch({ forced, binaryPath, display, native }) {
  if (forced) return { mode: 'browser', message: `${FORCE_BROWSER_ENV}=1 is set; starting Granska in browser mode.` };
  if (!binaryPath) return { mode: 'browser', message: browserFallbackMessage(REASONS.binaryMissing) };
  if (!display) return { mode: 'browser', message: browserFallbackMessage(REASONS.noDisplay) };
  if (!native || !native.ok)
    return { mode: 'browser', message: browserFallbackMessage(REASONS.native(native?.reason ?? 'not attempted')) };
  return { mode: 'electron', binaryPath, env: { [NATIVE_BINDING_ENV]: native.bindingPath } };
}

/**
 * After Electron exited: null when it ran and the person closed it (pass its exit code on), or the
 * browser-mode decision when it died while starting.
 */
export function decideAfterExit({ code, signal, elapsedMs, spawnError }) {
  if (spawnError) return { mode: 'browser', message: browserFallbackMessage(REASONS.spawnFailed(spawnError)) };
  const failed = (code !== null && code !== 0) || (signal !== null && signal !== 'SIGINT' && signal !== 'SIGTERM');
  if (failed && elapsedMs < EARLY_EXIT_MS)
    return { mode: 'browser', message: browserFallbackMessage(REASONS.exited(code, signal)) };
  return null;
}

/** The Electron build of better-sqlite3 lives apart from the Node build, per Electron and module version. */
export function nativeCachePaths(projectRoot, electronVersion, sqliteVersion) {
  const root = path.join(
    projectRoot,
    'node_modules',
    '.granska-electron',
    `electron-${electronVersion}-better-sqlite3-${sqliteVersion}`,
  );
  const moduleDir = path.join(root, 'node_modules', 'better-sqlite3');
  return {
    root,
    moduleDir,
    bindingPath: path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node'),
    stampPath: path.join(root, 'built.json'),
    logPath: path.join(root, 'rebuild.log'),
  };
}

/**
 * The package.json that tells @electron/rebuild what to build in the cache folder. The module sits
 * at node_modules/better-sqlite3 but may be another package installed under that name (an npm
 * alias: better-sqlite3-multiple-ciphers, for encryption at rest); the dependency must name what
 * is really there, or anything that installs from this manifest would fetch plain better-sqlite3.
 */
export function rebuildManifest(packageName, version) {
  const spec = packageName === 'better-sqlite3' ? version : `npm:${packageName}@${version}`;
  return { name: 'granska-electron-native', private: true, dependencies: { 'better-sqlite3': spec } };
}

/** Arguments for Electron: the app folder, then the person's own (e.g. `--db file`). */
export function electronArgs(projectRoot, forwarded) {
  return [projectRoot, ...forwarded];
}

export function browserArgs(cliPath, forwarded) {
  return [cliPath, 'serve', ...forwarded];
}
