import type { Command } from 'commander';

export function registerEncryption(program: Command): void {
  program
    .command('encrypt')
    .summary('encrypt a database with a passphrase (SQLCipher 4)')
    .description(
      'Encrypt the database file in place with a passphrase (SQLCipher 4: AES-256, key by PBKDF2-HMAC-SHA512). ' +
        'The passphrase comes from GRANSKA_DB_PASSPHRASE or is asked for twice on the terminal, never from an argument. ' +
        'Close the app first. Without the passphrase nobody, Granska included, can open the file again: keep it safe.',
    )
    .requiredOption('--db <file>', 'the database to encrypt')
    .action(async (opts: { db: string }) => {
      const { runEncrypt } = await import('../run/encrypt');
      runEncrypt(opts);
    });
  program
    .command('decrypt')
    .summary('remove a database’s encryption')
    .description(
      'Write an encrypted database back as a plain SQLite file. Its passphrase comes from GRANSKA_DB_PASSPHRASE or is asked for. ' +
        'A wrong passphrase changes nothing (exit code 2).',
    )
    .requiredOption('--db <file>', 'the encrypted database')
    .action(async (opts: { db: string }) => {
      const { runDecrypt } = await import('../run/encrypt');
      runDecrypt(opts);
    });
}
