import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import { Backend } from '../backend/backend';
import { APP_VERSION, defaultDataDir } from '../backend/paths';
import { isEncryptedDatabaseFile, openSqlite } from '../backend/db/cipher';
import { fail } from './exit';
import { warnIfUnsafePlace } from './unsafe-warning';
import { isEncryptedPackageFile, isPackageFile } from '../backend/features/packages/detect';
import { askPassphrase, PACKAGE_PASSPHRASE_ENV } from './db-passphrase';

/** Exit code for a file that cannot be read at all, the same as `granska verify` uses. */
const UNREADABLE = 2;

/**
 * Only a Granska database may be opened: opening migrates, and migrating an empty file or some
 * other program's SQLite file would write Granska's tables into it. An encrypted file is probed
 * with its passphrase; a wrong one is refused here, before anything is opened for writing.
 */
function assertGranskaDatabase(dbFile: string, passphrase: string | null): void {
  if (!fs.existsSync(dbFile)) fail(`the database ${dbFile} does not exist (\`granska demo --db FILE\` creates one).`, UNREADABLE);
  let version: number;
  try {
    const probe = openSqlite(dbFile, { readonly: true, fileMustExist: true }, passphrase);
    try {
      version = probe.pragma('user_version', { simple: true }) as number;
    } finally {
      probe.close();
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    fail(`${dbFile} is not a database Granska can read.`, UNREADABLE);
  }
  if (version === 0) fail(`${dbFile} is not a Granska database.`, UNREADABLE);
}

/** The passphrase an encrypted database or package needs (environment or prompt); null for a plain file. */
export function passphraseFor(dbFile: string): string | null {
  if (!fs.existsSync(dbFile)) return null;
  if (isPackageFile(dbFile)) return isEncryptedPackageFile(dbFile) ? askPassphrase(dbFile, { env: PACKAGE_PASSPHRASE_ENV }) : null;
  return isEncryptedDatabaseFile(dbFile) ? askPassphrase(dbFile) : null;
}

/**
 * A backend bound to one database file, for a single CLI command. Only `create` (the demo) may
 * name a file that does not exist yet.
 */
export function openCliBackend(dbFile: string, opts: { create?: boolean; passphrase?: string | null } = {}): Backend {
  const passphrase = opts.passphrase !== undefined ? opts.passphrase : passphraseFor(dbFile);
  if (!opts.create && !isPackageFile(dbFile)) assertGranskaDatabase(dbFile, passphrase);
  warnIfUnsafePlace(dbFile);
  // A look from the terminal must not change which database the app opens next.
  const backend = new Backend({ dataDir: defaultDataDir(), transport: 'http', version: APP_VERSION, rememberDatabase: false });
  backend.open(dbFile, passphrase);
  return backend;
}
