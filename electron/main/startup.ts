import fs from 'node:fs';
import path from 'node:path';

/**
 * Which database to open at start: a `--db <file>` on the command line (tests, a shortcut an audit
 * lead made), else the one used last if it still exists (it may sit on a USB stick that is not
 * plugged in), else the default database in the user's data folder.
 */
export function pickStartupDatabase(opts: {
  fromArgs: string | null;
  lastDatabase: string | null;
  defaultPath: string;
  exists?: (file: string) => boolean;
}): string {
  const exists = opts.exists ?? fs.existsSync;
  if (opts.fromArgs) return path.resolve(opts.fromArgs);
  if (opts.lastDatabase && exists(opts.lastDatabase)) return opts.lastDatabase;
  return opts.defaultPath;
}

/** `--db file` or `--db=file`; Chromium's own switches around it are left alone. */
export function databaseFromArgs(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--db') return argv[i + 1] ?? null;
    if (arg?.startsWith('--db=')) return arg.slice('--db='.length) || null;
  }
  return null;
}

export interface Openable {
  open(file: string): void;
}

/**
 * Opens the chosen database; if that fails, tells the person why (through `report`) and opens
 * the default one, so the app always starts somewhere useful. Resolves to the file that is open,
 * or null when even the default could not be opened (the renderer then offers to choose one).
 */
export async function openAtStartup(
  backend: Openable,
  file: string,
  defaultPath: string,
  report: (err: unknown, file: string, fallback: string | null) => Promise<void>,
): Promise<string | null> {
  try {
    backend.open(file);
    return file;
  } catch (err) {
    const canFallBack = path.resolve(file) !== path.resolve(defaultPath);
    await report(err, file, canFallBack ? defaultPath : null);
    if (!canFallBack) return null;
  }
  try {
    backend.open(defaultPath);
    return defaultPath;
  } catch (err) {
    await report(err, defaultPath, null);
    return null;
  }
}
