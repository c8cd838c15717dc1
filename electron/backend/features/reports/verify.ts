import { finalVerdict, verificationChecks, type IssuedMatch, type VerifyOutcome } from '../../../../shared/domain/reports';
import { verifyPdf } from '../../signing/verify-pdf';
import type { ServiceContext } from '../../core/context';
import { trustedPems } from './trust';

interface MatchRow {
  id: string; audit_id: string; revision: number; issued_at: string; signer_name: string; number: string; title: string;
}

/**
 * The issued revision whose stored bytes are exactly this file, or, failing that, exactly the part
 * of it the first signature covers (the issued report with something added after it). A superseded
 * revision names the current one: its number, when it was issued and why the report was corrected.
 * Failing a report, the signed minutes of a management review.
 */
export function findIssued(ctx: ServiceContext, fileSha256: string, issuedSha256 = ''): IssuedMatch | null {
  const lookup = ctx.db.prepare(
    `SELECT r.id, r.audit_id, r.revision, r.issued_at, r.signer_name, a.number, a.title
     FROM report_revisions r JOIN audits a ON a.id = r.audit_id WHERE r.sha256 = ?`,
  );
  let exact = true;
  let row = lookup.get(fileSha256) as MatchRow | undefined;
  if (!row && issuedSha256 && issuedSha256 !== fileSha256) {
    row = lookup.get(issuedSha256) as MatchRow | undefined;
    exact = false;
  }
  if (!row) return findIssuedMinutes(ctx, fileSha256, issuedSha256);
  const current = ctx.db
    .prepare('SELECT revision, issued_at, correction_reason FROM report_revisions WHERE audit_id = ? ORDER BY revision DESC LIMIT 1')
    .get(row.audit_id) as { revision: number; issued_at: string; correction_reason: string };
  const superseded = current.revision > row.revision;
  return {
    kind: 'report',
    revisionId: row.id, auditId: row.audit_id, auditNumber: row.number, auditTitle: row.title, revision: row.revision,
    issuedAt: row.issued_at, signerName: row.signer_name, exact,
    supersededBy: superseded ? current.revision : null,
    current: superseded ? { revision: current.revision, issuedAt: current.issued_at, correctionReason: current.correction_reason } : null,
  };
}

/** Signed management review minutes whose stored bytes are this file (or its signed part). */
function findIssuedMinutes(ctx: ServiceContext, fileSha256: string, issuedSha256: string): IssuedMatch | null {
  const lookup = ctx.db.prepare(
    `SELECT f.review_id AS id, f.issued_at, f.signer_name, r.title FROM management_review_files f JOIN management_reviews r ON r.id = f.review_id WHERE f.sha256 = ?`,
  );
  let exact = true;
  let row = lookup.get(fileSha256) as { id: string; issued_at: string; signer_name: string; title: string } | undefined;
  if (!row && issuedSha256 && issuedSha256 !== fileSha256) {
    row = lookup.get(issuedSha256) as typeof row;
    exact = false;
  }
  if (!row) return null;
  return {
    kind: 'minutes', revisionId: row.id, auditId: '', auditNumber: '', auditTitle: row.title, revision: 1,
    issuedAt: row.issued_at, signerName: row.signer_name, exact, supersededBy: null, current: null,
  };
}

function auditKnown(ctx: ServiceContext, number: string): boolean {
  return ctx.db.prepare('SELECT 1 FROM audits WHERE number = ? COLLATE NOCASE').get(number) !== undefined;
}

/**
 * Verifies a PDF: every signature in it, that nothing follows the issued one, who signed and when,
 * the certificate at that time, trust (the organisation's list, plus `extraTrustedPems`), and, with a
 * database, whether the file is the current revision of a report issued from it. Throws
 * file_unreadable for what is not a PDF.
 */
export function verifyReportFile(ctx: ServiceContext | null, pdf: Buffer, fileName = '', extraTrustedPems: string[] = []): VerifyOutcome {
  const result = verifyPdf(pdf, { trustedCertificatesPem: [...(ctx ? trustedPems(ctx) : []), ...extraTrustedPems] });
  const match = ctx ? findIssued(ctx, result.fileSha256, result.issuedSha256) : null;
  const claimedAuditKnown = !!(ctx && result.claimed && auditKnown(ctx, result.claimed.auditNumber));
  const checks = verificationChecks(result, { checked: ctx !== null, match, claimedAuditKnown });
  const verdict = finalVerdict(result, checks);
  return {
    ...result,
    verdict,
    valid: verdict === 'valid',
    problems: [...result.problems],
    fileName,
    databaseChecked: ctx !== null,
    match,
    checks,
  };
}
