import { z } from 'zod';
import { call } from './define';
import type { DeliveredFile } from './files';
import { LANGS, id, isoDay } from '../domain/common';
import { updateOf } from '../domain/org';
import {
  actionFields,
  analysisFields,
  caseFields,
  caseListQuery,
  casePageQuery,
  type CasePage,
  optionalDay,
  verificationFields,
  type CaseDetail,
  type CaseListItem,
  type CaseStatusRef,
  type CaseSummary,
  type MyActions,
  type UnhandledFinding,
} from '../domain/cases';
import { importCommitInput, importPreviewInput, type ImportPreview, type ImportResult } from '../domain/case-import';

const revision = z.number().int().min(1);
/** Every change to a case carries the case's revision: actions and verdicts move its status. */
const onCase = z.object({ id, revision });
const onAction = onCase.extend({ actionId: id });

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Nonconformities and corrective actions (ISO 9001 10.2): cases, their actions and verification. */
export const casesCalls = {
  /** The register, filtered and sorted; due states are computed for today. */
  'cases.list': call<CaseListItem[]>()(caseListQuery),
  /** The register a page at a time, in the same order as `cases.list`, with the total. */
  'cases.page': call<CasePage>()(casePageQuery),
  /** Totals, per status, per unit, overdue and due within 14 days. */
  'cases.summary': call<CaseSummary>()(z.object({}).default({})),
  /** What one person has to do: their actions, the cases they own, and cases waiting for their verification. */
  'cases.myActions': call<MyActions>()(z.object({ personId: id })),
  'cases.get': call<CaseDetail>()(z.object({ id })),
  /** A case reported directly: a complaint, an incident, a survey, a deviation found in daily work, an external audit. */
  'cases.create': call<CaseDetail>()(caseFields),
  'cases.update': call<CaseDetail>()(updateOf(caseFields)),
  /** Correction, five whys, root cause and cause categories. */
  'cases.updateAnalysis': call<CaseDetail>()(updateOf(analysisFields)),
  /** Opens the case for an audit's nonconformity (or returns the one it already has). */
  'cases.createFromFinding': call<CaseDetail>()(
    z.object({
      findingId: id,
      ownerId: id.nullable().default(null),
      dueDate: optionalDay.default(null),
      /** The unit that answers for it, when neither the finding nor the audit names one. */
      unitId: id.nullable().default(null),
    }),
  ),
  /** The case of a finding, for the finding's page; null when it has none. */
  'cases.forFinding': call<CaseStatusRef | null>()(z.object({ findingId: id })),
  /** Nonconformities from audits that have no case yet. */
  'cases.findingsWithoutCase': call<UnhandledFinding[]>()(z.object({}).default({})),

  /** Planning an action moves an open or reopened case to "action planned". */
  'cases.addAction': call<CaseDetail>()(onCase.extend({ fields: actionFields })),
  'cases.updateAction': call<CaseDetail>()(onAction.extend({ fields: actionFields })),
  /** Reports an action done on a day (or, with null, not done after all). */
  'cases.setActionDone': call<CaseDetail>()(onAction.extend({ doneOn: isoDay.nullable() })),
  'cases.removeAction': call<CaseDetail>()(onAction),
  /** All actions are done: the case waits for verification of effectiveness. */
  'cases.markImplemented': call<CaseDetail>()(onCase),
  /** By an auditor, with date and evidence: effective closes the case, not effective reopens it. */
  'cases.verify': call<CaseDetail>()(onCase.extend({ fields: verificationFields })),

  /** The register as XLSX, CSV or PDF, with the filters and order the person sees. */
  'cases.export': call<DeliveredFile>()(
    z.object({ format: z.enum(EXPORT_FORMATS), query: caseListQuery, lang: z.enum(LANGS).default('sv') }),
  ),
  /** Reads a CSV or XLSX register: columns, a suggested mapping, a preview and every row's problems. Saves nothing. */
  'cases.importPreview': call<ImportPreview>()(importPreviewInput),
  /** Imports the valid rows in one transaction, when `acceptedRowCount` matches what the preview counted. */
  'cases.importCommit': call<ImportResult>()(importCommitInput),
};
