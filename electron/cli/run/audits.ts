import type { Audit } from '../../../shared/domain/audits';
import type { ServiceContext } from '../../backend/core/context';
import { auditImpartiality, listAudits } from '../../backend/features/audits';
import { printJson } from '../output';
import { openCliBackend } from '../session';

export interface AuditSummaryJson {
  id: string;
  number: string;
  title: string;
  type: Audit['type'];
  status: Audit['status'];
  startDate: string | null;
  endDate: string | null;
  units: string[];
  processes: string[];
  clauses: string[];
  team: { name: string; role: string }[];
  impartialityWarnings: { person: string; role: string; kind: string; unit: string; process: string | null }[];
  impartialityJustification: string;
}

/** Every audit as the app shows it, with names instead of ids. */
export function auditSummaries(ctx: ServiceContext): AuditSummaryJson[] {
  const names = (table: string) =>
    new Map((ctx.db.prepare(`SELECT id, name FROM ${table}`).all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  const units = names('units');
  const processes = names('processes');
  const people = names('people');
  const name = (map: Map<string, string>, id: string) => map.get(id) ?? id;
  return listAudits(ctx, { search: '' }).map((a) => ({
    id: a.id,
    number: a.number,
    title: a.title,
    type: a.type,
    status: a.status,
    startDate: a.startDate,
    endDate: a.endDate,
    units: a.unitIds.map((id) => name(units, id)),
    processes: a.processIds.map((id) => name(processes, id)),
    clauses: a.clauseNumbers,
    team: a.team.map((m) => ({ name: name(people, m.personId), role: m.role })),
    impartialityWarnings: auditImpartiality(ctx, a).map((w) => ({
      person: name(people, w.personId),
      role: w.role,
      kind: w.kind,
      unit: name(units, w.unitId),
      process: w.processId ? name(processes, w.processId) : null,
    })),
    impartialityJustification: a.impartialityJustification,
  }));
}

export interface AuditsOptions {
  db: string;
  json?: boolean;
}

export function runAudits(opts: AuditsOptions): void {
  const backend = openCliBackend(opts.db);
  try {
    const audits = auditSummaries(backend.ctx());
    if (opts.json) {
      printJson(audits);
      return;
    }
    for (const a of audits) {
      const lead = a.team.find((m) => m.role === 'lead')?.name ?? '-';
      const warn = a.impartialityWarnings.length ? `  ! impartiality (${a.impartialityWarnings.length})` : '';
      process.stdout.write(`${a.number.padEnd(12)} ${a.status.padEnd(11)} ${(a.startDate ?? '').padEnd(10)}  ${a.title}  [${lead}]${warn}\n`);
    }
    process.stdout.write(`${audits.length} audits\n`);
  } finally {
    backend.close();
  }
}
