import { MIN_NEW_PASSPHRASE } from './reports';

export type PassphraseStrength = 'weak' | 'fair' | 'strong';

/**
 * A rough hint while a passphrase is typed, not a gate (the backend enforces the length): long,
 * several words or several kinds of characters, and not one character repeated.
 */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  const chars = [...passphrase];
  if (chars.length < MIN_NEW_PASSPHRASE || new Set(chars).size < 6) return 'weak';
  const words = passphrase.trim().split(/\s+/).filter((w) => w.length >= 3).length;
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{N}/u, /[^\p{L}\p{N}\s]/u].filter((re) => re.test(passphrase)).length;
  if ((words >= 4 && chars.length >= 20) || (chars.length >= 16 && kinds >= 3)) return 'strong';
  return 'fair';
}
