import { SignPdf } from '@signpdf/signpdf';
import { SignPdfError } from '@signpdf/utils';
import { AppError } from '../../../shared/errors';
import { IdentitySigner } from './cms-sign';
import { assertUsableForSigning, openIdentity } from './identity-open';

export interface SignPdfOptions {
  /** The time written as /M when the placeholder was made; checked against the certificate's validity. */
  signingTime?: Date;
}

function toAppError(err: SignPdfError): AppError {
  if (/EOF/.test(err.message)) return new AppError('file_unreadable', { reason: 'not_pdf' });
  if (/exceeds placeholder length/.test(err.message)) {
    return new AppError('invalid_input', { field: 'pdf', reason: 'placeholder_too_small' });
  }
  if (/No ByteRangeStrings/.test(err.message)) return new AppError('invalid_input', { field: 'pdf', reason: 'no_placeholder' });
  return new AppError('invalid_input', { field: 'pdf', reason: 'placeholder_unusable' });
}

export async function signPdf(
  pdfWithPlaceholder: Buffer,
  p12: Buffer,
  passphrase: string,
  opts: SignPdfOptions = {},
): Promise<Buffer> {
  const identity = openIdentity(p12, passphrase);
  assertUsableForSigning(identity.certificate, new Date());
  // a back-dated signing time must also fall inside the validity, or verifiers would flag it
  if (opts.signingTime) assertUsableForSigning(identity.certificate, opts.signingTime);
  try {
    return await new SignPdf().sign(pdfWithPlaceholder, new IdentitySigner(identity));
  } catch (err) {
    if (err instanceof SignPdfError) throw toAppError(err);
    throw err;
  }
}
