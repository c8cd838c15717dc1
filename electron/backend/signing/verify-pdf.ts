import { createHash, X509Certificate } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { describeCertificate, formatFingerprint } from './certificate';
import { checkDetachedCms, type SignedContent } from './cms-verify';
import { locateLastSignature, looksLikePdf } from './pdf-signature-locate';
import { signatureProfile } from './signature-level';
import type { VerificationProblem, VerificationResult } from './types';

export interface VerifyPdfOptions {
  trustedCertificatesPem?: string[];
}

function trustedFingerprints(pems: string[]): Set<string> {
  const out = new Set<string>();
  for (const pem of pems) {
    try {
      out.add(formatFingerprint(new X509Certificate(pem).raw));
    } catch {
      throw new AppError('invalid_input', { field: 'trustedCertificatesPem' });
    }
  }
  return out;
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

/** Both ranges inside the file, in order, not overlapping. */
function byteRangeInBounds(range: ByteRange, fileLength: number): boolean {
  if (!range.every((v) => Number.isSafeInteger(v) && v >= 0)) return false;
  const [start, length, start2, length2] = range;
  return start + length <= start2 && start2 + length2 <= fileLength;
}

export function verifyPdf(input: Buffer | Uint8Array, opts: VerifyPdfOptions = {}): VerificationResult {
  // IPC hands over Uint8Array; wrap it without copying
  const pdf = input instanceof Uint8Array ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : null;
  if (!pdf || !looksLikePdf(pdf)) throw new AppError('file_unreadable', { reason: 'not_pdf' });
  const trusted = trustedFingerprints(opts.trustedCertificatesPem ?? []);
  const result: VerificationResult = {
    signed: false,
    integrityValid: false,
    coversWholeFile: false,
    byteRange: [],
    digestSha256: '',
    signer: null,
    signingTime: null,
    reason: null,
    trusted: false,
    fileSha256: createHash('sha256').update(pdf).digest('hex'),
    valid: false,
    problems: [],
    level: null,
  };
  const problems = new Set<VerificationProblem>();
  const finish = (): VerificationResult => {
    result.problems = [...problems];
    result.valid = result.signed && result.integrityValid && result.coversWholeFile;
    return result;
  };

  const located = locateLastSignature(pdf);
  if (!located) {
    problems.add('not_signed');
    return finish();
  }
  result.signed = true;
  result.byteRange = [...located.byteRange];
  result.reason = located.reason;

  const [start, , start2, length2] = located.byteRange;
  if (!byteRangeInBounds(located.byteRange, pdf.length)) {
    problems.add('byte_range_invalid');
    return finish();
  }
  // anything after the second range (an incremental update, or bytes glued on) is not covered
  result.coversWholeFile = start === 0 && start2 + length2 === pdf.length;
  if (start !== 0) problems.add('byte_range_invalid');
  else if (!result.coversWholeFile) problems.add('appended_after_signing');

  const signed = signedContent(pdf, located.byteRange);
  result.digestSha256 = signed.digest('sha256').toString('hex');
  if (!located.contents) {
    problems.add('signature_contents_invalid');
    return finish();
  }

  const check = checkDetachedCms(located.contents, signed);
  check.problems.forEach((p) => problems.add(p));
  result.integrityValid = check.integrityValid;
  // PAdES signatures carry their claimed signing time in /M, not in the CMS
  const profile = signatureProfile(pdf, located.byteRange, located.contents);
  result.level = profile.level;
  result.signingTime = check.signingTime?.toISOString() ?? profile.claimedSigningTime;
  if (check.signer) {
    const info = describeCertificate(check.signer);
    result.signer = {
      subjectName: info.subjectName,
      email: info.email,
      organisation: info.organisation,
      fingerprintSha256: info.fingerprintSha256,
      notBefore: info.notBefore,
      notAfter: info.notAfter,
    };
    result.trusted = trusted.has(info.fingerprintSha256);
  }
  return finish();
}
