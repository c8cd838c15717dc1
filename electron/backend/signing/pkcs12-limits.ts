import forge from 'node-forge';
import { AppError } from '../../../shared/errors';

/**
 * The most key-derivation rounds Granska runs for a PKCS#12 file. Files from Windows, macOS,
 * OpenSSL and Granska use 2,048–600,000; a file asking for tens of millions would hold the
 * backend for minutes (issue 17: 50 M rounds, no answer in 15 s).
 */
export const MAX_PKCS12_ITERATIONS = 1_000_000;
const MAX_DEPTH = 8;
const MAX_SALT = 64;

function integerValue(node: forge.asn1.Asn1): bigint {
  const bytes = typeof node.value === 'string' ? node.value : '';
  if (!bytes.length || bytes.length > 8) return bytes.length > 8 ? BigInt(Number.MAX_SAFE_INTEGER) : 0n;
  return BigInt(`0x${forge.util.bytesToHex(bytes)}`);
}

const isOctets = (n: forge.asn1.Asn1 | undefined) => n?.tagClass === forge.asn1.Class.UNIVERSAL && n.type === forge.asn1.Type.OCTETSTRING;
const isInteger = (n: forge.asn1.Asn1 | undefined) => n?.tagClass === forge.asn1.Class.UNIVERSAL && n.type === forge.asn1.Type.INTEGER;

/**
 * Every iteration count the file declares, read without running any of them: the MAC's
 * (MacData: digest, salt, iterations) and each encryption's (PKCS#12 PBE params and PBKDF2
 * params both put the count right after the salt). Nested DER inside OCTET STRINGs (the
 * authenticated safe, unencrypted safe contents) is looked into as well.
 */
export function declaredIterationCounts(der: Buffer): bigint[] {
  const counts: bigint[] = [];
  const visit = (node: forge.asn1.Asn1, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(node.value)) {
      const children = node.value;
      children.forEach((child, i) => {
        if (isInteger(child) && isOctets(children[i - 1]) && String(children[i - 1]!.value).length <= MAX_SALT) counts.push(integerValue(child));
      });
      for (const child of children) visit(child, depth + 1);
    } else if (isOctets(node) && typeof node.value === 'string' && node.value.length > 2) {
      try {
        // forge 1.3 takes an options object here; its types still say boolean
        const options = { strict: true, parseAllBytes: true, decodeBitStrings: false } as unknown as boolean;
        visit(forge.asn1.fromDer(node.value, options), depth + 1);
      } catch {
        // ciphertext or plain bytes, not DER
      }
    }
  };
  let root: forge.asn1.Asn1;
  try {
    root = forge.asn1.fromDer(der.toString('binary'));
  } catch {
    throw new AppError('file_unreadable', { reason: 'not_pkcs12' });
  }
  visit(root, 0);
  return counts;
}

/** Refuses a file that asks for more rounds than any real export, before a single round runs. */
export function assertIterationsBounded(der: Buffer): void {
  const highest = declaredIterationCounts(der).reduce((a, b) => (b > a ? b : a), 0n);
  if (highest > BigInt(MAX_PKCS12_ITERATIONS)) {
    throw new AppError('invalid_input', { reason: 'p12_iterations', max: MAX_PKCS12_ITERATIONS });
  }
}
