import { AppError } from '../../../../shared/errors';
import type { ParsedInputOf } from '../../../../shared/contract';
import { isExternalAudit, type AuditType } from '../../../../shared/domain/audits';
import {
  DEFAULT_RESPONSE_DAYS,
  addDays,
  dueState,
  localDay,
  nextDueDate,
  type Case,
  type CaseAction,
  type CaseDetail,
  type CaseFindingRef,
  type CaseSource,
  type CaseStatusRef,
  type CaseVerification,
  type CauseCategory,
  type UnhandledFinding,
} from '../../../../shared/domain/cases';
import { sortClauseNumbers } from '../../../../shared/domain/standards';
import { unitAncestry } from '../../../../shared/domain/org';
import { assertRevision, fieldError, mutate, timestamp, type ServiceContext, type TrailWriter } from '../../core/context';
import { listStandards, loadStandard } from '../audits';
import { nextNumber } from '../../sync/numbering';

// ---- reading -----------------------------------------------------------------------------------

export interface CaseRow {
  id: string; number: string; year: number; seq: number; title: string; description: string; source: Case['source'];
  source_reference: string; severity: Case['severity']; finding_id: string | null; unit_id: string; process_id: string | null;
  owner_person_id: string | null; detected_on: string; due_date: string | null; correction: string; whys_json: string;
  root_cause: string; cause_categories_json: string; status: Case['status']; closed_on: string | null;
  created_at: string; updated_at: string; revision: number;
}

interface ActionRow {
  id: string; case_id: string; position: number; description: string; owner_person_id: string; due_date: string;
  done_on: string | null; created_at: string; updated_at: string; revision: number;
}

interface VerificationRow {
  id: string; case_id: string; verified_on: string; verifier_person_id: string; effective: number; evidence: string; created_at: string;
}

export const today = (ctx: ServiceContext) => localDay(ctx.now());

/** Clause numbers of every catalogue shipped: a case may cite any standard the organisation works to. */
export function knownClauseNumbers(): Set<string> {
  return new Set(listStandards().flatMap((s) => loadStandard(s.id).clauses.map((c) => c.number)));
}

export function toCase(ctx: ServiceContext, r: CaseRow): Case {
  return {
    id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision,
    number: r.number, year: r.year, title: r.title, description: r.description, source: r.source,
    sourceReference: r.source_reference, severity: r.severity, findingId: r.finding_id, unitId: r.unit_id,
    processId: r.process_id,
    clauseNumbers: sortClauseNumbers(
      ctx.db.prepare('SELECT clause_number FROM case_clauses WHERE case_id = ?').pluck().all(r.id) as string[],
    ),
    ownerId: r.owner_person_id, detectedOn: r.detected_on, dueDate: r.due_date, correction: r.correction,
    whys: JSON.parse(r.whys_json) as string[], rootCause: r.root_cause,
    causeCategories: JSON.parse(r.cause_categories_json) as CauseCategory[], status: r.status, closedOn: r.closed_on,
  };
}

const toAction = (r: ActionRow): CaseAction => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision, caseId: r.case_id, position: r.position,
  description: r.description, ownerId: r.owner_person_id, dueDate: r.due_date, doneOn: r.done_on,
});

const toVerification = (r: VerificationRow): CaseVerification => ({
  id: r.id, caseId: r.case_id, verifiedOn: r.verified_on, verifierId: r.verifier_person_id, effective: r.effective === 1,
  evidence: r.evidence, createdAt: r.created_at,
});

function caseRow(ctx: ServiceContext, id: string): CaseRow {
  const row = ctx.db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return row;
}

export function getCase(ctx: ServiceContext, id: string): Case {
  return toCase(ctx, caseRow(ctx, id));
}

export function listActions(ctx: ServiceContext, caseId: string): CaseAction[] {
  return (ctx.db.prepare('SELECT * FROM case_actions WHERE case_id = ? ORDER BY position').all(caseId) as ActionRow[]).map(toAction);
}

export function listVerifications(ctx: ServiceContext, caseId: string): CaseVerification[] {
  return (
    ctx.db.prepare('SELECT * FROM case_verifications WHERE case_id = ? ORDER BY verified_on, created_at').all(caseId) as VerificationRow[]
  ).map(toVerification);
}

function findingRef(ctx: ServiceContext, findingId: string | null): CaseFindingRef | null {
  if (!findingId) return null;
  const row = ctx.db
    .prepare(
      `SELECT f.id, f.number, f.type, f.statement, a.id AS auditId, a.number AS auditNumber, a.title AS auditTitle, a.status AS auditStatus
       FROM findings f JOIN audits a ON a.id = f.audit_id WHERE f.id = ?`,
    )
    .get(findingId) as CaseFindingRef | undefined;
  return row ?? null;
}

/** The case with its actions, verifications, the finding it came from and where it stands today. */
export function getCaseDetail(ctx: ServiceContext, id: string): CaseDetail {
  const c = getCase(ctx, id);
  const actions = listActions(ctx, id);
  const nextDue = nextDueDate(c, actions);
  return {
    ...c,
    actions,
    verifications: listVerifications(ctx, id),
    finding: findingRef(ctx, c.findingId),
    nextDue,
    dueState: dueState(c.status, nextDue, today(ctx)),
  };
}

// ---- checks shared by every change ---------------------------------------------------------------

/** A closed case is the record that the nonconformity was dealt with; it is not edited afterwards. */
export function assertCaseOpen(c: Pick<Case, 'status' | 'number' | 'id'>): void {
  if (c.status === 'closed') throw new AppError('locked', { reason: 'case_closed', id: c.id, number: c.number });
}

function exists(ctx: ServiceContext, table: 'units' | 'processes' | 'people', id: string): boolean {
  return ctx.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
}

export function checkPerson(ctx: ServiceContext, personId: string | null, field: string): void {
  if (personId && !exists(ctx, 'people', personId)) throw fieldError(field, 'not_found');
}

function checkReferences(ctx: ServiceContext, f: ParsedInputOf<'cases.create'>): void {
  if (!exists(ctx, 'units', f.unitId)) throw fieldError('unitId', 'not_found');
  if (f.processId && !exists(ctx, 'processes', f.processId)) throw fieldError('processId', 'not_found');
  checkPerson(ctx, f.ownerId, 'ownerId');
  const known = knownClauseNumbers();
  const unknown = f.clauseNumbers.find((n) => !known.has(n));
  if (unknown) throw fieldError('clauseNumbers', 'not_found', { value: unknown });
  if (f.dueDate && f.dueDate < f.detectedOn) throw fieldError('dueDate', 'end_before_start');
}

/** Every change to a case's parts moves its revision, so one revision guards the whole case. */
export function touchCase(ctx: ServiceContext, id: string, status?: Case['status'], closedOn?: string | null): void {
  if (status === undefined) {
    ctx.db.prepare('UPDATE cases SET updated_at = ?, revision = revision + 1 WHERE id = ?').run(timestamp(ctx), id);
  } else {
    ctx.db
      .prepare('UPDATE cases SET status = ?, closed_on = ?, updated_at = ?, revision = revision + 1 WHERE id = ?')
      .run(status, closedOn ?? null, timestamp(ctx), id);
  }
}

// ---- creating ------------------------------------------------------------------------------------


export interface NewCase {
  fields: ParsedInputOf<'cases.create'>;
  findingId?: string | null;
  status?: Case['status'];
  closedOn?: string | null;
  analysis?: { correction: string; rootCause: string };
}

/**
 * Inserts a case inside the caller's transaction. Numbered by the year the nonconformity was
 * detected, so an imported 2024 register keeps its cases under 2024.
 */
export function insertCase(ctx: ServiceContext, n: NewCase): string {
  const f = n.fields;
  checkReferences(ctx, f);
  const year = Number(f.detectedOn.slice(0, 4));
  // A case for a finding of an audit adopted from another database is numbered provisionally.
  const auditId = n.findingId
    ? ((ctx.db.prepare('SELECT audit_id FROM findings WHERE id = ?').pluck().get(n.findingId) as string | undefined) ?? null)
    : null;
  const { seq, number } = nextNumber(ctx.db, 'cases', year, auditId);
  const id = ctx.newId();
  const now = timestamp(ctx);
  ctx.db
    .prepare(
      `INSERT INTO cases (id, number, year, seq, title, description, source, source_reference, severity, finding_id, unit_id,
         process_id, owner_person_id, detected_on, due_date, correction, root_cause, status, closed_on, created_at, updated_at)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    )
    .run(
      id, number, year, seq, f.title, f.description, f.source, f.sourceReference, f.severity, n.findingId ?? null,
      f.unitId, f.processId, f.ownerId, f.detectedOn, f.dueDate, n.analysis?.correction ?? '', n.analysis?.rootCause ?? '',
      n.status ?? 'open', n.closedOn ?? null, now, now,
    );
  writeClauses(ctx, id, f.clauseNumbers);
  return id;
}

function writeClauses(ctx: ServiceContext, caseId: string, clauses: string[]): void {
  ctx.db.prepare('DELETE FROM case_clauses WHERE case_id = ?').run(caseId);
  const insert = ctx.db.prepare('INSERT INTO case_clauses (case_id, clause_number) VALUES (?, ?)');
  for (const c of new Set(clauses)) insert.run(caseId, c);
}

export function createCase(ctx: ServiceContext, f: ParsedInputOf<'cases.create'>): CaseDetail {
  return mutate(ctx, (trail) => {
    const id = insertCase(ctx, { fields: f });
    const created = getCase(ctx, id);
    trail({ entity: 'case', entityId: id, action: 'create', after: created });
    return getCaseDetail(ctx, id);
  });
}

export function updateCase(ctx: ServiceContext, { id, revision, fields: f }: ParsedInputOf<'cases.update'>): CaseDetail {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'cases', id, revision);
    const before = getCase(ctx, id);
    assertCaseOpen(before);
    checkReferences(ctx, f);
    ctx.db
      .prepare(
        `UPDATE cases SET title=?, description=?, source=?, source_reference=?, severity=?, unit_id=?, process_id=?, owner_person_id=?,
           detected_on=?, due_date=?, updated_at=?, revision=revision+1 WHERE id=?`,
      )
      .run(f.title, f.description, f.source, f.sourceReference, f.severity, f.unitId, f.processId, f.ownerId, f.detectedOn, f.dueDate,
        timestamp(ctx), id);
    writeClauses(ctx, id, f.clauseNumbers);
    const after = getCase(ctx, id);
    trail({ entity: 'case', entityId: id, action: 'update', before, after });
    return getCaseDetail(ctx, id);
  });
}

/** Correction, five whys, root cause and cause categories: saved on their own, as the analysis grows. */
export function updateAnalysis(ctx: ServiceContext, { id, revision, fields: f }: ParsedInputOf<'cases.updateAnalysis'>): CaseDetail {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'cases', id, revision);
    const before = getCase(ctx, id);
    assertCaseOpen(before);
    // Trailing empty answers carry nothing; an empty one in the middle keeps its place.
    const whys = [...f.whys];
    while (whys.length && !whys[whys.length - 1]) whys.pop();
    ctx.db
      .prepare('UPDATE cases SET correction=?, whys_json=?, root_cause=?, cause_categories_json=?, updated_at=?, revision=revision+1 WHERE id=?')
      .run(f.correction, JSON.stringify(whys), f.rootCause, JSON.stringify([...new Set(f.causeCategories)]), timestamp(ctx), id);
    const after = getCase(ctx, id);
    trail({
      entity: 'case', entityId: id, action: 'analysis',
      before: pickAnalysis(before), after: pickAnalysis(after),
    });
    return getCaseDetail(ctx, id);
  });
}

const pickAnalysis = (c: Case) => ({ correction: c.correction, whys: c.whys, rootCause: c.rootCause, causeCategories: c.causeCategories });

// ---- cases from audit findings -------------------------------------------------------------------

interface FindingForCase {
  id: string; number: string; type: string; statement: string; requirement: string; unit_id: string | null;
  process_id: string | null; created_at: string; audit_id: string; audit_type: AuditType; audit_end: string | null;
}

export function caseIdForFinding(ctx: ServiceContext, findingId: string): string | null {
  return (ctx.db.prepare('SELECT id FROM cases WHERE finding_id = ?').pluck().get(findingId) as string | undefined) ?? null;
}

/** The person who answers for a unit: its manager, else the nearest manager above it. */
function managerOf(ctx: ServiceContext, unitId: string): string | null {
  const units = ctx.db.prepare('SELECT id, parent_id AS parentId FROM units').all() as { id: string; parentId: string | null }[];
  const managers = ctx.db
    .prepare("SELECT id, home_unit_id AS unitId FROM people WHERE archived = 0 AND roles_json LIKE '%auditee_manager%' ORDER BY name")
    .all() as { id: string; unitId: string | null }[];
  for (const u of unitAncestry(units, unitId)) {
    const m = managers.find((p) => p.unitId === u);
    if (m) return m.id;
  }
  return null;
}

/** The first sentence or line of what the auditor wrote, short enough for a register row. */
export function titleFrom(text: string, fallback: string): string {
  // A title reads without the sentence's full stop.
  const first = (text.trim().split(/\n|(?<=[.!?])\s/)[0]?.trim() ?? '').replace(/\.$/, '');
  if (!first) return fallback;
  return first.length > 140 ? `${first.slice(0, 137).trimEnd()}…` : first;
}

/**
 * Opens the case for a nonconformity found in an audit, filled in from the finding. Asking again
 * returns the case that already exists: a nonconformity has one case.
 */
export function createCaseFromFinding(ctx: ServiceContext, input: ParsedInputOf<'cases.createFromFinding'>): CaseDetail {
  return mutate(ctx, (trail) => {
    const existing = caseIdForFinding(ctx, input.findingId);
    if (existing) return getCaseDetail(ctx, existing);
    const f = ctx.db
      .prepare(
        `SELECT f.id, f.number, f.type, f.statement, f.requirement, f.unit_id, f.process_id, f.created_at, f.audit_id, a.type AS audit_type,
                a.end_date AS audit_end
         FROM findings f JOIN audits a ON a.id = f.audit_id WHERE f.id = ?`,
      )
      .get(input.findingId) as FindingForCase | undefined;
    if (!f) throw new AppError('not_found', { id: input.findingId });
    if (f.type !== 'major_nc' && f.type !== 'minor_nc') throw new AppError('invalid_input', { reason: 'not_nonconformity', number: f.number });

    const unitId =
      f.unit_id ??
      input.unitId ??
      (ctx.db.prepare('SELECT unit_id FROM audit_units WHERE audit_id = ? ORDER BY rowid LIMIT 1').pluck().get(f.audit_id) as
        | string
        | undefined);
    if (!unitId) throw fieldError('unitId', 'required');
    const day = today(ctx);
    const source: CaseSource = isExternalAudit(f.audit_type) ? 'external_audit' : 'internal_audit';
    const clauses = ctx.db.prepare('SELECT clause_number FROM finding_clauses WHERE finding_id = ?').pluck().all(f.id) as string[];
    const known = knownClauseNumbers();
    const id = insertCase(ctx, {
      findingId: f.id,
      fields: {
        title: titleFrom(f.statement || f.requirement, f.number),
        description: f.statement,
        source,
        sourceReference: f.number,
        severity: f.type === 'major_nc' ? 'major' : 'minor',
        unitId,
        processId: f.process_id,
        clauseNumbers: clauses.filter((c) => known.has(c)),
        ownerId: input.ownerId ?? managerOf(ctx, unitId),
        // Found during the audit: its last day, unless the finding was written down earlier.
        detectedOn: [localDay(new Date(f.created_at)), f.audit_end ?? day, day].sort()[0] ?? day,
        dueDate: input.dueDate ?? addDays(day, DEFAULT_RESPONSE_DAYS),
      },
    });
    trail({ entity: 'case', entityId: id, action: 'create_from_finding', after: getCase(ctx, id) });
    return getCaseDetail(ctx, id);
  });
}


export function caseForFinding(ctx: ServiceContext, findingId: string): CaseStatusRef | null {
  const id = caseIdForFinding(ctx, findingId);
  if (!id) return null;
  const d = getCaseDetail(ctx, id);
  return { id: d.id, number: d.number, status: d.status, dueState: d.dueState, nextDue: d.nextDue };
}


/** Nonconformities from audits that nobody has opened a case for yet: none may fall through. */
export function findingsWithoutCase(ctx: ServiceContext): UnhandledFinding[] {
  return ctx.db
    .prepare(
      `SELECT f.id, f.number, f.type, f.statement, f.unit_id AS unitId, a.id AS auditId, a.number AS auditNumber, a.title AS auditTitle
       FROM findings f JOIN audits a ON a.id = f.audit_id
       WHERE f.type IN ('major_nc','minor_nc') AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.finding_id = f.id)
       ORDER BY a.year DESC, a.seq DESC, f.seq`,
    )
    .all() as UnhandledFinding[];
}

export type { TrailWriter };
