import fs from 'node:fs';
import Database from 'better-sqlite3';
import { Backend } from '../backend/backend';
import { APP_VERSION, defaultDataDir } from '../backend/paths';
import { fail } from './exit';
import { warnIfUnsafePlace } from './unsafe-warning';
import { isPackageFile } from '../backend/features/packages/detect';

/** Exit code for a file that cannot be read at all, the same as `granska verify` uses. */
const UNREADABLE = 2;

/**
 * Only a Granska database may be opened: opening migrates, and migrating an empty file or some
 * other program's SQLite file would write Granska's tables into it.
 */
function assertGranskaDatabase(dbFile: string): void {
  if (!fs.existsSync(dbFile)) fail(`the database ${dbFile} does not exist (\`granska demo --db FILE\` creates one).`, UNREADABLE);
  let version: number;
  try {
    const probe = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      version = probe.pragma('user_version', { simple: true }) as number;
    } finally {
      probe.close();
    }
  } catch {
    fail(`${dbFile} is not a database Granska can read.`, UNREADABLE);
  }
  if (version === 0) fail(`${dbFile} is not a Granska database.`, UNREADABLE);
}

/**
 * A backend bound to one database file, for a single CLI command. Only `create` (the demo) may
 * name a file that does not exist yet.
 */
export function openCliBackend(dbFile: string, opts: { create?: boolean } = {}): Backend {
  if (!opts.create && !isPackageFile(dbFile)) assertGranskaDatabase(dbFile);
  warnIfUnsafePlace(dbFile);
  // A look from the terminal must not change which database the app opens next.
  const backend = new Backend({ dataDir: defaultDataDir(), transport: 'http', version: APP_VERSION, rememberDatabase: false });
  backend.open(dbFile);
  return backend;
}
