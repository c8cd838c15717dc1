import { AppError } from '../../../../shared/errors';
import type { ParsedInputOf } from '../../../../shared/contract';
import type { TransitionOption } from '../../../../shared/contract/audits';
import {
  AUDIT_STATUSES,
  UPCOMING_AUDITS,
  auditNumber,
  canTransition,
  impartialityWarnings,
  isExternalAudit,
  nextStatuses,
  type Audit,
  type AuditStatus,
  type AuditSummary,
  type Contact,
  type ImpartialityOrg,
  type ImpartialityWarning,
  type OtherCriterionKind,
  type ScheduleEntry,
  type TeamMember,
  type TransitionFacts,
  type UpcomingAudit,
} from '../../../../shared/domain/audits';
import { compareClauseNumbers, normaliseClauseSelection } from '../../../../shared/domain/standards';
import { assertRevision, fieldError, mutate, searchClause, timestamp, type ServiceContext } from '../../core/context';
import { approvalMissing, yearPlanOfAudit } from '../approvals';
import { countOpenNonconformities } from './nonconformity-status';
import { loadStandard } from './standards';

// ---- reading -----------------------------------------------------------------------------------

interface AuditRow {
  id: string; number: string; year: number; seq: number; programme_id: string | null; title: string;
  type: Audit['type']; status: Audit['status']; standard_id: string; scope: string; objectives: string;
  audit_client: string; methods: string; sampling: string; other_criteria_json: string;
  start_date: string | null; end_date: string | null; auditee_contacts_json: string; distribution_json: string;
  impartiality_justification: string; external_body: string; summary: string; conclusion: string;
  fulfilment: Audit['fulfilment']; diverging_opinions: string; areas_not_covered: string; locked: number;
  created_at: string; updated_at: string; revision: number;
}

interface ScheduleRow {
  id: string; day: string; start_time: string; end_time: string; activity: ScheduleEntry['activity'];
  description: string; place: string; participants: string;
}

/** Team order people expect: the lead first, then auditors, observers, trainees. */
const ROLE_ORDER = "CASE role WHEN 'lead' THEN 0 WHEN 'auditor' THEN 1 WHEN 'observer' THEN 2 ELSE 3 END";

/** Rows of `sql` (with an `audit_id` column) for every audit in `ids`, grouped by audit, in the query's order. */
function byAudit<T>(ctx: ServiceContext, sql: string, ids: string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of ctx.db.prepare(sql).all(ids) as (T & { audit_id: string })[]) {
    const list = out.get(row.audit_id) ?? [];
    list.push(row);
    out.set(row.audit_id, list);
  }
  return out;
}

/**
 * Audits with their links (units, processes, clauses, team, schedule): five queries for the whole
 * list, each reading its link table by the audit index, however many audits there are.
 */
function toAudits(ctx: ServiceContext, rows: AuditRow[]): Audit[] {
  if (!rows.length) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const IN = 'audit_id IN (SELECT value FROM json_each(?))';
  const units = byAudit<{ audit_id: string; unit_id: string }>(ctx, `SELECT audit_id, unit_id FROM audit_units WHERE ${IN} ORDER BY unit_id`, ids);
  const processes = byAudit<{ audit_id: string; process_id: string }>(
    ctx, `SELECT audit_id, process_id FROM audit_processes WHERE ${IN} ORDER BY process_id`, ids,
  );
  const clauses = byAudit<{ audit_id: string; clause_number: string }>(ctx, `SELECT audit_id, clause_number FROM audit_clauses WHERE ${IN}`, ids);
  const team = byAudit<TeamMember & { audit_id: string }>(
    ctx, `SELECT audit_id, person_id AS personId, role FROM audit_team WHERE ${IN} ORDER BY ${ROLE_ORDER}, person_id`, ids,
  );
  const schedules = byAudit<ScheduleRow & { audit_id: string }>(
    ctx, `SELECT * FROM audit_schedule WHERE ${IN} ORDER BY day, start_time, position`, ids,
  );
  return rows.map((r): Audit => ({
    id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision,
    number: r.number, year: r.year, title: r.title, type: r.type, status: r.status, programmeId: r.programme_id,
    standardId: r.standard_id,
    unitIds: (units.get(r.id) ?? []).map((u) => u.unit_id),
    processIds: (processes.get(r.id) ?? []).map((p) => p.process_id),
    clauseNumbers: (clauses.get(r.id) ?? []).map((c) => c.clause_number).sort(compareClauseNumbers),
    otherCriteria: JSON.parse(r.other_criteria_json) as { kind: OtherCriterionKind; text: string }[],
    scope: r.scope, objectives: r.objectives, auditClient: r.audit_client, methods: r.methods, sampling: r.sampling,
    startDate: r.start_date, endDate: r.end_date,
    team: (team.get(r.id) ?? []).map((t) => ({ personId: t.personId, role: t.role })),
    schedule: (schedules.get(r.id) ?? []).map(
      (s): ScheduleEntry => ({
        id: s.id, day: s.day, startTime: s.start_time, endTime: s.end_time, activity: s.activity,
        description: s.description, place: s.place, participants: s.participants,
      }),
    ),
    auditeeContacts: JSON.parse(r.auditee_contacts_json) as Contact[],
    distribution: JSON.parse(r.distribution_json) as Contact[],
    impartialityJustification: r.impartiality_justification, externalBody: r.external_body,
    summary: r.summary, conclusion: r.conclusion, fulfilment: r.fulfilment, divergingOpinions: r.diverging_opinions,
    areasNotCovered: r.areas_not_covered, locked: r.locked === 1,
  }));
}

function toAudit(ctx: ServiceContext, r: AuditRow): Audit {
  return toAudits(ctx, [r])[0] as Audit;
}

/** One audit with everything linked to it (units, processes, clauses, team, schedule); not_found if none. */
export function getAudit(ctx: ServiceContext, id: string): Audit {
  const row = ctx.db.prepare('SELECT * FROM audits WHERE id = ?').get(id) as AuditRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return toAudit(ctx, row);
}

/**
 * Every write to an audit's plan, checklist or findings calls this first: once a report is issued
 * the audit is locked, and a change needs a new report revision. not_found if there is no audit.
 */
export function assertAuditUnlocked(ctx: ServiceContext, auditId: string): void {
  const row = ctx.db.prepare('SELECT locked, number FROM audits WHERE id = ?').get(auditId) as
    | { locked: number; number: string }
    | undefined;
  if (!row) throw new AppError('not_found', { id: auditId });
  if (row.locked === 1) throw new AppError('locked', { id: auditId, number: row.number });
}

// ---- lists -------------------------------------------------------------------------------------

export function listAudits(ctx: ServiceContext, q: ParsedInputOf<'audits.list'>): Audit[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (q.year !== undefined) {
    where.push('CAST(coalesce(substr(a.start_date, 1, 4), a.year) AS INTEGER) = ?');
    params.push(q.year);
  }
  if (q.status) {
    where.push('a.status = ?');
    params.push(q.status);
  }
  if (q.type) {
    where.push('a.type = ?');
    params.push(q.type);
  }
  if (q.unitId) {
    where.push('EXISTS (SELECT 1 FROM audit_units u WHERE u.audit_id = a.id AND u.unit_id = ?)');
    params.push(q.unitId);
  }
  if (q.processId) {
    where.push('EXISTS (SELECT 1 FROM audit_processes p WHERE p.audit_id = a.id AND p.process_id = ?)');
    params.push(q.processId);
  }
  if (q.leadPersonId) {
    where.push("EXISTS (SELECT 1 FROM audit_team t WHERE t.audit_id = a.id AND t.role = 'lead' AND t.person_id = ?)");
    params.push(q.leadPersonId);
  }
  if (q.search) {
    const s = searchClause(['a.number', 'a.title', 'a.scope'], q.search);
    where.push(s.sql);
    params.push(...s.params);
  }
  const rows = ctx.db
    .prepare(`SELECT a.* FROM audits a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.start_date, a.number`)
    .all(...params) as AuditRow[];
  return toAudits(ctx, rows);
}

/**
 * The overview's figures for the programme. The year's audits are counted off an index by year,
 * type and status; those coming are read off an index by the day they end (their start day when
 * they have no end), so ten years of history never leave the database.
 */
export function summariseAudits(ctx: ServiceContext, { year, today }: ParsedInputOf<'audits.summary'>): AuditSummary {
  const counts = ctx.db
    .prepare('SELECT type, status, count(*) AS n FROM audits WHERE year = ? GROUP BY type, status')
    .all(year) as { type: string; status: AuditStatus; n: number }[];
  const byStatus = Object.fromEntries(AUDIT_STATUSES.map((s) => [s, 0])) as Record<AuditStatus, number>;
  const internal = { planned: 0, reported: 0 };
  for (const c of counts) {
    byStatus[c.status] += c.n;
    if (c.type !== 'internal') continue;
    internal.planned += c.n;
    if (c.status === 'reported' || c.status === 'closed') internal.reported += c.n;
  }
  const upcoming = ctx.db
    .prepare(
      `SELECT id, number, title, start_date AS startDate FROM audits
       WHERE coalesce(end_date, start_date, '') >= ? AND status NOT IN ('reported', 'closed')
       ORDER BY start_date, number LIMIT ${UPCOMING_AUDITS}`,
    )
    .all(today) as UpcomingAudit[];
  return { year, total: counts.reduce((sum, c) => sum + c.n, 0), byStatus, internal, upcoming };
}

// ---- impartiality and status rules -------------------------------------------------------------

function impartialityOrg(ctx: ServiceContext): ImpartialityOrg {
  return {
    units: ctx.db.prepare('SELECT id, parent_id AS parentId FROM units').all() as ImpartialityOrg['units'],
    processes: ctx.db.prepare('SELECT id, owner_unit_id AS ownerUnitId FROM processes').all() as ImpartialityOrg['processes'],
    people: ctx.db.prepare('SELECT id, home_unit_id AS homeUnitId FROM people').all() as ImpartialityOrg['people'],
  };
}

/** The plan's impartiality warnings as things stand in the organisation today. */
export function auditImpartiality(ctx: ServiceContext, audit: Pick<Audit, 'type' | 'unitIds' | 'processIds' | 'team'>): ImpartialityWarning[] {
  return impartialityWarnings(audit, impartialityOrg(ctx));
}

function transitionFacts(ctx: ServiceContext, audit: Audit): TransitionFacts {
  const yearPlan = audit.status === 'draft' && !isExternalAudit(audit.type) ? yearPlanOfAudit(ctx, audit.id) : null;
  return {
    // A certification body's plan is its own; the coordinator approves the organisation's plans.
    planApprovalMissing: audit.status === 'draft' && !isExternalAudit(audit.type) && approvalMissing(ctx, 'audit_plan', audit.id),
    yearPlanApprovalMissing: yearPlan !== null && approvalMissing(ctx, 'programme_year', yearPlan),
    openNonconformities: countOpenNonconformities(ctx, audit.id),
    reportIssued: audit.locked,
    impartialityWarnings: auditImpartiality(ctx, audit).length,
    impartialityJustified: audit.impartialityJustification.trim() !== '',
    external: isExternalAudit(audit.type),
  };
}

export function auditTransitions(ctx: ServiceContext, id: string): TransitionOption[] {
  const audit = getAudit(ctx, id);
  return nextStatuses(audit.status, transitionFacts(ctx, audit));
}

export function transitionAudit(ctx: ServiceContext, { id, revision, to }: ParsedInputOf<'audits.transition'>): Audit {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'audits', id, revision);
    const before = getAudit(ctx, id);
    const check = canTransition(before.status, to, transitionFacts(ctx, before));
    if (!check.ok) throw new AppError('invalid_transition', { reason: check.reason, from: before.status, to });
    ctx.db.prepare('UPDATE audits SET status=?, updated_at=?, revision=revision+1 WHERE id=?').run(to, timestamp(ctx), id);
    const after = getAudit(ctx, id);
    trail({ entity: 'audit', entityId: id, action: 'status', before: { status: before.status }, after: { status: to } });
    return after;
  });
}

// ---- saving a plan -----------------------------------------------------------------------------

type PlanFields = ParsedInputOf<'audits.create'>;

/** What the schema cannot know: that referenced records and clauses exist. */
function checkReferences(ctx: ServiceContext, f: PlanFields): string[] {
  let standard;
  try {
    standard = loadStandard(f.standardId);
  } catch {
    throw fieldError('standardId', 'not_found');
  }
  const exists = (table: string, ids: string[], path: string) =>
    ids.forEach((id, i) => {
      if (!ctx.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id)) throw fieldError(`${path}.${i}`, 'not_found');
    });
  exists('units', f.unitIds, 'unitIds');
  exists('processes', f.processIds, 'processIds');
  exists('people', f.team.map((m) => m.personId), 'team');
  const unknown = f.clauseNumbers.findIndex((n) => !standard.clauses.some((c) => c.number === n));
  if (unknown >= 0) throw fieldError(`clauseNumbers.${unknown}`, 'not_found');
  return normaliseClauseSelection(standard.clauses, f.clauseNumbers);
}

function programmeIdFor(ctx: ServiceContext, standardId: string, year: number): string | null {
  const row = ctx.db
    .prepare('SELECT id FROM programmes WHERE standard_id = ? AND ? BETWEEN cycle_start_year AND cycle_start_year + cycle_years - 1 ORDER BY cycle_start_year DESC LIMIT 1')
    .get(standardId, year) as { id: string } | undefined;
  return row?.id ?? null;
}

function nextSeq(ctx: ServiceContext, year: number): number {
  return (ctx.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM audits WHERE year = ?').get(year) as { n: number }).n + 1;
}

function writeLinks(ctx: ServiceContext, id: string, f: PlanFields, clauses: string[]): void {
  for (const table of ['audit_units', 'audit_processes', 'audit_clauses', 'audit_team', 'audit_schedule']) {
    ctx.db.prepare(`DELETE FROM ${table} WHERE audit_id = ?`).run(id);
  }
  const unit = ctx.db.prepare('INSERT INTO audit_units (audit_id, unit_id) VALUES (?, ?)');
  for (const u of new Set(f.unitIds)) unit.run(id, u);
  const process = ctx.db.prepare('INSERT INTO audit_processes (audit_id, process_id) VALUES (?, ?)');
  for (const p of new Set(f.processIds)) process.run(id, p);
  const clause = ctx.db.prepare('INSERT INTO audit_clauses (audit_id, clause_number) VALUES (?, ?)');
  for (const c of clauses) clause.run(id, c);
  const member = ctx.db.prepare('INSERT INTO audit_team (audit_id, person_id, role) VALUES (?, ?, ?)');
  for (const m of f.team) member.run(id, m.personId, m.role);
  const entry = ctx.db.prepare(
    `INSERT INTO audit_schedule (id, audit_id, position, day, start_time, end_time, activity, description, place, participants)
     VALUES (?,?,?,?,?,?,?,?,?,?)`,
  );
  f.schedule.forEach((s, i) =>
    entry.run(ctx.newId(), id, i + 1, s.day, s.startTime, s.endTime, s.activity, s.description, s.place, s.participants),
  );
}

/** A plan out of draft with impartiality warnings must say why the team is still right (9.2.2 c). */
function checkJustification(ctx: ServiceContext, status: Audit['status'], f: PlanFields): void {
  if (status === 'draft' || f.impartialityJustification.trim() !== '') return;
  if (auditImpartiality(ctx, f).length > 0) throw fieldError('impartialityJustification', 'justification_required');
}

const PLAN_COLUMNS = `title=?, type=?, standard_id=?, scope=?, objectives=?, audit_client=?, methods=?, sampling=?,
  other_criteria_json=?, start_date=?, end_date=?, auditee_contacts_json=?, distribution_json=?,
  impartiality_justification=?, external_body=?`;

const planValues = (f: PlanFields) => [
  f.title, f.type, f.standardId, f.scope, f.objectives, f.auditClient, f.methods, f.sampling,
  JSON.stringify(f.otherCriteria), f.startDate, f.endDate, JSON.stringify(f.auditeeContacts), JSON.stringify(f.distribution),
  f.impartialityJustification, f.externalBody,
];

export function createAudit(ctx: ServiceContext, f: PlanFields): Audit {
  return mutate(ctx, (trail) => {
    const clauses = checkReferences(ctx, f);
    const id = ctx.newId();
    const now = timestamp(ctx);
    const year = Number(f.startDate.slice(0, 4));
    const seq = nextSeq(ctx, year);
    ctx.db
      .prepare(
        `INSERT INTO audits (id, number, year, seq, programme_id, title, type, status, created_at, updated_at)
         VALUES (?,?,?,?,?,?,?,'draft',?,?)`,
      )
      .run(id, auditNumber(f.type, year, seq), year, seq, programmeIdFor(ctx, f.standardId, year), f.title, f.type, now, now);
    ctx.db.prepare(`UPDATE audits SET ${PLAN_COLUMNS} WHERE id=?`).run(...planValues(f), id);
    writeLinks(ctx, id, f, clauses);
    const created = getAudit(ctx, id);
    trail({ entity: 'audit', entityId: id, action: 'create', after: created });
    return created;
  });
}

/**
 * Saves the whole plan. The number is fixed once the audit leaves draft; until then a draft whose
 * start moves into another year takes that year's next number, and a change of type its prefix.
 */
export function updateAudit(ctx: ServiceContext, { id, revision, fields: f }: ParsedInputOf<'audits.update'>): Audit {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'audits', id, revision);
    assertAuditUnlocked(ctx, id);
    const before = getAudit(ctx, id);
    const clauses = checkReferences(ctx, f);
    checkJustification(ctx, before.status, f);
    const year = Number(f.startDate.slice(0, 4));
    if (before.status === 'draft' && (year !== before.year || f.type !== before.type)) {
      const seq = year === before.year ? (ctx.db.prepare('SELECT seq FROM audits WHERE id = ?').pluck().get(id) as number) : nextSeq(ctx, year);
      ctx.db
        .prepare('UPDATE audits SET year=?, seq=?, number=? WHERE id=?')
        .run(year, seq, auditNumber(f.type, year, seq), id);
    }
    ctx.db
      .prepare(`UPDATE audits SET ${PLAN_COLUMNS}, programme_id=?, updated_at=?, revision=revision+1 WHERE id=?`)
      .run(...planValues(f), programmeIdFor(ctx, f.standardId, year), timestamp(ctx), id);
    writeLinks(ctx, id, f, clauses);
    const after = getAudit(ctx, id);
    trail({ entity: 'audit', entityId: id, action: 'update', before, after });
    return after;
  });
}

/** Only a draft can be deleted: from "planned" on, people have been told about the audit. */
export function deleteAudit(ctx: ServiceContext, { id, revision }: ParsedInputOf<'audits.delete'>): { id: string } {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'audits', id, revision);
    const before = getAudit(ctx, id);
    if (before.status !== 'draft') throw new AppError('conflict', { reason: 'not_draft', id });
    ctx.db.prepare('DELETE FROM checklist_items WHERE audit_id = ?').run(id);
    ctx.db.prepare('DELETE FROM audits WHERE id = ?').run(id);
    trail({ entity: 'audit', entityId: id, action: 'delete', before });
    return { id };
  });
}
