// `npm start` (after the build): the desktop app when Electron can run here, otherwise the same
// app in browser mode, with one line saying why. The decisions are in decide.mjs (unit-tested);
// this file only gathers the facts and runs the processes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, spawnSync } from 'node:child_process';
import {
  browserArgs,
  decideAfterExit,
  decideLaunch,
  electronArgs,
  electronBinaryPath,
  hasDisplay,
  isForcedBrowser,
  NATIVE_BINDING_ENV,
  shouldPrepareNative,
  shouldTryDownload,
} from './decide.mjs';
import { prepareElectronSqlite } from './native.mjs';

const DOWNLOAD_TIMEOUT_MS = 60_000;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const electronDir = path.join(projectRoot, 'node_modules', 'electron');
const cliPath = path.join(projectRoot, 'dist', 'cli', 'granska.cjs');
const forwarded = process.argv.slice(2);
const io = { readText: (f) => fs.readFileSync(f, 'utf8'), exists: (f) => fs.existsSync(f) };

function electronVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** The binary is fetched by the electron package's install script, which this project does not run at install time. */
function tryDownloadElectron() {
  if (!fs.existsSync(path.join(electronDir, 'install.js'))) return;
  console.log(`Electron ${electronVersion() ?? ''} is not downloaded yet; trying once (up to ${DOWNLOAD_TIMEOUT_MS / 1000} s)…`);
  spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: 'ignore', // its stack trace on failure helps nobody; the decision line says what happened
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
}

/** Runs `command` with our terminal; Ctrl+C reaches it directly, and we wait for it to finish. */
function run(command, args, env) {
  const started = Date.now();
  const child = spawn(command, args, { cwd: projectRoot, stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    let spawnError = null;
    child.once('error', (err) => {
      spawnError = err.message;
    });
    child.once('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ code, signal, spawnError, elapsedMs: Date.now() - started });
    });
  });
}

async function startBrowserMode() {
  if (!fs.existsSync(cliPath)) {
    console.error('dist/cli/granska.cjs is missing; run `npm run build` first.');
    return 1;
  }
  // The Node build of better-sqlite3 serves browser mode, so the Electron binding must not leak in.
  const env = { ...process.env };
  delete env[NATIVE_BINDING_ENV];
  const { code } = await run(process.execPath, browserArgs(cliPath, forwarded), env);
  return code ?? 0;
}

async function main() {
  const forced = isForcedBrowser(process.env);
  let binaryPath = electronBinaryPath(electronDir, io);
  if (shouldTryDownload({ forced, binaryPath })) {
    tryDownloadElectron();
    binaryPath = electronBinaryPath(electronDir, io);
  }
  const display = hasDisplay(process.platform, process.env);
  const version = electronVersion();
  const native =
    shouldPrepareNative({ forced, binaryPath, display }) && version
      ? prepareElectronSqlite({ projectRoot, electronVersion: version })
      : null;

  const decision = decideLaunch({ forced, binaryPath, display, native });
  if (decision.mode === 'browser') {
    console.log(decision.message);
    return startBrowserMode();
  }

  // ELECTRON_RUN_AS_NODE left over in a shell would turn Electron into plain Node and show no window.
  const env = { ...process.env, ...decision.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const outcome = await run(decision.binaryPath, electronArgs(projectRoot, forwarded), env);
  const fallback = decideAfterExit(outcome);
  if (fallback) {
    console.log(fallback.message);
    return startBrowserMode();
  }
  return outcome.code ?? 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error('Granska could not start:', err);
    process.exitCode = 1;
  },
);
