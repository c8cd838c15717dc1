import { isExternalAudit, type AuditStatus, type AuditType } from '../../../../../shared/domain/audits';
import type { ServiceContext } from '../../../core/context';
import { decideApproval } from '../../approvals';
import type { DemoKeys } from './index';

const DAY_MS = 86_400_000;

/**
 * The approvals a certification auditor asks to see, as the demo group would have recorded them:
 * the quality coordinator approved the programme before the cycle and each year's plan in the
 * December before it, every audit plan that has left draft some weeks before its start, and each
 * report the morning before it was issued. One draft plan was returned with a comment. No approval
 * is required by the demo's settings: a coordinator turns that on in Settings and sees the rule at
 * work on the returned draft.
 */
export function demoApprovals(ctx: ServiceContext, keys: DemoKeys): void {
  const coordinator = keys.people.get('karin.lindqvist@sjovik.example');
  if (!coordinator) throw new Error('demo coordinator missing');
  const now = ctx.now().getTime();
  // Never in the future: a decision dated after today would be a fiction the trail contradicts.
  const at = (iso: string): ServiceContext => ({ ...ctx, now: () => new Date(Math.min(Date.parse(iso), now - 60 * 60_000)) });
  const approve = (when: string, subjectKind: 'programme' | 'programme_year' | 'audit_plan' | 'report', subjectId: string) =>
    decideApproval(at(when), { subjectKind, subjectId, decision: 'approved', approverPersonId: coordinator, comment: '' });

  const programme = ctx.db.prepare('SELECT id, cycle_start_year AS first FROM programmes ORDER BY cycle_start_year LIMIT 1').get() as
    | { id: string; first: number }
    | undefined;
  if (programme) {
    approve(`${programme.first - 1}-11-20T10:00:00Z`, 'programme', programme.id);
    const years = ctx.db.prepare('SELECT id, year FROM programme_years WHERE programme_id = ? ORDER BY year').all(programme.id) as { id: string; year: number }[];
    for (const y of years) {
      const when = `${y.year - 1}-12-10T14:00:00Z`;
      if (Date.parse(when) <= now) approve(when, 'programme_year', y.id);
    }
  }

  const audits = ctx.db
    .prepare('SELECT id, type, status, start_date, end_date FROM audits ORDER BY start_date, number')
    .all() as { id: string; type: AuditType; status: AuditStatus; start_date: string; end_date: string }[];
  const days = (day: string, n: number, time: string) => new Date(Date.parse(`${day}T${time}Z`) + n * DAY_MS).toISOString();
  let returned = false;
  for (const a of audits) {
    if (isExternalAudit(a.type)) continue;
    if (a.status === 'draft') {
      if (!returned) {
        returned = true;
        // sent back a few days ago, so the coordinator has it waiting
        decideApproval(at(new Date(now - 3 * DAY_MS).toISOString()), {
          subjectKind: 'audit_plan', subjectId: a.id, decision: 'returned', approverPersonId: coordinator,
          comment: 'Lägg till intervju med processägaren och ange hur stickproven väljs innan planen godkänns.',
        });
      }
      continue;
    }
    approve(days(a.start_date, -21, '09:00:00'), 'audit_plan', a.id);
    if (a.status === 'reported' || a.status === 'closed') approve(days(a.end_date, 1, '10:00:00'), 'report', a.id);
  }
}
