import { AppError } from '../../../../shared/errors';
import type { ParsedInputOf } from '../../../../shared/contract';
import { cycleYearsOf, type Programme, type ProgrammeYear } from '../../../../shared/domain/programme';
import { sortClauseNumbers } from '../../../../shared/domain/standards';
import { assertRevision, fieldError, mutate, timestamp, type ServiceContext } from '../../core/context';
import { loadStandard } from './standards';

interface ProgrammeRow {
  id: string; title: string; standard_id: string; cycle_start_year: number; cycle_years: number; objectives: string;
  lead_person_id: string | null; excluded_clauses_json: string; created_at: string; updated_at: string; revision: number;
}
interface YearRow {
  id: string; programme_id: string; year: number; objectives: string; lead_person_id: string | null;
  created_at: string; updated_at: string; revision: number;
}

const toYear = (r: YearRow): ProgrammeYear => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision, programmeId: r.programme_id, year: r.year,
  objectives: r.objectives, leadPersonId: r.lead_person_id,
});

function toProgramme(ctx: ServiceContext, r: ProgrammeRow): Programme {
  const years = ctx.db.prepare('SELECT * FROM programme_years WHERE programme_id = ? ORDER BY year').all(r.id) as YearRow[];
  return {
    id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision, title: r.title, standardId: r.standard_id,
    cycleStartYear: r.cycle_start_year, cycleYears: r.cycle_years, objectives: r.objectives, leadPersonId: r.lead_person_id,
    excludedClauses: JSON.parse(r.excluded_clauses_json) as string[], years: years.map(toYear),
  };
}

export function getProgramme(ctx: ServiceContext, id: string): Programme {
  const row = ctx.db.prepare('SELECT * FROM programmes WHERE id = ?').get(id) as ProgrammeRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return toProgramme(ctx, row);
}

/** Newest cycle first. */
export function listProgrammes(ctx: ServiceContext): Programme[] {
  return (ctx.db.prepare('SELECT * FROM programmes ORDER BY cycle_start_year DESC').all() as ProgrammeRow[]).map((r) => toProgramme(ctx, r));
}

type Fields = ParsedInputOf<'programme.create'>;

function check(ctx: ServiceContext, id: string | null, f: Fields): string[] {
  let clauses;
  try {
    clauses = loadStandard(f.standardId).clauses;
  } catch {
    throw fieldError('standardId', 'not_found');
  }
  if (f.leadPersonId && !ctx.db.prepare('SELECT 1 FROM people WHERE id = ?').get(f.leadPersonId)) throw fieldError('leadPersonId', 'not_found');
  const unknown = f.excludedClauses.findIndex((n) => !clauses.some((c) => c.number === n));
  if (unknown >= 0) throw fieldError(`excludedClauses.${unknown}`, 'not_found');
  // Two programmes of one standard may not claim the same year: coverage must have one answer.
  const overlap = ctx.db
    .prepare(
      `SELECT 1 FROM programmes WHERE standard_id = ? AND id IS NOT ?
       AND cycle_start_year <= ? AND cycle_start_year + cycle_years - 1 >= ?`,
    )
    .get(f.standardId, id, f.cycleStartYear + f.cycleYears - 1, f.cycleStartYear);
  if (overlap) throw fieldError('cycleStartYear', 'overlap');
  return sortClauseNumbers(f.excludedClauses);
}

/** One row per year of the cycle: add the missing ones, drop those now outside it. */
function syncYears(ctx: ServiceContext, programmeId: string, f: Fields): void {
  const years = cycleYearsOf(f);
  const now = timestamp(ctx);
  ctx.db
    .prepare(`DELETE FROM programme_years WHERE programme_id = ? AND year NOT IN (${years.map(() => '?').join(',')})`)
    .run(programmeId, ...years);
  const insert = ctx.db.prepare(
    `INSERT INTO programme_years (id, programme_id, year, lead_person_id, created_at, updated_at) VALUES (?,?,?,?,?,?)
     ON CONFLICT (programme_id, year) DO NOTHING`,
  );
  for (const y of years) insert.run(ctx.newId(), programmeId, y, f.leadPersonId, now, now);
}

/** Attaches the cycle's audits of the same standard to the programme (and detaches those now outside it). */
function linkAudits(ctx: ServiceContext, programmeId: string, f: Fields): void {
  const yearOf = 'CAST(coalesce(substr(start_date, 1, 4), year) AS INTEGER)';
  const last = f.cycleStartYear + f.cycleYears - 1;
  ctx.db.prepare(`UPDATE audits SET programme_id = NULL WHERE programme_id = ? AND ${yearOf} NOT BETWEEN ? AND ?`).run(programmeId, f.cycleStartYear, last);
  ctx.db
    .prepare(`UPDATE audits SET programme_id = ? WHERE programme_id IS NULL AND standard_id = ? AND ${yearOf} BETWEEN ? AND ?`)
    .run(programmeId, f.standardId, f.cycleStartYear, last);
}

export function createProgramme(ctx: ServiceContext, f: Fields): Programme {
  return mutate(ctx, (trail) => {
    const excluded = check(ctx, null, f);
    const id = ctx.newId();
    const now = timestamp(ctx);
    ctx.db
      .prepare(
        `INSERT INTO programmes (id, title, standard_id, cycle_start_year, cycle_years, objectives, lead_person_id, excluded_clauses_json, created_at, updated_at)
         VALUES (?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(id, f.title, f.standardId, f.cycleStartYear, f.cycleYears, f.objectives, f.leadPersonId, JSON.stringify(excluded), now, now);
    syncYears(ctx, id, f);
    linkAudits(ctx, id, f);
    const created = getProgramme(ctx, id);
    trail({ entity: 'programme', entityId: id, action: 'create', after: created });
    return created;
  });
}

export function updateProgramme(ctx: ServiceContext, { id, revision, fields: f }: ParsedInputOf<'programme.update'>): Programme {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'programmes', id, revision);
    const before = getProgramme(ctx, id);
    const excluded = check(ctx, id, f);
    ctx.db
      .prepare(
        `UPDATE programmes SET title=?, standard_id=?, cycle_start_year=?, cycle_years=?, objectives=?, lead_person_id=?,
         excluded_clauses_json=?, updated_at=?, revision=revision+1 WHERE id=?`,
      )
      .run(f.title, f.standardId, f.cycleStartYear, f.cycleYears, f.objectives, f.leadPersonId, JSON.stringify(excluded), timestamp(ctx), id);
    syncYears(ctx, id, f);
    linkAudits(ctx, id, f);
    const after = getProgramme(ctx, id);
    trail({ entity: 'programme', entityId: id, action: 'update', before, after });
    return after;
  });
}

function yearRow(ctx: ServiceContext, id: string): YearRow {
  const row = ctx.db.prepare('SELECT * FROM programme_years WHERE id = ?').get(id) as YearRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return row;
}

/** A year's objectives or lead changed after approval leaves that approval stale (features/approvals). */
export function updateProgrammeYear(ctx: ServiceContext, { id, revision, fields: f }: ParsedInputOf<'programme.updateYear'>): Programme {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'programme_years', id, revision);
    const before = toYear(yearRow(ctx, id));
    if (f.leadPersonId && !ctx.db.prepare('SELECT 1 FROM people WHERE id = ?').get(f.leadPersonId)) throw fieldError('leadPersonId', 'not_found');
    const changed = before.objectives !== f.objectives || before.leadPersonId !== f.leadPersonId;
    if (changed) {
      ctx.db
        .prepare('UPDATE programme_years SET objectives=?, lead_person_id=?, updated_at=?, revision=revision+1 WHERE id=?')
        .run(f.objectives, f.leadPersonId, timestamp(ctx), id);
      trail({ entity: 'programme_year', entityId: id, action: 'update', before, after: toYear(yearRow(ctx, id)) });
    }
    return getProgramme(ctx, before.programmeId);
  });
}
