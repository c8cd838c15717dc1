import type { Backend } from '../../../electron/backend/backend';
import type { Audit } from '../../../shared/domain/audits';
import type { ChecklistEntry } from '../../../shared/domain/findings';
import type { Person, Process, Unit } from '../../../shared/domain/org';
import { caller } from '../../helpers/tmp';

export interface ConductFixture {
  social: Unit;
  care: Unit;
  process: Process;
  lead: Person;
  audit: Audit;
  items: ChecklistEntry[];
}

let counter = 0;

/**
 * A small organisation and one internal audit of 7.5.3 and 8.5.1 under way (or still a draft), with
 * its checklist generated from the starter bank (5 questions), made through the same calls the app uses.
 */
export async function conductFixture(backend: Backend, opts: { startDate?: string; clauses?: string[]; status?: 'draft' | 'in_progress' } = {}): Promise<ConductFixture> {
  const call = caller(backend);
  const n = ++counter;
  const social = await call<Unit>('units.create', { name: `Socialförvaltningen ${n}`, kind: 'administration' });
  const care = await call<Unit>('units.create', { name: `Äldreomsorgen ${n}`, kind: 'department', parentId: social.id });
  const process = await call<Process>('processes.create', { name: `Vård och omsorg ${n}`, ownerUnitId: care.id, riskLevel: 'high' });
  const lead = await call<Person>('people.create', { name: `Karin Lindqvist ${n}`, email: `karin${n}@sjovik.example`, roles: ['audit_lead'] });
  const startDate = opts.startDate ?? '2027-03-10';
  let audit = await call<Audit>('audits.create', {
    title: `Läkemedelshantering på Solgården ${n}`,
    type: 'internal',
    startDate,
    endDate: startDate,
    clauseNumbers: opts.clauses ?? ['7.5.3', '8.5.1'],
    unitIds: [care.id],
    processIds: [process.id],
    team: [{ personId: lead.id, role: 'lead' }],
  });
  await call('checklist.generate', { auditId: audit.id, lang: 'sv' });
  if (opts.status !== 'draft') {
    const planned = await call<Audit>('audits.transition', { id: audit.id, revision: audit.revision, to: 'planned' });
    audit = await call<Audit>('audits.transition', { id: audit.id, revision: planned.revision, to: 'in_progress' });
  }
  const items = await call<ChecklistEntry[]>('checklist.list', { auditId: audit.id });
  return { social, care, process, lead, audit, items };
}

/** What issuing a report does to an audit (the report feature sets it; here it is the premise). */
export function lockAudit(backend: Backend, auditId: string): void {
  backend.database.prepare('UPDATE audits SET locked = 1 WHERE id = ?').run(auditId);
}
