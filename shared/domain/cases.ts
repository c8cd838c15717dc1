import { z } from 'zod';
import { id, isoDay, optionalText, requiredText, type RecordMeta } from './common';

/**
 * Nonconformities and corrective action (ISO 9001:2015 10.2). A case is one nonconformity, wherever
 * it was found; its corrective actions and the verification of their effectiveness belong to it.
 */

/** The cycle: open → action_planned → implemented → closed (verified effective) or reopened (not effective). */
export const CASE_STATUSES = ['open', 'action_planned', 'implemented', 'reopened', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Where the nonconformity came to light. */
export const CASE_SOURCES = ['internal_audit', 'external_audit', 'complaint', 'incident', 'survey', 'self_detected', 'management_review'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_SEVERITIES = ['major', 'minor'] as const;
export type CaseSeverity = (typeof CASE_SEVERITIES)[number];

/** Cause categories for the root-cause analysis, close to an Ishikawa diagram for public services. */
export const CAUSE_CATEGORIES = [
  'methods',
  'competence',
  'communication',
  'resources',
  'equipment',
  'supplier',
  'management',
  'environment',
  'other',
] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];

export const MAX_WHYS = 5;

/** How soon "soon" is: an action due within this many days is highlighted before it is late. */
export const DUE_SOON_DAYS = 14;

/** When a nonconformity from an audit gets its case, the auditee answers with a plan by this many days. */
export const DEFAULT_RESPONSE_DAYS = 30;

export type DueState = 'closed' | 'none' | 'ok' | 'due_soon' | 'overdue';

export interface CaseAction extends RecordMeta {
  caseId: string;
  position: number;
  description: string;
  ownerId: string;
  dueDate: string;
  /** The day the owner reported it done; null while it is still to do. */
  doneOn: string | null;
}

export interface CaseVerification {
  id: string;
  caseId: string;
  verifiedOn: string;
  verifierId: string;
  effective: boolean;
  evidence: string;
  createdAt: string;
}

export interface Case extends RecordMeta {
  /** `AV-2026-012` (AV: avvikelse). */
  number: string;
  year: number;
  title: string;
  description: string;
  source: CaseSource;
  /** The complaint's, incident's or external report's own reference, or an imported register's id. */
  sourceReference: string;
  severity: CaseSeverity;
  findingId: string | null;
  unitId: string;
  processId: string | null;
  clauseNumbers: string[];
  ownerId: string | null;
  detectedOn: string;
  /** When the case as a whole should be done; actions carry their own dates. */
  dueDate: string | null;
  /** The immediate correction (ISO 9001 10.2.1 a), before the cause is known. */
  correction: string;
  /** Five whys: each answer asks the next "why?"; the last one reached is the root cause. */
  whys: string[];
  rootCause: string;
  causeCategories: CauseCategory[];
  status: CaseStatus;
  closedOn: string | null;
}

/** The audit finding a case came from, as the case page shows it. */
export interface CaseFindingRef {
  id: string;
  number: string;
  type: string;
  statement: string;
  auditId: string;
  auditNumber: string;
  auditTitle: string;
  auditStatus: string;
}

export interface CaseDetail extends Case {
  actions: CaseAction[];
  verifications: CaseVerification[];
  finding: CaseFindingRef | null;
  nextDue: string | null;
  dueState: DueState;
}

/** One row of the register. */
export interface CaseListItem {
  id: string;
  number: string;
  title: string;
  source: CaseSource;
  severity: CaseSeverity;
  status: CaseStatus;
  unitId: string;
  processId: string | null;
  clauseNumbers: string[];
  ownerId: string | null;
  findingId: string | null;
  findingNumber: string | null;
  auditId: string | null;
  auditNumber: string | null;
  detectedOn: string;
  dueDate: string | null;
  nextDue: string | null;
  dueState: DueState;
  actionCount: number;
  openActionCount: number;
  actionOwnerIds: string[];
  closedOn: string | null;
  revision: number;
}

export interface UnitCaseCounts {
  unitId: string;
  unitName: string;
  total: number;
  notClosed: number;
  overdue: number;
  dueSoon: number;
  closed: number;
}

export interface CaseSummary {
  today: string;
  total: number;
  notClosed: number;
  overdue: number;
  dueSoon: number;
  byStatus: Record<CaseStatus, number>;
  byUnit: UnitCaseCounts[];
}

export interface MyAction {
  id: string;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  caseStatus: CaseStatus;
  caseRevision: number;
  description: string;
  dueDate: string;
  doneOn: string | null;
  dueState: DueState;
}

/** Rows "my actions" shows in each list; the register has the rest. */
export const MY_ACTIONS_LIMIT = 100;

export interface MyActions {
  personId: string;
  /** Actions the person owns: open ones first, most urgent first; done ones of open cases after, latest done first. */
  actions: MyAction[];
  /** Cases the person is responsible for that are not closed, most urgent first. */
  cases: CaseListItem[];
  /** Implemented cases waiting for a verification of effectiveness, for a person who verifies. */
  toVerify: CaseListItem[];
  /** Which lists stop at MY_ACTIONS_LIMIT rows with more to come. */
  more: { actions: boolean; cases: boolean; toVerify: boolean };
}

export interface CaseStatusRef {
  id: string;
  number: string;
  status: Case['status'];
  dueState: DueState;
  nextDue: string | null;
}

export interface UnhandledFinding {
  id: string;
  number: string;
  type: 'major_nc' | 'minor_nc';
  statement: string;
  auditId: string;
  auditNumber: string;
  auditTitle: string;
  unitId: string | null;
}

// ---- numbering ---------------------------------------------------------------------------------

/** `AV-2026-012`: numbered per year the nonconformity was detected, in the order cases are opened. */
export function caseNumber(year: number, seq: number): string {
  return `AV-${year}-${String(seq).padStart(3, '0')}`;
}

// ---- status rules ------------------------------------------------------------------------------

/** What the rules need to know about a case's actions. */
export interface CaseFacts {
  actions: number;
  openActions: number;
}

export type TransitionCheck = { ok: true } | { ok: false; reason: 'not_allowed' | 'no_open_actions' | 'no_actions' | 'actions_open' };

const ALLOWED: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['action_planned'],
  action_planned: ['implemented', 'open'],
  implemented: ['closed', 'reopened', 'action_planned'],
  reopened: ['action_planned'],
  closed: [],
};

export function allowedNextStatuses(from: CaseStatus): readonly CaseStatus[] {
  return ALLOWED[from];
}

/**
 * Whether a case may move from `from` to `to`. Closing and reopening happen only through a
 * verification of effectiveness (the service records who verified, when, and the evidence).
 */
export function canTransitionCase(from: CaseStatus, to: CaseStatus, facts: CaseFacts): TransitionCheck {
  if (!ALLOWED[from].includes(to)) return { ok: false, reason: 'not_allowed' };
  if (to === 'action_planned' && facts.openActions === 0) return { ok: false, reason: 'no_open_actions' };
  if (to === 'implemented') {
    if (facts.actions === 0) return { ok: false, reason: 'no_actions' };
    if (facts.openActions > 0) return { ok: false, reason: 'actions_open' };
  }
  if (to === 'open' && facts.actions > 0) return { ok: false, reason: 'not_allowed' };
  return { ok: true };
}

/**
 * The status a case moves to by itself after its actions changed: planning an action (or finding
 * one not done after all) means work is planned; removing the last action of a plan means there is
 * no plan any more. `reopenedBefore`: the last verification found the actions not effective.
 */
export function statusAfterActionsChanged(status: CaseStatus, facts: CaseFacts, reopenedBefore: boolean): CaseStatus {
  if (status === 'closed') return status;
  if (facts.openActions > 0 && status !== 'action_planned') return 'action_planned';
  if (status === 'action_planned' && facts.actions === 0) return reopenedBefore ? 'reopened' : 'open';
  return status;
}

/** The outcome of a verification of effectiveness. */
export function statusAfterVerification(effective: boolean): CaseStatus {
  return effective ? 'closed' : 'reopened';
}

/** A nonconformity is resolved only when its case is closed, i.e. its actions were verified effective. */
export function isResolved(status: CaseStatus | null | undefined): boolean {
  return status === 'closed';
}

// ---- due dates ---------------------------------------------------------------------------------

export { localDay } from './schema-free';

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The next date the case answers to: the earliest open action, or the case's own due date when no
 * action is open (no plan yet, or waiting for verification). A closed case has none.
 */
export function nextDueDate(c: { status: CaseStatus; dueDate: string | null }, actions: { dueDate: string; doneOn: string | null }[]): string | null {
  if (c.status === 'closed') return null;
  const open = actions.filter((a) => a.doneOn === null).map((a) => a.dueDate).sort();
  return open[0] ?? c.dueDate;
}

export function dueState(status: CaseStatus, due: string | null, today: string): DueState {
  if (status === 'closed') return 'closed';
  if (!due) return 'none';
  if (due < today) return 'overdue';
  if (due <= addDays(today, DUE_SOON_DAYS)) return 'due_soon';
  return 'ok';
}

/** Days late (positive) or left (negative or zero), for "12 days overdue". */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function actionDueState(action: { dueDate: string; doneOn: string | null }, today: string): DueState {
  return action.doneOn ? 'closed' : dueState('open', action.dueDate, today);
}

// ---- input schemas -----------------------------------------------------------------------------

/** A day that may be left empty: forms hold '' for an empty date field. */
export const optionalDay = z.preprocess((v) => (v === '' || v === undefined ? null : v), isoDay.nullable()) as unknown as z.ZodType<
  string | null,
  string | null | undefined
>;

const personId = z.string({ message: 'required' }).min(1, { message: 'required' }).max(64);

export const caseFields = z.object({
  title: requiredText(200),
  description: optionalText(4000),
  source: z.enum(CASE_SOURCES, { message: 'choose' }),
  sourceReference: optionalText(120),
  severity: z.enum(CASE_SEVERITIES, { message: 'choose' }),
  unitId: z.string({ message: 'required' }).min(1, { message: 'required' }).max(64),
  processId: id.nullable().default(null),
  clauseNumbers: z.array(z.string().trim().min(1).max(20)).max(40).default([]),
  ownerId: id.nullable().default(null),
  detectedOn: isoDay,
  dueDate: optionalDay.default(null),
});
export type CaseFields = z.input<typeof caseFields>;

export const analysisFields = z.object({
  correction: optionalText(4000),
  whys: z.array(z.string().trim().max(1000, { message: 'too_long' })).max(MAX_WHYS).default([]),
  rootCause: optionalText(4000),
  causeCategories: z.array(z.enum(CAUSE_CATEGORIES)).default([]),
});
export type AnalysisFields = z.input<typeof analysisFields>;

export const actionFields = z.object({
  description: requiredText(2000),
  ownerId: personId,
  dueDate: isoDay,
});
export type ActionFields = z.input<typeof actionFields>;

export const verificationFields = z.object({
  verifiedOn: isoDay,
  verifierId: personId,
  effective: z.boolean({ message: 'choose' }),
  evidence: requiredText(4000),
});
export type VerificationFields = z.input<typeof verificationFields>;

export const CASE_SORTS = ['nextDue', 'number', 'status', 'unit', 'owner', 'detectedOn'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export const DUE_FILTERS = ['all', 'not_closed', 'overdue', 'due_soon', 'overdue_or_soon'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

export const caseListQuery = z
  .object({
    search: z.string().trim().max(200).default(''),
    statuses: z.array(z.enum(CASE_STATUSES)).default([]),
    /** Includes the unit's sub-units: a filter on a whole administration shows its departments' cases. */
    unitId: id.nullable().default(null),
    processId: id.nullable().default(null),
    source: z.enum(CASE_SOURCES).nullable().default(null),
    /** Clause and its sub-clauses: '8.5' also finds cases linked to 8.5.1. */
    clause: z.string().trim().max(20).nullable().default(null),
    /** Case owner or owner of any of its actions. */
    ownerId: id.nullable().default(null),
    due: z.enum(DUE_FILTERS).default('all'),
    auditId: id.nullable().default(null),
    sort: z.enum(CASE_SORTS).default('nextDue'),
    descending: z.boolean().default(false),
  })
  .prefault({});
export type CaseListQuery = z.output<typeof caseListQuery>;

/** Rows per register page; the register reads on as it scrolls. */
export const CASE_PAGE_LIMIT = 200;

/**
 * One page of the register after a row: `after` is the `next` of the page before (an opaque key of
 * its last row), so page 500 costs what page 1 costs and rows added meanwhile shift nothing.
 */
export const casePageQuery = z.object({
  query: caseListQuery,
  after: z.string().max(1000).nullable().default(null),
  /**
   * Instead of `after`: the page starting at this position (0 is the first case), for a scrollbar
   * dragged anywhere. Found from keys kept every few hundred rows, not by counting from the top.
   */
  offset: z.number().int().min(0).max(100_000_000).nullable().default(null),
  limit: z.number().int().min(1).max(1000).default(CASE_PAGE_LIMIT),
});
export type CasePageQuery = z.output<typeof casePageQuery>;

export interface CasePage {
  /** Cases matching the filters, counted once per filter and kept until the data changes. */
  total: number;
  rows: CaseListItem[];
  /** Give as `after` for the next page; null on the last one. */
  next: string | null;
}

/** Status order for sorting and summaries: where a case is in its cycle. */
export const STATUS_ORDER: Record<CaseStatus, number> = { open: 0, reopened: 1, action_planned: 2, implemented: 3, closed: 4 };

/** Ordering of due states, most urgent first. */
export const DUE_ORDER: Record<DueState, number> = { overdue: 0, due_soon: 1, ok: 2, none: 3, closed: 4 };

export function matchesDueFilter(state: DueState, filter: DueFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'not_closed':
      return state !== 'closed';
    case 'overdue':
      return state === 'overdue';
    case 'due_soon':
      return state === 'due_soon';
    case 'overdue_or_soon':
      return state === 'overdue' || state === 'due_soon';
  }
}

/** '8.5' matches '8.5' and '8.5.1' but not '8.50'. */
export function clauseMatches(filter: string, clause: string): boolean {
  return clause === filter || clause.startsWith(`${filter}.`);
}
