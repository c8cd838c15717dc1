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
  | 'message_digest_missing'
  | 'byte_range_digest_mismatch'
  | 'signature_invalid'
  | 'appended_after_signing';

export interface VerificationResult {
  signed: boolean;
  /** The signed ranges hash to the CMS messageDigest and the CMS signature verifies with the signer certificate. */
  integrityValid: boolean;
  /** ByteRange starts at 0 and its second range ends exactly at the end of the file. */
  coversWholeFile: boolean;
  byteRange: number[];
  /** SHA-256 (hex) of the signed byte ranges; empty when there is no usable ByteRange. */
  digestSha256: string;
  signer: SignerSummary | null;
  /** ISO 8601: the CMS signing-time attribute, else the signature dictionary's /M (where PAdES puts it). */
  signingTime: string | null;
  reason: string | null;
  /** The signer certificate's SHA-256 fingerprint is one of the trusted certificates'. */
  trusted: boolean;
  fileSha256: string;
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
