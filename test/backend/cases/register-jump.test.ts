import { describe, expect, it } from 'vitest';
import type { CaseListItem, CasePage, CaseSort } from '../../../shared/domain/cases';
import { loadDemoData, seedScaleCases } from '../../../electron/backend/features/app';
import { CASE_COUNT_MARK } from '../../../electron/backend/features/cases/register';
import { CASE_JUMP_STEP } from '../../../electron/backend/features/cases/register-jump';
import { queryPlans, recordStatements } from '../../helpers/query-plans';
import { caller, rejection, testBackend } from '../../helpers/tmp';

const CASES = 3_000;

/**
 * The cases register's scrollbar dragged anywhere: `cases.page` with an offset shows the rows the
 * whole register has at that position, in every order and direction, filtered or not.
 */
describe('a jump in the corrective-action register', () => {
  const backend = testBackend({ now: () => new Date('2026-11-24T10:00:00Z') });
  const call = caller(backend);
  const ctx = backend.ctx();
  loadDemoData(ctx);
  seedScaleCases(ctx, CASES);
  const db = backend.database;
  const numbers = (rows: { number: string }[]) => rows.map((r) => r.number);

  it('shows the rows the whole register has at that position, in every order, direction and filter', async () => {
    const sorts: CaseSort[] = ['nextDue', 'number', 'status', 'unit', 'owner', 'detectedOn'];
    for (const filter of [{}, { source: 'survey' }, { due: 'not_closed' }]) {
      for (const sort of sorts) {
        for (const descending of [false, true]) {
          const query = { ...filter, sort, descending };
          const all = numbers(await call<CaseListItem[]>('cases.list', query));
          const n = all.length;
          // around the kept keys, the middle, the last rows and past the end
          const offsets = [0, 1, CASE_JUMP_STEP - 1, CASE_JUMP_STEP, CASE_JUMP_STEP + 50, 3 * CASE_JUMP_STEP + 199, Math.floor(n / 2), n - 50, n - 1, n, n + 10];
          for (const offset of offsets.filter((o) => o >= 0)) {
            const page = await call<CasePage>('cases.page', { query, offset, limit: 50 });
            const label = `${JSON.stringify(query)} at ${offset} of ${n}`;
            expect(numbers(page.rows), label).toEqual(all.slice(offset, offset + 50));
            expect(page.total, label).toBe(n);
            // and reading on from there goes on where it stopped
            if (page.next) {
              const more = await call<CasePage>('cases.page', { query, after: page.next, limit: 20 });
              expect(numbers(more.rows), label).toEqual(all.slice(offset + 50, offset + 70));
            } else expect(offset + 50, label).toBeGreaterThanOrEqual(n);
          }
        }
      }
    }
  });

  it('finds the position through indexes, keeping the keys once per filter until the data changes', async () => {
    const { issued, stop } = recordStatements(db);
    const marked = () => issued.filter((i) => i.sql.includes(CASE_COUNT_MARK)).length;
    let total = 0;
    try {
      for (const sort of ['nextDue', 'owner'] as const) {
        const query = { sort, statuses: ['open', 'action_planned'] };
        total = (await call<CasePage>('cases.page', { query, offset: 1234, limit: 50 })).total;
        // further jumps in the same filter and order read no more than a page's keys
        const before = marked();
        for (const offset of [17, 950, total - 50, 600]) await call<CasePage>('cases.page', { query, offset, limit: 50 });
        expect(marked()).toBe(before);
      }
    } finally {
      stop();
    }
    const plans = queryPlans(db, issued, /^\s*(PRAGMA|SELECT total_changes|SELECT id, name FROM|SELECT id, parent_id)/);
    for (const { sql, plan, shown } of plans) {
      expect(plan.filter((p) => /^SCAN (r|c|cases|case_register)\b/.test(p.detail) && !/USING (COVERING )?INDEX/.test(p.detail)), shown).toEqual([]);
      // only the marked statements read every matching index entry: nothing else walks the register and sorts it
      // (as in register-paging.test.ts: a sort after an index search of a filter is bounded by the filter)
      const walked = plan.some((p) => /^SCAN (r|case_register)\b/.test(p.detail));
      if (!sql.includes(CASE_COUNT_MARK) && walked) expect(plan.filter((p) => /USE TEMP B-TREE FOR ORDER BY/.test(p.detail)), shown).toEqual([]);
    }
    expect(plans.some((p) => p.sql.includes('row_number()'))).toBe(true);

    // A new case: the same jump to the end shows it, the keys were taken again.
    const last = async () => {
      const { total: n } = await call<CasePage>('cases.page', { query: { sort: 'number' }, limit: 1 });
      return call<CasePage>('cases.page', { query: { sort: 'number' }, offset: n - 1, limit: 50 });
    };
    const end = await last();
    const unitId = db.prepare('SELECT id FROM units LIMIT 1').pluck().get() as string;
    const created = await call<{ number: string }>('cases.create', { title: 'Sist i registret', source: 'incident', severity: 'minor', unitId, detectedOn: '2026-11-24' });
    const after = await last();
    expect(after.total).toBe(end.total + 1);
    expect(numbers(after.rows)).toEqual([created.number]);
  });

  it('refuses a position together with a key, changing nothing', async () => {
    const first = await call<CasePage>('cases.page', { query: {}, limit: 5 });
    expect((await rejection(call('cases.page', { query: {}, after: first.next, offset: 10 }))).code).toBe('invalid_input');
    expect((await rejection(call('cases.page', { query: {}, offset: -1 }))).code).toBe('invalid_input');
  });
});
