import { AppError } from '../../../../../shared/errors';
import { isDatabaseEmpty } from '../../../db/open';
import type { ServiceContext } from '../../../core/context';
import { createPerson, createProcess, createUnit } from '../../org';
import { setSetting } from '../../../core/settings';
import { demoApprovals } from './approvals';
import { demoAudits } from './audits';
import { demoConduct } from './conduct';
import { demoCases } from './cases';
import { issueDemoReports } from './issued-reports';
import { demoManagementReviews } from './management-review';
import { demoReports } from './reports';
import { DEMO_ORGANISATION, DEMO_PEOPLE, DEMO_PROCESSES, DEMO_UNITS } from './org';

export interface DemoKeys {
  units: Map<string, string>;
  people: Map<string, string>;
  processes: Map<string, string>;
}

/** Each feature's demo content, in dependency order, given the ids the earlier steps created. */
const demoSteps: ((ctx: ServiceContext, keys: DemoKeys) => void)[] = [demoAudits, demoConduct, demoCases, demoReports, demoApprovals];

/**
 * The whole demo as a new user meets it: the data, then the signed reports of the audits already
 * reported or closed and last year's management review (asynchronous: PDFs are laid out and signed).
 */
export async function loadDemo(ctx: ServiceContext): Promise<DemoKeys> {
  const keys = loadDemoData(ctx);
  await issueDemoReports(ctx);
  await demoManagementReviews(ctx, keys);
  return keys;
}

/** Fills an empty database with the fictional group; refuses a database that holds anything. */
export function loadDemoData(ctx: ServiceContext): DemoKeys {
  if (!isDatabaseEmpty(ctx.db)) throw new AppError('conflict', { reason: 'not_empty' });
  return ctx.db.transaction(() => {
    setSetting(ctx, 'organisationName', DEMO_ORGANISATION);
    const keys: DemoKeys = { units: new Map(), people: new Map(), processes: new Map() };
    for (const u of DEMO_UNITS) {
      const parentId = u.parent ? keys.units.get(u.parent) ?? null : null;
      const unit = createUnit(ctx, { name: u.name, code: u.code, kind: u.kind, parentId, description: u.description });
      keys.units.set(u.key, unit.id);
    }
    for (const p of DEMO_PROCESSES) {
      const ownerUnitId = keys.units.get(p.owner);
      if (!ownerUnitId) throw new Error(`demo process ${p.name} has unknown owner ${p.owner}`);
      const created = createProcess(ctx, { name: p.name, description: p.description, ownerUnitId, riskLevel: p.risk });
      keys.processes.set(p.name, created.id);
    }
    for (const p of DEMO_PEOPLE) {
      const person = createPerson(ctx, {
        name: p.name, email: p.email, title: p.title, roles: p.roles, homeUnitId: keys.units.get(p.unit) ?? null,
      });
      keys.people.set(p.email, person.id);
    }
    for (const step of demoSteps) step(ctx, keys);
    return keys;
  })();
}
