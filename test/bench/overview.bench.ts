import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../../electron/backend/backend';
import { loadDemoData, planScaleAudits, seedScale, seedScaleCases } from '../../electron/backend/features/app';
import { localDay } from '../../shared/domain/cases';
import { FINDING_TYPES } from '../../shared/domain/findings';
import { median, timed } from './timing';
import { loadStandard } from '../../electron/backend/features/audits';
import { TALLIES } from '../../electron/backend/features/audits/coverage';
import { applicableClauses, clausesCovering } from '../../shared/domain/coverage';
import { unitAncestry } from '../../shared/domain/org';
import { coverageByLoadingAudits } from '../helpers/coverage-by-loading';

/**
 * Every call the overview makes (useReadiness, the trend charts, the organisation lists), on a
 * register of a million findings in ten thousand conducted audits, plus the coverage matrix of a
 * programme whose cycle holds thousands of those audits. For each: the first visit (a freshly
 * opened database, nothing cached in Granska or in SQLite's page cache) and a warm repeat, each as
 * a ratio against the same question asked directly of better-sqlite3 in the same run; for the
 * trends, against the GROUP BY over the findings themselves that they answered with before; for
 * coverage, against its aggregate statement run directly, and against the way it was computed
 * before (every audit of the cycle read with its links, the pure rule run over them in JavaScript).
 *
 * GRANSKA_BENCH_OVERVIEW_FINDINGS (default 1000000) and GRANSKA_BENCH_OVERVIEW_CASES (default
 * 100000) size the register.
 */
const FINDINGS = Number(process.env.GRANSKA_BENCH_OVERVIEW_FINDINGS ?? 1_000_000);
const CASES = Number(process.env.GRANSKA_BENCH_OVERVIEW_CASES ?? 100_000);
const FIRST_RUNS = 3;
const WARM_RUNS = 7;
const TARGET_MS = 100;

/** The trends' questions written straight over the findings, as the trends asked them before migration 014. */
const CONDUCTED = `a.status IN ('reported','closed')`;
const ISSUES = `f.type IN ('major_nc','minor_nc','observation')`;
function trendsDirect(db: Database.Database, from: string, to: string): void {
  db.prepare(
    `SELECT CAST(substr(a.end_date, 1, 4) AS INTEGER) AS year, f.type, count(*) AS n FROM findings f JOIN audits a ON a.id = f.audit_id
     WHERE ${CONDUCTED} AND a.end_date BETWEEN ? AND ? GROUP BY 1, 2`,
  ).all(from, to);
  db.prepare(
    `SELECT fc.clause_number, CAST(substr(a.end_date, 1, 4) AS INTEGER) AS year, count(*) AS n
     FROM findings f JOIN finding_clauses fc ON fc.finding_id = f.id JOIN audits a ON a.id = f.audit_id
     WHERE ${ISSUES} AND ${CONDUCTED} AND a.end_date BETWEEN ? AND ? GROUP BY 1, 2`,
  ).all(from, to);
  db.prepare(
    `SELECT coalesce(f.unit_id, (SELECT min(au.unit_id) FROM audit_units au WHERE au.audit_id = a.id)) AS unit, CAST(substr(a.end_date, 1, 4) AS INTEGER) AS year, count(*) AS n
     FROM findings f JOIN audits a ON a.id = f.audit_id WHERE ${ISSUES} AND ${CONDUCTED} AND a.end_date BETWEEN ? AND ? GROUP BY 1, 2`,
  ).all(from, to);
  db.prepare(
    `SELECT CAST(substr(closed_on, 1, 4) AS INTEGER) AS year, count(*), avg(julianday(closed_on) - julianday(detected_on)) FROM cases WHERE closed_on BETWEEN ? AND ? GROUP BY 1`,
  ).all(from, to);
}

interface Row {
  label: string;
  call: (b: Backend) => Promise<unknown>;
  raw: (db: Database.Database) => unknown;
  rawLabel?: string;
  /** The raw takes seconds: asked once cold and once warm. */
  rawOnce?: boolean;
  /** Not asked by the overview itself (a second coverage, a longer span of trends). */
  extra?: boolean;
}

export default async function bench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-bench-overview-'));
  const file = path.join(dir, 'granska.sqlite');
  try {
    const seeding = new Backend({ dataDir: dir, transport: 'http', version: 'bench' });
    seeding.open(file);
    const seedMs = await timed(() => {
      loadDemoData(seeding.ctx());
      seedScale(seeding.ctx(), FINDINGS);
      planScaleAudits(seeding.ctx());
      if (CASES) seedScaleCases(seeding.ctx(), CASES);
    });
    const db0 = seeding.database;
    const now = new Date();
    // A programme over three years of the generated history: its matrix reads thousands of audits.
    db0.prepare(
      `INSERT INTO programmes (id, title, cycle_start_year, cycle_years, created_at, updated_at) VALUES ('bench-programme', 'Historik', 2022, 3, ?, ?)`,
    ).run(now.toISOString(), now.toISOString());
    const count = (sql: string) => db0.prepare(sql).pluck().get() as number;
    const sizes = {
      findings: count('SELECT count(*) FROM findings'),
      audits: count('SELECT count(*) FROM audits'),
      conducted: count(`SELECT count(*) FROM audits a WHERE ${CONDUCTED} AND end_date IS NOT NULL`),
      cases: count('SELECT count(*) FROM cases'),
      cycle: count(`SELECT count(*) FROM audits WHERE year BETWEEN 2022 AND 2024`),
    };
    const year = now.getFullYear();
    const programmes = (await seeding.call('programme.list', {})) as { id: string; cycleStartYear: number; cycleYears: number }[];
    const demo = programmes.find((p) => year >= p.cycleStartYear && year < p.cycleStartYear + p.cycleYears) ?? programmes[0]!;
    seeding.database.pragma('wal_checkpoint(TRUNCATE)');
    seeding.close();
    console.log(
      `  ${sizes.findings.toLocaleString('en')} findings in ${sizes.audits.toLocaleString('en')} audits (${sizes.conducted.toLocaleString('en')} conducted and dated), ` +
        `${sizes.cases.toLocaleString('en')} cases; seeded in ${(seedMs / 1000).toFixed(1)} s, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`,
    );

    const today = localDay(now);
    const cycleYears = (start: number, n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => start + i));
    /** The coverage aggregates asked directly: the one statement coverage.get runs, with its parameters worked out beforehand. */
    const coverageRaw = (programmeId: string) => {
      let params: Record<string, string> | null = null;
      return (db: Database.Database) => {
        if (!params) {
          const p = db.prepare('SELECT * FROM programmes WHERE id = ?').get(programmeId) as
            { standard_id: string; cycle_start_year: number; cycle_years: number; excluded_clauses_json: string };
          const units = db.prepare('SELECT id, parent_id AS parentId FROM units WHERE archived = 0').all() as { id: string; parentId: string | null }[];
          const clauses = applicableClauses(loadStandard(p.standard_id).clauses, JSON.parse(p.excluded_clauses_json) as string[]);
          params = {
            standardId: p.standard_id,
            years: cycleYears(p.cycle_start_year, p.cycle_years),
            cycle: cycleYears(p.cycle_start_year, p.cycle_years),
            clauseRows: JSON.stringify(clauses.flatMap((leaf) => clausesCovering(leaf).map((c) => [c, leaf]))),
            unitColumns: JSON.stringify(units.flatMap((u) => unitAncestry(units, u.id).map((above) => [u.id, above]))),
          };
        }
        return db.prepare(TALLIES).all(params);
      };
    };
    /** Coverage as it was computed before the aggregates: every audit of the cycle read into JavaScript. */
    const coverageBefore = (programmeId: string) => async (b: Backend) => {
      const programme = (await b.call('programme.get', { id: programmeId })) as Parameters<typeof coverageByLoadingAudits>[1];
      return coverageByLoadingAudits(b.database, programme, loadStandard(programme.standardId).clauses, null);
    };
    /** The audits and links the computation before read, asked directly (its raw). */
    const coverageBeforeRaw = (start: number, n: number) => (db: Database.Database) => {
      const ids = db
        .prepare(`SELECT a.* FROM audits a WHERE CAST(coalesce(substr(a.start_date, 1, 4), a.year) AS INTEGER) IN (SELECT value FROM json_each(?))`)
        .all(cycleYears(start, n))
        .map((a) => (a as { id: string }).id);
      const IN = 'audit_id IN (SELECT value FROM json_each(?))';
      for (const t of ['audit_units', 'audit_processes', 'audit_clauses']) db.prepare(`SELECT * FROM ${t} WHERE ${IN}`).all(JSON.stringify(ids));
    };
    const fiveYears = { from: `${year - 4}-01-01`, to: `${year}-12-31` };
    const rows: Row[] = [
      { label: 'programme.list', call: (b) => b.call('programme.list', {}), raw: (db) => db.prepare('SELECT * FROM programmes').all() },
      {
        label: 'audits.summary',
        call: (b) => b.call('audits.summary', { year, today }),
        raw: (db) => {
          db.prepare('SELECT type, status, count(*) FROM audits WHERE year = ? GROUP BY type, status').all(year);
          db.prepare(
            `SELECT id, number, title, start_date FROM audits WHERE coalesce(end_date, start_date, '') >= ? AND status NOT IN ('reported', 'closed') ORDER BY start_date, number LIMIT 6`,
          ).all(today);
        },
      },
      {
        label: '  compare: audits.list of the year',
        call: (b) => b.call('audits.list', { year }),
        raw: (db) => db.prepare(`SELECT a.* FROM audits a WHERE CAST(coalesce(substr(a.start_date, 1, 4), a.year) AS INTEGER) = ? ORDER BY a.start_date, a.number`).all(year),
        rawLabel: 'reading the year’s audits',
        extra: true,
      },
      {
        label: 'cases.summary',
        call: (b) => b.call('cases.summary', {}),
        raw: (db) => db.prepare('SELECT unit_id, status, count(*) FROM cases GROUP BY unit_id, status').all(),
      },
      ...FINDING_TYPES.map(
        (t): Row => ({
          label: `findings.register ${t} ${year}`,
          call: (b) => b.call('findings.register', { types: [t], year, limit: 1 }),
          raw: (db) => db.prepare('SELECT count(*) FROM findings f JOIN audits a ON a.id = f.audit_id WHERE f.type = ? AND a.year = ?').get(t, year),
        }),
      ),
      {
        label: `coverage.get (demo programme)`,
        call: (b) => b.call('coverage.get', { programmeId: demo.id, year: null }),
        raw: coverageRaw(demo.id),
        rawLabel: 'the aggregate SQL alone',
      },
      {
        label: `coverage.get (${sizes.cycle.toLocaleString('en')} audits)`,
        call: (b) => b.call('coverage.get', { programmeId: 'bench-programme', year: null }),
        raw: coverageRaw('bench-programme'),
        rawLabel: 'the aggregate SQL alone',
        extra: true,
      },
      {
        label: `  before: audits into JS (${sizes.cycle.toLocaleString('en')})`,
        call: coverageBefore('bench-programme'),
        raw: coverageBeforeRaw(2022, 3),
        rawLabel: 'reading those audits and links',
        extra: true,
      },
      {
        label: 'managementReview.trends (5 years)',
        call: (b) => b.call('managementReview.trends', { topClauses: 8 }),
        raw: (db) => trendsDirect(db, fiveYears.from, fiveYears.to),
        rawLabel: 'GROUP BY over findings',
        rawOnce: true,
      },
      {
        label: 'managementReview.trends (2010–)',
        call: (b) => b.call('managementReview.trends', { fromYear: 2010, toYear: year, topClauses: 8 }),
        raw: (db) => trendsDirect(db, '2010-01-01', `${year}-12-31`),
        rawLabel: 'GROUP BY over findings',
        rawOnce: true,
        extra: true,
      },
      { label: 'units.list', call: (b) => b.call('units.list', {}), raw: (db) => db.prepare('SELECT * FROM units').all() },
      { label: 'processes.list', call: (b) => b.call('processes.list', {}), raw: (db) => db.prepare('SELECT * FROM processes').all() },
      { label: 'people.list', call: (b) => b.call('people.list', {}), raw: (db) => db.prepare('SELECT * FROM people').all() },
    ];

    console.log(`  ${'call'.padEnd(36)} ${'first visit'.padStart(12)} ${'raw first'.padStart(10)} ${'ratio'.padStart(7)}   ${'warm'.padStart(9)} ${'raw warm'.padStart(9)} ${'ratio'.padStart(7)}   target`);
    let firstTotal = 0;
    const medians = new Map<Row, { first: number; warm: number }>();
    for (const row of rows) {
      const first: number[] = [];
      const rawFirst: number[] = [];
      for (let i = 0; i < FIRST_RUNS; i++) {
        const backend = new Backend({ dataDir: dir, transport: 'http', version: 'bench' });
        backend.open(file);
        first.push(await timed(() => row.call(backend)));
        const warm: number[] = [];
        if (i === FIRST_RUNS - 1) {
          for (let k = 0; k < WARM_RUNS; k++) warm.push(await timed(() => row.call(backend)));
        }
        backend.close();
        const slow = row.rawOnce === true;
        if (slow && i < FIRST_RUNS - 1) continue;
        const raw = new Database(file, { readonly: true });
        rawFirst.push(await timed(() => row.raw(raw)));
        const rawWarm: number[] = [];
        if (i === FIRST_RUNS - 1) {
          for (let k = 0; k < (slow ? 1 : WARM_RUNS); k++) rawWarm.push(await timed(() => row.raw(raw)));
          const f = median(first);
          const rf = median(rawFirst);
          const w = median(warm);
          const rw = median(rawWarm);
          if (!row.extra) firstTotal += f;
          medians.set(row, { first: f, warm: w });
          console.log(
            `  ${row.label.padEnd(36)} ${f.toFixed(2).padStart(9)} ms ${rf.toFixed(2).padStart(7)} ms ${(f / rf).toFixed(2).padStart(6)}×   ` +
              `${w.toFixed(2).padStart(6)} ms ${rw.toFixed(2).padStart(6)} ms ${(w / rw).toFixed(2).padStart(6)}×   first visit < ${TARGET_MS} ms` +
              (row.rawLabel ? ` (raw = ${row.rawLabel})` : ''),
          );
        }
        raw.close();
      }
    }
    // Before against after, interleaved on one warm connection so the machine's load falls on both alike.
    {
      const backend = new Backend({ dataDir: dir, transport: 'http', version: 'bench' });
      backend.open(file);
      const after = rows.find((r) => r.label.startsWith('coverage.get (') && r.extra)!;
      const before = rows.find((r) => r.label.includes('before:'))!;
      const a: number[] = [];
      const b: number[] = [];
      for (let k = 0; k < WARM_RUNS; k++) {
        a.push(await timed(() => after.call(backend)));
        b.push(await timed(() => before.call(backend)));
      }
      backend.close();
      const firsts = [after, before].map((r) => medians.get(r)?.first ?? NaN);
      console.log(
        `  coverage.get at ${sizes.cycle.toLocaleString('en')} audits, interleaved: SQL aggregates ${median(a).toFixed(2)} ms, audits into JS ${median(b).toFixed(2)} ms: ` +
          `${(median(b) / median(a)).toFixed(1)}× faster warm (first visit ${((firsts[1] ?? NaN) / (firsts[0] ?? NaN)).toFixed(1)}×)`,
      );
    }
    console.log(`  every call the overview makes, once, first visit: ${firstTotal.toFixed(0)} ms (target well under 1000 ms)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
