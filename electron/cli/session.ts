import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import { Backend } from '../backend/backend';
import { APP_VERSION, defaultDataDir } from '../backend/paths';

/** A backend bound to one database file, for a single CLI command. */
export function openCliBackend(dbFile: string, opts: { mustExist?: boolean } = {}): Backend {
  if (opts.mustExist !== false && !fs.existsSync(dbFile)) throw new AppError('file_unreadable', { path: dbFile });
  const backend = new Backend({ dataDir: defaultDataDir(), transport: 'http', version: APP_VERSION });
  backend.open(dbFile);
  return backend;
}
