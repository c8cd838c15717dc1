import { isEncryptedDatabaseFile } from '../../backend/db/cipher';
import { askPassphrase } from '../db-passphrase';
import { fail } from '../exit';
import { openCliBackend, passphraseFor } from '../session';

export function runEncrypt(opts: { db: string }): void {
  if (isEncryptedDatabaseFile(opts.db)) fail(`${opts.db} is already encrypted; nothing was changed.`);
  const backend = openCliBackend(opts.db);
  try {
    const passphrase = askPassphrase(`the encryption of ${opts.db}`, { confirm: true });
    backend.encryptDatabase(passphrase);
  } finally {
    backend.close();
  }
  process.stdout.write(`Encrypted ${opts.db}. Granska and the granska command will ask for its passphrase from now on.\n`);
}

export function runDecrypt(opts: { db: string }): void {
  if (!isEncryptedDatabaseFile(opts.db)) fail(`${opts.db} is not encrypted; nothing was changed.`);
  const current = passphraseFor(opts.db);
  const backend = openCliBackend(opts.db, { passphrase: current });
  try {
    backend.decryptDatabase(current ?? '');
  } finally {
    backend.close();
  }
  process.stdout.write(`Decrypted ${opts.db}: it is a plain SQLite file again.\n`);
}
