/// <reference types="pdfkit" />
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SIG_FLAGS, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { AppError } from '../../../shared/errors';
import type { SignaturePlaceholderOptions } from './types';

/** Room for a 2048/4096-bit RSA CMS with a short certificate chain; unused bytes stay zero-padded. */
export const DEFAULT_SIGNATURE_LENGTH = 8192;

/** Print + Locked: PDF/A wants every annotation printable, and nobody should move the signature field. */
const WIDGET_FLAGS = 4 | 128;

/** The parts of pdfkit's document that its type definitions leave out. */
interface PdfkitInternals {
  ref(data: Record<string, unknown>): { data: Record<string, unknown>; end(): void };
  initForm(): void;
  _root: { data: { AcroForm?: { data: Record<string, unknown> & { Fields: unknown[] } } } };
  page: { dictionary: unknown; annotations: unknown[] };
}

/**
 * Reserves the /ByteRange and /Contents slots that signPdf fills in later. Call it while the page that
 * should carry the (invisible) signature widget is current and before doc.end(): pdfkit writes each
 * object as soon as it is ended, and the signature dictionary must be in the one and only revision.
 *
 * Written here rather than with @signpdf/placeholder-pdfkit because a PAdES baseline signature needs
 * SubFilter ETSI.CAdES.detached and PDF/A needs the widget's Print flag, which that helper cannot set.
 */
export function addSignaturePlaceholder(doc: PDFKit.PDFDocument, opts: SignaturePlaceholderOptions): void {
  const signatureLength = opts.signatureLength ?? DEFAULT_SIGNATURE_LENGTH;
  if (!Number.isInteger(signatureLength) || signatureLength < 1024) {
    throw new AppError('invalid_input', { field: 'signatureLength', min: 1024 });
  }
  const pdf = doc as unknown as PdfkitInternals;
  const signature = pdf.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
    ByteRange: [0, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER],
    Contents: Buffer.alloc(signatureLength),
    // the claimed signing time of a PAdES signature (the CMS carries no signing-time attribute)
    M: opts.signingTime ?? new Date(),
    Reason: new String(opts.reason),
    Name: new String(opts.name),
    Location: new String(opts.location ?? ''),
    ContactInfo: new String(opts.contactInfo ?? ''),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' }, App: { Name: 'Granska' } },
  });
  if (!pdf._root.data.AcroForm) pdf.initForm();
  const form = pdf._root.data.AcroForm as NonNullable<PdfkitInternals['_root']['data']['AcroForm']>;
  const widget = pdf.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    F: WIDGET_FLAGS,
    Rect: [0, 0, 0, 0],
    V: signature,
    T: new String(`Signature${form.data.Fields.length + 1}`),
    P: pdf.page.dictionary,
  });
  // NeedAppearances (set by initForm) is forbidden in PDF/A and pointless for a signature field
  form.data = { Type: 'AcroForm', SigFlags: SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY, Fields: [...form.data.Fields, widget], DR: form.data.DR };
  pdf.page.annotations.push(widget);
  signature.end();
  widget.end();
}
