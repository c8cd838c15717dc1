import { X509Certificate } from 'node:crypto';
import { formatFingerprint, keyUsageAllowsSigning, type ParsedCertificate } from './certificate';
import { children, content, DerError, expectTag, readNode, readOid, TAG } from './der';
import { OID, WEAK_SIGNATURE_OIDS } from './oids';

/**
 * Whether a signer's certificate may be believed: its validity when it signed, what its key may be
 * used for, and a path to a certificate the organisation trusts, either the signer's own (pinned)
 * or a CA's whose signature on the chain verifies. Names alone prove nothing: anyone can make a
 * certificate with any name, so every link is checked by its signature.
 */

/** Extended key usages under which a document signature is acceptable (as Acrobat and RFC 9336 read them). */
const SIGNING_EKUS: ReadonlySet<string> = new Set([
  OID.documentSigning,
  OID.msDocumentSigning,
  OID.emailProtection,
  OID.anyExtendedKeyUsage,
  OID.adobeAuthenticDocuments,
]);

/** A CA chain longer than this is not one an organisation sets up. */
const MAX_CHAIN = 6;

function extension<T>(cert: ParsedCertificate, id: string, decode: (value: Buffer) => T): T | null | 'malformed' {
  const value = cert.extensions.get(id);
  if (!value) return null;
  try {
    return decode(value);
  } catch (err) {
    if (err instanceof DerError) return 'malformed';
    throw err;
  }
}

/** Null when there is no extendedKeyUsage (any usage); otherwise whether it includes document signing. */
export function extendedKeyUsageAllowsSigning(cert: ParsedCertificate): boolean | null {
  const ekus = extension(cert, OID.extKeyUsage, (v) => children(v, expectTag(readNode(v), TAG.SEQUENCE, 'ExtKeyUsage')).map((n) => readOid(v, n)));
  if (ekus === null) return null;
  if (ekus === 'malformed') return false;
  return ekus.some((e) => SIGNING_EKUS.has(e));
}

/** digitalSignature or nonRepudiation in keyUsage, and document signing in extendedKeyUsage when present. */
export function usableForSigning(cert: ParsedCertificate): boolean {
  return keyUsageAllowsSigning(cert) !== false && extendedKeyUsageAllowsSigning(cert) !== false;
}

export type ValidityAt = 'valid' | 'expired' | 'not_yet_valid';

export function validityAt(cert: ParsedCertificate, at: Date): ValidityAt {
  if (at < cert.notBefore) return 'not_yet_valid';
  if (at > cert.notAfter) return 'expired';
  return 'valid';
}

function isCa(cert: ParsedCertificate): boolean {
  const ca = extension(cert, OID.basicConstraints, (v) => {
    const [first] = children(v, expectTag(readNode(v), TAG.SEQUENCE, 'BasicConstraints'));
    return first?.tag === TAG.BOOLEAN && (content(v, first)[0] ?? 0) !== 0;
  });
  if (ca !== true) return false;
  const keyCertSign = 0x04;
  const ku = extension(cert, OID.keyUsage, (v) => content(v, expectTag(readNode(v), TAG.BIT_STRING, 'keyUsage'))[1] ?? 0);
  return ku === null || (ku !== 'malformed' && (ku & keyCertSign) !== 0);
}

function signatureAlgorithm(cert: ParsedCertificate): string {
  const [, algorithm] = children(cert.der, readNode(cert.der));
  return readOid(cert.der, children(cert.der, expectTag(algorithm, TAG.SEQUENCE, 'signatureAlgorithm'))[0]);
}

/** `issuer` really signed `cert`: names match and the signature verifies with a strong hash. */
function issuedBy(cert: ParsedCertificate, issuer: ParsedCertificate): boolean {
  if (!cert.issuerRaw.equals(issuer.subjectRaw)) return false;
  try {
    if (WEAK_SIGNATURE_OIDS.has(signatureAlgorithm(cert))) return false;
    return new X509Certificate(cert.der).verify(issuer.publicKey);
  } catch {
    return false;
  }
}

export interface TrustAssessment {
  trusted: boolean;
  /** `pinned`: the signer's own certificate is on the list; `chain`: a CA on the list issued it (perhaps through intermediates). */
  via: 'pinned' | 'chain' | null;
  /** The trusted certificate the decision rests on (display name and fingerprint). */
  anchorFingerprint: string | null;
}

/**
 * Looks for a path signer → (intermediates carried in the signature) → a trusted CA. Each CA on the
 * path must be a CA (basicConstraints, keyCertSign) and valid at the signing time.
 */
export function assessTrust(signer: ParsedCertificate, carried: ParsedCertificate[], anchors: ParsedCertificate[], at: Date): TrustAssessment {
  const pinned = anchors.find((a) => a.der.equals(signer.der));
  if (pinned) return { trusted: true, via: 'pinned', anchorFingerprint: formatFingerprint(pinned.der) };
  const search = (cert: ParsedCertificate, depth: number, seen: Set<ParsedCertificate>): ParsedCertificate | null => {
    if (depth >= MAX_CHAIN) return null;
    for (const anchor of anchors) {
      if (isCa(anchor) && validityAt(anchor, at) === 'valid' && issuedBy(cert, anchor)) return anchor;
    }
    for (const next of carried) {
      if (seen.has(next) || next === signer) continue;
      if (!isCa(next) || validityAt(next, at) !== 'valid' || !issuedBy(cert, next)) continue;
      const found = search(next, depth + 1, new Set([...seen, next]));
      if (found) return found;
    }
    return null;
  };
  const anchor = search(signer, 0, new Set());
  return anchor ? { trusted: true, via: 'chain', anchorFingerprint: formatFingerprint(anchor.der) } : { trusted: false, via: null, anchorFingerprint: null };
}
