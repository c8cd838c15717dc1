import { z } from 'zod';
import { id, isoDay, optionalText, requiredText, type RecordMeta } from './common';
import { TEAM_ROLES, type TeamRole } from './audits';

/**
 * Auditor competence (ISO 9001 7.2 and 9.2.2 c; ISO 19011 7): what each person has been trained
 * in, which audits they have performed, and the coordinator's rule for each team role.
 */

/** One course, training or qualification a person has completed. */
export interface CompetenceRecord extends RecordMeta {
  personId: string;
  course: string;
  completedOn: string;
  note: string;
  /** The certificate's bytes live in the shared blob store, named by their SHA-256 like attachments. */
  certificateSha256: string | null;
  certificateName: string;
}

/** Audits a person has performed, derived from the teams of reported and closed internal audits. */
export interface AuditsPerformed {
  asLead: number;
  asAuditor: number;
}

export interface CompetenceProfile {
  personId: string;
  name: string;
  records: CompetenceRecord[];
  performed: AuditsPerformed;
}

/** What a team role requires: every listed course, and a number of audits performed in the team. */
export interface CompetenceRule {
  role: TeamRole;
  courses: string[];
  /** Audits performed as auditor or lead. */
  minAuditsPerformed: number;
  /** Of those, audits performed as lead. */
  minAuditsAsLead: number;
}

export const RULE_ROLES = ['lead', 'auditor'] as const satisfies readonly TeamRole[];

export const CERTIFICATE_MAX_BYTES = 10 * 1024 * 1024;

export const competenceRecordFields = z.object({
  personId: id,
  course: requiredText(200),
  completedOn: isoDay,
  note: optionalText(1000),
  /** A certificate (PDF, JPEG or PNG) as base64; omitted keeps the stored one on update. */
  certificate: z
    .object({
      fileName: requiredText(255),
      contentBase64: z.string().max(Math.ceil(CERTIFICATE_MAX_BYTES / 3) * 4 + 4, { message: 'too_long' }),
    })
    .nullable()
    .optional(),
});

export const competenceRecordUpdate = competenceRecordFields.extend({ id, revision: z.number().int().positive() });

export const competenceRuleInput = z.object({
  role: z.enum(RULE_ROLES, { message: 'choose' }),
  courses: z
    .array(requiredText(200))
    .max(20, { message: 'too_long' })
    .transform((cs) => [...new Set(cs)])
    .default([]),
  minAuditsPerformed: z.number({ message: 'number' }).int({ message: 'number' }).min(0, { message: 'number' }).max(100, { message: 'number' }).default(0),
  minAuditsAsLead: z.number({ message: 'number' }).int({ message: 'number' }).min(0, { message: 'number' }).max(100, { message: 'number' }).default(0),
});

export const competenceCheckInput = z.object({
  team: z.array(z.object({ personId: id, role: z.enum(TEAM_ROLES, { message: 'choose' }) })).max(50),
  /** On a day: courses completed after it do not count yet. */
  onDay: isoDay.nullable().default(null),
});

export type CompetenceGapKind = 'course' | 'audits_performed' | 'audits_as_lead';

/** One way a team member falls short of their role's rule. */
export interface CompetenceWarning {
  personId: string;
  role: TeamRole;
  kind: CompetenceGapKind;
  /** The missing course, for `course`. */
  course: string | null;
  required: number;
  actual: number;
}

const sameCourse = (a: string, b: string) => a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'base' }) === 0;

/** Pure: the team against the rules, given each person's courses (completed by `onDay`) and audits performed. */
export function competenceWarnings(
  team: { personId: string; role: TeamRole }[],
  rules: CompetenceRule[],
  people: Map<string, { courses: { course: string; completedOn: string }[]; performed: AuditsPerformed }>,
  onDay: string | null = null,
): CompetenceWarning[] {
  const out: CompetenceWarning[] = [];
  for (const member of team) {
    const rule = rules.find((r) => r.role === member.role);
    if (!rule) continue;
    const person = people.get(member.personId) ?? { courses: [], performed: { asLead: 0, asAuditor: 0 } };
    const courses = person.courses.filter((c) => onDay === null || c.completedOn <= onDay);
    for (const course of rule.courses) {
      if (!courses.some((c) => sameCourse(c.course, course))) {
        out.push({ personId: member.personId, role: member.role, kind: 'course', course, required: 1, actual: 0 });
      }
    }
    const performed = person.performed.asLead + person.performed.asAuditor;
    if (performed < rule.minAuditsPerformed) {
      out.push({ personId: member.personId, role: member.role, kind: 'audits_performed', course: null, required: rule.minAuditsPerformed, actual: performed });
    }
    if (person.performed.asLead < rule.minAuditsAsLead) {
      out.push({ personId: member.personId, role: member.role, kind: 'audits_as_lead', course: null, required: rule.minAuditsAsLead, actual: person.performed.asLead });
    }
  }
  return out;
}
