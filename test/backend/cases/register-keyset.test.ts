import { describe, expect, it } from 'vitest';
import type { CaseListItem, CasePage } from '../../../shared/domain/cases';
import { loadDemoData, seedScaleCases } from '../../../electron/backend/features/app';
import { CASE_COUNT_MARK } from '../../../electron/backend/features/cases/register';
import { queryPlans, recordStatements } from '../../helpers/query-plans';
import { caller, testBackend } from '../../helpers/tmp';

/**
 * A page after a key, in a filter that gives the order's first column one value ("overdue": every
 * row has due_rank 0; one status, by status): the rows SQLite gives for the plain row-value
 * comparison, for real keys and made-up ones, read from the key onwards.
 */
describe('pages after a key in a filter that pins the order\'s first column', () => {
  const backend = testBackend({ now: () => new Date('2026-11-24T10:00:00Z') });
  const call = caller(backend);
  loadDemoData(backend.ctx());
  seedScaleCases(backend.ctx(), 20_000);
  const db = backend.database;
  const day = '2026-11-24';

  const cases = [
    { query: { due: 'overdue' }, where: 'r.due_rank = 0 AND r.due_key < ?', params: [day], cols: ['r.due_rank', 'r.due_key', 'r.number'] },
    { query: { due: 'overdue_or_soon', descending: true }, where: 'r.due_rank = 0 AND r.due_key <= ?', params: ['2026-12-08'], cols: ['r.due_rank', 'r.due_key', 'r.number'] },
    { query: { statuses: ['action_planned'], sort: 'status' }, where: 'r.status_rank = 2', params: [], cols: ['r.status_rank', 'r.number'] },
    { query: { statuses: ['closed'], sort: 'status', descending: true }, where: 'r.status_rank = 4', params: [], cols: ['r.status_rank', 'r.number'] },
  ] as const;

  it('gives the rows after the key the plain comparison gives, for kept keys and made-up ones', async () => {
    for (const c of cases) {
      const q = { sort: 'nextDue', ...c.query } as { descending?: boolean };
      const dir = q.descending ? 'DESC' : 'ASC';
      const expected = (key: (string | number)[]) =>
        db
          .prepare(`SELECT r.number FROM case_register r WHERE ${c.where} AND (${c.cols.join(', ')}) ${q.descending ? '<' : '>'} (${c.cols.map(() => '?').join(', ')})
            ORDER BY ${c.cols.map((col) => `${col} ${dir}`).join(', ')} LIMIT 40`)
          .pluck()
          .all(...c.params, ...key) as string[];
      const total = db.prepare(`SELECT count(*) FROM case_register r WHERE ${c.where}`).pluck().get(...c.params) as number;
      expect(total, JSON.stringify(c.query)).toBeGreaterThan(120);
      // Keys from the filter's own rows, at the start, the middle and near the end.
      const all = db.prepare(`SELECT ${c.cols.join(', ')} FROM case_register r WHERE ${c.where} ORDER BY ${c.cols.map((col) => `${col} ${dir}`).join(', ')}`).raw().all(...c.params) as (string | number)[][];
      const kept = [all[0]!, all[Math.floor(all.length / 2)]!, all[all.length - 10]!, all.at(-1)!];
      const width = c.cols.length;
      const madeUp: (string | number)[][] = [[-1, ...Array<string>(width - 1).fill('')], [1, ...Array<string>(width - 1).fill('')], [7, ...Array<string>(width - 1).fill('')], ['x', ...Array<string>(width - 1).fill('')]];
      for (const key of [...kept, ...madeUp]) {
        const page = await call<CasePage>('cases.page', { query: c.query, after: JSON.stringify(key), limit: 40 });
        expect(page.rows.map((r) => r.number), `${JSON.stringify(c.query)} after ${JSON.stringify(key)}`).toEqual(expected(key));
      }
    }
  });

  it('starts reading the overdue cases at the key, not at the first overdue case', async () => {
    const first = await call<CasePage>('cases.page', { query: { due: 'overdue' }, limit: 50 });
    const { issued, stop } = recordStatements(db);
    try {
      await call<CasePage>('cases.page', { query: { due: 'overdue' }, after: first.next, limit: 50 });
      await call<CasePage>('cases.page', { query: { due: 'overdue' }, offset: 1234, limit: 50 });
    } finally {
      stop();
    }
    const pages = queryPlans(db, issued, /^\s*(PRAGMA|SELECT total_changes|SELECT id, parent_id)/).filter((p) => !p.sql.includes(CASE_COUNT_MARK) && /ORDER BY r\.due_rank/.test(p.sql));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) expect(p.plan.some((s) => /SEARCH r USING (COVERING )?INDEX case_register_due \(due_rank=\? AND \(due_key,number\)>\(\?,\?\)/.test(s.detail)), p.shown).toBe(true);
  });

  it('pages by unit or owner name through a clause or an action owner filter, as the whole list sorted by name, in both directions', async () => {
    const names = new Map(db.prepare('SELECT id, name FROM units UNION ALL SELECT id, name FROM people').raw().all() as [string, string][]);
    const text = (a: string, b: string) => a.localeCompare(b, 'sv');
    const byName = {
      unit: (a: CaseListItem, b: CaseListItem) => text(names.get(a.unitId)!, names.get(b.unitId)!) || text(a.number, b.number),
      owner: (a: CaseListItem, b: CaseListItem) => text(a.ownerId ? names.get(a.ownerId)! : '\uffff', b.ownerId ? names.get(b.ownerId)! : '\uffff') || text(a.number, b.number),
    };
    // The person owning most cases: their own group holds more matches than are listed by rowid, so it is walked.
    const person = db.prepare('SELECT owner_person_id FROM case_register WHERE owner_person_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
    for (const filter of [{ clause: '8.5' }, { ownerId: person }, { ownerId: person, statuses: ['open', 'closed'] }]) {
      // The matches read in number order, sorted by name here.
      const all = await call<CaseListItem[]>('cases.list', { ...filter, sort: 'number' });
      expect(all.length, JSON.stringify(filter)).toBeGreaterThan(500);
      for (const sort of ['unit', 'owner'] as const) {
        for (const descending of [false, true]) {
          const want = [...all].sort(byName[sort]).map((c) => c.number);
          if (descending) want.reverse();
          const shown = `${JSON.stringify(filter)} by ${sort}${descending ? ', descending' : ''}`;
          const got: string[] = [];
          let after: string | null = null;
          do {
            const page: CasePage = await call<CasePage>('cases.page', { query: { ...filter, sort, descending }, after, limit: 97 });
            expect(page.total, shown).toBe(all.length);
            got.push(...page.rows.map((r) => r.number));
            after = page.next;
          } while (after);
          expect(got, shown).toEqual(want);
          expect((await call<CaseListItem[]>('cases.list', { ...filter, sort, descending })).map((c) => c.number), shown).toEqual(want);
        }
      }
    }
  });

  it('jumps to any position by unit or owner name under a clause or action owner filter, as the whole list has it', async () => {
    const person = db.prepare('SELECT owner_person_id FROM case_register WHERE owner_person_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
    for (const filter of [{ clause: '8.5' }, { ownerId: person }]) {
      for (const sort of ['unit', 'owner'] as const) {
        for (const descending of [false, true]) {
          const query = { ...filter, sort, descending };
          const all = (await call<CaseListItem[]>('cases.list', query)).map((c) => c.number);
          const n = all.length;
          for (const offset of [1, 199, 200, 401, Math.floor(n / 2), n - 30, n + 5]) {
            const page = await call<CasePage>('cases.page', { query, offset, limit: 50 });
            const label = `${JSON.stringify(query)} at ${offset} of ${n}`;
            expect(page.rows.map((r) => r.number), label).toEqual(all.slice(offset, offset + 50));
            expect(page.total, label).toBe(n);
          }
        }
      }
    }
  });
});
