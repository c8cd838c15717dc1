import { constants, createHash, verify, type KeyObject } from 'node:crypto';
import { parseCertificate, subjectKeyIdentifier, type ParsedCertificate } from './certificate';
import { children, content, decodeTime, expectTag, raw, readNode, readOid, TAG, type DerNode } from './der';
import { DIGEST_BY_OID, ECDSA_SIGNATURE_OIDS, OID, RSA_PKCS1_SIGNATURE_OIDS, WEAK_DIGESTS, WEAK_SIGNATURE_OIDS } from './oids';
import type { VerificationProblem } from './types';

export interface CmsCheck {
  integrityValid: boolean;
  signer: ParsedCertificate | null;
  /** Every certificate the CMS carries (the signer's and any intermediates), for building a path to a trusted CA. */
  certificates: ParsedCertificate[];
  signingTime: Date | null;
  /** Node's name of the digest, e.g. 'sha256'; null when unknown. */
  digestAlgorithm: string | null;
  /** OIDs of the signed attributes, in order (what tells a PAdES baseline signature from a plain PKCS#7 one). */
  signedAttributes: string[];
  problems: VerificationProblem[];
}

type SignerId = { issuer: Buffer; serial: Buffer } | { keyId: Buffer } | null;

interface SignerInfo {
  sid: SignerId;
  digestOid: string;
  /** null when the signer signed the content directly, without signed attributes. */
  signedAttrs: {
    asSet: Buffer;
    messageDigest: Buffer | null;
    signingTime: Date | null;
    /** The hash (and its algorithm) of the signer certificate in ESS signing-certificate-v2, when present. */
    certificateHash: { algorithm: string; hash: Buffer } | null;
    oids: string[];
  } | null;
  signatureOid: string;
  signature: Buffer;
}

class CmsShapeError extends Error {}

function signedAttribute(cms: Buffer, signedAttrs: DerNode, type: string): DerNode | null {
  for (const attr of children(cms, signedAttrs)) {
    const [id, values] = children(cms, attr);
    if (id && values && readOid(cms, id) === type) return children(cms, values)[0] ?? null;
  }
  return null;
}

function readSignedAttrs(cms: Buffer, node: DerNode): NonNullable<SignerInfo['signedAttrs']> {
  const digest = signedAttribute(cms, node, OID.messageDigest);
  const time = signedAttribute(cms, node, OID.signingTime);
  let signingTime: Date | null = null;
  try {
    signingTime = time ? decodeTime(cms, time) : null;
  } catch {
    // an unreadable signing time is not an integrity failure
  }
  // the signature is computed over the attributes as an explicit SET OF, not as the [0] IMPLICIT field
  const asSet = Buffer.from(raw(cms, node));
  asSet[0] = TAG.SET;
  return {
    asSet,
    messageDigest: digest?.tag === TAG.OCTET_STRING ? Buffer.from(content(cms, digest)) : null,
    signingTime,
    certificateHash: essCertificateHash(cms, signedAttribute(cms, node, OID.signingCertificateV2)),
    oids: children(cms, node).map((attr) => readOid(cms, children(cms, attr)[0])),
  };
}

/** SigningCertificateV2 → first ESSCertIDv2 → { hashAlgorithm DEFAULT sha256, certHash } (RFC 5035). */
function essCertificateHash(cms: Buffer, value: DerNode | null): { algorithm: string; hash: Buffer } | null {
  if (!value) return null;
  const [certs] = children(cms, expectTag(value, TAG.SEQUENCE, 'SigningCertificateV2'));
  const [first] = children(cms, expectTag(certs, TAG.SEQUENCE, 'ESSCertIDv2 list'));
  const parts = children(cms, expectTag(first, TAG.SEQUENCE, 'ESSCertIDv2'));
  const hasAlgorithm = parts[0]?.tag === TAG.SEQUENCE;
  const algorithm = hasAlgorithm ? (DIGEST_BY_OID[readOid(cms, children(cms, parts[0] as DerNode)[0])] ?? '') : 'sha256';
  const hash = expectTag(parts[hasAlgorithm ? 1 : 0], TAG.OCTET_STRING, 'certHash');
  return { algorithm, hash: Buffer.from(content(cms, hash)) };
}

function parseSignedData(cms: Buffer): { certificates: ParsedCertificate[]; signerInfo: SignerInfo; detached: boolean } {
  const [type, explicit] = children(cms, expectTag(readNode(cms), TAG.SEQUENCE, 'ContentInfo'));
  if (readOid(cms, type) !== OID.signedData || !explicit) throw new CmsShapeError('not SignedData');
  const [signedData] = children(cms, explicit);
  const fields = children(cms, expectTag(signedData, TAG.SEQUENCE, 'SignedData'));
  const encap = children(cms, expectTag(fields[2], TAG.SEQUENCE, 'EncapsulatedContentInfo'));

  const certificates: ParsedCertificate[] = [];
  const certSet = fields.find((f) => f.tag === 0xa0);
  for (const choice of certSet ? children(cms, certSet) : []) {
    // other CertificateChoices (attribute certificates etc.) cannot sign
    if (choice.tag !== TAG.SEQUENCE) continue;
    try {
      certificates.push(parseCertificate(Buffer.from(raw(cms, choice))));
    } catch {
      // unusable for verification; if it was the signer's, findSigner reports it as missing
    }
  }

  const signerInfos = fields[fields.length - 1];
  const [first] = children(cms, expectTag(signerInfos, TAG.SET, 'SignerInfos'));
  const parts = children(cms, expectTag(first, TAG.SEQUENCE, 'SignerInfo'));
  const [, sid, digestAlgorithm] = parts;
  let i = 3;
  const signedAttrs = parts[i]?.tag === 0xa0 ? readSignedAttrs(cms, parts[i++] as DerNode) : null;
  const signatureAlgorithm = parts[i++];
  const signature = expectTag(parts[i], TAG.OCTET_STRING, 'signature');
  if (!sid || !digestAlgorithm || !signatureAlgorithm) throw new CmsShapeError('SignerInfo');
  return {
    certificates,
    detached: encap.length === 1,
    signerInfo: {
      sid: readSignerId(cms, sid),
      digestOid: readOid(cms, children(cms, digestAlgorithm)[0]),
      signedAttrs,
      signatureOid: readOid(cms, children(cms, signatureAlgorithm)[0]),
      signature: Buffer.from(content(cms, signature)),
    },
  };
}

function readSignerId(cms: Buffer, sid: DerNode): SignerId {
  if (sid.tag === TAG.SEQUENCE) {
    const [issuer, serial] = children(cms, sid);
    return issuer && serial ? { issuer: raw(cms, issuer), serial: raw(cms, serial) } : null;
  }
  const subjectKeyIdTag = 0x80;
  return sid.tag === subjectKeyIdTag ? { keyId: content(cms, sid) } : null;
}

function findSigner(sid: SignerId, certificates: ParsedCertificate[]): ParsedCertificate | null {
  if (!sid) return null;
  if ('keyId' in sid) return certificates.find((c) => subjectKeyIdentifier(c)?.equals(sid.keyId)) ?? null;
  return certificates.find((c) => c.issuerRaw.equals(sid.issuer) && c.serialRaw.equals(sid.serial)) ?? null;
}

function verifySignature(hash: string, signatureOid: string, key: KeyObject, data: Buffer, signature: Buffer): boolean | null {
  try {
    if (RSA_PKCS1_SIGNATURE_OIDS.has(signatureOid) || ECDSA_SIGNATURE_OIDS.has(signatureOid)) {
      return verify(hash, data, key, signature);
    }
    if (signatureOid === OID.rsassaPss) {
      // the salt length is in the PSS parameters; AUTO accepts whatever the signer used
      const pss = { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO };
      return verify(hash, data, pss, signature);
    }
  } catch {
    return false;
  }
  return null;
}

/** The PDF's signed byte ranges; digests are memoised because the caller also reports SHA-256. */
export interface SignedContent {
  parts: Buffer[];
  digest(hash: string): Buffer;
}

/**
 * Checks a detached CMS against the PDF's signed byte ranges: the messageDigest attribute must equal
 * the ranges' digest and the signature over the signed attributes must verify with the signer's key.
 */
export function checkDetachedCms(cms: Buffer, signed: SignedContent): CmsCheck {
  const result: CmsCheck = {
    integrityValid: false, signer: null, certificates: [], signingTime: null, digestAlgorithm: null, signedAttributes: [], problems: [],
  };
  let parsed: ReturnType<typeof parseSignedData>;
  try {
    parsed = parseSignedData(cms);
  } catch {
    result.problems.push('unreadable');
    return result;
  }
  const { signerInfo, certificates } = parsed;
  result.certificates = certificates;
  result.signer = findSigner(signerInfo.sid, certificates);

  const hash = DIGEST_BY_OID[signerInfo.digestOid];
  result.digestAlgorithm = hash ?? null;
  // SHA-1 and MD5 collisions can be made to order: a signature over such a digest proves nothing
  if ((hash && WEAK_DIGESTS.has(hash)) || WEAK_SIGNATURE_OIDS.has(signerInfo.signatureOid)) {
    result.problems.push('weak_algorithm');
    return result;
  }
  if (!hash || !parsed.detached) {
    result.problems.push('unsupported_algorithm');
    return result;
  }
  let digestOk = true;
  const attrs = signerInfo.signedAttrs;
  if (attrs) {
    result.signingTime = attrs.signingTime;
    result.signedAttributes = attrs.oids;
    if (!attrs.messageDigest) {
      result.problems.push('message_digest_missing');
      digestOk = false;
    } else if (!attrs.messageDigest.equals(signed.digest(hash))) {
      result.problems.push('byte_range_digest_mismatch');
      digestOk = false;
    }
  }
  const signedBytes = attrs ? attrs.asSet : Buffer.concat(signed.parts);

  if (!result.signer) {
    result.problems.push('signer_certificate_missing');
    return result;
  }
  // the signed attributes name the signer's certificate: another certificate with the same key is not the signer
  const bound = attrs?.certificateHash;
  if (bound && (!bound.algorithm || WEAK_DIGESTS.has(bound.algorithm) || !createHash(bound.algorithm).update(result.signer.der).digest().equals(bound.hash))) {
    result.problems.push('signer_certificate_mismatch');
    digestOk = false;
  }
  const signatureOk = verifySignature(hash, signerInfo.signatureOid, result.signer.publicKey, signedBytes, signerInfo.signature);
  if (signatureOk === null) result.problems.push('unsupported_algorithm');
  else if (!signatureOk) result.problems.push('signature_invalid');
  result.integrityValid = digestOk && signatureOk === true;
  return result;
}
