import { z } from 'zod';
import { call } from './define';
import { id } from '../domain/common';
import { archiveInput, updateOf } from '../domain/org';
import {
  auditFields,
  auditListQuery,
  auditSummaryQuery,
  auditTransitionInput,
  checklistAddInput,
  checklistGenerateInput,
  checklistRemoveInput,
  checklistReorderInput,
  questionFields,
  questionListQuery,
  type Audit,
  type AuditSummary,
  type AuditStatus,
  type ChecklistItem,
  type Question,
  type TransitionCheck,
} from '../domain/audits';
import type { CoverageResult } from '../domain/coverage';
import { programmeFields, programmeYearFields, type Programme } from '../domain/programme';
import type { Standard, StandardSummary } from '../domain/standards';
import { recurrenceInput, type RecurrencePreview, type RecurrenceResult } from '../domain/recurring';

const byId = z.object({ id });
const withRevision = z.object({ id, revision: z.number().int().min(1) });

/** A status the audit can move to from where it is, and whether the rules allow it now. */
export interface TransitionOption {
  to: AuditStatus;
  check: TransitionCheck;
}

/** Coverage of one programme's cycle (or one year of it), with the catalogue rows it counts. */
export interface CoverageReport extends CoverageResult {
  programmeId: string;
  standardId: string;
  /** The year asked for, or null for the whole cycle. */
  year: number | null;
}

/** Planning audits: the programme, coverage, audit plans, the question bank and planned checklists. */
export const auditCalls = {
  'standards.list': call<StandardSummary[]>()(z.object({}).default({})),
  'standards.get': call<Standard>()(byId),

  'programme.list': call<Programme[]>()(z.object({}).default({})),
  'programme.get': call<Programme>()(byId),
  'programme.create': call<Programme>()(programmeFields),
  'programme.update': call<Programme>()(updateOf(programmeFields)),
  /** One year's objectives and lead; editing an approved year leaves its approval stale (approvals.*). */
  'programme.updateYear': call<Programme>()(updateOf(programmeYearFields)),
  /** What "every N months/years" would create over the cycle, and what already covers it. */
  'programme.recurringPreview': call<RecurrencePreview>()(recurrenceInput),
  /** Creates the missing draft audits in one transaction; running it again creates none. */
  'programme.recurringCreate': call<RecurrenceResult>()(recurrenceInput),

  'coverage.get': call<CoverageReport>()(
    z.object({ programmeId: id, year: z.number().int().min(1900).max(2200).nullable().default(null) }),
  ),

  'audits.list': call<Audit[]>()(auditListQuery),
  /** The overview's figures for the programme: counted by SQL, not by reading the year's audits. */
  'audits.summary': call<AuditSummary>()(auditSummaryQuery),
  'audits.get': call<Audit>()(byId),
  'audits.create': call<Audit>()(auditFields),
  'audits.update': call<Audit>()(updateOf(auditFields)),
  /** The statuses reachable from the audit's current one, each with the rule's answer. */
  'audits.transitions': call<TransitionOption[]>()(byId),
  'audits.transition': call<Audit>()(auditTransitionInput),
  /** Only a draft can be deleted. */
  'audits.delete': call<{ id: string }>()(withRevision),

  'questions.list': call<Question[]>()(questionListQuery),
  'questions.create': call<Question>()(questionFields),
  'questions.update': call<Question>()(updateOf(questionFields)),
  'questions.archive': call<Question>()(archiveInput),
  /** Moves a question one place up or down among its clause's questions. */
  'questions.move': call<Question[]>()(z.object({ id, direction: z.enum(['up', 'down']) })),

  /** Adds the bank's questions for the audit's clauses that the checklist does not hold yet. */
  'checklist.generate': call<ChecklistItem[]>()(checklistGenerateInput),
  'checklist.add': call<ChecklistItem[]>()(checklistAddInput),
  /** Removes an unanswered question from the checklist. */
  'checklist.remove': call<ChecklistItem[]>()(checklistRemoveInput),
  'checklist.reorder': call<ChecklistItem[]>()(checklistReorderInput),
};
