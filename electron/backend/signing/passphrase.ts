import { AppError } from '../../../shared/errors';

/** Twelve characters: with the key sealed under PBKDF2-SHA256, a copied database is no longer a quick guess. */
export const MIN_PASSPHRASE_LENGTH = 12;

export function assertPassphraseStrength(passphrase: string): void {
  // Count code points, not UTF-16 units, so "åäö" counts as three characters like the user sees it.
  if (typeof passphrase !== 'string' || [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('invalid_input', { field: 'passphrase', min: MIN_PASSPHRASE_LENGTH });
  }
}
