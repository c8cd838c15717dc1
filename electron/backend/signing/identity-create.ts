import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../../../shared/errors';
import { describeCertificate, parseCertificate } from './certificate';
import { OID } from './oids';
import { assertPassphraseStrength } from './passphrase';
import { PKCS12_OPTIONS } from './pkcs12-options';
import type { IdentityInfo } from './types';

export interface CreateIdentityInput {
  name: string;
  email: string;
  organisation: string;
  passphrase: string;
  validDays?: number;
  now?: Date;
  /**
   * Key-derivation rounds protecting the file. Only the demo lowers it: its passphrase is printed
   * for everyone, and each signature opens the file again in pure-JS SHA-1.
   */
  pkcs12Iterations?: number;
}

const DEFAULT_VALID_DAYS = 3 * 365;
const MAX_VALID_DAYS = 30 * 365;
/** X.520 upper bound for CN and O; longer values make strict parsers refuse the certificate. */
const MAX_NAME_LENGTH = 64;
/** Tolerates a verifier whose clock runs slightly behind ours. */
const CLOCK_SKEW_MS = 60_000;
const DAY_MS = 86_400_000;

function requireText(field: string, value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new AppError('invalid_input', { field });
  if ([...text].length > MAX_NAME_LENGTH) throw new AppError('invalid_input', { field, max: MAX_NAME_LENGTH });
  return text;
}

function requireEmail(value: unknown): string {
  const email = requireText('email', value);
  // emailAddress is an IA5String, so it cannot carry non-ASCII characters
  if (!/^[\x21-\x7e]+@[\x21-\x7e]+\.[\x21-\x7e]+$/.test(email)) throw new AppError('invalid_input', { field: 'email' });
  return email;
}

/** Positive and minimally encoded: a leading 0x00 or a set high bit would make the DER INTEGER invalid or negative. */
function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 1) & 0x7f || 0x01;
  return bytes.toString('hex');
}

// @types/node-forge types valueTagClass as asn1.Class, but forge reads it as an asn1.Type
const tagClass = (type: forge.asn1.Type): forge.asn1.Class => type as unknown as forge.asn1.Class;

export function createSelfSignedIdentity(input: CreateIdentityInput): { p12: Buffer; info: IdentityInfo } {
  const name = requireText('name', input.name);
  const email = requireEmail(input.email);
  const organisation = requireText('organisation', input.organisation);
  assertPassphraseStrength(input.passphrase);
  const validDays = input.validDays ?? DEFAULT_VALID_DAYS;
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > MAX_VALID_DAYS) {
    throw new AppError('invalid_input', { field: 'validDays', min: 1, max: MAX_VALID_DAYS });
  }
  const now = input.now ?? new Date();

  // Node's native generator takes milliseconds; forge's pure-JS one takes seconds for 2048 bits.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());

  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = randomSerialHex();
  cert.validity.notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  cert.validity.notAfter = new Date(now.getTime() + validDays * DAY_MS);
  // forge defaults to PrintableString, which cannot hold å, ä, ö
  const dn: forge.pki.CertificateField[] = [
    { name: 'commonName', value: name, valueTagClass: tagClass(forge.asn1.Type.UTF8) },
    { name: 'organizationName', value: organisation, valueTagClass: tagClass(forge.asn1.Type.UTF8) },
    { name: 'emailAddress', value: email, valueTagClass: tagClass(forge.asn1.Type.IA5STRING) },
  ];
  cert.setSubject(dn);
  cert.setIssuer(dn);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    {
      name: 'extKeyUsage',
      emailProtection: true,
      [OID.msDocumentSigning]: true,
      [OID.documentSigning]: true,
    },
    { name: 'subjectAltName', altNames: [{ type: 1 /* rfc822Name */, value: email }] },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());

  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], input.passphrase, {
    ...PKCS12_OPTIONS,
    count: input.pkcs12Iterations ?? PKCS12_OPTIONS.count,
    friendlyName: `${name} (Granska)`,
  });
  const p12 = Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), 'binary');
  const certDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return { p12, info: describeCertificate(parseCertificate(certDer)) };
}
