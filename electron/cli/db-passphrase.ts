import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fail } from './exit';

/** Where the `granska` command takes a database's (or encrypted package's) passphrase from first. */
export const DB_PASSPHRASE_ENV = 'GRANSKA_DB_PASSPHRASE';
/** The same for an encrypted audit package (export, return, import, or opened with --db). */
export const PACKAGE_PASSPHRASE_ENV = 'GRANSKA_PACKAGE_PASSPHRASE';

/**
 * A passphrase for `what` (a file name, shown in the prompt): from GRANSKA_DB_PASSPHRASE, else
 * asked for on the terminal without echo. Never from an argument, which the shell history and the
 * process list would show to others. Without either, the command stops and says how to give one.
 */
export function askPassphrase(what: string, opts: { env?: string; confirm?: boolean } = {}): string {
  const variable = opts.env ?? DB_PASSPHRASE_ENV;
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  const typed = readFromTerminal(`Passphrase for ${what}: `);
  if (typed === null) fail(`${what} needs a passphrase: set ${variable}, or run the command in a terminal to be asked for it.`);
  if (opts.confirm) {
    const again = readFromTerminal('Repeat the passphrase: ');
    if (again !== typed) fail('the two passphrases differ; nothing was changed.');
  }
  return typed;
}

/**
 * Reads one line from the controlling terminal with echo off. Synchronous, because commands open
 * their database synchronously; `stty` is how a Unix terminal's echo is switched off and back on.
 */
function readFromTerminal(prompt: string): string | null {
  if (process.platform === 'win32' || !process.stdin.isTTY) return null;
  let fd: number;
  try {
    fd = fs.openSync('/dev/tty', 'r+');
  } catch {
    return null;
  }
  const stty = (arg: string) => spawnSync('stty', [arg], { stdio: [fd, 'ignore', 'ignore'] });
  try {
    fs.writeSync(fd, prompt);
    stty('-echo');
    const bytes: number[] = [];
    const one = Buffer.alloc(1);
    while (fs.readSync(fd, one, 0, 1, null) === 1 && one[0] !== 0x0a && one[0] !== 0x0d) bytes.push(one[0]!);
    fs.writeSync(fd, '\n');
    return Buffer.from(bytes).toString('utf8');
  } finally {
    stty('echo');
    fs.closeSync(fd);
  }
}
