import type { SignatureLevel } from './signature-level';

export interface IdentityInfo {
  subjectName: string;
  email: string | null;
  organisation: string | null;
  issuerName: string;
  /** Uppercase hex, as certificate viewers show it. */
  serialNumber: string;
  /** ISO 8601. */
  notBefore: string;
  /** ISO 8601. */
  notAfter: string;
  /** Uppercase hex pairs separated by ':'. */
  fingerprintSha256: string;
  certificatePem: string;
  selfSigned: boolean;
}

export type SignerSummary = Pick<
  IdentityInfo,
  'subjectName' | 'email' | 'organisation' | 'fingerprintSha256' | 'notBefore' | 'notAfter'
>;

/** Stable codes; the renderer translates them. */
export type VerificationProblem =
  | 'not_signed'
  | 'byte_range_invalid'
  | 'signature_contents_invalid'
  | 'unreadable'
  | 'signer_certificate_missing'
  | 'unsupported_algorithm'
  /** SHA-1 or MD5: refused, collisions for them can be made. */
  | 'weak_algorithm'
  | 'message_digest_missing'
  | 'byte_range_digest_mismatch'
  | 'signature_invalid'
  /** The ESS signing-certificate attribute names a different certificate than the one the signature was checked with. */
  | 'signer_certificate_mismatch'
  /** Bytes that are neither a signature nor a PDF update were added after the signed part. */
  | 'appended_after_signing'
  /** An incremental update (new or replaced objects) follows the signed part: the file was changed after signing. */
  | 'changed_after_signing'
  /** Another signature follows the issued one. */
  | 'later_signature'
  | 'certificate_expired'
  | 'certificate_not_yet_valid'
  | 'key_usage_not_signing'
  | 'signer_untrusted'
  /** No trusted certificate was given at all, so no signer can be trusted. */
  | 'no_trusted_certificates';

/** The certificate checks made for a signer at its signing time. */
export interface CertificateCheck {
  /** The time the checks refer to: the signing time, or the time of verification when the signature states none. */
  checkedAt: string;
  validity: 'valid' | 'expired' | 'not_yet_valid';
  /** keyUsage allows digitalSignature or nonRepudiation, and extendedKeyUsage (if any) allows document signing. */
  usableForSigning: boolean;
}

/** One signature dictionary of the file, checked on its own. */
export interface SignatureCheck {
  /** 1 is the signature of the earliest revision (the issued report); later ones sign updates. */
  index: number;
  byteRange: number[];
  /** Where this signature's coverage ends; the file length when it signs the whole file. */
  coveredUpTo: number;
  /** ByteRange starts at 0 and its second range ends exactly at the end of the file. */
  coversWholeFile: boolean;
  /** The signed ranges hash to the CMS messageDigest and the CMS signature verifies with the signer certificate. */
  integrityValid: boolean;
  /** SHA-256 (hex) of the signed byte ranges; empty when there is no usable ByteRange. */
  digestSha256: string;
  /** The CMS digest algorithm, e.g. 'sha256'. */
  digestAlgorithm: string | null;
  /** /SubFilter of the signature dictionary, e.g. 'adbe.pkcs7.detached' or 'ETSI.CAdES.detached'. */
  subFilter: string | null;
  /** OIDs of the CMS signed attributes (content-type, message-digest, signing-certificate-v2, …). */
  signedAttributes: string[];
  signer: SignerSummary | null;
  /** ISO 8601: the CMS signing-time attribute, else the dictionary's /M (both inside the signed bytes). */
  signingTime: string | null;
  reason: string | null;
  certificate: CertificateCheck | null;
  trusted: boolean;
  /** How trust was established. */
  trustedVia: 'pinned' | 'chain' | null;
  problems: VerificationProblem[];
  /** PAdES B-B or plain PKCS#7 detached, from the SubFilter and the signed attributes. */
  level: SignatureLevel | null;
}

/**
 * `valid`: intact, nothing after the issued signature, signer trusted, certificate valid and usable
 * at signing time. `untrusted`: all of that except that no certificate is trusted at all (nothing
 * was configured). `invalid`: anything else.
 */
export type Verdict = 'valid' | 'untrusted' | 'invalid';

export interface VerificationResult {
  signed: boolean;
  /** The issued (first) signature's ranges hash to its messageDigest and its CMS signature verifies. */
  integrityValid: boolean;
  /** The issued signature covers the file up to its last byte: nothing was added after it. */
  coversWholeFile: boolean;
  byteRange: number[];
  /** SHA-256 (hex) of the issued signature's byte ranges; empty when there is no usable ByteRange. */
  digestSha256: string;
  signer: SignerSummary | null;
  /** ISO 8601: the CMS signing-time attribute, else the signature dictionary's /M (where PAdES puts it). */
  signingTime: string | null;
  reason: string | null;
  /** The signer is on the trusted list or chains to a trusted CA certificate on it. */
  trusted: boolean;
  /** At least one trusted certificate was given. */
  trustConfigured: boolean;
  certificate: CertificateCheck | null;
  /** What follows the issued signature's coverage: nothing, a later signature, an update, or other bytes. */
  afterSigning: 'none' | 'signature' | 'update' | 'bytes';
  /** The audit number and revision the signed part of the file says it is (Granska's document information). */
  claimed: { auditNumber: string; revision: number } | null;
  /** Every signature in the file, issued one first. */
  signatures: SignatureCheck[];
  fileSha256: string;
  /** SHA-256 (hex) of the file as far as the issued signature covers it: the file as issued. */
  issuedSha256: string;
  verdict: Verdict;
  /** verdict === 'valid'. */
  valid: boolean;
  problems: VerificationProblem[];
  /** The kind of signature found (PAdES B-B or plain PKCS#7 detached); null when unsigned or unreadable. */
  level: SignatureLevel | null;
}

export interface SignaturePlaceholderOptions {
  reason: string;
  name: string;
  location?: string;
  contactInfo?: string;
  /** Bytes reserved for the DER-encoded CMS (the PDF holds twice as many hex digits). */
  signatureLength?: number;
  /** Written as /M in the signature dictionary. */
  signingTime?: Date;
}
