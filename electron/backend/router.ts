import type { z } from 'zod';
import { contract, isCallName, type CallName, type ParsedInputOf, type ResultOf } from '../../shared/contract';
import { AppError, type FieldIssue } from '../../shared/errors';
import type { Backend } from './backend';
import { appHandlers } from './features/app/handlers';
import { orgHandlers } from './features/org/handlers';
import { casesHandlers } from './features/cases/handlers';
import { auditHandlers } from './features/audits/handlers';
import { conductHandlers } from './features/conduct/handlers';
import { reportsHandlers } from './features/reports/handlers';
import { backupHandlers } from './features/backup/handlers';
import { teamServerHandlers } from './features/teamServer/handlers';
import { packagesHandlers } from './features/packages/handlers';
import { packHandlers } from './features/pack/handlers';
import { competenceHandlers } from './features/competence/handlers';
import { approvalsHandlers } from './features/approvals/handlers';
import { managementReviewHandlers } from './features/managementReview/handlers';
import { reportTemplateHandlers } from './features/reports/template-handlers';

export type Handler<K extends CallName> = (input: ParsedInputOf<K>, backend: Backend) => ResultOf<K> | Promise<ResultOf<K>>;
export type Handlers<K extends CallName = CallName> = { [N in K]: Handler<N> };

/** Each feature contributes its handlers; TypeScript insists every call in the contract has one. */
const handlers: Handlers = {
  ...appHandlers,
  ...orgHandlers,
  ...casesHandlers,
  ...auditHandlers,
  ...conductHandlers,
  ...reportsHandlers,
  ...backupHandlers,
  ...teamServerHandlers,
  ...packagesHandlers,
  ...packHandlers,
  ...competenceHandlers,
  ...approvalsHandlers,
  ...managementReviewHandlers,
  ...reportTemplateHandlers,
};

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.code === 'invalid_type' && i.input === undefined ? 'required' : knownMessage(i.message),
  }));
}

const KNOWN = new Set(['required', 'too_long', 'email', 'day', 'choose', 'duplicate', 'not_found', 'cycle', 'end_before_start', 'min_items', 'number', 'no_criteria', 'lead_required', 'one_lead', 'outside_dates', 'time', 'justification_required', 'overlap', 'passphrase_length', 'not_future', 'not_auditor', 'before_done', 'comment_required', 'outside_cycle']);
function knownMessage(m: string): string {
  return KNOWN.has(m) ? m : 'invalid';
}

/** The single entry point both transports use: parse, dispatch, and let only AppErrors escape. */
export async function dispatch(backend: Backend, name: string, rawInput: unknown): Promise<unknown> {
  if (!isCallName(name)) throw new AppError('not_found', { call: name });
  const parsed = contract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) throw new AppError('invalid_input', { issues: zodIssues(parsed.error) });
  const handler = handlers[name] as (input: unknown, b: Backend) => unknown;
  return await handler(parsed.data, backend);
}
