import { constants, verify, type KeyObject } from 'node:crypto';
import { parseCertificate, subjectKeyIdentifier, type ParsedCertificate } from './certificate';
import { children, content, decodeTime, expectTag, raw, readNode, readOid, TAG, type DerNode } from './der';
import { DIGEST_BY_OID, ECDSA_SIGNATURE_OIDS, OID, RSA_PKCS1_SIGNATURE_OIDS } from './oids';
import type { VerificationProblem } from './types';

export interface CmsCheck {
  integrityValid: boolean;
  signer: ParsedCertificate | null;
  signingTime: Date | null;
  problems: VerificationProblem[];
}

interface SignerInfo {
  sid: DerNode;
  digestOid: string;
  signedAttrs: DerNode | null;
  signatureOid: string;
  signature: Buffer;
}

class CmsShapeError extends Error {}

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
      // a certificate we cannot read can still not be the signer we verify with
    }
  }

  const signerInfos = fields[fields.length - 1];
  const [first] = children(cms, expectTag(signerInfos, TAG.SET, 'SignerInfos'));
  const parts = children(cms, expectTag(first, TAG.SEQUENCE, 'SignerInfo'));
  const [, sid, digestAlgorithm] = parts;
  let i = 3;
  const signedAttrs = parts[i]?.tag === 0xa0 ? (parts[i++] as DerNode) : null;
  const signatureAlgorithm = parts[i++];
  const signature = expectTag(parts[i], TAG.OCTET_STRING, 'signature');
  if (!sid || !digestAlgorithm || !signatureAlgorithm) throw new CmsShapeError('SignerInfo');
  return {
    certificates,
    detached: encap.length === 1,
    signerInfo: {
      sid,
      digestOid: readOid(cms, children(cms, digestAlgorithm)[0]),
      signedAttrs,
      signatureOid: readOid(cms, children(cms, signatureAlgorithm)[0]),
      signature: Buffer.from(content(cms, signature)),
    },
  };
}

function findSigner(cms: Buffer, sid: DerNode, certificates: ParsedCertificate[]): ParsedCertificate | null {
  if (sid.tag === TAG.SEQUENCE) {
    const [issuer, serial] = children(cms, sid);
    if (!issuer || !serial) return null;
    const issuerBytes = raw(cms, issuer);
    const serialBytes = raw(cms, serial);
    return certificates.find((c) => c.issuerRaw.equals(issuerBytes) && c.serialRaw.equals(serialBytes)) ?? null;
  }
  const subjectKeyIdTag = 0x80;
  if (sid.tag === subjectKeyIdTag) {
    const keyId = content(cms, sid);
    return certificates.find((c) => subjectKeyIdentifier(c)?.equals(keyId)) ?? null;
  }
  return null;
}

function signedAttribute(cms: Buffer, signedAttrs: DerNode, type: string): DerNode | null {
  for (const attr of children(cms, signedAttrs)) {
    const [id, values] = children(cms, attr);
    if (id && values && readOid(cms, id) === type) return children(cms, values)[0] ?? null;
  }
  return null;
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
  const result: CmsCheck = { integrityValid: false, signer: null, signingTime: null, problems: [] };
  let parsed: ReturnType<typeof parseSignedData>;
  try {
    parsed = parseSignedData(cms);
  } catch {
    result.problems.push('unreadable');
    return result;
  }
  const { signerInfo, certificates } = parsed;
  result.signer = findSigner(cms, signerInfo.sid, certificates);

  const hash = DIGEST_BY_OID[signerInfo.digestOid];
  if (!hash || !parsed.detached) {
    result.problems.push('unsupported_algorithm');
    return result;
  }
  let signedBytes: Buffer;
  let digestOk = true;
  if (signerInfo.signedAttrs) {
    try {
      const timeNode = signedAttribute(cms, signerInfo.signedAttrs, OID.signingTime);
      if (timeNode) result.signingTime = decodeTime(cms, timeNode);
    } catch {
      // an unreadable signing time is not an integrity failure
    }
    const digestNode = signedAttribute(cms, signerInfo.signedAttrs, OID.messageDigest);
    if (!digestNode || digestNode.tag !== TAG.OCTET_STRING) {
      result.problems.push('message_digest_missing');
      digestOk = false;
    } else if (!content(cms, digestNode).equals(signed.digest(hash))) {
      result.problems.push('byte_range_digest_mismatch');
      digestOk = false;
    }
    // the signature is computed over the attributes as an explicit SET OF, not as the [0] IMPLICIT field
    signedBytes = Buffer.from(raw(cms, signerInfo.signedAttrs));
    signedBytes[0] = TAG.SET;
  } else {
    signedBytes = Buffer.concat(signed.parts);
  }

  if (!result.signer) {
    result.problems.push('signer_certificate_missing');
    return result;
  }
  const signatureOk = verifySignature(hash, signerInfo.signatureOid, result.signer.publicKey, signedBytes, signerInfo.signature);
  if (signatureOk === null) result.problems.push('unsupported_algorithm');
  else if (!signatureOk) result.problems.push('signature_invalid');
  result.integrityValid = digestOk && signatureOk === true;
  return result;
}
