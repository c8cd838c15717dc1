import crypto from 'node:crypto';
import type { ParsedInputOf } from '../../../../shared/contract';
import type { ReportPreview } from '../../../../shared/contract/reports';
import { isExternalAudit, type Audit } from '../../../../shared/domain/audits';
import type { Lang } from '../../../../shared/domain/common';
import {
  issueBlockers,
  reportFileName,
  type OpenCorrection,
  type ReportOverview,
  type ReportRevision,
  type ReportSnapshot,
} from '../../../../shared/domain/reports';
import { AppError, type FieldIssue } from '../../../../shared/errors';
import { approvalMissing } from '../approvals';
import { assertAuditUnlocked, getAudit, transitionAudit } from '../audits';
import { assertRevision, mutate, timestamp, type ServiceContext } from '../../core/context';
import { getSetting } from '../../core/settings';
import { chainHead } from '../../db/trail-chain';
import { buildReportModel, type ReportModel } from './model';
import { reportTexts } from './texts';
import { checkedTemplate } from './template';

// ---- reading ---------------------------------------------------------------------------------------

interface RevisionRow {
  id: string; audit_id: string; revision: number; lang: Lang; file_name: string; size: number; sha256: string; issued_at: string;
  issued_by: string; identity_id: string | null; signer_name: string; signer_fingerprint: string; signer_role: string; reason: string;
  correction_reason: string; summary_json: string;
}

const REVISION_COLUMNS = `id, audit_id, revision, lang, file_name, size, sha256, issued_at, issued_by, identity_id, signer_name,
  signer_fingerprint, signer_role, reason, correction_reason, summary_json`;

const toRevision = (r: RevisionRow): ReportRevision => ({
  id: r.id, auditId: r.audit_id, revision: r.revision, lang: r.lang, fileName: r.file_name, size: r.size, sha256: r.sha256,
  issuedAt: r.issued_at, issuedBy: r.issued_by, identityId: r.identity_id, signerName: r.signer_name, signerRole: r.signer_role,
  signerFingerprint: r.signer_fingerprint, reason: r.reason, correctionReason: r.correction_reason,
  summary: JSON.parse(r.summary_json) as ReportSnapshot,
});

export function listRevisions(ctx: ServiceContext, auditId: string): ReportRevision[] {
  const rows = ctx.db.prepare(`SELECT ${REVISION_COLUMNS} FROM report_revisions WHERE audit_id = ? ORDER BY revision DESC`).all(auditId) as RevisionRow[];
  return rows.map(toRevision);
}

export function getRevision(ctx: ServiceContext, id: string): ReportRevision {
  const row = ctx.db.prepare(`SELECT ${REVISION_COLUMNS} FROM report_revisions WHERE id = ?`).get(id) as RevisionRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return toRevision(row);
}

/** The signed file exactly as it was issued: every copy saved from it has the recorded SHA-256. */
export function revisionBytes(ctx: ServiceContext, id: string): { revision: ReportRevision; pdf: Buffer } {
  const revision = getRevision(ctx, id);
  const pdf = ctx.db.prepare('SELECT pdf FROM report_revisions WHERE id = ?').pluck().get(id) as Buffer;
  return { revision, pdf };
}

export function revisionContent(ctx: ServiceContext, id: string): ReportPreview {
  const { revision, pdf } = revisionBytes(ctx, id);
  return { fileName: revision.fileName, base64: pdf.toString('base64'), pages: revision.summary.pages };
}

function openCorrection(ctx: ServiceContext, auditId: string): OpenCorrection | null {
  const row = ctx.db
    .prepare(
      `SELECT id, after_revision, reason, started_at, started_by FROM report_corrections
       WHERE audit_id = ? AND closed_by_revision_id IS NULL ORDER BY started_at DESC LIMIT 1`,
    )
    .get(auditId) as { id: string; after_revision: number; reason: string; started_at: string; started_by: string } | undefined;
  return row ? { id: row.id, afterRevision: row.after_revision, reason: row.reason, startedAt: row.started_at, startedBy: row.started_by } : null;
}

function blockersOf(ctx: ServiceContext, audit: Audit, revisions: number, correction: OpenCorrection | null) {
  return issueBlockers(
    { ...audit, external: isExternalAudit(audit.type) },
    { revisions, openCorrection: correction !== null, approvalMissing: approvalMissing(ctx, 'report', audit.id) },
  );
}

export function reportOverview(ctx: ServiceContext, auditId: string): ReportOverview {
  const audit = getAudit(ctx, auditId);
  const revisions = listRevisions(ctx, auditId);
  const correction = openCorrection(ctx, auditId);
  return {
    auditId,
    auditRevision: audit.revision,
    locked: audit.locked,
    status: audit.status,
    revisions,
    openCorrection: correction,
    nextRevision: (revisions[0]?.revision ?? 0) + 1,
    blockers: blockersOf(ctx, audit, revisions.length, correction),
    lockedWithoutReport: audit.locked && revisions.length === 0,
  };
}

// ---- the lead's conclusions ------------------------------------------------------------------------

const CONCLUSION_KEYS = ['summary', 'conclusion', 'fulfilment', 'divergingOpinions', 'areasNotCovered'] as const;

export function saveConclusions(ctx: ServiceContext, { auditId, revision, fields }: ParsedInputOf<'reports.saveConclusions'>): Audit {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'audits', auditId, revision);
    assertAuditUnlocked(ctx, auditId);
    const before = getAudit(ctx, auditId);
    ctx.db
      .prepare(
        `UPDATE audits SET summary=?, conclusion=?, fulfilment=?, diverging_opinions=?, areas_not_covered=?, updated_at=?,
           revision=revision+1 WHERE id=?`,
      )
      .run(fields.summary, fields.conclusion, fields.fulfilment, fields.divergingOpinions, fields.areasNotCovered, timestamp(ctx), auditId);
    const after = getAudit(ctx, auditId);
    const pick = (a: Audit) => Object.fromEntries(CONCLUSION_KEYS.map((k) => [k, a[k]]));
    trail({ entity: 'audit', entityId: auditId, action: 'conclusions', before: pick(before), after: pick(after) });
    return after;
  });
}

// ---- preview and issue -----------------------------------------------------------------------------

/** Whole seconds: the CMS signing time and the printed time must be the same instant. */
const toSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

function supersedesOf(ctx: ServiceContext, auditId: string, correction: OpenCorrection | null): ReportModel['supersedes'] {
  const latest = listRevisions(ctx, auditId)[0];
  if (!latest) return null;
  return { revision: latest.revision, issuedAt: latest.issuedAt, reason: correction?.reason ?? '' };
}

/** The unsigned draft's model; an unsaved `template` is checked as saving it would be. */
export function draftModel(ctx: ServiceContext, { auditId, lang, template }: ParsedInputOf<'reports.preview'>): ReportModel {
  const correction = openCorrection(ctx, auditId);
  return buildReportModel(ctx, auditId, {
    lang,
    revision: null,
    issuedAt: toSecond(ctx.now()),
    supersedes: correction ? supersedesOf(ctx, auditId, correction) : null,
    template: template ? checkedTemplate(template) : undefined,
  });
}

export async function previewReport(ctx: ServiceContext, input: ParsedInputOf<'reports.preview'>): Promise<ReportPreview> {
  const { auditId, lang } = input;
  const audit = getAudit(ctx, auditId);
  const model = draftModel(ctx, input);
  // PDF layout (pdfkit) and signing load on first use, so opening the app does not wait for them.
  const { renderReport } = await import('./pdf');
  const { pdf, pages } = await renderReport(model, null);
  return { fileName: reportFileName(audit.number, null, lang), base64: pdf.toString('base64'), pages };
}

/** Refuses with the first reason the report cannot be issued now. */
function assertIssuable(ctx: ServiceContext, audit: Audit): { revisions: number; correction: OpenCorrection | null } {
  const revisions = (ctx.db.prepare('SELECT count(*) FROM report_revisions WHERE audit_id = ?').pluck().get(audit.id) as number) ?? 0;
  const correction = openCorrection(ctx, audit.id);
  const blockers = blockersOf(ctx, audit, revisions, correction);
  if (blockers.includes('external')) throw new AppError('invalid_transition', { reason: 'external_report', number: audit.number });
  if (blockers.includes('locked')) throw new AppError('locked', { id: audit.id, number: audit.number });
  if (blockers.includes('status')) throw new AppError('invalid_transition', { reason: 'report_status', from: audit.status, to: 'reported' });
  const missing = blockers.filter((b) => b === 'summary' || b === 'conclusion' || b === 'fulfilment');
  if (missing.length) {
    const issues: FieldIssue[] = missing.map((path) => ({ path, message: path === 'fulfilment' ? 'choose' : 'required' }));
    throw new AppError('invalid_input', { issues, reason: 'report_incomplete' });
  }
  if (blockers.includes('approval')) throw new AppError('invalid_transition', { reason: 'report_not_approved', number: audit.number });
  return { revisions, correction };
}

/**
 * Setting: a JSON list of person roles (e.g. ["audit_lead"]) whose holders may sign any audit's
 * report besides the audit's own lead. Unset, only the lead signs (ISO 19011 6.5.1: the lead is
 * responsible for the report).
 */
export const REPORT_SIGNER_ROLES_SETTING = 'reportSignerRoles';

function allowedSignerRoles(ctx: ServiceContext): string[] {
  try {
    const roles: unknown = JSON.parse(getSetting(ctx, REPORT_SIGNER_ROLES_SETTING) ?? '[]');
    return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The certificate's e-mail address names the person who signs: the audit's lead, or someone
 * holding a role the coordinator allows. A certificate without an address cannot be matched.
 */
function assertMaySign(ctx: ServiceContext, audit: Audit, signerEmail: string | null): void {
  const leadId = audit.team.find((m) => m.role === 'lead')?.personId ?? null;
  const lead = leadId
    ? (ctx.db.prepare('SELECT name, email FROM people WHERE id = ?').get(leadId) as { name: string; email: string } | undefined)
    : undefined;
  const email = (signerEmail ?? '').trim().toLowerCase();
  if (email && lead && lead.email.trim().toLowerCase() === email) return;
  const roles = allowedSignerRoles(ctx);
  if (email && roles.length) {
    const person = ctx.db.prepare('SELECT roles_json FROM people WHERE lower(email) = ? AND archived = 0').get(email) as
      | { roles_json: string }
      | undefined;
    const held = person ? (JSON.parse(person.roles_json) as string[]) : [];
    if (held.some((r) => roles.includes(r))) return;
  }
  throw new AppError('invalid_transition', {
    reason: 'signer_not_lead',
    number: audit.number,
    lead: lead ? `${lead.name} <${lead.email}>` : '',
    signer: email,
  });
}

/** A PKCS#12 and its passphrase, from the database (the app) or a file (the command line). */
export interface SigningKey {
  p12: Buffer;
  passphrase: string;
  identityId: string | null;
}

export interface IssueParams {
  auditId: string;
  /** The audit's revision as the person last saw it; null skips the check (command line). */
  auditRevision: number | null;
  lang: Lang;
  signerRole: string;
  reason: string;
}

/**
 * Issues the next revision: checks the audit and the identity (passphrase, validity) before any
 * work, lays the report out with the signer's visible block, signs it (detached CMS, SHA-256),
 * then records the bytes and their SHA-256 and locks the audit in one transaction. A change made
 * to the audit while the file was produced makes the issue fail as a conflict, with nothing stored.
 */
export async function issueReport(ctx: ServiceContext, params: IssueParams, key: SigningKey): Promise<ReportRevision> {
  const [{ renderReport }, { inspectIdentity }, { signPdf }] = await Promise.all([
    import('./pdf'),
    import('../../signing/identity-open'),
    import('../../signing/sign-pdf'),
  ]);
  const audit = getAudit(ctx, params.auditId);
  if (params.auditRevision !== null && audit.revision !== params.auditRevision) {
    throw new AppError('conflict', { id: audit.id, expected: params.auditRevision, actual: audit.revision });
  }
  const { correction } = assertIssuable(ctx, audit);
  const signingTime = toSecond(ctx.now());
  const signer = inspectIdentity(key.p12, key.passphrase, signingTime);
  assertMaySign(ctx, audit, signer.email);
  const T = reportTexts(params.lang);
  const next = (ctx.db.prepare('SELECT coalesce(max(revision), 0) FROM report_revisions WHERE audit_id = ?').pluck().get(audit.id) as number) + 1;
  const role = params.signerRole || T.signature.defaultRole;
  const reason = params.reason || T.defaultReason(audit.number, next);
  const model = buildReportModel(ctx, audit.id, {
    lang: params.lang,
    revision: next,
    issuedAt: signingTime,
    supersedes: next > 1 ? supersedesOf(ctx, audit.id, correction) : null,
    signature: { name: signer.subjectName, role, reason, fingerprint: signer.fingerprintSha256, time: signingTime, trailHead: chainHead(ctx.db) },
  });
  const organisation = getSetting(ctx, 'organisationName') ?? '';
  const { pdf, pages } = await renderReport(model, {
    reason,
    name: signer.subjectName,
    location: organisation,
    contactInfo: signer.email ?? '',
    signingTime,
  });
  const signed = await signPdf(pdf, key.p12, key.passphrase, { signingTime });
  const sha256 = crypto.createHash('sha256').update(signed).digest('hex');
  const snapshot: ReportSnapshot = {
    auditNumber: audit.number,
    title: audit.title,
    fulfilment: audit.fulfilment,
    summary: audit.summary,
    conclusion: audit.conclusion,
    findings: Object.fromEntries(['major_nc', 'minor_nc', 'observation', 'ofi', 'strength'].map((t) => [t, model.findings.filter((f) => f.type === t).length])),
    pages,
    // the Word copy of this revision follows the same sections in the same order
    template: model.template,
  };

  return mutate(ctx, (trail) => {
    // the file took time to produce: what it shows must still be what the database holds
    assertRevision(ctx, 'audits', audit.id, audit.revision);
    const current = getAudit(ctx, audit.id);
    const again = assertIssuable(ctx, current);
    const taken = ctx.db.prepare('SELECT 1 FROM report_revisions WHERE audit_id = ? AND revision = ?').get(audit.id, next);
    if (taken) throw new AppError('conflict', { id: audit.id, reason: 'revision_taken' });
    const id = ctx.newId();
    const now = timestamp(ctx);
    ctx.db
      .prepare(
        `INSERT INTO report_revisions (id, audit_id, revision, lang, file_name, pdf, size, sha256, issued_at, issued_by, identity_id,
           signer_name, signer_fingerprint, signer_role, reason, correction_reason, summary_json, created_at)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        id, audit.id, next, params.lang, reportFileName(audit.number, next, params.lang), signed, signed.length, sha256,
        signingTime.toISOString(), ctx.actor, key.identityId, signer.subjectName, signer.fingerprintSha256, role, reason,
        again.correction?.reason ?? '', JSON.stringify(snapshot), now,
      );
    if (again.correction) {
      ctx.db.prepare('UPDATE report_corrections SET closed_by_revision_id = ? WHERE id = ?').run(id, again.correction.id);
    }
    ctx.db.prepare('UPDATE audits SET locked = 1, updated_at = ?, revision = revision + 1 WHERE id = ?').run(now, audit.id);
    // The issued (locked) report is what the status rule asks for before "reported"; the audits
    // service applies the rule and records the status change in the trail.
    if (current.status === 'in_progress') transitionAudit(ctx, { id: audit.id, revision: current.revision + 1, to: 'reported' });
    const status = getAudit(ctx, audit.id).status;
    const issued = getRevision(ctx, id);
    trail({ entity: 'report', entityId: id, action: 'issue', after: issued });
    trail({
      entity: 'audit',
      entityId: audit.id,
      action: 'report_issued',
      before: { status: current.status, locked: current.locked },
      after: { status, locked: true, reportRevision: next, sha256 },
    });
    return issued;
  });
}

export async function issueWithStoredIdentity(ctx: ServiceContext, input: ParsedInputOf<'reports.issue'>, p12: Buffer): Promise<ReportRevision> {
  return issueReport(
    ctx,
    { auditId: input.auditId, auditRevision: input.revision, lang: input.lang, signerRole: input.signerRole, reason: input.reason },
    { p12, passphrase: input.passphrase, identityId: input.identityId },
  );
}

// ---- corrections -----------------------------------------------------------------------------------

/** Opens an issued report for correction: the audit unlocks, and the next issue is the next revision. */
export function startCorrection(ctx: ServiceContext, { auditId, reason }: ParsedInputOf<'reports.startCorrection'>): ReportOverview {
  mutate(ctx, (trail) => {
    const audit = getAudit(ctx, auditId);
    const latest = listRevisions(ctx, auditId)[0];
    if (!latest) throw new AppError('invalid_transition', { reason: 'no_report', number: audit.number });
    if (openCorrection(ctx, auditId) || !audit.locked) throw new AppError('conflict', { reason: 'correction_open', number: audit.number });
    const id = ctx.newId();
    const now = timestamp(ctx);
    ctx.db
      .prepare('INSERT INTO report_corrections (id, audit_id, after_revision, reason, started_at, started_by) VALUES (?,?,?,?,?,?)')
      .run(id, auditId, latest.revision, reason, now, ctx.actor);
    ctx.db.prepare('UPDATE audits SET locked = 0, updated_at = ?, revision = revision + 1 WHERE id = ?').run(now, auditId);
    trail({ entity: 'audit', entityId: auditId, action: 'report_correction', before: { locked: true }, after: { locked: false, reason, afterRevision: latest.revision } });
  });
  return reportOverview(ctx, auditId);
}
