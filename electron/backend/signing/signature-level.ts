import { createHash } from 'node:crypto';
import { children, content, readNode, readOid, TAG, type DerNode } from './der';
import { DIGEST_BY_OID, OID } from './oids';
import { readStringBytes } from './pdf-string';

/**
 * What kind of signature a PDF carries, in the words EU validators use: a PAdES baseline B-B
 * signature (ETSI EN 319 142-1) or a plain detached PKCS#7/CMS signature. Structural only: whether
 * the signature is mathematically valid is the verifier's question, not this module's.
 */
export type SignatureLevel = 'PAdES B-B' | 'PKCS#7 detached';

export interface SignatureProfile {
  level: SignatureLevel | null;
  /** /SubFilter of the signature dictionary, e.g. ETSI.CAdES.detached. */
  subFilter: string | null;
  /** The signature dictionary's /M, the claimed signing time of a PAdES signature (ISO 8601). */
  claimedSigningTime: string | null;
}

const SIGNING_CERTIFICATE_V1 = '1.2.840.113549.1.9.16.2.12';
const SHA1_OID = '1.3.14.3.2.26';
const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const WINDOW = 64 * 1024;

/** The text of the indirect object that holds byte offset `at` (the signature dictionary holds its /Contents). */
function enclosingObject(pdf: Buffer, at: number): Buffer | null {
  const windowStart = Math.max(0, at - WINDOW);
  let objStart = -1;
  for (const m of pdf.subarray(windowStart, at).toString('latin1').matchAll(/\d+\s+\d+\s+obj\b/g)) objStart = m.index;
  const objEnd = pdf.indexOf('endobj', at);
  if (objStart < 0 || objEnd < 0) return null;
  return pdf.subarray(windowStart + objStart, objEnd);
}

/** D:YYYYMMDDHHmmSSOHH'mm' (PDF 32000-1 7.9.4); missing parts default as the standard says. */
export function parsePdfDate(text: string): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(text);
  if (!m) return null;
  const n = (v: string | undefined, d: number): number => (v === undefined ? d : Number(v));
  const utc = Date.UTC(n(m[1], 0), n(m[2], 1) - 1, n(m[3], 1), n(m[4], 0), n(m[5], 0), n(m[6], 0));
  const sign = m[7] === '-' ? -1 : m[7] === '+' ? 1 : 0;
  const offsetMinutes = sign * (n(m[8], 0) * 60 + n(m[9], 0));
  const date = new Date(utc - offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}

function dictionaryFacts(object: Buffer | null): { subFilter: string | null; claimedSigningTime: string | null } {
  if (!object) return { subFilter: null, claimedSigningTime: null };
  const text = object.toString('latin1');
  const subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(text)?.[1] ?? null;
  let claimedSigningTime: string | null = null;
  const mAt = /\/M\s*[(<]/.exec(text);
  if (mAt) {
    const bytes = readStringBytes(object, mAt.index + 2);
    claimedSigningTime = bytes ? (parsePdfDate(bytes.toString('latin1'))?.toISOString() ?? null) : null;
  }
  return { subFilter, claimedSigningTime };
}

interface CmsFacts {
  attributeTypes: Set<string>;
  /** The ESS signing-certificate(-v2) refers to a certificate carried in the CMS. */
  signingCertificateBound: boolean;
}

function cmsFacts(cms: Buffer): CmsFacts | null {
  try {
    const [, explicit] = children(cms, readNode(cms));
    if (!explicit) return null;
    const [signedData] = children(cms, explicit);
    if (!signedData) return null;
    const fields = children(cms, signedData);
    const certs = fields.find((f) => f.tag === 0xa0);
    const certificates = certs ? children(cms, certs).map((c) => cms.subarray(c.start, c.end)) : [];
    const signerInfos = fields[fields.length - 1];
    const signerInfo = signerInfos?.tag === TAG.SET ? children(cms, signerInfos)[0] : undefined;
    const signed = signerInfo ? children(cms, signerInfo).find((f) => f.tag === 0xa0) : undefined;
    if (!signed) return { attributeTypes: new Set(), signingCertificateBound: false };
    const attributeTypes = new Set<string>();
    let bound = false;
    for (const attr of children(cms, signed)) {
      const [id, values] = children(cms, attr);
      const type = readOid(cms, id);
      attributeTypes.add(type);
      const value = values ? children(cms, values)[0] : undefined;
      if (value && (type === OID.signingCertificateV2 || type === SIGNING_CERTIFICATE_V1)) {
        bound = essCertMatches(cms, value, type === SIGNING_CERTIFICATE_V1, certificates);
      }
    }
    return { attributeTypes, signingCertificateBound: bound };
  } catch {
    return null;
  }
}

/** SigningCertificate(V2) { certs SEQUENCE OF ESSCertID(v2) }: the first ESSCertID names the signer's certificate. */
function essCertMatches(cms: Buffer, value: DerNode, v1: boolean, certificates: Buffer[]): boolean {
  const [certIds] = children(cms, value);
  const first = certIds ? children(cms, certIds)[0] : undefined;
  if (!first) return false;
  const parts = children(cms, first);
  let hashOid = v1 ? SHA1_OID : SHA256_OID;
  let i = 0;
  if (!v1 && parts[0]?.tag === TAG.SEQUENCE) {
    hashOid = readOid(cms, children(cms, parts[0])[0]);
    i = 1;
  }
  const hashName = DIGEST_BY_OID[hashOid];
  const certHash = parts[i];
  if (!hashName || certHash?.tag !== TAG.OCTET_STRING) return false;
  const expected = content(cms, certHash);
  return certificates.some((der) => createHash(hashName).update(der).digest().equals(expected));
}

/**
 * PAdES B-B (ETSI EN 319 142-1, 6.3): SubFilter ETSI.CAdES.detached; content-type, message-digest
 * and an ESS signing-certificate that names the signer's certificate among the signed attributes;
 * no signing-time attribute (the time belongs in /M). Anything else that is a detached CMS is
 * reported as what it is.
 */
export function signatureProfile(pdf: Buffer, byteRange: readonly number[], contents: Buffer | null): SignatureProfile {
  const dict = dictionaryFacts(enclosingObject(pdf, byteRange[1] ?? 0));
  const cms = contents ? cmsFacts(contents) : null;
  if (!cms) return { level: null, ...dict };
  const bb =
    dict.subFilter === 'ETSI.CAdES.detached' &&
    cms.attributeTypes.has(OID.contentType) &&
    cms.attributeTypes.has(OID.messageDigest) &&
    !cms.attributeTypes.has(OID.signingTime) &&
    cms.signingCertificateBound;
  return { level: bb ? 'PAdES B-B' : 'PKCS#7 detached', ...dict };
}
