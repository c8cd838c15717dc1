import type { CertificateFacts, SignatureFacts, SignatureFactsEach, SignerFacts } from '../../../shared/domain/reports';
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

/** Who signed, as the renderer shows it: the identity's name, organisation, fingerprint and validity. */
export type SignerSummary = SignerFacts;

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
export type CertificateCheck = CertificateFacts;

/** One signature dictionary of the file, checked on its own. */
export interface SignatureCheck extends Omit<SignatureFactsEach, 'problems'> {
  problems: VerificationProblem[];
  /** PAdES B-B or plain PKCS#7 detached, from the SubFilter and the signed attributes. */
  level: SignatureLevel | null;
}

export type { Verdict } from '../../../shared/domain/reports';

/**
 * The whole file's verification: the facts the renderer and the shared checks read (SignatureFacts,
 * the one description of them), with the backend's own problem codes and signature level.
 */
export interface VerificationResult extends Omit<SignatureFacts, 'signatures' | 'problems' | 'level'> {
  /** Every signature in the file, issued one first. */
  signatures: SignatureCheck[];
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
