import { fail } from '../exit';

/**
 * A passphrase from the environment variable a command names: never from an argument, which the
 * shell history and the process list would show to others.
 */
export function passphraseFromEnv(variable: string): string {
  const value = process.env[variable];
  if (!value) fail(`the environment variable ${variable} is not set or empty; it must hold the passphrase.`);
  return value;
}
