import {
  CASE_STATUSES,
  DUE_ORDER,
  STATUS_ORDER,
  actionDueState,
  clauseMatches,
  dueState,
  matchesDueFilter,
  nextDueDate,
  type CaseListItem,
  type CaseSummary,
  type MyAction,
  type MyActions,
  type UnitCaseCounts,
  type CaseListQuery,
  type CaseStatus,
  type DueState,
} from '../../../../shared/domain/cases';
import { compareClauseNumbers } from '../../../../shared/domain/standards';
import { unitAncestry } from '../../../../shared/domain/org';
import type { ServiceContext } from '../../core/context';
import type { CaseRow } from './service';
import { today } from './service';

/**
 * The register: every case with where it stands today, filtered and sorted the way a quality
 * coordinator asks ("overdue in Äldreomsorgen, by due date"). Due states depend on today's date,
 * so they are computed on reading, never stored.
 */

interface RegisterRow extends CaseRow {
  finding_number: string | null;
  audit_id: string | null;
  audit_number: string | null;
  unit_name: string;
  owner_name: string | null;
  process_name: string | null;
}

interface ActionFacts {
  case_id: string;
  owner_person_id: string;
  due_date: string;
  done_on: string | null;
}

function loadRows(ctx: ServiceContext): { rows: RegisterRow[]; actions: Map<string, ActionFacts[]>; clauses: Map<string, string[]> } {
  const rows = ctx.db
    .prepare(
      `SELECT c.*, f.number AS finding_number, f.audit_id AS audit_id, a.number AS audit_number, u.name AS unit_name, p.name AS owner_name,
              pr.name AS process_name
       FROM cases c
       JOIN units u ON u.id = c.unit_id
       LEFT JOIN people p ON p.id = c.owner_person_id
       LEFT JOIN processes pr ON pr.id = c.process_id
       LEFT JOIN findings f ON f.id = c.finding_id
       LEFT JOIN audits a ON a.id = f.audit_id`,
    )
    .all() as RegisterRow[];
  const actions = new Map<string, ActionFacts[]>();
  for (const a of ctx.db.prepare('SELECT case_id, owner_person_id, due_date, done_on FROM case_actions ORDER BY position').all() as ActionFacts[]) {
    const list = actions.get(a.case_id) ?? [];
    list.push(a);
    actions.set(a.case_id, list);
  }
  const clauses = new Map<string, string[]>();
  for (const c of ctx.db.prepare('SELECT case_id, clause_number FROM case_clauses').all() as { case_id: string; clause_number: string }[]) {
    const list = clauses.get(c.case_id) ?? [];
    list.push(c.clause_number);
    clauses.set(c.case_id, list);
  }
  return { rows, actions, clauses };
}

/** A register row with the names and texts an export prints. */
export interface Enriched {
  item: CaseListItem;
  unitName: string;
  ownerName: string;
  processName: string;
  description: string;
  sourceReference: string;
  correction: string;
  rootCause: string;
}

function enrich(rows: RegisterRow[], actions: Map<string, ActionFacts[]>, clauses: Map<string, string[]>, day: string): Enriched[] {
  return rows.map((r) => {
    const acts = actions.get(r.id) ?? [];
    const acted = acts.map((a) => ({ dueDate: a.due_date, doneOn: a.done_on }));
    const nextDue = nextDueDate({ status: r.status, dueDate: r.due_date }, acted);
    return {
      unitName: r.unit_name,
      ownerName: r.owner_name ?? '',
      processName: r.process_name ?? '',
      description: r.description,
      sourceReference: r.source_reference,
      correction: r.correction,
      rootCause: r.root_cause,
      item: {
        id: r.id, number: r.number, title: r.title, source: r.source, severity: r.severity, status: r.status, unitId: r.unit_id,
        processId: r.process_id, clauseNumbers: (clauses.get(r.id) ?? []).sort(compareClauseNumbers), ownerId: r.owner_person_id,
        findingId: r.finding_id, findingNumber: r.finding_number, auditId: r.audit_id, auditNumber: r.audit_number,
        detectedOn: r.detected_on, dueDate: r.due_date, nextDue, dueState: dueState(r.status, nextDue, day),
        actionCount: acts.length, openActionCount: acts.filter((a) => a.done_on === null).length,
        actionOwnerIds: [...new Set(acts.map((a) => a.owner_person_id))], closedOn: r.closed_on, revision: r.revision,
      },
    };
  });
}

function unitFilter(ctx: ServiceContext, unitId: string | null): ((id: string) => boolean) | null {
  if (!unitId) return null;
  const units = ctx.db.prepare('SELECT id, parent_id AS parentId FROM units').all() as { id: string; parentId: string | null }[];
  return (id) => unitAncestry(units, id).includes(unitId);
}

const byText = (a: string, b: string) => a.localeCompare(b, 'sv');

function compare(sort: CaseListQuery['sort']): (a: Enriched, b: Enriched) => number {
  const byNumber = (a: Enriched, b: Enriched) => byText(a.item.number, b.item.number);
  switch (sort) {
    case 'number':
      return byNumber;
    case 'status':
      return (a, b) => STATUS_ORDER[a.item.status] - STATUS_ORDER[b.item.status] || byNumber(a, b);
    case 'unit':
      return (a, b) => byText(a.unitName, b.unitName) || byNumber(a, b);
    case 'owner':
      // No owner sorts last: it is the row that needs someone.
      return (a, b) => byText(a.ownerName || '\uffff', b.ownerName || '\uffff') || byNumber(a, b);
    case 'detectedOn':
      return (a, b) => byText(a.item.detectedOn, b.item.detectedOn) || byNumber(a, b);
    case 'nextDue':
      // Most urgent first; closed cases last, undated ones just before them.
      return (a, b) =>
        DUE_ORDER[a.item.dueState] - DUE_ORDER[b.item.dueState] ||
        byText(a.item.nextDue ?? '9999', b.item.nextDue ?? '9999') ||
        byNumber(a, b);
  }
}

/** The register rows matching `q`, in its order; also what the export and the CLI print. */
export function queryRegister(ctx: ServiceContext, q: CaseListQuery): Enriched[] {
  const { rows, actions, clauses } = loadRows(ctx);
  const inUnit = unitFilter(ctx, q.unitId);
  const needle = q.search.toLocaleLowerCase('sv');
  const statuses = new Set<CaseStatus>(q.statuses);
  const out = enrich(rows, actions, clauses, today(ctx)).filter(({ item: c, description, sourceReference }) => {
    if (statuses.size && !statuses.has(c.status)) return false;
    if (inUnit && !inUnit(c.unitId)) return false;
    if (q.processId && c.processId !== q.processId) return false;
    if (q.source && c.source !== q.source) return false;
    if (q.auditId && c.auditId !== q.auditId) return false;
    if (q.clause && !c.clauseNumbers.some((n) => clauseMatches(q.clause as string, n))) return false;
    if (q.ownerId && c.ownerId !== q.ownerId && !c.actionOwnerIds.includes(q.ownerId)) return false;
    if (!matchesDueFilter(c.dueState, q.due)) return false;
    if (needle) {
      const text = [c.number, c.title, description, sourceReference, c.findingNumber ?? '', c.auditNumber ?? ''].join(' ');
      if (!text.toLocaleLowerCase('sv').includes(needle)) return false;
    }
    return true;
  });
  out.sort(compare(q.sort));
  if (q.descending) out.reverse();
  return out;
}

export function listCases(ctx: ServiceContext, q: CaseListQuery): CaseListItem[] {
  return queryRegister(ctx, q).map((e) => e.item);
}

// ---- summary -------------------------------------------------------------------------------------



/** Counts for the register's header and the per-unit table; each case counts for its own unit. */
export function caseSummary(ctx: ServiceContext): CaseSummary {
  const all = queryRegister(ctx, { search: '', statuses: [], unitId: null, processId: null, source: null, clause: null, ownerId: null,
    due: 'all', auditId: null, sort: 'unit', descending: false });
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  const units = new Map<string, UnitCaseCounts>();
  const count = (state: DueState) => all.filter((e) => e.item.dueState === state).length;
  for (const { item, unitName } of all) {
    byStatus[item.status] += 1;
    const u = units.get(item.unitId) ?? { unitId: item.unitId, unitName, total: 0, notClosed: 0, overdue: 0, dueSoon: 0, closed: 0 };
    u.total += 1;
    if (item.status === 'closed') u.closed += 1;
    else u.notClosed += 1;
    if (item.dueState === 'overdue') u.overdue += 1;
    if (item.dueState === 'due_soon') u.dueSoon += 1;
    units.set(item.unitId, u);
  }
  return {
    today: today(ctx),
    total: all.length,
    notClosed: all.length - byStatus.closed,
    overdue: count('overdue'),
    dueSoon: count('due_soon'),
    byStatus,
    // The units needing attention first.
    byUnit: [...units.values()].sort((a, b) => b.overdue - a.overdue || b.notClosed - a.notClosed || byText(a.unitName, b.unitName)),
  };
}

// ---- my actions ----------------------------------------------------------------------------------



export function myActions(ctx: ServiceContext, personId: string): MyActions {
  const day = today(ctx);
  const rows = ctx.db
    .prepare(
      `SELECT a.id, a.case_id AS caseId, c.number AS caseNumber, c.title AS caseTitle, c.status AS caseStatus, c.revision AS caseRevision,
              a.description, a.due_date AS dueDate, a.done_on AS doneOn
       FROM case_actions a JOIN cases c ON c.id = a.case_id
       WHERE a.owner_person_id = ? AND c.status <> 'closed'`,
    )
    .all(personId) as Omit<MyAction, 'dueState'>[];
  const actions = rows
    .map((r) => ({ ...r, dueState: actionDueState(r, day) }))
    .sort((a, b) => DUE_ORDER[a.dueState] - DUE_ORDER[b.dueState] || byText(a.dueDate, b.dueDate) || byText(a.caseNumber, b.caseNumber));
  const base: CaseListQuery = { search: '', statuses: [], unitId: null, processId: null, source: null, clause: null, ownerId: null,
    due: 'not_closed', auditId: null, sort: 'nextDue', descending: false };
  const roles = (ctx.db.prepare('SELECT roles_json FROM people WHERE id = ?').pluck().get(personId) as string | undefined) ?? '[]';
  const verifies = (JSON.parse(roles) as string[]).some((r) => r === 'auditor' || r === 'audit_lead');
  return {
    personId,
    actions,
    cases: listCases(ctx, base).filter((c) => c.ownerId === personId),
    toVerify: verifies ? listCases(ctx, { ...base, statuses: ['implemented'] }) : [],
  };
}
