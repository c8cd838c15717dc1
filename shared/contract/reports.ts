import { z } from 'zod';
import { call } from './define';
import type { DeliveredFile } from './files';
import { id } from '../domain/common';
import type { Audit } from '../domain/audits';
import {
  conclusionsInput,
  correctionInput,
  identityCreateInput,
  identityImportInput,
  issueInput,
  logoInput,
  previewInput,
  programmePdfInput,
  trustAddInput,
  verifyInput,
  type ReportOverview,
  type ReportRevision,
  type SigningIdentity,
  type TrustedCertificate,
  type VerifyOutcome,
} from '../domain/reports';

const byId = z.object({ id });

/** An unsigned draft for the preview pane; never stored. */
export interface ReportPreview {
  fileName: string;
  base64: string;
  pages: number;
}

export interface Logo {
  mime: string;
  base64: string;
  sha256: string;
}

/** Audit reports (ISO 19011 6.5), signing identities, trusted certificates and verification. */
export const reportsCalls = {
  'reports.status': call<ReportOverview>()(z.object({ auditId: id })),
  /** Summary, conclusion, degree of fulfilment, diverging opinions, areas not covered. */
  'reports.saveConclusions': call<Audit>()(conclusionsInput),
  'reports.preview': call<ReportPreview>()(previewInput),
  /** Generates, signs and records the next revision, then locks the audit. */
  'reports.issue': call<ReportRevision>()(issueInput),
  /** Unlocks an issued audit for a correction; the next issue is the next revision. */
  'reports.startCorrection': call<ReportOverview>()(correctionInput),
  /** The stored signed bytes, exactly as issued: saved through a dialog or returned for download. */
  'reports.save': call<DeliveredFile>()(byId),
  /** The stored signed bytes for viewing in the app. */
  'reports.content': call<ReportPreview>()(byId),
  /** The year's audit programme for management's approval. */
  'reports.programmePdf': call<DeliveredFile>()(programmePdfInput),
  'reports.logo': call<Logo | null>()(z.object({}).default({})),
  'reports.setLogo': call<Logo>()(logoInput),
  'reports.removeLogo': call<null>()(z.object({}).default({})),

  'identities.list': call<SigningIdentity[]>()(z.object({}).default({})),
  /** A new self-signed identity; the key is generated here and stored encrypted by the passphrase. */
  'identities.create': call<SigningIdentity>()(identityCreateInput),
  /** A .p12/.pfx: checked for a private key, validity and signing use before it is kept. */
  'identities.import': call<SigningIdentity>()(identityImportInput),
  /** Deletes the stored identity (key included); issued reports keep the signer's name and fingerprint. */
  'identities.remove': call<{ id: string }>()(byId),
  /** The public certificate (.pem) for recipients to trust; never the key. */
  'identities.certificate': call<DeliveredFile>()(byId),

  'trust.list': call<TrustedCertificate[]>()(z.object({}).default({})),
  'trust.add': call<TrustedCertificate>()(trustAddInput),
  'trust.remove': call<{ id: string }>()(byId),

  /** Checks a PDF's signature, the signer's trust and whether it is a report issued from this database. */
  'verify.pdf': call<VerifyOutcome>()(verifyInput),
};
