import { z } from 'zod';
import { id, isoDay, optionalText, requiredText, type RecordMeta } from './common';
import { optionalDay } from './cases';

/**
 * Management review (ISO 9001:2015 9.3). The inputs follow 9.3.2 a–f, with c split into c1–c7 as
 * the standard lists them; each holds what management adds in its own words beside what Granska
 * prints from its data. Outputs are the 9.3.3 decisions; one with an action becomes a tracked case.
 */
export const REVIEW_INPUTS = ['a', 'b', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'd', 'e', 'f'] as const;
export type ReviewInputKey = (typeof REVIEW_INPUTS)[number];

export const OUTPUT_KINDS = ['improvement', 'qms_change', 'resources'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export const REVIEW_STATUSES = ['draft', 'issued'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewOutput {
  id: string;
  position: number;
  kind: OutputKind;
  decision: string;
  action: string;
  unitId: string | null;
  ownerId: string | null;
  dueDate: string | null;
  /** The corrective-action case the action became when the review was issued. */
  caseId: string | null;
  caseNumber: string | null;
}

export interface ManagementReview extends RecordMeta {
  title: string;
  meetingDate: string;
  periodFrom: string;
  periodTo: string;
  participantIds: string[];
  otherParticipants: string;
  inputs: Record<ReviewInputKey, string>;
  conclusions: string;
  status: ReviewStatus;
  issuedAt: string | null;
  issuedBy: string | null;
  sha256: string | null;
  fileName: string | null;
  outputs: ReviewOutput[];
}

export type ManagementReviewSummary = Pick<
  ManagementReview,
  'id' | 'title' | 'meetingDate' | 'periodFrom' | 'periodTo' | 'status' | 'issuedAt' | 'revision'
> & { outputs: number; participants: number };

/** What Granska itself knows for each input of a period, shown beside the free text. */
export interface ReviewPrefill {
  from: string;
  to: string;
  /** Short lines per input; an input Granska has no data for has none. */
  lines: Partial<Record<ReviewInputKey, string[]>>;
}

// ---- trends ------------------------------------------------------------------------------------

export const FINDING_TYPES_FOR_TRENDS = ['major_nc', 'minor_nc', 'observation', 'ofi', 'strength'] as const;

export interface Trends {
  fromYear: number;
  toYear: number;
  years: number[];
  /** Findings per year and type (of audits reported or closed, by the year they ended). */
  findingsByType: { year: number; major_nc: number; minor_nc: number; observation: number; ofi: number; strength: number }[];
  /** The clauses with most nonconformities and observations over the span, with per-year counts. */
  topClauses: { clause: string; total: number; perYear: Record<number, number> }[];
  /** Findings per unit and year (nonconformities and observations). */
  byUnit: { unit: string; total: number; perYear: Record<number, number> }[];
  /** Cases closed per year: how many and how many days from detection to closing. */
  closure: { year: number; closed: number; medianDays: number | null; meanDays: number | null }[];
  /** At the end of each quarter: cases open then, and how many of them were past their due date. */
  overdue: { at: string; open: number; overdue: number }[];
}

export const trendsQuery = z
  .object({
    fromYear: z.number().int().min(1990).max(2200).optional(),
    toYear: z.number().int().min(1990).max(2200).optional(),
    topClauses: z.number().int().min(1).max(50).default(8),
  })
  .default({ topClauses: 8 });

// ---- input schemas -------------------------------------------------------------------------------

const inputTexts = z.object(Object.fromEntries(REVIEW_INPUTS.map((k) => [k, optionalText(8000)])) as Record<ReviewInputKey, ReturnType<typeof optionalText>>);

export const reviewOutputFields = z
  .object({
    id: id.optional(),
    kind: z.enum(OUTPUT_KINDS, { message: 'choose' }),
    decision: requiredText(2000),
    action: optionalText(2000),
    unitId: id.nullable().default(null),
    ownerId: id.nullable().default(null),
    dueDate: optionalDay.default(null),
  })
  .superRefine((o, ctx) => {
    // an action is tracked, so it needs someone, somewhere and a date
    if (!o.action) return;
    if (!o.ownerId) ctx.addIssue({ code: 'custom', path: ['ownerId'], message: 'required' });
    if (!o.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'required' });
    if (!o.dueDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'required' });
  });
export type ReviewOutputFields = z.input<typeof reviewOutputFields>;

export const reviewFields = z
  .object({
    title: requiredText(200),
    meetingDate: isoDay,
    periodFrom: isoDay,
    periodTo: isoDay,
    participantIds: z.array(id).max(100).default([]),
    otherParticipants: optionalText(2000),
    inputs: inputTexts.default(Object.fromEntries(REVIEW_INPUTS.map((k) => [k, ''])) as Record<ReviewInputKey, string>),
    conclusions: optionalText(8000),
    outputs: z.array(reviewOutputFields).max(100).default([]),
  })
  .refine((r) => r.periodFrom <= r.periodTo, { message: 'end_before_start', path: ['periodTo'] });
export type ReviewFields = z.input<typeof reviewFields>;

export const reviewUpdate = z.object({ id, revision: z.number().int().min(1), fields: reviewFields });
