import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backend } from '../../electron/backend/backend';
import { loadDemoData } from '../../electron/backend/features/app/demo';
import { run } from '../../electron/cli/main';
import type { FindingLine } from '../../electron/cli/run/findings';
import { FINDING_TYPES } from '../../shared/domain/findings';
import { tempDir } from '../helpers/tmp';

const NOW = () => new Date('2026-11-24T10:00:00Z');

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  try {
    const code = await run(args);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

describe('granska findings', () => {
  const dir = tempDir();
  const dbFile = path.join(dir, 'demo.sqlite');
  const demo = new Backend({ dataDir: dir, transport: 'http', version: 'test', now: NOW });
  demo.open(dbFile);
  loadDemoData(demo.ctx());
  // One more nonconformity whose corrective-action case is closed (the demo may already have some).
  const target = demo.database
    .prepare(
      `SELECT f.id, f.number, f.unit_id AS unitId, c.id AS caseId FROM findings f LEFT JOIN cases c ON c.finding_id = f.id
       WHERE f.type IN ('major_nc','minor_nc') AND (c.id IS NULL OR c.status <> 'closed') LIMIT 1`,
    )
    .get() as { id: string; number: string; unitId: string; caseId: string | null };
  if (target.caseId) demo.database.prepare("UPDATE cases SET status = 'closed' WHERE id = ?").run(target.caseId);
  else {
    demo.database
      .prepare(
        `INSERT INTO cases (id, number, year, seq, title, source, finding_id, unit_id, detected_on, status, created_at, updated_at)
         VALUES ('case-test', 'KA-TEST-999', 2026, 999, 'Test', 'internal_audit', ?, ?, '2026-01-01', 'closed', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      )
      .run(target.id, target.unitId);
  }
  demo.close();
  afterEach(() => vi.restoreAllMocks());

  it('prints every demo finding as JSON: number, audit, type, clauses, statement and status', async () => {
    const { code, out } = await cli(['findings', '--db', dbFile, '--json']);
    expect(code).toBe(0);
    const lines = JSON.parse(out) as FindingLine[];
    expect(new Set(lines.map((l) => l.type))).toEqual(new Set(FINDING_TYPES));
    expect(Object.keys(lines[0] as object)).toEqual(['number', 'auditNumber', 'type', 'clauses', 'statement', 'status']);
    const db = new Database(dbFile, { readonly: true });
    const closedCases = new Set(
      db.prepare("SELECT f.number FROM findings f JOIN cases c ON c.finding_id = f.id WHERE c.status = 'closed'").pluck().all() as string[],
    );
    db.close();
    for (const l of lines) {
      expect(l.number.startsWith(`${l.auditNumber}-`)).toBe(true);
      expect(l.clauses.length).toBeGreaterThan(0);
      const nc = l.type === 'major_nc' || l.type === 'minor_nc';
      expect(l.status, l.number).toBe(nc ? (closedCases.has(l.number) ? 'closed' : 'open') : 'n/a');
    }
    expect(lines.find((l) => l.number === target.number)?.status).toBe('closed');
  });

  it('limits the list to one audit and refuses an unknown audit number', async () => {
    const all = JSON.parse((await cli(['findings', '--db', dbFile, '--json'])).out) as FindingLine[];
    const audit = (all[0] as FindingLine).auditNumber;
    const one = JSON.parse((await cli(['findings', '--db', dbFile, '--json', '--audit', audit])).out) as FindingLine[];
    expect(one.map((l) => l.number)).toEqual(all.filter((l) => l.auditNumber === audit).map((l) => l.number));
    expect(one.map((l) => l.number)).toEqual([...one.map((l) => l.number)].sort());

    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const missing = await cli(['findings', '--db', dbFile, '--json', '--audit', 'IR-1999-001']);
    expect(missing.code).toBe(1);
    expect(missing.out).toBe('');
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toBe(
      'granska: no audit has the number IR-1999-001; `granska audits --db FILE` lists them.\n',
    );
  });

  it('prints a readable table without --json', async () => {
    const { code, out } = await cli(['findings', '--db', dbFile]);
    expect(code).toBe(0);
    expect(out).toMatch(/^IR-20\d\d-\d{3}-\d{2}\s+\w+/m);
    expect(out).toMatch(/\d+ finding\(s\)\.\n$/);
  });
});
