import { z } from 'zod';
import { FINDING_TYPES, type FindingType } from './schema-free';
import { id, LANGS, type RecordMeta } from './common';
import type { ChecklistItem, ChecklistResult } from './audits';
import { CHECKLIST_RESULTS } from './audits';

export { FINDING_TYPES, type FindingType };

/** Where the requirement a finding is judged against comes from. */
export const REQUIREMENT_SOURCES = ['iso', 'law', 'policy', 'guideline', 'routine'] as const;
export type RequirementSource = (typeof REQUIREMENT_SOURCES)[number];

/**
 * A nonconformity is open until its corrective-action case is closed; the other types carry no
 * obligation to act, so they have no status ('n/a').
 */
export const FINDING_STATUSES = ['open', 'closed', 'n/a'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const ATTACHMENT_OWNER_TYPES = ['checklist_item', 'finding', 'case'] as const;
export type AttachmentOwnerType = (typeof ATTACHMENT_OWNER_TYPES)[number];

export const ATTACHMENT_KINDS = ['image', 'pdf', 'office', 'text'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const DEFAULT_ATTACHMENT_LIMIT = 25 * 1024 * 1024;
/** Above this a base64 upload would no longer fit the loopback transport's request limit. */
export const MAX_ATTACHMENT_LIMIT = 40 * 1024 * 1024;
export const MIN_ATTACHMENT_LIMIT = 1024 * 1024;

export function isNonconformity(type: FindingType): boolean {
  return type === 'major_nc' || type === 'minor_nc';
}

export function findingStatus(type: FindingType, correctiveActionClosed: boolean): FindingStatus {
  if (!isNonconformity(type)) return 'n/a';
  return correctiveActionClosed ? 'closed' : 'open';
}

/**
 * The type a finding raised from a checklist answer starts with. A conforming answer can still
 * show room for improvement; a question not assessed or not applicable suggests nothing.
 */
export function findingTypeForResult(result: ChecklistResult): FindingType | null {
  switch (result) {
    case 'nonconforming':
      return 'minor_nc';
    case 'observation':
      return 'observation';
    case 'conforming':
      return 'ofi';
    default:
      return null;
  }
}

export interface ChecklistProgress {
  total: number;
  /** Questions with any result other than "not assessed". */
  answered: number;
  byResult: Record<ChecklistResult, number>;
  /** 0–100, rounded down so 100 means every question has an answer. */
  percent: number;
}

export function checklistProgress(items: Pick<ChecklistItem, 'result'>[]): ChecklistProgress {
  const byResult = Object.fromEntries(CHECKLIST_RESULTS.map((r) => [r, 0])) as Record<ChecklistResult, number>;
  for (const i of items) byResult[i.result] += 1;
  const answered = items.length - byResult.not_assessed;
  return { total: items.length, answered, byResult, percent: items.length ? Math.floor((answered * 100) / items.length) : 0 };
}

// ---- checklist answers ---------------------------------------------------------------------------

/** What a checklist view needs beyond the item: how much is attached and which findings came from it. */
export interface ChecklistEntry extends ChecklistItem {
  attachmentCount: number;
  findings: { id: string; number: string; type: FindingType }[];
}

/** Autosave sends what changed; text is kept exactly as typed (trimming would eat a space mid-word). */
const answerText = z.string().max(20_000, { message: 'too_long' });
export const checklistAnswerInput = z.object({
  id,
  revision: z.number().int().min(1),
  fields: z
    .object({
      result: z.enum(CHECKLIST_RESULTS, { message: 'choose' }).optional(),
      evidence: answerText.optional(),
      sampled: answerText.optional(),
      interviewed: answerText.optional(),
    })
    .refine((f) => Object.values(f).some((v) => v !== undefined), { message: 'required' }),
});
export type ChecklistAnswerInput = z.input<typeof checklistAnswerInput>;

// ---- findings ------------------------------------------------------------------------------------

export interface Finding extends RecordMeta {
  auditId: string;
  auditNumber: string;
  auditTitle: string;
  year: number;
  seq: number;
  /** `IR-2027-004-03`. */
  number: string;
  type: FindingType;
  clauseNumbers: string[];
  requirementSource: RequirementSource;
  /** For a nonconformity, the three parts of the statement: requirement, evidence, what is missing. */
  requirement: string;
  evidence: string;
  statement: string;
  unitId: string | null;
  processId: string | null;
  checklistItemId: string | null;
  auditeeResponse: string;
  status: FindingStatus;
  attachmentCount: number;
  /** The audit's report is issued: the finding refuses changes. */
  locked: boolean;
}

/** One row of the findings register. */
export interface FindingSummary {
  id: string;
  number: string;
  auditId: string;
  auditNumber: string;
  year: number;
  type: FindingType;
  clauseNumbers: string[];
  requirementSource: RequirementSource;
  /** The statement, cut to a length a table row shows. */
  statement: string;
  unitId: string | null;
  processId: string | null;
  status: FindingStatus;
  createdAt: string;
}

export interface FindingRegisterPage {
  total: number;
  offset: number;
  rows: FindingSummary[];
  /** Years that have findings at all, newest first: the year filter's choices. */
  years: number[];
}

const clauseNumber = z.string().trim().min(1, { message: 'required' }).max(20, { message: 'too_long' });

export const findingFieldsBase = z.object({
  type: z.enum(FINDING_TYPES, { message: 'choose' }),
  clauseNumbers: z.array(clauseNumber).min(1, { message: 'min_items' }).max(30),
  requirementSource: z.enum(REQUIREMENT_SOURCES, { message: 'choose' }).default('iso'),
  requirement: z.string().trim().max(4000, { message: 'too_long' }).default(''),
  evidence: z.string().trim().max(20_000, { message: 'too_long' }).default(''),
  statement: z.string().trim().max(20_000, { message: 'too_long' }).default(''),
  unitId: id.nullable().default(null),
  processId: id.nullable().default(null),
  auditeeResponse: z.string().trim().max(20_000, { message: 'too_long' }).default(''),
});
export type FindingFieldsParsed = z.output<typeof findingFieldsBase>;

/**
 * Every finding says what was found; a nonconformity also states the requirement and the evidence,
 * so the auditee can see exactly what is missing (ISO 19011 6.4.8).
 */
export function findingCompletenessIssues(f: Pick<FindingFieldsParsed, 'type' | 'requirement' | 'evidence' | 'statement'>): string[] {
  const missing: string[] = [];
  if (isNonconformity(f.type)) {
    if (!f.requirement.trim()) missing.push('requirement');
    if (!f.evidence.trim()) missing.push('evidence');
  }
  if (!f.statement.trim()) missing.push('statement');
  return missing;
}

export const findingFields = findingFieldsBase.superRefine((f, ctx) => {
  for (const path of findingCompletenessIssues(f)) ctx.addIssue({ code: 'custom', path: [path], message: 'required' });
});
export type FindingFields = z.input<typeof findingFields>;

/**
 * Creating may leave out what the checklist question and the audit already say (clause, type,
 * unit, process, requirement, evidence); the service fills it in and then checks completeness.
 */
export const findingCreateInput = z.object({
  auditId: id,
  checklistItemId: id.nullable().default(null),
  /** Language of the text filled in from the clause catalogue. */
  lang: z.enum(LANGS).default('sv'),
  fields: z
    .object({
      type: z.enum(FINDING_TYPES, { message: 'choose' }).optional(),
      clauseNumbers: z.array(clauseNumber).max(30).optional(),
      requirementSource: z.enum(REQUIREMENT_SOURCES, { message: 'choose' }).optional(),
      requirement: z.string().trim().max(4000, { message: 'too_long' }).optional(),
      evidence: z.string().trim().max(20_000, { message: 'too_long' }).optional(),
      statement: z.string().trim().max(20_000, { message: 'too_long' }).optional(),
      unitId: id.nullable().optional(),
      processId: id.nullable().optional(),
      auditeeResponse: z.string().trim().max(20_000, { message: 'too_long' }).optional(),
    })
    .default({}),
});

export const findingRegisterQuery = z
  .object({
    search: z.string().trim().max(200).default(''),
    types: z.array(z.enum(FINDING_TYPES)).max(FINDING_TYPES.length).default([]),
    /** A clause and everything below it: 8.5 also finds 8.5.1. */
    clause: z.string().trim().max(20).default(''),
    /** A unit and its sub-units. */
    unitId: id.nullable().default(null),
    processId: id.nullable().default(null),
    status: z.enum(FINDING_STATUSES).nullable().default(null),
    year: z.number().int().min(1900).max(3000).nullable().default(null),
    auditId: id.nullable().default(null),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(2000).default(200),
  })
  .default({
    search: '', types: [], clause: '', unitId: null, processId: null, status: null, year: null, auditId: null, offset: 0, limit: 200,
  });
export type FindingRegisterQuery = z.input<typeof findingRegisterQuery>;

// ---- attachments ---------------------------------------------------------------------------------

export interface Attachment {
  id: string;
  ownerType: AttachmentOwnerType;
  ownerId: string;
  fileName: string;
  mime: string;
  kind: AttachmentKind;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface AttachmentContent {
  fileName: string;
  mime: string;
  base64: string;
}

export interface AttachmentLimit {
  limitBytes: number;
  defaultBytes: number;
  minBytes: number;
  maxBytes: number;
}

export const attachmentOwner = z.object({ ownerType: z.enum(ATTACHMENT_OWNER_TYPES), ownerId: id });

export const attachmentAddInput = attachmentOwner.extend({
  fileName: z.string().trim().min(1, { message: 'required' }).max(255, { message: 'too_long' }),
  /** base64 of at most MAX_ATTACHMENT_LIMIT bytes; the configured limit is checked after decoding. */
  contentBase64: z.string().max(Math.ceil(MAX_ATTACHMENT_LIMIT / 3) * 4 + 4, { message: 'too_long' }),
});

export function attachmentKindOfMime(mime: string): AttachmentKind {
  if (mime.startsWith('image/')) return 'image';
  if (mime === 'application/pdf') return 'pdf';
  if (mime.startsWith('text/')) return 'text';
  return 'office';
}

/** Images a browser can draw; HEIC photos from phones are kept but shown as an icon. */
export function isPreviewableImage(mime: string): boolean {
  return ['image/jpeg', 'image/png', 'image/gif', 'image/webp'].includes(mime);
}

/** "3.4 MB" / "820 kB" for people; binary units, Swedish-style decimal comma is the renderer's job. */
export function formatBytes(bytes: number): { value: number; unit: 'B' | 'kB' | 'MB' } {
  if (bytes >= 1024 * 1024) return { value: Math.round((bytes / (1024 * 1024)) * 10) / 10, unit: 'MB' };
  if (bytes >= 1024) return { value: Math.round(bytes / 1024), unit: 'kB' };
  return { value: bytes, unit: 'B' };
}
