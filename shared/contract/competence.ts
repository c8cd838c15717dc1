import { z } from 'zod';
import { call } from './define';
import type { DeliveredFile } from './files';
import { id, LANGS } from '../domain/common';
import {
  competenceCheckInput,
  competenceRecordFields,
  competenceRecordUpdate,
  competenceRuleInput,
  type CompetenceProfile,
  type CompetenceRecord,
  type CompetenceRule,
  type CompetenceWarning,
} from '../domain/competence';

const byId = z.object({ id });

/** Auditor competence: training records, audits performed, rules per role and the auditor register. */
export const competenceCalls = {
  'competence.profiles': call<CompetenceProfile[]>()(z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false })),
  'competence.addRecord': call<CompetenceRecord>()(competenceRecordFields),
  'competence.updateRecord': call<CompetenceRecord>()(competenceRecordUpdate),
  'competence.removeRecord': call<null>()(byId),
  'competence.certificate': call<DeliveredFile>()(byId),
  'competence.rules': call<CompetenceRule[]>()(z.object({}).default({})),
  'competence.setRule': call<CompetenceRule>()(competenceRuleInput),
  'competence.check': call<CompetenceWarning[]>()(competenceCheckInput),
  'competence.auditWarnings': call<CompetenceWarning[]>()(byId),
  'competence.registerPdf': call<DeliveredFile>()(z.object({ lang: z.enum(LANGS) })),
};
