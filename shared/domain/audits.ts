import type { RecordMeta } from './common';

export const AUDIT_TYPES = ['internal', 'external_initial', 'external_surveillance', 'external_recertification', 'supplier'] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

export const AUDIT_STATUSES = ['draft', 'planned', 'in_progress', 'reported', 'closed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

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
