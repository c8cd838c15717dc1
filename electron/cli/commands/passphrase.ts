import { CliExit } from '../main';

/**
 * A passphrase from the environment variable a command names: never from an argument, which the
 * shell history and the process list would show to others.
 */
export function passphraseFromEnv(variable: string): string {
  const value = process.env[variable];
  if (!value) {
    process.stderr.write(`granska: the environment variable ${variable} is not set; it must hold the passphrase.\n`);
    throw new CliExit(1);
  }
  return value;
}
