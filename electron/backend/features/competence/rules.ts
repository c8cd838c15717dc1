import type { ParsedInputOf } from '../../../../shared/contract';
import { competenceWarnings, type CompetenceRule, type CompetenceWarning } from '../../../../shared/domain/competence';
import type { TeamRole } from '../../../../shared/domain/audits';
import { mutate, timestamp, type ServiceContext } from '../../core/context';
import { getAudit } from '../audits';
import { auditsPerformed } from './records';

interface RuleRow { role: TeamRole; courses_json: string; min_audits_performed: number; min_audits_as_lead: number }

const toRule = (r: RuleRow): CompetenceRule => ({
  role: r.role, courses: JSON.parse(r.courses_json) as string[], minAuditsPerformed: r.min_audits_performed, minAuditsAsLead: r.min_audits_as_lead,
});

/** The coordinator's rules; a role without a row has no requirement. */
export function listRules(ctx: ServiceContext): CompetenceRule[] {
  return (ctx.db.prepare('SELECT * FROM competence_rules ORDER BY role').all() as RuleRow[]).map(toRule);
}

export function setRule(ctx: ServiceContext, f: ParsedInputOf<'competence.setRule'>): CompetenceRule {
  return mutate(ctx, (trail) => {
    const before = listRules(ctx).find((r) => r.role === f.role) ?? null;
    ctx.db
      .prepare(
        `INSERT INTO competence_rules (role, courses_json, min_audits_performed, min_audits_as_lead, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(role) DO UPDATE SET courses_json = excluded.courses_json, min_audits_performed = excluded.min_audits_performed,
           min_audits_as_lead = excluded.min_audits_as_lead, updated_at = excluded.updated_at`,
      )
      .run(f.role, JSON.stringify(f.courses), f.minAuditsPerformed, f.minAuditsAsLead, timestamp(ctx));
    const after = listRules(ctx).find((r) => r.role === f.role) as CompetenceRule;
    trail({ entity: 'competence_rule', entityId: f.role, action: before ? 'update' : 'create', before, after });
    return after;
  });
}

/**
 * Warnings for a team: who lacks a course or the audits their role's rule asks for. An audit the
 * person is planned for does not count towards their own experience, as it is not performed yet.
 */
export function checkTeam(ctx: ServiceContext, { team, onDay }: ParsedInputOf<'competence.check'>): CompetenceWarning[] {
  const rules = listRules(ctx);
  if (rules.length === 0 || team.length === 0) return [];
  const performed = auditsPerformed(ctx);
  const courses = ctx.db.prepare('SELECT course, completed_on AS completedOn FROM competence_records WHERE person_id = ?');
  const people = new Map(
    team.map((m) => [
      m.personId,
      { courses: courses.all(m.personId) as { course: string; completedOn: string }[], performed: performed.get(m.personId) ?? { asLead: 0, asAuditor: 0 } },
    ]),
  );
  return competenceWarnings(team, rules, people, onDay);
}

/** An audit plan's team against the rules, on the audit's first day. External audits have no audit team of ours. */
export function auditWarnings(ctx: ServiceContext, auditId: string): CompetenceWarning[] {
  const audit = getAudit(ctx, auditId);
  if (audit.type.startsWith('external')) return [];
  return checkTeam(ctx, { team: audit.team, onDay: audit.startDate });
}
