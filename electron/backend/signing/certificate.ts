import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import {
  children,
  content,
  decodeString,
  decodeTime,
  DerError,
  expectTag,
  raw,
  readNode,
  readOid,
  TAG,
  type DerNode,
} from './der';
import { OID } from './oids';
import type { IdentityInfo } from './types';

export interface NameAttribute {
  oid: string;
  value: string;
}

export interface ParsedCertificate {
  der: Buffer;
  /** Raw INTEGER element, copied verbatim into CMS IssuerAndSerialNumber. */
  serialRaw: Buffer;
  serialHex: string;
  /** Raw Name elements: compared and copied byte for byte, never re-encoded. */
  issuerRaw: Buffer;
  subjectRaw: Buffer;
  issuer: NameAttribute[];
  subject: NameAttribute[];
  notBefore: Date;
  notAfter: Date;
  /** Extension OID → extnValue contents. */
  extensions: Map<string, Buffer>;
  publicKey: KeyObject;
}

function parseName(buf: Buffer, node: DerNode): NameAttribute[] {
  const out: NameAttribute[] = [];
  for (const rdn of children(buf, expectTag(node, TAG.SEQUENCE, 'Name'))) {
    for (const atv of children(buf, rdn)) {
      const [type, value] = children(buf, atv);
      if (!type || !value) continue;
      out.push({ oid: readOid(buf, type), value: decodeString(buf, value) });
    }
  }
  return out;
}

export function parseCertificate(der: Buffer): ParsedCertificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch {
    throw new DerError('certificate rejected by crypto');
  }
  const cert = readNode(der);
  const [tbs] = children(der, expectTag(cert, TAG.SEQUENCE, 'Certificate'));
  const fields = children(der, expectTag(tbs, TAG.SEQUENCE, 'TBSCertificate'));
  // version is an optional [0] EXPLICIT
  let i = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serial = expectTag(fields[i++], TAG.INTEGER, 'serialNumber');
  i++; // signature AlgorithmIdentifier
  const issuer = expectTag(fields[i++], TAG.SEQUENCE, 'issuer');
  const validity = children(der, expectTag(fields[i++], TAG.SEQUENCE, 'validity'));
  const subject = expectTag(fields[i++], TAG.SEQUENCE, 'subject');
  const [notBefore, notAfter] = validity;
  if (!notBefore || !notAfter) throw new DerError('validity');

  const extensions = new Map<string, Buffer>();
  const extWrapper = fields.find((f) => f.tag === 0xa3);
  if (extWrapper) {
    const [extSeq] = children(der, extWrapper);
    for (const ext of extSeq ? children(der, extSeq) : []) {
      // Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
      const parts = children(der, ext);
      const id = parts[0];
      const value = parts[parts.length - 1];
      if (!id || !value) continue;
      extensions.set(readOid(der, id), Buffer.from(content(der, value)));
    }
  }

  const serialBytes = content(der, serial);
  return {
    der,
    serialRaw: Buffer.from(raw(der, serial)),
    serialHex: stripSignByte(serialBytes).toString('hex').toUpperCase() || '00',
    issuerRaw: Buffer.from(raw(der, issuer)),
    subjectRaw: Buffer.from(raw(der, subject)),
    issuer: parseName(der, issuer),
    subject: parseName(der, subject),
    notBefore: decodeTime(der, notBefore),
    notAfter: decodeTime(der, notAfter),
    extensions,
    publicKey: x509.publicKey,
  };
}

function stripSignByte(bytes: Buffer): Buffer {
  return bytes.length > 1 && bytes[0] === 0 ? bytes.subarray(1) : bytes;
}

/** Decodes an extension value; `malformed` is returned when its bytes do not parse. */
function decodeExtension<T>(cert: ParsedCertificate, id: string, decode: (value: Buffer) => T, malformed: T): T | null {
  const value = cert.extensions.get(id);
  if (!value) return null;
  try {
    return decode(value);
  } catch (err) {
    if (err instanceof DerError) return malformed;
    throw err;
  }
}

/** Null when the extension is absent, which RFC 5280 reads as "any usage"; a garbled one allows nothing. */
export function keyUsageAllowsSigning(cert: ParsedCertificate): boolean | null {
  const digitalSignature = 0x80;
  const nonRepudiation = 0x40;
  return decodeExtension(
    cert,
    OID.keyUsage,
    (value) => {
      const bits = content(value, expectTag(readNode(value), TAG.BIT_STRING, 'keyUsage'));
      return ((bits[1] ?? 0) & (digitalSignature | nonRepudiation)) !== 0;
    },
    false,
  );
}

export function subjectKeyIdentifier(cert: ParsedCertificate): Buffer | null {
  return decodeExtension(
    cert,
    OID.subjectKeyIdentifier,
    (value) => Buffer.from(content(value, expectTag(readNode(value), TAG.OCTET_STRING, 'keyIdentifier'))),
    null,
  );
}

function subjectAltNameEmail(cert: ParsedCertificate): string | null {
  const rfc822Name = 0x81;
  return decodeExtension(
    cert,
    OID.subjectAltName,
    (value) => {
      const names = children(value, expectTag(readNode(value), TAG.SEQUENCE, 'GeneralNames'));
      const hit = names.find((n) => n.tag === rfc822Name);
      return hit ? content(value, hit).toString('latin1') : null;
    },
    null,
  );
}

const attr = (attrs: NameAttribute[], id: string): string | null => attrs.find((a) => a.oid === id)?.value ?? null;

function displayName(attrs: NameAttribute[]): string {
  return attr(attrs, OID.commonName) ?? attr(attrs, OID.organizationName) ?? attrs.map((a) => `${a.oid}=${a.value}`).join(', ');
}

export function formatFingerprint(der: Buffer): string {
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
  return (hex.match(/../g) ?? []).join(':');
}

export function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function isSelfSigned(cert: ParsedCertificate): boolean {
  if (!cert.issuerRaw.equals(cert.subjectRaw)) return false;
  try {
    return new X509Certificate(cert.der).verify(cert.publicKey);
  } catch {
    return false;
  }
}

export function describeCertificate(cert: ParsedCertificate): IdentityInfo {
  return {
    subjectName: displayName(cert.subject),
    email: attr(cert.subject, OID.emailAddress) ?? subjectAltNameEmail(cert),
    organisation: attr(cert.subject, OID.organizationName),
    issuerName: displayName(cert.issuer),
    serialNumber: cert.serialHex,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    fingerprintSha256: formatFingerprint(cert.der),
    certificatePem: toPem(cert.der),
    selfSigned: isSelfSigned(cert),
  };
}
