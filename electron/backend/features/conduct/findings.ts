import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../../../shared/errors';
import type { ParsedInputOf } from '../../../../shared/contract';
import type { Audit, ChecklistItem } from '../../../../shared/domain/audits';
import type { Lang } from '../../../../shared/domain/common';
import {
  findingFields,
  findingStatus,
  findingTypeForResult,
  type Finding,
  type FindingFieldsParsed,
  type FindingStatus,
  type FindingType,
  type RequirementSource,
} from '../../../../shared/domain/findings';
import { compareClauseNumbers, type Standard } from '../../../../shared/domain/standards';
import { removeAttachmentsOf } from './attachments';
import { assertAuditUnlocked, getAudit, loadStandard } from '../audits';
import { getChecklistItem } from './checklist-answers';
import { assertRevision, fieldError, mutate, timestamp, type ServiceContext } from '../../core/context';
import { nextNumber } from '../../sync/numbering';

export interface FindingRow {
  id: string; audit_id: string; seq: number; number: string; type: FindingType; requirement_source: RequirementSource;
  requirement: string; evidence: string; statement: string; unit_id: string | null; process_id: string | null;
  checklist_item_id: string | null; auditee_response: string; created_at: string; updated_at: string; revision: number;
  audit_number: string; audit_title: string; year: number; locked: number; clauses: string | null; status: FindingStatus;
  attachment_count: number;
}

function hasClosedCases(ctx: ServiceContext): boolean {
  const columns = ctx.db.prepare("SELECT name FROM pragma_table_info('cases')").pluck().all() as string[];
  return columns.includes('finding_id') && columns.includes('status');
}

/**
 * A finding's status as SQL, so the register can filter on it: a nonconformity is closed when its
 * corrective-action case is closed (the corrective-action feature owns that table; before it
 * exists every nonconformity is open).
 */
export function statusSql(ctx: ServiceContext, alias = 'f'): string {
  const closed = hasClosedCases(ctx)
    ? `EXISTS (SELECT 1 FROM cases c WHERE c.finding_id = ${alias}.id AND c.status = 'closed')`
    : '0';
  return `(CASE WHEN ${alias}.type IN ('major_nc','minor_nc') THEN (CASE WHEN ${closed} THEN 'closed' ELSE 'open' END) ELSE 'n/a' END)`;
}

export function findingSelect(ctx: ServiceContext): string {
  return `SELECT f.*, a.number AS audit_number, a.title AS audit_title, a.year AS year, a.locked AS locked,
      (SELECT group_concat(fc.clause_number, ' ') FROM finding_clauses fc WHERE fc.finding_id = f.id) AS clauses,
      (SELECT count(*) FROM attachments x WHERE x.owner_type = 'finding' AND x.owner_id = f.id) AS attachment_count,
      ${statusSql(ctx)} AS status
    FROM findings f JOIN audits a ON a.id = f.audit_id`;
}

export const splitClauses = (clauses: string | null): string[] =>
  clauses ? clauses.split(' ').filter(Boolean).sort(compareClauseNumbers) : [];

const toFinding = (r: FindingRow): Finding => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision,
  auditId: r.audit_id, auditNumber: r.audit_number, auditTitle: r.audit_title, year: r.year, seq: r.seq, number: r.number,
  type: r.type, clauseNumbers: splitClauses(r.clauses), requirementSource: r.requirement_source, requirement: r.requirement,
  evidence: r.evidence, statement: r.statement, unitId: r.unit_id, processId: r.process_id, checklistItemId: r.checklist_item_id,
  auditeeResponse: r.auditee_response, status: findingStatus(r.type, r.status === 'closed'), attachmentCount: r.attachment_count,
  locked: r.locked === 1,
});

export function getFinding(ctx: ServiceContext, id: string): Finding {
  const row = ctx.db.prepare(`${findingSelect(ctx)} WHERE f.id = ?`).get(id) as FindingRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return toFinding(row);
}

export function listFindings(ctx: ServiceContext, { auditId }: ParsedInputOf<'findings.list'>): Finding[] {
  if (!ctx.db.prepare('SELECT 1 FROM audits WHERE id = ?').get(auditId)) throw new AppError('not_found', { id: auditId });
  return (ctx.db.prepare(`${findingSelect(ctx)} WHERE f.audit_id = ? ORDER BY f.seq`).all(auditId) as FindingRow[]).map(toFinding);
}

// ---- raising a finding from a checklist question -------------------------------------------------

const WORDS: Record<Lang, { clause: string; sampled: string; interviewed: string }> = {
  sv: { clause: 'avsnitt', sampled: 'Stickprov', interviewed: 'Intervjuade' },
  en: { clause: 'clause', sampled: 'Sampled', interviewed: 'Interviewed' },
};

/** "ISO 9001:2015 avsnitt 7.5.3 Styrning av dokumenterad information", one line per clause. */
/** The audit's clause catalogue; an audit against a standard whose file is gone still works, unchecked. */
function standardClauses(standardId: string): Standard | null {
  try {
    return loadStandard(standardId);
  } catch {
    return null;
  }
}

function requirementFromClauses(audit: Audit, clauseNumbers: string[], lang: Lang): string {
  const standard = standardClauses(audit.standardId);
  return clauseNumbers
    .map((n) => {
      const title = standard?.clauses.find((c) => c.number === n)?.title[lang];
      return [standard?.name[lang], WORDS[lang].clause, n, title].filter(Boolean).join(' ');
    })
    .join('\n');
}

/** The evidence notes, with what was sampled and who was interviewed, as the finding's evidence. */
function evidenceFromItem(item: ChecklistItem, lang: Lang): string {
  return [
    item.evidence.trim(),
    item.sampled.trim() && `${WORDS[lang].sampled}: ${item.sampled.trim()}`,
    item.interviewed.trim() && `${WORDS[lang].interviewed}: ${item.interviewed.trim()}`,
  ]
    .filter(Boolean)
    .join('\n');
}

function defaultsFor(audit: Audit, item: ChecklistItem | null, lang: Lang): FindingFieldsParsed {
  const clauseNumbers = item?.clauseNumber ? [item.clauseNumber] : [];
  return {
    type: (item && findingTypeForResult(item.result)) ?? 'observation',
    clauseNumbers,
    requirementSource: 'iso',
    requirement: item ? requirementFromClauses(audit, clauseNumbers, lang) : '',
    evidence: item ? evidenceFromItem(item, lang) : '',
    statement: '',
    unitId: audit.unitIds[0] ?? null,
    processId: audit.processIds[0] ?? null,
    auditeeResponse: '',
  };
}

function itemOfAudit(ctx: ServiceContext, auditId: string, checklistItemId: string): ChecklistItem {
  const item = getChecklistItem(ctx, checklistItemId);
  if (item.auditId !== auditId) throw fieldError('checklistItemId', 'not_found');
  return item;
}

export function prefillFinding(
  ctx: ServiceContext,
  { checklistItemId, lang }: ParsedInputOf<'findings.prefill'>,
): { auditId: string; checklistItemId: string; fields: FindingFieldsParsed } {
  const item = getChecklistItem(ctx, checklistItemId);
  const audit = getAudit(ctx, item.auditId);
  return { auditId: audit.id, checklistItemId, fields: defaultsFor(audit, item, lang) };
}

// ---- writing -------------------------------------------------------------------------------------

function parseFields(raw: unknown): FindingFieldsParsed {
  const parsed = findingFields.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError('invalid_input', { issues: issuesOf(parsed.error) });
}

function issuesOf(error: z.ZodError): FieldIssue[] {
  const known = new Set(['required', 'too_long', 'choose', 'min_items', 'not_found']);
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: known.has(i.message) ? i.message : 'invalid' }));
}

/** Clauses must be the audit standard's own; unit and process must exist. */
function checkReferences(ctx: ServiceContext, audit: Audit, f: FindingFieldsParsed): void {
  const standard = standardClauses(audit.standardId);
  if (standard) {
    const known = new Set(standard.clauses.map((c) => c.number));
    const unknown = f.clauseNumbers.find((n) => !known.has(n));
    if (unknown) throw fieldError('clauseNumbers', 'not_found', { clause: unknown });
  }
  if (f.unitId && !ctx.db.prepare('SELECT 1 FROM units WHERE id = ?').get(f.unitId)) throw fieldError('unitId', 'not_found');
  if (f.processId && !ctx.db.prepare('SELECT 1 FROM processes WHERE id = ?').get(f.processId)) throw fieldError('processId', 'not_found');
}

function writeClauses(ctx: ServiceContext, findingId: string, clauseNumbers: string[]): void {
  ctx.db.prepare('DELETE FROM finding_clauses WHERE finding_id = ?').run(findingId);
  const insert = ctx.db.prepare('INSERT INTO finding_clauses (finding_id, clause_number) VALUES (?, ?)');
  for (const n of new Set(clauseNumbers)) insert.run(findingId, n);
}

/**
 * One step from a checklist question to a finding: whatever the caller leaves out is taken from
 * the question (clause, type from the answer, evidence) and the audit (unit, process).
 */
export function createFinding(ctx: ServiceContext, input: ParsedInputOf<'findings.create'>): Finding {
  return mutate(ctx, (trail) => {
    assertAuditUnlocked(ctx, input.auditId);
    const audit = getAudit(ctx, input.auditId);
    // A draft's number still follows its dates and type; a finding's number must not move with it.
    if (audit.status === 'draft') throw new AppError('conflict', { reason: 'audit_draft', number: audit.number });
    const item = input.checklistItemId ? itemOfAudit(ctx, audit.id, input.checklistItemId) : null;
    const given = Object.fromEntries(Object.entries(input.fields).filter(([, v]) => v !== undefined));
    const f = parseFields({ ...defaultsFor(audit, item, input.lang), ...given });
    checkReferences(ctx, audit, f);

    const { seq, number } = nextNumber(ctx.db, 'findings', audit.id);
    const id = ctx.newId();
    const now = timestamp(ctx);
    ctx.db
      .prepare(
        `INSERT INTO findings (id, audit_id, seq, number, type, requirement_source, requirement, evidence, statement,
           unit_id, process_id, checklist_item_id, auditee_response, created_at, updated_at)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        id, audit.id, seq, number, f.type, f.requirementSource, f.requirement, f.evidence, f.statement,
        f.unitId, f.processId, item?.id ?? null, f.auditeeResponse, now, now,
      );
    writeClauses(ctx, id, f.clauseNumbers);
    const created = getFinding(ctx, id);
    trail({ entity: 'finding', entityId: id, action: 'create', after: created });
    return created;
  });
}

export function updateFinding(ctx: ServiceContext, { id, revision, fields }: ParsedInputOf<'findings.update'>): Finding {
  return mutate(ctx, (trail) => {
    const before = getFinding(ctx, id);
    assertAuditUnlocked(ctx, before.auditId);
    assertRevision(ctx, 'findings', id, revision);
    checkReferences(ctx, getAudit(ctx, before.auditId), fields);
    ctx.db
      .prepare(
        `UPDATE findings SET type=?, requirement_source=?, requirement=?, evidence=?, statement=?, unit_id=?, process_id=?,
           auditee_response=?, updated_at=?, revision=revision+1 WHERE id=?`,
      )
      .run(
        fields.type, fields.requirementSource, fields.requirement, fields.evidence, fields.statement, fields.unitId, fields.processId,
        fields.auditeeResponse, timestamp(ctx), id,
      );
    writeClauses(ctx, id, fields.clauseNumbers);
    const after = getFinding(ctx, id);
    trail({ entity: 'finding', entityId: id, action: 'update', before, after });
    return after;
  });
}

/** Only while the audit is open, and never once a corrective-action case hangs on the finding. */
export function deleteFinding(ctx: ServiceContext, { id, revision }: ParsedInputOf<'findings.delete'>): { id: string } {
  return mutate(ctx, (trail) => {
    const before = getFinding(ctx, id);
    assertAuditUnlocked(ctx, before.auditId);
    assertRevision(ctx, 'findings', id, revision);
    if (hasClosedCases(ctx) && ctx.db.prepare('SELECT 1 FROM cases WHERE finding_id = ?').get(id)) {
      throw new AppError('conflict', { reason: 'has_case', number: before.number });
    }
    removeAttachmentsOf(ctx, trail, 'finding', id);
    ctx.db.prepare('DELETE FROM finding_clauses WHERE finding_id = ?').run(id);
    ctx.db.prepare('DELETE FROM findings WHERE id = ?').run(id);
    trail({ entity: 'finding', entityId: id, action: 'delete', before });
    return { id };
  });
}
