import type { ParsedInputOf } from '../../../../shared/contract';
import { reportFileName } from '../../../../shared/domain/reports';
import { AppError } from '../../../../shared/errors';
import { getAudit } from '../audits';
import type { ServiceContext } from '../../core/context';
import { draftModel, getRevision, listRevisions } from './issue';
import { buildReportModel } from './model';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface WordCopy {
  fileName: string;
  docx: Buffer;
}

const docxName = (pdfName: string) => pdfName.replace(/\.pdf$/i, '.docx');

/**
 * The Word copy of an issued revision, laid out with the template it was issued with. Only the
 * current revision of a locked audit: then the audit holds exactly what was signed. Once a
 * correction is open (or a later revision exists) the data may differ from that revision's PDF,
 * and a copy that silently differed from its record would mislead.
 */
export async function revisionDocx(ctx: ServiceContext, id: string): Promise<WordCopy> {
  const revision = getRevision(ctx, id);
  const audit = getAudit(ctx, revision.auditId);
  const revisions = listRevisions(ctx, audit.id);
  if (!audit.locked || revisions[0]?.id !== id) {
    throw new AppError('invalid_transition', { reason: 'docx_not_current', number: audit.number, revision: revision.revision });
  }
  const previous = revisions.find((r) => r.revision === revision.revision - 1);
  const time = new Date(revision.issuedAt);
  const model = buildReportModel(ctx, audit.id, {
    lang: revision.lang,
    revision: revision.revision,
    issuedAt: time,
    supersedes: previous ? { revision: previous.revision, issuedAt: previous.issuedAt, reason: revision.correctionReason } : null,
    signature: { name: revision.signerName, role: revision.signerRole, reason: revision.reason, fingerprint: revision.signerFingerprint, time },
    template: revision.summary.template,
  });
  const { renderDocx } = await import('./docx');
  return { fileName: docxName(revision.fileName), docx: await renderDocx(model, { fileName: revision.fileName, sha256: revision.sha256 }) };
}

/** The unsigned draft as Word, with the saved template or the one being edited. */
export async function previewDocx(ctx: ServiceContext, input: ParsedInputOf<'reports.previewDocx'>): Promise<WordCopy> {
  const audit = getAudit(ctx, input.auditId);
  const model = draftModel(ctx, input);
  const { renderDocx } = await import('./docx');
  return { fileName: docxName(reportFileName(audit.number, null, input.lang)), docx: await renderDocx(model, null) };
}
