import { createHash, X509Certificate } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { describeCertificate, parseCertificate, type ParsedCertificate } from './certificate';
import { checkDetachedCms, type SignedContent } from './cms-verify';
import { claimedReport, locateSignatures, looksLikePdf, type LocatedSignature } from './pdf-signature-locate';
import type { PdfStructure } from './pdf-objects';
import { assessTrust, usableForSigning, validityAt } from './signer-trust';
import type { SignatureCheck, VerificationProblem, VerificationResult } from './types';
import { signatureProfile } from './signature-level';

export interface VerifyPdfOptions {
  /** Signers' own certificates (pinned) and CA certificates whose chains are trusted. */
  trustedCertificatesPem?: string[];
  /** The time used for certificate checks when a signature states no signing time. */
  now?: Date;
}

function trustAnchors(pems: string[]): ParsedCertificate[] {
  return pems.map((pem) => {
    try {
      return parseCertificate(new X509Certificate(pem).raw);
    } catch {
      throw new AppError('invalid_input', { field: 'trustedCertificatesPem' });
    }
  });
}

type ByteRange = readonly [number, number, number, number];

function signedContent(pdf: Buffer, [start, length, start2, length2]: ByteRange): SignedContent {
  const parts = [pdf.subarray(start, start + length), pdf.subarray(start2, start2 + length2)];
  const memo = new Map<string, Buffer>();
  return {
    parts,
    digest(hash) {
      let value = memo.get(hash);
      if (!value) {
        const h = createHash(hash);
        for (const part of parts) h.update(part);
        value = h.digest();
        memo.set(hash, value);
      }
      return value;
    },
  };
}

/** Starts at 0, both ranges inside the file, in order, not overlapping. */
function byteRangeUsable(range: ByteRange, fileLength: number): boolean {
  const [start, length, start2, length2] = range;
  return start === 0 && start + length <= start2 && start2 + length2 <= fileLength;
}

function checkSignature(pdf: Buffer, located: LocatedSignature, index: number, anchors: ParsedCertificate[], now: Date): SignatureCheck {
  const check: SignatureCheck = {
    index,
    byteRange: located.byteRange ? [...located.byteRange] : [],
    coveredUpTo: 0,
    coversWholeFile: false,
    integrityValid: false,
    digestSha256: '',
    digestAlgorithm: null,
    subFilter: located.subFilter,
    signedAttributes: [],
    signer: null,
    signingTime: null,
    reason: located.reason,
    certificate: null,
    trusted: false,
    trustedVia: null,
    problems: [],
    level: null,
  };
  const problems = new Set<VerificationProblem>();
  const finish = (): SignatureCheck => {
    check.problems = [...problems];
    return check;
  };
  const range = located.byteRange;
  if (!range || !byteRangeUsable(range, pdf.length)) {
    problems.add('byte_range_invalid');
    return finish();
  }
  check.coveredUpTo = range[2] + range[3];
  check.coversWholeFile = check.coveredUpTo === pdf.length;
  const signed = signedContent(pdf, range);
  check.digestSha256 = signed.digest('sha256').toString('hex');
  if (!located.contents) {
    problems.add('signature_contents_invalid');
    return finish();
  }

  const cms = checkDetachedCms(located.contents, signed);
  cms.problems.forEach((p) => problems.add(p));
  check.integrityValid = cms.integrityValid;
  check.digestAlgorithm = cms.digestAlgorithm;
  check.signedAttributes = cms.signedAttributes;
  // PAdES puts the signing time in /M rather than in the CMS; both are inside the signed bytes
  const signingTime = cms.signingTime ?? located.pdfSigningTime;
  check.signingTime = signingTime?.toISOString() ?? null;
  if (!cms.signer) return finish();

  const info = describeCertificate(cms.signer);
  check.signer = {
    subjectName: info.subjectName,
    email: info.email,
    organisation: info.organisation,
    fingerprintSha256: info.fingerprintSha256,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
  };
  const at = signingTime ?? now;
  const validity = validityAt(cms.signer, at);
  check.certificate = { checkedAt: at.toISOString(), validity, usableForSigning: usableForSigning(cms.signer) };
  if (validity === 'expired') problems.add('certificate_expired');
  if (validity === 'not_yet_valid') problems.add('certificate_not_yet_valid');
  if (!check.certificate.usableForSigning) problems.add('key_usage_not_signing');

  const trust = assessTrust(cms.signer, cms.certificates, anchors, at);
  check.trusted = trust.trusted;
  check.trustedVia = trust.via;
  if (!trust.trusted) problems.add(anchors.length ? 'signer_untrusted' : 'no_trusted_certificates');
  // PAdES B-B or plain PKCS#7: what an archive or an EU validator will call this signature
  check.level = signatureProfile(pdf, range, located.contents).level;
  return finish();
}

/** What follows the issued signature: a later signature, an incremental update, or just bytes. */
function whatFollows(structure: PdfStructure, checks: SignatureCheck[], coveredUpTo: number, fileLength: number): VerificationResult['afterSigning'] {
  if (coveredUpTo >= fileLength) return 'none';
  if (checks.length > 1) return 'signature';
  const updated = structure.objects.some((o) => o.offset >= coveredUpTo) || structure.trailers.some((t) => t.offset >= coveredUpTo);
  return updated ? 'update' : 'bytes';
}

/** Problems that make the signature itself (not only the trust in it) fail. */
const BROKEN: ReadonlySet<VerificationProblem> = new Set([
  'byte_range_invalid',
  'signature_contents_invalid',
  'unreadable',
  'signer_certificate_missing',
  'unsupported_algorithm',
  'weak_algorithm',
  'message_digest_missing',
  'byte_range_digest_mismatch',
  'signature_invalid',
  'signer_certificate_mismatch',
  'certificate_expired',
  'certificate_not_yet_valid',
  'key_usage_not_signing',
  'signer_untrusted',
]);

/**
 * Checks every signature in a PDF. The file is valid only when its first signature (the issued
 * report's) is intact, covers the file to its last byte (no later signature, update or appended
 * bytes), was made with a certificate valid and meant for signing at that time, and its signer is
 * trusted. Throws file_unreadable for what is not a PDF.
 */
export function verifyPdf(input: Buffer | Uint8Array, opts: VerifyPdfOptions = {}): VerificationResult {
  // IPC hands over Uint8Array; wrap it without copying
  const pdf = input instanceof Uint8Array ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : null;
  if (!pdf || !looksLikePdf(pdf)) throw new AppError('file_unreadable', { reason: 'not_pdf' });
  const anchors = trustAnchors(opts.trustedCertificatesPem ?? []);
  const now = opts.now ?? new Date();
  const fileSha256 = createHash('sha256').update(pdf).digest('hex');

  const { structure, signatures: located } = locateSignatures(pdf);
  const checks = located.map((l, i) => checkSignature(pdf, l, i + 1, anchors, now));
  const issued = checks[0];
  const result: VerificationResult = {
    signed: issued !== undefined,
    integrityValid: issued?.integrityValid ?? false,
    coversWholeFile: issued?.coversWholeFile ?? false,
    byteRange: issued?.byteRange ?? [],
    digestSha256: issued?.digestSha256 ?? '',
    signer: issued?.signer ?? null,
    signingTime: issued?.signingTime ?? null,
    reason: issued?.reason ?? null,
    trusted: issued?.trusted ?? false,
    trustConfigured: anchors.length > 0,
    certificate: issued?.certificate ?? null,
    afterSigning: 'none',
    claimed: null,
    signatures: checks,
    fileSha256,
    issuedSha256: '',
    verdict: 'invalid',
    valid: false,
    problems: [],
    level: issued?.level ?? null,
  };
  if (!issued) {
    result.problems = ['not_signed'];
    return result;
  }
  const problems = new Set<VerificationProblem>(issued.problems);
  if (issued.coveredUpTo > 0) {
    result.afterSigning = whatFollows(structure, checks, issued.coveredUpTo, pdf.length);
    result.issuedSha256 = createHash('sha256').update(pdf.subarray(0, issued.coveredUpTo)).digest('hex');
    result.claimed = claimedReport(structure, issued.coveredUpTo);
  }
  // an issued report carries exactly one signature; any other one, wherever it sits, is not the issuer's
  if (result.afterSigning === 'signature' || checks.length > 1) problems.add('later_signature');
  if (result.afterSigning === 'update') problems.add('changed_after_signing');
  if (result.afterSigning === 'bytes') problems.add('appended_after_signing');
  result.problems = [...problems];

  const intact = result.integrityValid && result.coversWholeFile && result.afterSigning === 'none';
  const broken = result.problems.some((p) => BROKEN.has(p) || p === 'later_signature' || p === 'changed_after_signing' || p === 'appended_after_signing');
  if (intact && !broken && issued.trusted) result.verdict = 'valid';
  else if (intact && !broken && !result.trustConfigured) result.verdict = 'untrusted';
  result.valid = result.verdict === 'valid';
  return result;
}
