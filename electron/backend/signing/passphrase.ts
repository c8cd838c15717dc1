import { AppError } from '../../../shared/errors';

export const MIN_PASSPHRASE_LENGTH = 8;

export function assertPassphraseStrength(passphrase: string): void {
  // Count code points, not UTF-16 units, so "åäö" counts as three characters like the user sees it.
  if (typeof passphrase !== 'string' || [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('invalid_input', { field: 'passphrase', min: MIN_PASSPHRASE_LENGTH });
  }
}
