import crypto from 'node:crypto';
import { AppError } from '../../../../shared/errors';

/**
 * An audit package encrypted for its recipient with a passphrase (issue 14.5): the `.granska` zip,
 * whole, sealed with AES-256-GCM under a key derived by scrypt. Packages travel by e-mail and USB
 * stick; someone who intercepts one learns nothing but its size, and a changed byte anywhere
 * (header included, as GCM's associated data) makes opening fail.
 *
 * Envelope, version 1 (all integers unsigned, one byte each):
 *
 *   offset  size  field
 *   0       8     magic "GRANSKA\xE1"  (never a zip's "PK\3\4" nor SQLite's "SQLite f")
 *   8       1     envelope version = 1
 *   9       1     scrypt log2(N)  (17: N = 131072)
 *   10      1     scrypt r        (8)
 *   11      1     scrypt p        (1)
 *   12      16    salt (random)
 *   28      12    nonce (random)
 *   40      16    GCM tag
 *   56      …     ciphertext of the .granska zip
 *
 * Bytes 0–39 are the associated data. The key is scrypt(passphrase as UTF-8, salt, 32 bytes).
 * A fresh salt per package gives a fresh key, so the random 96-bit nonce is never reused.
 */
export const ENVELOPE_MAGIC = Buffer.from('GRANSKA\xE1', 'latin1');
export const ENVELOPE_VERSION = 1;
const HEADER_BYTES = 40;
const TAG_BYTES = 16;
const DEFAULT_COST = { logN: 17, r: 8, p: 1 };
/** A hostile header must not make us allocate gigabytes: at most 2^18 × 16 × 128 B = 512 MiB. */
const MAX_LOG_N = 18;
const MAX_R = 16;
const MAX_P = 4;

export const MIN_PACKAGE_PASSPHRASE_LENGTH = 8;

export function isEncryptedPackage(bytes: Buffer): boolean {
  return bytes.length >= ENVELOPE_MAGIC.length && bytes.subarray(0, ENVELOPE_MAGIC.length).equals(ENVELOPE_MAGIC);
}

function deriveKey(passphrase: string, salt: Buffer, cost: { logN: number; r: number; p: number }): Buffer {
  const N = 2 ** cost.logN;
  return crypto.scryptSync(Buffer.from(passphrase, 'utf8'), salt, 32, { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r });
}

export function sealPackage(zip: Buffer, passphrase: string, cost = DEFAULT_COST): Buffer {
  if (passphrase.length < MIN_PACKAGE_PASSPHRASE_LENGTH) {
    throw new AppError('invalid_input', { reason: 'passphrase_short', min: MIN_PACKAGE_PASSPHRASE_LENGTH });
  }
  const salt = crypto.randomBytes(16);
  const nonce = crypto.randomBytes(12);
  const header = Buffer.concat([ENVELOPE_MAGIC, Buffer.from([ENVELOPE_VERSION, cost.logN, cost.r, cost.p]), salt, nonce]);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, cost), nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(zip), cipher.final()]);
  return Buffer.concat([header, cipher.getAuthTag(), body]);
}

/**
 * The zip inside an envelope. No passphrase: `wrong_passphrase` (reason `package_required`), so a
 * caller can ask for one. A wrong passphrase and an altered byte cannot be told apart by design;
 * both are `wrong_passphrase` (reason `package`) and nothing is written.
 */
export function openSealedPackage(bytes: Buffer, passphrase: string | null | undefined): Buffer {
  if (bytes.length < HEADER_BYTES + TAG_BYTES) throw new AppError('file_unreadable', { reason: 'package' });
  const version = bytes[8]!;
  if (version > ENVELOPE_VERSION) {
    throw new AppError('package_refused', { reason: 'newer_format', found: version, supported: ENVELOPE_VERSION });
  }
  const cost = { logN: bytes[9]!, r: bytes[10]!, p: bytes[11]! };
  if (version < 1 || cost.logN < 10 || cost.logN > MAX_LOG_N || cost.r < 1 || cost.r > MAX_R || cost.p < 1 || cost.p > MAX_P) {
    throw new AppError('package_refused', { reason: 'damaged' });
  }
  if (!passphrase) throw new AppError('wrong_passphrase', { reason: 'package_required' });
  const header = bytes.subarray(0, HEADER_BYTES);
  const salt = bytes.subarray(12, 28);
  const nonce = bytes.subarray(28, 40);
  const tag = bytes.subarray(HEADER_BYTES, HEADER_BYTES + TAG_BYTES);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(passphrase, salt, cost), nonce);
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new AppError('wrong_passphrase', { reason: 'package' });
  }
}

/** A package's zip, opened from its envelope when it has one. */
export function unsealIfNeeded(bytes: Buffer, passphrase: string | null | undefined): Buffer {
  return isEncryptedPackage(bytes) ? openSealedPackage(bytes, passphrase) : bytes;
}
