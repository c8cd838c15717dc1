import { verificationChecks, type IssuedMatch, type VerifyOutcome } from '../../../../shared/domain/reports';
import { verifyPdf } from '../../signing/verify-pdf';
import type { ServiceContext } from '../../core/context';
import { trustedPems } from './trust';

/** The issued revision whose stored bytes are exactly this file, if any. */
export function findIssued(ctx: ServiceContext, fileSha256: string): IssuedMatch | null {
  const row = ctx.db
    .prepare(
      `SELECT r.id, r.audit_id, r.revision, r.issued_at, r.signer_name, a.number, a.title,
         (SELECT max(n.revision) FROM report_revisions n WHERE n.audit_id = r.audit_id AND n.revision > r.revision) AS newer
       FROM report_revisions r JOIN audits a ON a.id = r.audit_id WHERE r.sha256 = ?`,
    )
    .get(fileSha256) as
    | { id: string; audit_id: string; revision: number; issued_at: string; signer_name: string; number: string; title: string; newer: number | null }
    | undefined;
  if (!row) return null;
  return {
    revisionId: row.id, auditId: row.audit_id, auditNumber: row.number, auditTitle: row.title, revision: row.revision,
    issuedAt: row.issued_at, signerName: row.signer_name, supersededBy: row.newer,
  };
}

/**
 * Verifies a PDF: the signature over its byte ranges, that nothing follows the signed part, who
 * signed and when, whether the signer is on the trusted list, and, with a database, whether the
 * file is byte for byte a report issued from it. Throws file_unreadable for what is not a PDF.
 */
export function verifyReportFile(ctx: ServiceContext | null, pdf: Buffer, fileName = ''): VerifyOutcome {
  const result = verifyPdf(pdf, { trustedCertificatesPem: ctx ? trustedPems(ctx) : [] });
  const match = ctx ? findIssued(ctx, result.fileSha256) : null;
  return {
    ...result,
    problems: [...result.problems],
    fileName,
    databaseChecked: ctx !== null,
    match,
    checks: verificationChecks(result, { checked: ctx !== null, match }),
  };
}
