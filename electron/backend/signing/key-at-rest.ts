import crypto from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { AppError } from '../../../shared/errors';

/**
 * How a signing key rests in the database: AES-256-GCM under a key derived with PBKDF2-HMAC-SHA256
 * at 600,000 rounds (OWASP's figure for SHA-256) from the person's passphrase. A PKCS#12 file as
 * exported (3DES, 10,000 SHA-1 rounds) lets a copied database be brute-forced offline about 60
 * times faster and with a cipher that is no longer recommended. The derivation runs on libuv's
 * thread pool, so the backend keeps answering while it works.
 */
const MAGIC = Buffer.from('GRANSKA-KEY\x01', 'latin1');
export const AT_REST_ITERATIONS = 600_000;
const SALT = 16;
const IV = 12;
const TAG = 16;
const HEADER = MAGIC.length + 4 + SALT + IV;

const pbkdf2 = promisify(crypto.pbkdf2);

export interface KeyMaterial {
  /** PKCS#8 DER. */
  key: Buffer;
  certificate: Buffer;
  chain: Buffer[];
}

export function isSealed(stored: Buffer): boolean {
  return stored.length > HEADER + TAG && stored.subarray(0, MAGIC.length).equals(MAGIC);
}

export async function sealKey(material: KeyMaterial, passphrase: string): Promise<Buffer> {
  const salt = crypto.randomBytes(SALT);
  const iv = crypto.randomBytes(IV);
  const rounds = Buffer.alloc(4);
  rounds.writeUInt32BE(AT_REST_ITERATIONS);
  const header = Buffer.concat([MAGIC, rounds, salt, iv]);
  const key = await pbkdf2(Buffer.from(passphrase.normalize('NFC'), 'utf8'), salt, AT_REST_ITERATIONS, 32, 'sha256');
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header);
  const plain = Buffer.from(JSON.stringify({
    key: material.key.toString('base64'),
    certificate: material.certificate.toString('base64'),
    chain: material.chain.map((c) => c.toString('base64')),
  }));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  plain.fill(0);
  return Buffer.concat([header, cipher.getAuthTag(), body]);
}

export async function unsealKey(stored: Buffer, passphrase: string): Promise<KeyMaterial> {
  if (!isSealed(stored)) throw new AppError('file_unreadable', { reason: 'not_pkcs12' });
  const rounds = stored.readUInt32BE(MAGIC.length);
  // Only Granska writes this format; a different count means the row was tampered with.
  if (rounds < AT_REST_ITERATIONS || rounds > 10 * AT_REST_ITERATIONS) throw new AppError('file_unreadable', { reason: 'not_pkcs12' });
  const salt = stored.subarray(MAGIC.length + 4, MAGIC.length + 4 + SALT);
  const iv = stored.subarray(MAGIC.length + 4 + SALT, HEADER);
  const key = await pbkdf2(Buffer.from(passphrase.normalize('NFC'), 'utf8'), salt, rounds, 32, 'sha256');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(stored.subarray(0, HEADER));
  decipher.setAuthTag(stored.subarray(HEADER, HEADER + TAG));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(stored.subarray(HEADER + TAG)), decipher.final()]);
  } catch {
    throw new AppError('wrong_passphrase');
  }
  const parsed = JSON.parse(plain.toString('utf8')) as { key: string; certificate: string; chain: string[] };
  plain.fill(0);
  return { key: Buffer.from(parsed.key, 'base64'), certificate: Buffer.from(parsed.certificate, 'base64'), chain: parsed.chain.map((c) => Buffer.from(c, 'base64')) };
}

/**
 * A PKCS#12 file held only in memory for the signing step, which reads that format. It never
 * rests anywhere, so its own (fast) encryption protects nothing and costs little.
 */
export function transientPkcs12(material: KeyMaterial, passphrase: string): Buffer {
  const der = (b: Buffer) => forge.asn1.fromDer(b.toString('binary'));
  const certs = [material.certificate, ...material.chain].map((c) => forge.pki.certificateFromAsn1(der(c)));
  const keyInfo = der(material.key);
  // forge signs up only RSA keys as objects; other key types travel as their PrivateKeyInfo.
  let key: forge.pki.PrivateKey | null = null;
  try {
    key = forge.pki.privateKeyFromAsn1(keyInfo);
  } catch {
    key = null;
  }
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, { algorithm: '3des', count: 2048, saltSize: 16, useMac: true });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
