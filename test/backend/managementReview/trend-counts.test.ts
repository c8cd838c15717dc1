import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TREND_CASE_CLOSURE_FROM_CASES, TREND_CASE_EVENTS_FROM_CASES, TREND_COUNTS_FROM_FINDINGS } from '../../../electron/backend/db/migrations/014-trend-counts';
import { loadDemoData, planScaleAudits, seedScale, seedScaleCases } from '../../../electron/backend/features/app';
import { importPackage } from '../../../electron/backend/features/packages/service';
import { applyChanges, changesSince, currentPosition } from '../../../electron/backend/sync/journal';
import type { Trends } from '../../../shared/domain/managementReview';
import type { Db } from '../../../electron/backend/db/open';
import { caller, tempDir, testBackend } from '../../helpers/tmp';
import { conductFixture } from '../conduct/fixture';
import { addFinding, backendAt, returnPackage, sendPackage, updateFinding } from '../packages/fixture';
import { queryPlans, recordStatements } from '../../helpers/query-plans';

const TYPES = ['major_nc', 'minor_nc', 'observation', 'ofi', 'strength'] as const;
const CLAUSES = ['4.1', '7.5.3', '8.5.1', '9.2.2', '10.2.1'];
const STATUSES = ['draft', 'in_progress', 'reported', 'closed'] as const;

/** The kept counts and the same counts taken afresh from the findings, each sorted the same way. */
function keptAndFresh(db: Db) {
  const read = (sql: string) => db.prepare(`SELECT * FROM (${sql}) ORDER BY 1, 2`).all();
  return [
    ...Object.entries(TREND_COUNTS_FROM_FINDINGS).map(([table, fresh]) => ({ table, kept: read(`SELECT * FROM ${table}`), fresh: read(fresh) })),
    // steps that cancel out may stay behind as zero rows; they change no sum
    { table: 'trend_case_events', kept: read('SELECT * FROM trend_case_events WHERE open <> 0 OR overdue <> 0'), fresh: read(TREND_CASE_EVENTS_FROM_CASES) },
    { table: 'trend_case_closure', kept: read('SELECT * FROM trend_case_closure'), fresh: read(TREND_CASE_CLOSURE_FROM_CASES) },
  ];
}

function expectExact(db: Db): void {
  for (const { table, kept, fresh } of keptAndFresh(db)) expect(kept, table).toEqual(fresh);
}

/**
 * The trends asked straight of the findings, written independently of trends.ts: conducted audits
 * in the year they ended; a finding without a unit under its audit's first unit.
 */
function trendsFromFindings(db: Db, fromYear: number, toYear: number) {
  const span = [`${fromYear}-01-01`, `${toYear}-12-31`];
  const base = `FROM findings f JOIN audits a ON a.id = f.audit_id WHERE a.status IN ('reported','closed') AND a.end_date BETWEEN ? AND ?`;
  const issues = `AND f.type IN ('major_nc','minor_nc','observation')`;
  const byType = db.prepare(`SELECT CAST(substr(a.end_date, 1, 4) AS INTEGER) AS year, f.type, count(*) AS n ${base} GROUP BY 1, 2`).all(...span) as
    { year: number; type: string; n: number }[];
  const perKey = (sql: string) => {
    const out = new Map<string, { total: number; perYear: Record<number, number> }>();
    for (const r of db.prepare(sql).all(...span) as { key: string; year: number; n: number }[]) {
      const e = out.get(r.key) ?? { total: 0, perYear: {} };
      e.total += r.n;
      e.perYear[r.year] = (e.perYear[r.year] ?? 0) + r.n;
      out.set(r.key, e);
    }
    return out;
  };
  return {
    findingsByType: byType,
    clauses: perKey(`SELECT fc.clause_number AS key, CAST(substr(a.end_date, 1, 4) AS INTEGER) AS year, count(*) AS n
      FROM finding_clauses fc JOIN findings f ON f.id = fc.finding_id JOIN audits a ON a.id = f.audit_id
      WHERE a.status IN ('reported','closed') AND a.end_date BETWEEN ? AND ? ${issues} GROUP BY 1, 2`),
    units: perKey(`SELECT coalesce((SELECT u.name FROM units u WHERE u.id = coalesce(f.unit_id, (SELECT min(au.unit_id) FROM audit_units au WHERE au.audit_id = a.id))), '') AS key,
      CAST(substr(a.end_date, 1, 4) AS INTEGER) AS year, count(*) AS n ${base} ${issues} GROUP BY 1, 2`),
  };
}

/** Closure and quarter-end counts asked straight of the cases, as trends.ts asked them before migration 014. */
function casesFromCases(db: Db, t: Trends) {
  const closure = db
    .prepare(
      `WITH d AS (SELECT CAST(substr(closed_on, 1, 4) AS INTEGER) AS year, julianday(closed_on) - julianday(detected_on) AS days FROM cases WHERE closed_on BETWEEN ? AND ?),
       r AS (SELECT year, days, row_number() OVER (PARTITION BY year ORDER BY days) AS rn, count(*) OVER (PARTITION BY year) AS n FROM d)
       SELECT year, max(n) AS closed, avg(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN days END) AS medianDays, avg(days) AS meanDays FROM r GROUP BY year`,
    )
    .all(`${t.fromYear}-01-01`, `${t.toYear}-12-31`) as { year: number; closed: number; medianDays: number; meanDays: number }[];
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  const overdue = db
    .prepare(
      `WITH q(at) AS (SELECT value FROM json_each(?))
       SELECT q.at, count(c.id) AS open, count(CASE WHEN c.due_date < q.at THEN 1 END) AS overdue
       FROM q LEFT JOIN cases c ON c.detected_on <= q.at AND (c.closed_on IS NULL OR c.closed_on > q.at) GROUP BY q.at ORDER BY q.at`,
    )
    .all(JSON.stringify(t.overdue.map((o) => o.at)));
  return {
    closure: t.years.map((year) => {
      const c = closure.find((r) => r.year === year);
      return { year, closed: c?.closed ?? 0, medianDays: round(c?.medianDays ?? null), meanDays: round(c?.meanDays ?? null) };
    }),
    overdue,
  };
}

function expectTrendsAsFindingsSay(t: Trends, db: Db): void {
  expect({ closure: t.closure, overdue: t.overdue }).toEqual(casesFromCases(db, t));
  const want = trendsFromFindings(db, t.fromYear, t.toYear);
  const gotByType = t.findingsByType.flatMap((r) => TYPES.filter((k) => r[k] > 0).map((k) => ({ year: r.year, type: k, n: r[k] })));
  const order = (x: { year: number; type: string }, y: { year: number; type: string }) => x.year - y.year || x.type.localeCompare(y.type);
  expect(gotByType.sort(order)).toEqual([...want.findingsByType].sort(order));
  for (const c of t.topClauses) expect({ clause: c.clause, ...want.clauses.get(c.clause) }).toEqual(c);
  for (const u of t.byUnit) expect({ unit: u.unit, ...want.units.get(u.unit) }).toEqual(u);
  // Nothing larger was left out of the ranking.
  const smallest = (list: { total: number }[]) => Math.min(...list.map((x) => x.total));
  if (t.topClauses.length) expect(Math.max(0, ...[...want.clauses.entries()].filter(([k]) => !t.topClauses.some((c) => c.clause === k)).map(([, v]) => v.total))).toBeLessThanOrEqual(smallest(t.topClauses));
  else expect(want.clauses.size).toBe(0);
  if (t.byUnit.length) expect(Math.max(0, ...[...want.units.entries()].filter(([k]) => !t.byUnit.some((u) => u.unit === k)).map(([, v]) => v.total))).toBeLessThanOrEqual(smallest(t.byUnit));
  else expect(want.units.size).toBe(0);
}

type Edit =
  | { kind: 'insert'; audit: number; type: (typeof TYPES)[number]; unit: number | null; clauses: string[] }
  | { kind: 'delete'; finding: number }
  | { kind: 'type'; finding: number; type: (typeof TYPES)[number] }
  | { kind: 'unit'; finding: number; unit: number | null }
  | { kind: 'move'; finding: number; audit: number }
  | { kind: 'addClause'; finding: number; clause: string }
  | { kind: 'removeClause'; finding: number; clause: string }
  | { kind: 'changeClause'; finding: number; clause: string }
  | { kind: 'auditEnd'; audit: number; day: string }
  | { kind: 'auditStatus'; audit: number; status: (typeof STATUSES)[number] }
  | { kind: 'auditUnit'; audit: number; unit: number }
  | { kind: 'newCase'; unit: number; detected: string; due: string | null; closed: string | null }
  | { kind: 'caseDates'; kase: number; detected: string | null; due: string | null; closed: string | null }
  | { kind: 'deleteCase'; kase: number };

const index = fc.nat({ max: 1000 });
// few distinct days, so cases often open, fall due and close on the same day or on a quarter end
const day = fc.constantFrom('2023-03-31', '2024-01-15', '2024-06-30', '2024-07-01', '2025-03-31', '2025-04-01', '2025-12-31', '2026-02-01');
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), audit: index, type: fc.constantFrom(...TYPES), unit: fc.option(index), clauses: fc.subarray(CLAUSES) }),
  fc.record({ kind: fc.constant('delete' as const), finding: index }),
  fc.record({ kind: fc.constant('type' as const), finding: index, type: fc.constantFrom(...TYPES) }),
  fc.record({ kind: fc.constant('unit' as const), finding: index, unit: fc.option(index) }),
  fc.record({ kind: fc.constant('move' as const), finding: index, audit: index }),
  fc.record({ kind: fc.constant('addClause' as const), finding: index, clause: fc.constantFrom(...CLAUSES) }),
  fc.record({ kind: fc.constant('removeClause' as const), finding: index, clause: fc.constantFrom(...CLAUSES) }),
  fc.record({ kind: fc.constant('changeClause' as const), finding: index, clause: fc.constantFrom(...CLAUSES) }),
  fc.record({ kind: fc.constant('auditEnd' as const), audit: index, day: fc.constantFrom('2023-02-01', '2024-06-30', '2025-12-31', '2026-01-01') }),
  fc.record({ kind: fc.constant('auditStatus' as const), audit: index, status: fc.constantFrom(...STATUSES) }),
  fc.record({ kind: fc.constant('auditUnit' as const), audit: index, unit: index }),
  fc.record({ kind: fc.constant('newCase' as const), unit: index, detected: day, due: fc.option(day), closed: fc.option(day) }),
  fc.record({ kind: fc.constant('caseDates' as const), kase: index, detected: fc.option(day), due: fc.option(day), closed: fc.option(day) }),
  fc.record({ kind: fc.constant('deleteCase' as const), kase: index }),
);

let made = 0;
/** Applies one edit as plain SQL, the way any writer could: the triggers must keep up with all of them. */
function apply(db: Db, e: Edit): void {
  const pick = (sql: string, i: number) => {
    const ids = db.prepare(sql).pluck().all() as string[];
    return ids.length ? (ids[i % ids.length] as string) : null;
  };
  const finding = 'finding' in e ? pick('SELECT id FROM findings ORDER BY id', e.finding) : null;
  const audit = 'audit' in e ? pick('SELECT id FROM audits ORDER BY id', e.audit) : null;
  const unit = 'unit' in e && e.unit !== null ? pick('SELECT id FROM units ORDER BY id', e.unit) : null;
  const kase = 'kase' in e ? pick('SELECT id FROM cases ORDER BY id', e.kase) : null;
  const stamp = '2026-01-01T00:00:00.000Z';
  switch (e.kind) {
    case 'insert': {
      const id = `fuzz-${++made}`;
      db.prepare(`INSERT INTO findings (id, audit_id, seq, number, type, unit_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
        id, audit, 100_000 + made, `FUZZ-${made}`, e.type, unit, stamp, stamp,
      );
      for (const c of e.clauses) db.prepare('INSERT INTO finding_clauses (finding_id, clause_number) VALUES (?, ?)').run(id, c);
      return;
    }
    case 'delete':
      // a case may point at the finding; it lets go first, as deleting a finding in the app requires
      db.prepare('UPDATE cases SET finding_id = NULL WHERE finding_id = ?').run(finding);
      db.prepare('DELETE FROM findings WHERE id = ?').run(finding);
      return;
    case 'type':
      db.prepare('UPDATE findings SET type = ? WHERE id = ?').run(e.type, finding);
      return;
    case 'unit':
      db.prepare('UPDATE findings SET unit_id = ? WHERE id = ?').run(unit, finding);
      return;
    case 'move':
      db.prepare('UPDATE findings SET audit_id = ?, seq = ? WHERE id = ?').run(audit, 200_000 + ++made, finding);
      return;
    case 'addClause':
      db.prepare('INSERT OR IGNORE INTO finding_clauses (finding_id, clause_number) VALUES (?, ?)').run(finding, e.clause);
      return;
    case 'removeClause':
      db.prepare('DELETE FROM finding_clauses WHERE finding_id = ? AND clause_number = ?').run(finding, e.clause);
      return;
    case 'changeClause':
      db.prepare('UPDATE OR IGNORE finding_clauses SET clause_number = ? WHERE finding_id = ? AND rowid = (SELECT min(rowid) FROM finding_clauses WHERE finding_id = ?)').run(
        e.clause, finding, finding,
      );
      return;
    case 'auditEnd':
      db.prepare('UPDATE audits SET end_date = ? WHERE id = ?').run(e.day, audit);
      return;
    case 'auditStatus':
      db.prepare('UPDATE audits SET status = ? WHERE id = ?').run(e.status, audit);
      return;
    case 'auditUnit': {
      const has = db.prepare('SELECT 1 FROM audit_units WHERE audit_id = ? AND unit_id = ?').get(audit, unit);
      if (has) db.prepare('DELETE FROM audit_units WHERE audit_id = ? AND unit_id = ?').run(audit, unit);
      else db.prepare('INSERT INTO audit_units (audit_id, unit_id) VALUES (?, ?)').run(audit, unit);
      return;
    }
    case 'newCase':
      made++;
      db.prepare(
        `INSERT INTO cases (id, number, year, seq, title, source, unit_id, detected_on, due_date, closed_on, status, created_at, updated_at)
         VALUES (?, ?, 2099, ?, 'Fuzz', 'complaint', ?, ?, ?, ?, ?, ?, ?)`,
      ).run(`fuzz-case-${made}`, `FUZZ-AV-${made}`, made, unit, e.detected, e.due, e.closed, e.closed ? 'closed' : 'open', stamp, stamp);
      return;
    case 'caseDates':
      db.prepare('UPDATE cases SET detected_on = coalesce(?, detected_on), due_date = ?, closed_on = ? WHERE id = ?').run(e.detected, e.due, e.closed, kase);
      return;
    case 'deleteCase':
      db.prepare('DELETE FROM cases WHERE id = ?').run(kase);
      return;
  }
}

describe('the kept trend counts', () => {
  const backend = testBackend({ now: () => new Date('2026-05-15T10:00:00Z') });
  const call = caller(backend);
  loadDemoData(backend.ctx());
  const db = backend.database;

  it('equal the counts taken afresh from the findings, on the demo register as migrated', () => {
    expect(db.prepare('SELECT count(*) FROM trend_audit_types').pluck().get()).toBeGreaterThan(0);
    expectExact(db);
  });

  // The trends keep their last answer until the database changes; an edit rolled back below would
  // leave the change counter where the kept answer was taken, so each run ends with a real change.
  db.exec('CREATE TEMP TABLE bump (x INTEGER)');

  it('stay exact through any mix of inserts, type, unit, clause and audit changes and deletes, and the trends say what the findings say', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 25 }), async (edits) => {
        db.exec('SAVEPOINT fuzz');
        try {
          for (const e of edits) apply(db, e);
          expectExact(db);
          const t = await call<Trends>('managementReview.trends', { fromYear: 2023, toYear: 2026, topClauses: 3 });
          expectTrendsAsFindingsSay(t, db);
        } finally {
          db.exec('ROLLBACK TO fuzz; RELEASE fuzz');
          db.exec('INSERT INTO temp.bump VALUES (1)');
        }
      }),
      {
        numRuns: 100,
        // Found by this property: a clause changed to one its finding already has is skipped by
        // UPDATE OR IGNORE, after a BEFORE UPDATE trigger had already taken the old clause out.
        examples: [[[
          { kind: 'addClause', finding: 0, clause: '10.2.1' },
          { kind: 'changeClause', finding: 0, clause: '10.2.1' },
        ]]],
      },
    );
  }, 120_000);
});

describe('the kept trend counts on arrival', () => {
  it('stay exact when a return package is imported and when a sync applies the same changes', async () => {
    const dir = tempDir();
    const coordinator = backendAt(path.join(dir, 'koordinator.sqlite'));
    const { audit } = await conductFixture(coordinator);
    const kept = await addFinding(coordinator, audit.id, { type: 'minor_nc', clauseNumbers: ['8.5.1'] });
    const goes = await addFinding(coordinator, audit.id, { type: 'observation', clauseNumbers: ['7.5.3', '8.5.1'] });
    coordinator.database.pragma('wal_checkpoint(TRUNCATE)');
    // a second database as the coordinator's was, to receive the same changes by sync
    const twinFile = path.join(dir, 'tvilling.sqlite');
    await coordinator.database.backup(twinFile);
    const twin = backendAt(twinFile);
    const pkg = sendPackage(coordinator, [audit.number], path.join(dir, 'IR.granska'));
    const copyFile = path.join(dir, 'anna', 'IR.granska');
    fs.mkdirSync(path.dirname(copyFile), { recursive: true });
    fs.copyFileSync(pkg, copyFile);
    const anna = backendAt(copyFile);
    const start = currentPosition(anna.database);
    await addFinding(anna, audit.id, { type: 'major_nc', clauseNumbers: ['7.5.3', '8.5.1'] });
    await addFinding(anna, audit.id, { type: 'strength', clauseNumbers: ['8.5.1'] });
    await updateFinding(anna, kept.id, { type: 'observation', clauseNumbers: ['7.5.3'] });
    await caller(anna)('findings.delete', { id: goes.id, revision: (await caller(anna)<{ revision: number }>('findings.get', { id: goes.id })).revision });
    expectExact(anna.database);

    const before = keptAndFresh(coordinator.database);
    const result = await importPackage(coordinator.ctx(), fs.readFileSync(returnPackage(anna, path.join(dir, 'retur.granska'))));
    expect(result.applied).toBeGreaterThan(0);
    expect(keptAndFresh(coordinator.database)).not.toEqual(before);
    expectExact(coordinator.database);

    const { changes } = changesSince(anna.database, start, { origin: 'local' });
    const applied = applyChanges(twin.ctx(), changes, { origin: 'server' });
    expect(applied.applied).toBeGreaterThan(0);
    expectExact(twin.database);
    expect(keptAndFresh(twin.database)).toEqual(keptAndFresh(coordinator.database));
  }, 60_000);
});

describe('the overview on a large register', () => {
  const backend = testBackend({ now: () => new Date('2026-05-15T10:00:00Z') });
  const call = caller(backend);
  const ctx = backend.ctx();
  loadDemoData(ctx);
  seedScale(ctx, 20_000);
  planScaleAudits(ctx);
  seedScaleCases(ctx, 5_000);
  const db = backend.database;

  /**
   * Plan lines that read the findings, their clauses or the cases at all (by index or not), but for
   * the one lookup of the first day a case was detected (min() read off the end of its index).
   */
  const readsRegisters = (plan: { detail: string }[]) =>
    plan
      .map((p) => p.detail)
      .filter((d) => /^(SCAN|SEARCH) (findings|finding_clauses|cases|case_register|f|fc|c|r)\b/.test(d))
      .filter((d) => d !== 'SEARCH cases USING COVERING INDEX cases_detected_on');

  it('has the kept counts of the generated register exact (counted in bulk while seeding)', () => {
    expect(db.prepare('SELECT sum(n) FROM trend_audit_types').pluck().get()).toBe(db.prepare('SELECT count(*) FROM findings').pluck().get());
    expectExact(db);
  });

  it('answers the trends and the other overview calls without reading the findings or the cases', async () => {
    const programme = (await call<{ id: string }[]>('programme.list'))[0]!;
    const asked: [string, unknown][] = [
      ['managementReview.trends', { topClauses: 8 }],
      ['managementReview.trends', { fromYear: 2010, toYear: 2026, topClauses: 8 }],
      ['coverage.get', { programmeId: programme.id, year: null }],
      ['audits.summary', { year: 2026, today: '2026-05-15' }],
      ['programme.list', {}],
    ];
    const { issued, stop } = recordStatements(db);
    let trends: Trends | null = null;
    try {
      for (const [name, input] of asked) {
        const answer = await call(name, input);
        if (name === 'managementReview.trends') trends ??= answer as Trends;
      }
    } finally {
      stop();
    }
    // the generated register is in the answer: the counts were read, just not from the findings
    expect(trends!.findingsByType.find((r) => r.year === 2024)!.major_nc).toBeGreaterThan(100);
    expect(trends!.overdue.some((o) => o.open > 100)).toBe(true);
    const plans = queryPlans(db, issued, /^\s*(PRAGMA|SELECT total_changes)/);
    for (const { plan, shown } of plans) expect(readsRegisters(plan), shown).toEqual([]);
    expect(plans.length).toBeGreaterThan(8);
  }, 120_000);
});
