import { z } from 'zod';
import { AUDIT_STATUSES, type AuditStatus } from './schema-free';
import { id, isoDay, optionalText, requiredText, type RecordMeta } from './common';
import { unitAncestry, type Person, type Process, type Unit } from './org';
import { DEFAULT_STANDARD_ID } from './standards';

export const AUDIT_TYPES = ['internal', 'external_initial', 'external_surveillance', 'external_recertification', 'supplier'] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

export { AUDIT_STATUSES, type AuditStatus };

export const TEAM_ROLES = ['lead', 'auditor', 'observer', 'trainee'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const SCHEDULE_ACTIVITIES = ['opening_meeting', 'interview', 'site_visit', 'document_review', 'closing_meeting', 'other'] as const;
export type ScheduleActivity = (typeof SCHEDULE_ACTIVITIES)[number];

export const CHECKLIST_RESULTS = ['conforming', 'nonconforming', 'observation', 'not_applicable', 'not_assessed'] as const;
export type ChecklistResult = (typeof CHECKLIST_RESULTS)[number];

export const FULFILMENT_LEVELS = ['full', 'largely', 'partly', 'not'] as const;
export type Fulfilment = (typeof FULFILMENT_LEVELS)[number];

export const OTHER_CRITERIA_KINDS = ['law', 'policy', 'routine', 'guideline', 'contract', 'other'] as const;
export type OtherCriterionKind = (typeof OTHER_CRITERIA_KINDS)[number];

export interface TeamMember {
  personId: string;
  role: TeamRole;
}

export interface ScheduleEntry {
  id: string;
  day: string;
  startTime: string;
  endTime: string;
  activity: ScheduleActivity;
  description: string;
  place: string;
  participants: string;
}

export interface Contact {
  name: string;
  email: string;
  role: string;
}

/** An audit as stored: the plan (ISO 19011 6.3.2) plus what the report needs (6.5.1). */
export interface Audit extends RecordMeta {
  number: string;
  year: number;
  title: string;
  type: AuditType;
  status: AuditStatus;
  programmeId: string | null;
  standardId: string;
  unitIds: string[];
  processIds: string[];
  clauseNumbers: string[];
  otherCriteria: { kind: OtherCriterionKind; text: string }[];
  scope: string;
  objectives: string;
  auditClient: string;
  methods: string;
  sampling: string;
  startDate: string | null;
  endDate: string | null;
  team: TeamMember[];
  schedule: ScheduleEntry[];
  auditeeContacts: Contact[];
  distribution: Contact[];
  impartialityJustification: string;
  externalBody: string;
  summary: string;
  conclusion: string;
  fulfilment: Fulfilment | null;
  divergingOpinions: string;
  areasNotCovered: string;
  /** True once a report has been issued: checklist, findings and plan refuse changes. */
  locked: boolean;
}

export interface ChecklistItem extends RecordMeta {
  auditId: string;
  position: number;
  clauseNumber: string | null;
  questionId: string | null;
  text: string;
  result: ChecklistResult;
  evidence: string;
  sampled: string;
  interviewed: string;
}

/** `IR-2027-004`: internal audits IR, external EX, supplier LR (leverantörsrevision). */
export function auditNumber(type: AuditType, year: number, seq: number): string {
  const prefix = type === 'internal' ? 'IR' : type === 'supplier' ? 'LR' : 'EX';
  return `${prefix}-${year}-${String(seq).padStart(3, '0')}`;
}

/** `IR-2027-004-03`. */
export function findingNumber(auditNumberText: string, seq: number): string {
  return `${auditNumberText}-${String(seq).padStart(2, '0')}`;
}

/** The three kinds of certification-body audit; their findings are recorded like internal ones. */
export const EXTERNAL_AUDIT_TYPES = ['external_initial', 'external_surveillance', 'external_recertification'] as const;
export const isExternalAudit = (type: AuditType): boolean => (EXTERNAL_AUDIT_TYPES as readonly string[]).includes(type);

// ---- status transitions (draft → planned → in progress → reported → closed) ---------------------

/** Where each status may go. Going back one step is allowed until a report is issued. */
export const AUDIT_TRANSITIONS: Record<AuditStatus, readonly AuditStatus[]> = {
  draft: ['planned'],
  planned: ['draft', 'in_progress'],
  in_progress: ['planned', 'reported'],
  reported: ['closed'],
  closed: [],
};

/** What the rules need to know about an audit beyond its status; the service looks these up. */
export interface TransitionFacts {
  /** Major and minor nonconformities whose corrective action is not yet closed. */
  openNonconformities: number;
  /** A report has been issued (the audit is locked). */
  reportIssued: boolean;
  /** Impartiality warnings on the plan's team (see `impartialityWarnings`). */
  impartialityWarnings: number;
  /** A justification for those warnings is recorded with the audit. */
  impartialityJustified: boolean;
  /** External audits are reported by the certification body, not by an issued Granska report. */
  external: boolean;
  /** The coordinator requires an approved audit plan before "planned", and it does not stand. */
  planApprovalMissing?: boolean;
  /** The coordinator requires the year plan approved before its audits are planned, and it is not. */
  yearPlanApprovalMissing?: boolean;
}

export const TRANSITION_REFUSALS = [
  'not_allowed',
  'impartiality_unjustified',
  'report_not_issued',
  'open_nonconformities',
  'locked',
  'plan_not_approved',
  'year_plan_not_approved',
] as const;
export type TransitionRefusal = (typeof TRANSITION_REFUSALS)[number];

export type TransitionCheck = { ok: true } | { ok: false; reason: TransitionRefusal };

/**
 * The one rule for status changes (ISO 19011 6.3–6.7):
 * - leaving draft needs a recorded justification when the team has impartiality warnings (9.2.2 c);
 * - "reported" needs an issued report (for external audits: the certification body's report);
 * - "closed" needs every nonconformity closed (10.2);
 * - once a report is issued nothing goes back;
 * - where the coordinator requires it, "planned" needs the approved audit plan and year plan.
 */
export function canTransition(from: AuditStatus, to: AuditStatus, facts: TransitionFacts): TransitionCheck {
  if (!AUDIT_TRANSITIONS[from].includes(to)) return { ok: false, reason: 'not_allowed' };
  if (facts.reportIssued && (to === 'draft' || to === 'planned')) return { ok: false, reason: 'locked' };
  if (from === 'draft' && facts.impartialityWarnings > 0 && !facts.impartialityJustified) {
    return { ok: false, reason: 'impartiality_unjustified' };
  }
  if (from === 'draft' && to === 'planned' && facts.yearPlanApprovalMissing) return { ok: false, reason: 'year_plan_not_approved' };
  if (from === 'draft' && to === 'planned' && facts.planApprovalMissing) return { ok: false, reason: 'plan_not_approved' };
  if (to === 'reported' && !facts.reportIssued && !facts.external) return { ok: false, reason: 'report_not_issued' };
  // During a correction the report is unlocked again: the audit closes only on an issued report.
  if (to === 'closed' && !facts.reportIssued && !facts.external) return { ok: false, reason: 'report_not_issued' };
  if (to === 'closed' && facts.openNonconformities > 0) return { ok: false, reason: 'open_nonconformities' };
  return { ok: true };
}

/** The statuses a person can be offered from `from`, each with the rule's answer. */
export function nextStatuses(from: AuditStatus, facts: TransitionFacts): { to: AuditStatus; check: TransitionCheck }[] {
  return AUDIT_TRANSITIONS[from].map((to) => ({ to, check: canTransition(from, to, facts) }));
}

// ---- impartiality (ISO 9001 9.2.2 c) ------------------------------------------------------------

export const IMPARTIALITY_KINDS = ['own_unit', 'own_process'] as const;
export type ImpartialityKind = (typeof IMPARTIALITY_KINDS)[number];

/**
 * One reason a team member may not be impartial: their home unit is an audited unit, lies inside
 * one, or contains one (`own_unit`); or it owns an audited process, or lies inside or contains the
 * owner (`own_process`).
 */
export interface ImpartialityWarning {
  personId: string;
  role: TeamRole;
  kind: ImpartialityKind;
  homeUnitId: string;
  /** The audited unit, or the owner unit of the audited process. */
  unitId: string;
  processId: string | null;
}

export interface ImpartialityOrg {
  units: Pick<Unit, 'id' | 'parentId'>[];
  processes: Pick<Process, 'id' | 'ownerUnitId'>[];
  people: Pick<Person, 'id' | 'homeUnitId'>[];
}

/** Two units are related when one lies inside the other (or they are the same unit). */
export function unitsRelated(units: Pick<Unit, 'id' | 'parentId'>[], a: string, b: string): boolean {
  return unitAncestry(units, a).includes(b) || unitAncestry(units, b).includes(a);
}

/**
 * Warnings for a plan's team. An external audit is carried out by the certification body, and its
 * "team" here are the organisation's hosts, so it has none.
 */
export function impartialityWarnings(
  plan: { type: AuditType; unitIds: string[]; processIds: string[]; team: TeamMember[] },
  org: ImpartialityOrg,
): ImpartialityWarning[] {
  const out: ImpartialityWarning[] = [];
  if (isExternalAudit(plan.type)) return out;
  for (const member of plan.team) {
    const home = org.people.find((p) => p.id === member.personId)?.homeUnitId;
    if (!home) continue;
    for (const unitId of plan.unitIds) {
      if (unitsRelated(org.units, home, unitId)) {
        out.push({ personId: member.personId, role: member.role, kind: 'own_unit', homeUnitId: home, unitId, processId: null });
      }
    }
    for (const processId of plan.processIds) {
      const owner = org.processes.find((p) => p.id === processId)?.ownerUnitId;
      if (owner && unitsRelated(org.units, home, owner)) {
        out.push({ personId: member.personId, role: member.role, kind: 'own_process', homeUnitId: home, unitId: owner, processId });
      }
    }
  }
  return out;
}

// ---- the plan as a person fills it in -----------------------------------------------------------

const clauseNumber = z.string().regex(/^\d+(\.\d+)*$/, { message: 'invalid' });
const clockTime = z
  .string()
  .trim()
  .regex(/^$|^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time' })
  .default('');

export const teamMemberInput = z.object({ personId: id, role: z.enum(TEAM_ROLES, { message: 'choose' }) });

export const scheduleEntryInput = z.object({
  day: isoDay,
  startTime: clockTime,
  endTime: clockTime,
  activity: z.enum(SCHEDULE_ACTIVITIES, { message: 'choose' }),
  description: optionalText(400),
  place: optionalText(200),
  participants: optionalText(400),
});

export const contactInput = z.object({
  name: requiredText(120),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(200, { message: 'too_long' })
    .refine((v) => v === '' || z.email().safeParse(v).success, { message: 'email' })
    .default(''),
  role: optionalText(120),
});

export const otherCriterionInput = z.object({
  kind: z.enum(OTHER_CRITERIA_KINDS, { message: 'choose' }),
  text: requiredText(300),
});

/**
 * An audit plan (ISO 19011 6.3.2). Validation is the same on every save, draft or not: a plan
 * needs a title, a type, both dates (end not before start), at least one clause of the standard
 * and exactly one lead auditor. A draft may still lack everything else (units, team members,
 * schedule, contacts). One rule for every save keeps the form honest: "Save" never leaves behind
 * a half-valid plan that later refuses to move on, and a refused save stores nothing.
 */
export const auditFields = z
  .object({
    title: requiredText(200),
    type: z.enum(AUDIT_TYPES, { message: 'choose' }),
    standardId: z.string().trim().min(1).max(64).default(DEFAULT_STANDARD_ID),
    unitIds: z.array(id).max(200).default([]),
    processIds: z.array(id).max(200).default([]),
    clauseNumbers: z.array(clauseNumber).max(500).default([]),
    otherCriteria: z.array(otherCriterionInput).max(100).default([]),
    scope: optionalText(4000),
    objectives: optionalText(4000),
    auditClient: optionalText(200),
    methods: optionalText(4000),
    sampling: optionalText(4000),
    startDate: isoDay,
    endDate: isoDay,
    team: z.array(teamMemberInput).max(50).default([]),
    schedule: z.array(scheduleEntryInput).max(200).default([]),
    auditeeContacts: z.array(contactInput).max(50).default([]),
    distribution: z.array(contactInput).max(100).default([]),
    impartialityJustification: optionalText(4000),
    externalBody: optionalText(200),
  })
  .superRefine((v, ctx) => {
    // Runs even when a field above failed, so a person sees every problem at once; hence the guards.
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const validDay = (d: unknown): d is string => typeof d === 'string' && isoDay.safeParse(d).success;
    if (validDay(v.startDate) && validDay(v.endDate) && v.endDate < v.startDate) issue(['endDate'], 'end_before_start');
    if (!Array.isArray(v.clauseNumbers) || v.clauseNumbers.length === 0) issue(['clauseNumbers'], 'no_criteria');
    const team = Array.isArray(v.team) ? v.team : [];
    const leads = team.filter((m) => m?.role === 'lead').length;
    if (leads === 0) issue(['team'], 'lead_required');
    if (leads > 1) issue(['team'], 'one_lead');
    const seen = new Set<string>();
    team.forEach((m, i) => {
      if (m?.personId && seen.has(m.personId)) issue(['team', i, 'personId'], 'duplicate');
      if (m?.personId) seen.add(m.personId);
    });
    if (Array.isArray(v.schedule) && validDay(v.startDate) && validDay(v.endDate) && v.endDate >= v.startDate) {
      v.schedule.forEach((s, i) => {
        if (validDay(s?.day) && (s.day < v.startDate || s.day > v.endDate)) issue(['schedule', i, 'day'], 'outside_dates');
        if (s?.startTime && s?.endTime && s.endTime < s.startTime) issue(['schedule', i, 'endTime'], 'end_before_start');
      });
    }
  });
export type AuditFields = z.input<typeof auditFields>;

export const auditListQuery = z
  .object({
    year: z.number().int().min(1900).max(2200).optional(),
    unitId: id.optional(),
    processId: id.optional(),
    status: z.enum(AUDIT_STATUSES).optional(),
    leadPersonId: id.optional(),
    type: z.enum(AUDIT_TYPES).optional(),
    search: z.string().trim().max(200).default(''),
  })
  .default({ search: '' });

/** The overview's question: one year's audits, and those still ahead on a day (the person's own today). */
export const auditSummaryQuery = z.object({ year: z.number().int().min(1900).max(2200), today: isoDay });

/** An audit as the overview lists it among those coming. */
export type UpcomingAudit = Pick<Audit, 'id' | 'number' | 'title' | 'startDate'>;

/**
 * What the overview shows of the programme, counted in the database: the year's audits by status
 * (the year an audit is planned in), its internal audits planned and reported, and the next six
 * audits not yet reported that end on or after today.
 */
export interface AuditSummary {
  year: number;
  total: number;
  byStatus: Record<AuditStatus, number>;
  internal: { planned: number; reported: number };
  upcoming: UpcomingAudit[];
}

/** How many audits the overview lists as coming. */
export const UPCOMING_AUDITS = 6;

export const auditTransitionInput = z.object({
  id,
  revision: z.number().int().min(1),
  to: z.enum(AUDIT_STATUSES, { message: 'choose' }),
});

/** The lead of a plan, or null while there is none. */
export function auditLead(audit: Pick<Audit, 'team'>): string | null {
  return audit.team.find((m) => m.role === 'lead')?.personId ?? null;
}

/** The year an audit belongs to in lists, calendars and coverage: the year it starts. */
export function auditYear(audit: Pick<Audit, 'startDate' | 'year'>): number {
  return audit.startDate ? Number(audit.startDate.slice(0, 4)) : audit.year;
}

// ---- question bank and the checklist planned from it --------------------------------------------

/** One question of the organisation's own bank, for one clause, in both languages. */
export interface Question extends RecordMeta {
  standardId: string;
  clauseNumber: string;
  textSv: string;
  textEn: string;
  position: number;
  archived: boolean;
}

export const questionFields = z.object({
  standardId: z.string().trim().min(1).max(64).default(DEFAULT_STANDARD_ID),
  clauseNumber: clauseNumber,
  textSv: requiredText(1000),
  textEn: requiredText(1000),
});

export const questionListQuery = z
  .object({
    standardId: z.string().trim().min(1).max(64).default(DEFAULT_STANDARD_ID),
    clauseNumber: clauseNumber.optional(),
    search: z.string().trim().max(200).default(''),
    includeArchived: z.boolean().default(false),
  })
  .default({ standardId: DEFAULT_STANDARD_ID, search: '', includeArchived: false });

export const checklistGenerateInput = z.object({
  auditId: id,
  /** The language the generated questions are written in (each item keeps its text from then on). */
  lang: z.enum(['sv', 'en']),
});

export const checklistAddInput = z.object({
  auditId: id,
  text: requiredText(1000),
  clauseNumber: clauseNumber.nullable().default(null),
  questionId: id.nullable().default(null),
});

export const checklistRemoveInput = z.object({ auditId: id, id });

export const checklistReorderInput = z.object({ auditId: id, ids: z.array(id).max(2000) });
