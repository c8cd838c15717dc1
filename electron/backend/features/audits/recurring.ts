import type { RiskLevel } from '../../../../shared/domain/org';
import {
  maxIntervalMonths,
  recurrenceDates,
  type RecurrenceInput,
  type RecurrencePreview,
  type RecurrenceResult,
} from '../../../../shared/domain/recurring';
import { fieldError, mutate, type ServiceContext } from '../../core/context';
import { getProgramme } from './programme';
import { createAudit } from './service';

/** When nothing earlier says which clauses a process is audited against: operation (ISO 9001 8). */
const DEFAULT_CLAUSES = ['8'];

interface Target {
  name: string;
  risk: RiskLevel | null;
  unitIds: string[];
  processIds: string[];
}

function targetOf(ctx: ServiceContext, f: RecurrenceInput): Target {
  if (f.targetKind === 'process') {
    const p = ctx.db.prepare('SELECT name, risk_level, owner_unit_id FROM processes WHERE id = ? AND archived = 0').get(f.targetId) as
      | { name: string; risk_level: RiskLevel; owner_unit_id: string | null }
      | undefined;
    if (!p) throw fieldError('targetId', 'not_found');
    return { name: p.name, risk: p.risk_level, unitIds: p.owner_unit_id ? [p.owner_unit_id] : [], processIds: [f.targetId] };
  }
  const u = ctx.db.prepare('SELECT name FROM units WHERE id = ? AND archived = 0').get(f.targetId) as { name: string } | undefined;
  if (!u) throw fieldError('targetId', 'not_found');
  return { name: u.name, risk: null, unitIds: [f.targetId], processIds: [] };
}

/**
 * What "every N months/years" means over the cycle: one occurrence per interval from the first
 * date to the cycle's last day, each marked with the internal audit that already covers its window
 * (any status, same standard, the same process or unit). The interval is shortened to what the
 * process's risk allows, so a recurrence never plans less often than coverage requires.
 */
export function previewRecurrence(ctx: ServiceContext, f: RecurrenceInput): RecurrencePreview {
  const programme = getProgramme(ctx, f.programmeId);
  const target = targetOf(ctx, f);
  const first = `${programme.cycleStartYear}-01-01`;
  const last = `${programme.cycleStartYear + programme.cycleYears - 1}-12-31`;
  if (f.firstDate < first || f.firstDate > last) throw fieldError('firstDate', 'outside_cycle');
  const requestedMonths = f.unit === 'years' ? f.every * 12 : f.every;
  const intervalMonths = Math.min(requestedMonths, maxIntervalMonths(target.risk, programme.cycleYears));
  const link = f.targetKind === 'process' ? 'audit_processes l ON l.audit_id = a.id AND l.process_id = ?' : 'audit_units l ON l.audit_id = a.id AND l.unit_id = ?';
  const covering = ctx.db.prepare(
    `SELECT a.id, a.number, a.title, a.start_date AS startDate FROM audits a JOIN ${link}
     WHERE a.type = 'internal' AND a.standard_id = ? AND a.start_date >= ? AND a.start_date < ? ORDER BY a.start_date, a.number LIMIT 1`,
  );
  const occurrences = recurrenceDates(f.firstDate, intervalMonths, last).map((o) => ({
    ...o,
    existing: (covering.get(f.targetId, programme.standardId, o.date, o.until) as RecurrencePreview['occurrences'][number]['existing'] | undefined) ?? null,
  }));
  return { targetName: target.name, requestedMonths, intervalMonths, occurrences, toCreate: occurrences.filter((o) => !o.existing).length };
}

/**
 * Creates the draft audits the preview shows as missing, all in one transaction with one trail
 * row for the batch (each draft also has its own). Running it again finds them and creates none.
 */
export function createRecurrence(ctx: ServiceContext, f: RecurrenceInput): RecurrenceResult {
  return mutate(ctx, (trail) => {
    if (!ctx.db.prepare('SELECT 1 FROM people WHERE id = ? AND archived = 0').get(f.leadPersonId)) throw fieldError('leadPersonId', 'not_found');
    const preview = previewRecurrence(ctx, f);
    const target = targetOf(ctx, f);
    const programme = getProgramme(ctx, f.programmeId);
    const link = f.targetKind === 'process' ? 'audit_processes' : 'audit_units';
    const column = f.targetKind === 'process' ? 'process_id' : 'unit_id';
    // The clauses the target was last audited against, so the drafts start from what the coordinator chose before.
    const latest = ctx.db
      .prepare(`SELECT a.id FROM audits a JOIN ${link} l ON l.audit_id = a.id AND l.${column} = ? WHERE a.standard_id = ? ORDER BY a.start_date DESC LIMIT 1`)
      .pluck()
      .get(f.targetId, programme.standardId) as string | undefined;
    const previous = latest ? (ctx.db.prepare('SELECT clause_number FROM audit_clauses WHERE audit_id = ?').pluck().all(latest) as string[]) : [];
    const clauseNumbers = previous.length ? previous : DEFAULT_CLAUSES;
    const created: RecurrenceResult['created'] = [];
    for (const o of preview.occurrences) {
      if (o.existing) continue;
      const audit = createAudit(ctx, {
        title: target.name, type: 'internal', standardId: programme.standardId, unitIds: target.unitIds, processIds: target.processIds,
        clauseNumbers, otherCriteria: [], scope: '', objectives: '', auditClient: '', methods: '', sampling: '',
        startDate: o.date, endDate: o.date, team: [{ personId: f.leadPersonId, role: 'lead' }], schedule: [],
        auditeeContacts: [], distribution: [], impartialityJustification: '', externalBody: '',
      });
      created.push({ id: audit.id, number: audit.number, startDate: o.date });
    }
    if (created.length === 0) return { ...preview, created };
    trail({
      entity: 'programme', entityId: f.programmeId, action: 'recurring',
      after: { targetKind: f.targetKind, targetId: f.targetId, intervalMonths: preview.intervalMonths, created: created.map((c) => c.number) },
    });
    return { ...previewRecurrence(ctx, f), created };
  });
}
