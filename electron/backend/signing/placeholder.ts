/// <reference types="pdfkit" />
import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import { AppError } from '../../../shared/errors';
import type { SignaturePlaceholderOptions } from './types';

/** Room for a 2048/4096-bit RSA CMS with a short certificate chain; unused bytes stay zero-padded. */
export const DEFAULT_SIGNATURE_LENGTH = 8192;

/**
 * Reserves the /ByteRange and /Contents slots that signPdf fills in later. Call it while the page that
 * should carry the (invisible) signature widget is current and before doc.end(): pdfkit writes each
 * object as soon as it is ended, and the signature dictionary must be in the one and only revision.
 */
export function addSignaturePlaceholder(doc: PDFKit.PDFDocument, opts: SignaturePlaceholderOptions): void {
  const signatureLength = opts.signatureLength ?? DEFAULT_SIGNATURE_LENGTH;
  if (!Number.isInteger(signatureLength) || signatureLength < 1024) {
    throw new AppError('invalid_input', { field: 'signatureLength', min: 1024 });
  }
  pdfkitAddPlaceholder({
    pdf: doc,
    // unused by the pdfkit variant, but required by its type
    pdfBuffer: Buffer.alloc(0),
    reason: opts.reason,
    name: opts.name,
    // the library wraps these in new String(), so undefined would be written as "(undefined)"
    location: opts.location ?? '',
    contactInfo: opts.contactInfo ?? '',
    signatureLength,
    signingTime: opts.signingTime,
    widgetRect: [0, 0, 0, 0],
    appName: 'Granska',
  });
}
