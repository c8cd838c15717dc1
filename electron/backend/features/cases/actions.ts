import { AppError } from '../../../../shared/errors';
import type { ParsedInputOf } from '../../../../shared/contract';
import {
  canTransitionCase,
  statusAfterActionsChanged,
  statusAfterVerification,
  type Case,
  type CaseAction,
  type CaseDetail,
  type CaseFacts,
} from '../../../../shared/domain/cases';
import { assertRevision, fieldError, mutate, timestamp, type ServiceContext, type TrailWriter } from '../../core/context';
import { assertCaseOpen, checkPerson, getCase, getCaseDetail, listActions, listVerifications, today, touchCase } from './service';

/**
 * Corrective actions, marking a case implemented, and verifying effectiveness. Every call carries
 * the case's revision: actions and verdicts change where the case stands, so a stale page must not
 * add to it unseen.
 */

function factsOf(actions: Pick<CaseAction, 'doneOn'>[]): CaseFacts {
  return { actions: actions.length, openActions: actions.filter((a) => a.doneOn === null).length };
}

function lastVerdictWasNotEffective(ctx: ServiceContext, caseId: string): boolean {
  const last = listVerifications(ctx, caseId).at(-1);
  return last !== undefined && !last.effective;
}

function openCase(ctx: ServiceContext, id: string, revision: number): Case {
  assertRevision(ctx, 'cases', id, revision);
  const c = getCase(ctx, id);
  assertCaseOpen(c);
  return c;
}

function actionOf(ctx: ServiceContext, caseId: string, actionId: string): CaseAction {
  const a = listActions(ctx, caseId).find((x) => x.id === actionId);
  if (!a) throw new AppError('not_found', { id: actionId });
  return a;
}

function notInFuture(ctx: ServiceContext, day: string, field: string): void {
  if (day > today(ctx)) throw fieldError(field, 'not_future');
}

/** After any change to the actions: let the case follow (planned, back to planned, or no plan). */
function settleStatus(ctx: ServiceContext, trail: TrailWriter, before: Case): void {
  const actions = listActions(ctx, before.id);
  const to = statusAfterActionsChanged(before.status, factsOf(actions), lastVerdictWasNotEffective(ctx, before.id));
  touchCase(ctx, before.id, to === before.status ? undefined : to, null);
  if (to !== before.status) trail({ entity: 'case', entityId: before.id, action: 'status', before: { status: before.status }, after: { status: to } });
}

export function addAction(ctx: ServiceContext, { id, revision, fields: f }: ParsedInputOf<'cases.addAction'>): CaseDetail {
  return mutate(ctx, (trail) => {
    const c = openCase(ctx, id, revision);
    checkPerson(ctx, f.ownerId, 'ownerId');
    const position = (ctx.db.prepare('SELECT coalesce(max(position), 0) + 1 FROM case_actions WHERE case_id = ?').pluck().get(id) as number);
    const actionId = ctx.newId();
    const now = timestamp(ctx);
    ctx.db
      .prepare(
        `INSERT INTO case_actions (id, case_id, position, description, owner_person_id, due_date, created_at, updated_at)
         VALUES (?,?,?,?,?,?,?,?)`,
      )
      .run(actionId, id, position, f.description, f.ownerId, f.dueDate, now, now);
    trail({ entity: 'case', entityId: id, action: 'add_action', after: actionOf(ctx, id, actionId) });
    settleStatus(ctx, trail, c);
    return getCaseDetail(ctx, id);
  });
}

export function updateAction(ctx: ServiceContext, { id, revision, actionId, fields: f }: ParsedInputOf<'cases.updateAction'>): CaseDetail {
  return mutate(ctx, (trail) => {
    openCase(ctx, id, revision);
    checkPerson(ctx, f.ownerId, 'ownerId');
    const before = actionOf(ctx, id, actionId);
    ctx.db
      .prepare('UPDATE case_actions SET description=?, owner_person_id=?, due_date=?, updated_at=?, revision=revision+1 WHERE id=?')
      .run(f.description, f.ownerId, f.dueDate, timestamp(ctx), actionId);
    trail({ entity: 'case', entityId: id, action: 'update_action', before, after: actionOf(ctx, id, actionId) });
    touchCase(ctx, id);
    return getCaseDetail(ctx, id);
  });
}

/** The owner reports an action done (or takes that back); `doneOn` null means not done. */
export function setActionDone(ctx: ServiceContext, { id, revision, actionId, doneOn }: ParsedInputOf<'cases.setActionDone'>): CaseDetail {
  return mutate(ctx, (trail) => {
    const c = openCase(ctx, id, revision);
    const before = actionOf(ctx, id, actionId);
    if (doneOn) notInFuture(ctx, doneOn, 'doneOn');
    ctx.db.prepare('UPDATE case_actions SET done_on=?, updated_at=?, revision=revision+1 WHERE id=?').run(doneOn, timestamp(ctx), actionId);
    trail({ entity: 'case', entityId: id, action: doneOn ? 'complete_action' : 'reopen_action', before, after: actionOf(ctx, id, actionId) });
    settleStatus(ctx, trail, c);
    return getCaseDetail(ctx, id);
  });
}

export function removeAction(ctx: ServiceContext, { id, revision, actionId }: ParsedInputOf<'cases.removeAction'>): CaseDetail {
  return mutate(ctx, (trail) => {
    const c = openCase(ctx, id, revision);
    const before = actionOf(ctx, id, actionId);
    ctx.db.prepare('DELETE FROM case_actions WHERE id = ?').run(actionId);
    trail({ entity: 'case', entityId: id, action: 'remove_action', before });
    settleStatus(ctx, trail, c);
    return getCaseDetail(ctx, id);
  });
}

function refuse(from: Case['status'], to: Case['status'], reason: string): AppError {
  return new AppError('invalid_transition', { reason, from, to });
}

/** Every action is done: the case waits for someone to check that the actions worked. */
export function markImplemented(ctx: ServiceContext, { id, revision }: ParsedInputOf<'cases.markImplemented'>): CaseDetail {
  return mutate(ctx, (trail) => {
    const c = openCase(ctx, id, revision);
    const check = canTransitionCase(c.status, 'implemented', factsOf(listActions(ctx, id)));
    if (!check.ok) throw refuse(c.status, 'implemented', check.reason);
    touchCase(ctx, id, 'implemented', null);
    trail({ entity: 'case', entityId: id, action: 'implement', before: { status: c.status }, after: { status: 'implemented' } });
    return getCaseDetail(ctx, id);
  });
}

/**
 * Verification of effectiveness (ISO 9001 10.2.1 d) by an auditor: effective closes the case;
 * not effective reopens it for new actions. Each verdict is kept with its date and evidence.
 */
export function verifyCase(ctx: ServiceContext, { id, revision, fields: f }: ParsedInputOf<'cases.verify'>): CaseDetail {
  return mutate(ctx, (trail) => {
    const c = openCase(ctx, id, revision);
    const to = statusAfterVerification(f.effective);
    const check = canTransitionCase(c.status, to, factsOf(listActions(ctx, id)));
    if (!check.ok) throw refuse(c.status, to, c.status === 'implemented' ? check.reason : 'not_implemented');
    const verifier = ctx.db.prepare('SELECT roles_json FROM people WHERE id = ?').pluck().get(f.verifierId) as string | undefined;
    if (verifier === undefined) throw fieldError('verifierId', 'not_found');
    const roles = JSON.parse(verifier) as string[];
    if (!roles.includes('auditor') && !roles.includes('audit_lead')) throw fieldError('verifierId', 'not_auditor');
    notInFuture(ctx, f.verifiedOn, 'verifiedOn');
    const lastDone = listActions(ctx, id).map((a) => a.doneOn ?? '').sort().at(-1) ?? '';
    if (f.verifiedOn < lastDone) throw fieldError('verifiedOn', 'before_done', { day: lastDone });

    const verificationId = ctx.newId();
    ctx.db
      .prepare(
        `INSERT INTO case_verifications (id, case_id, verified_on, verifier_person_id, effective, evidence, created_at)
         VALUES (?,?,?,?,?,?,?)`,
      )
      .run(verificationId, id, f.verifiedOn, f.verifierId, f.effective ? 1 : 0, f.evidence, timestamp(ctx));
    touchCase(ctx, id, to, f.effective ? f.verifiedOn : null);
    trail({
      entity: 'case',
      entityId: id,
      action: f.effective ? 'verify_effective' : 'verify_not_effective',
      before: { status: c.status },
      after: { status: to, verification: listVerifications(ctx, id).find((v) => v.id === verificationId) },
    });
    return getCaseDetail(ctx, id);
  });
}
