import { describe, expect, it } from 'vitest';
import { DUE_ORDER, MY_ACTIONS_LIMIT, STATUS_ORDER, type CaseListItem, type CasePage, type CaseSort, type MyActions } from '../../../shared/domain/cases';
import { loadDemoData, seedScaleCases } from '../../../electron/backend/features/app';
import { CASE_COUNT_MARK } from '../../../electron/backend/features/cases/register';
import { queryPlans, recordStatements } from '../../helpers/query-plans';
import { caller, rejection, testBackend } from '../../helpers/tmp';

const CASES = 20_000;

/** Plan lines that read a whole table of cases (no index at all). */
const tableScans = (plan: { detail: string }[]) =>
  plan.map((p) => p.detail).filter((d) => /^SCAN (r|c|cc|ca|a|cases|case_register|case_actions|case_clauses)\b/.test(d) && !/USING (COVERING )?INDEX/.test(d));
/**
 * Index walks over the register: a page may walk an index only in the page's own order (no sort
 * afterwards), so LIMIT stops it after one page; only the marked count reads a whole index.
 */
const unboundedWalks = (plan: { detail: string }[]) => {
  const details = plan.map((p) => p.detail);
  const sorted = details.some((d) => /USE TEMP B-TREE FOR ORDER BY/.test(d));
  return details.filter((d) => /^SCAN (r|case_register)\b/.test(d) && sorted);
};

describe('the corrective-action register at scale', () => {
  const backend = testBackend({ now: () => new Date('2026-11-24T10:00:00Z') });
  const call = caller(backend);
  const ctx = backend.ctx();
  const keys = loadDemoData(ctx);
  seedScaleCases(ctx, CASES);
  const db = backend.database;

  it('reads every page through indexes, never scanning the cases, and counts once per filter', async () => {
    const unitId = [...keys.units.values()][0]!;
    const processId = [...keys.processes.values()][1]!;
    const ownerId = db.prepare('SELECT owner_person_id FROM cases WHERE owner_person_id IS NOT NULL LIMIT 1').pluck().get() as string;
    const auditId = db.prepare('SELECT f.audit_id FROM cases c JOIN findings f ON f.id = c.finding_id LIMIT 1').pluck().get() as string | undefined;
    const { issued, stop } = recordStatements(db);
    const sorts: CaseSort[] = ['nextDue', 'number', 'status', 'unit', 'owner', 'detectedOn'];
    const queries: object[] = [
      {}, { due: 'overdue' }, { due: 'due_soon' }, { due: 'not_closed', sort: 'number' }, { due: 'overdue_or_soon', descending: true },
      { statuses: ['open', 'reopened'] }, { unitId }, { processId }, { source: 'complaint' }, { clause: '8.5' }, { ownerId },
      { search: 'ögondroppar' }, { search: 'kalibrering', statuses: ['closed'], sort: 'detectedOn' }, ...(auditId ? [{ auditId }] : []),
      ...sorts.flatMap((sort) => [{ sort }, { sort, descending: true }, { sort, source: 'incident' }]),
    ];
    try {
      for (const query of queries) {
        const first = await call<CasePage>('cases.page', { query, limit: 50 });
        if (first.next) await call<CasePage>('cases.page', { query, after: first.next, limit: 50 });
      }
      await call('cases.summary');
      // "My actions" for a case owner and for an auditor (who also sees the cases to verify).
      const auditor = db.prepare(`SELECT id FROM people WHERE roles_json LIKE '%auditor%' LIMIT 1`).pluck().get() as string;
      for (const personId of [ownerId, auditor]) await call('cases.myActions', { personId });
      // The same filter again, in another order: the count is not taken again.
      const before = issued.filter((i) => i.sql.includes(CASE_COUNT_MARK)).length;
      await call<CasePage>('cases.page', { query: { source: 'complaint', sort: 'owner' }, limit: 50 });
      expect(issued.filter((i) => i.sql.includes(CASE_COUNT_MARK)).length).toBe(before);
    } finally {
      stop();
    }
    const plans = queryPlans(db, issued, /^\s*(PRAGMA|SELECT total_changes|SELECT id, name FROM|SELECT id, parent_id)/);
    let mine = 0;
    for (const { sql, plan, shown } of plans) {
      expect(tableScans(plan), shown).toEqual([]);
      if (!sql.includes(CASE_COUNT_MARK)) expect(unboundedWalks(plan), shown).toEqual([]);
      // My actions' lists stop after a screenful: each is read in its order, never sorted whole.
      if (/^\s*SELECT a\.id, a\.case_id|WHERE r\.(owner_person_id = \?|status_rank = \?) AND|WHERE r\.status_rank = \? ORDER/.test(sql)) {
        mine += 1;
        expect(plan.map((p) => p.detail).filter((d) => /USE TEMP B-TREE FOR ORDER BY/.test(d)), shown).toEqual([]);
      }
    }
    expect(plans.length).toBeGreaterThan(15);
    expect(mine).toBeGreaterThanOrEqual(3);
  });

  it('reads a page of a filter matching many cases down its order\'s index, stopping after the page, with the rows a full sort gives', async () => {
    const leaf = db.prepare('SELECT id FROM units WHERE id NOT IN (SELECT parent_id FROM units WHERE parent_id IS NOT NULL) ORDER BY rowid LIMIT 1').pluck().get() as string;
    const parent = db.prepare('SELECT parent_id FROM units WHERE parent_id IS NOT NULL LIMIT 1').pluck().get() as string;
    const ownerId = db.prepare('SELECT owner_person_id FROM cases WHERE owner_person_id IS NOT NULL LIMIT 1').pluck().get() as string;
    // Each of these SQLite, left to itself, answered by sorting every match (seconds at a million cases).
    const broad: object[] = [
      { due: 'overdue', sort: 'number' }, { due: 'overdue_or_soon', sort: 'detectedOn', descending: true }, { statuses: ['open', 'reopened'] },
      { unitId: leaf }, { unitId: parent, sort: 'status' }, { source: 'complaint', sort: 'status' }, { clause: '8.5' }, { ownerId, sort: 'number' },
      { due: 'not_closed', sort: 'unit' }, { due: 'not_closed', sort: 'owner' },
    ];
    for (const query of broad) {
      const { issued, stop } = recordStatements(db);
      const pages: CasePage[] = [];
      try {
        pages.push(await call<CasePage>('cases.page', { query, limit: 50 }));
        pages.push(await call<CasePage>('cases.page', { query, after: pages[0]!.next, limit: 50 }));
      } finally {
        stop();
      }
      const shown = JSON.stringify(query);
      expect(pages[0]!.total, shown).toBeGreaterThan(1000);
      for (const { sql, plan } of queryPlans(db, issued, /^\s*(PRAGMA|SELECT total_changes|SELECT id, name FROM|SELECT id, parent_id|SELECT max)/)) {
        if (sql.includes(CASE_COUNT_MARK) || !/LIMIT 50\b/.test(sql)) continue;
        expect(plan.map((p) => p.detail).filter((d) => /USE TEMP B-TREE FOR ORDER BY/.test(d)), `${shown}\n${sql}`).toEqual([]);
      }
      // The whole list (SQLite's own plan, sorting every match) starts with the same hundred rows.
      const all = await call<CaseListItem[]>('cases.list', query);
      expect(pages.flatMap((p) => p.rows.map((r) => r.number)), shown).toEqual(all.slice(0, 100).map((c) => c.number));
    }
  });

  it('reads "overdue in one unit" from the (unit, due) index in the register\'s order', async () => {
    const leaf = db.prepare('SELECT id FROM units WHERE id NOT IN (SELECT parent_id FROM units WHERE parent_id IS NOT NULL) ORDER BY rowid LIMIT 1').pluck().get() as string;
    const { issued, stop } = recordStatements(db);
    let page: CasePage;
    try {
      page = await call<CasePage>('cases.page', { query: { unitId: leaf, due: 'overdue' }, limit: 50 });
    } finally {
      stop();
    }
    const plans = queryPlans(db, issued, /^\s*(PRAGMA|SELECT total_changes|SELECT id, parent_id)/).filter((p) => !p.sql.includes(CASE_COUNT_MARK) && /LIMIT 50\b/.test(p.sql));
    expect(plans).toHaveLength(1);
    expect(plans[0]!.plan.map((p) => p.detail), plans[0]!.shown).toContain('SEARCH r USING INDEX case_register_unit_due (unit_id=? AND due_rank=? AND due_key<?)');
    expect(plans[0]!.plan.some((p) => /TEMP B-TREE/.test(p.detail)), plans[0]!.shown).toBe(false);
    // The same rows as the question asked directly, sorted by SQLite.
    const direct = db
      .prepare('SELECT number FROM case_register WHERE unit_id = ? AND due_rank = 0 AND due_key < ? ORDER BY due_rank, due_key, number LIMIT 50')
      .pluck()
      .all(leaf, '2026-11-24');
    expect(direct).toHaveLength(50);
    expect(page.rows.map((r) => r.number)).toEqual(direct);
  });

  it('pages through ties without a gap or a repeat, in the order the whole list has, in every order and direction', async () => {
    const names = new Map(db.prepare('SELECT id, name FROM units UNION ALL SELECT id, name FROM people').all().map((r) => {
      const { id, name } = r as { id: string; name: string };
      return [id, name];
    }));
    const text = (a: string, b: string) => a.localeCompare(b, 'sv');
    // The order as the register promised it before it moved to SQL, written out independently.
    const expected: Record<CaseSort, (a: CaseListItem, b: CaseListItem) => number> = {
      number: (a, b) => text(a.number, b.number),
      status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || text(a.number, b.number),
      unit: (a, b) => text(names.get(a.unitId)!, names.get(b.unitId)!) || text(a.number, b.number),
      owner: (a, b) => text(a.ownerId ? names.get(a.ownerId)! : '\uffff', b.ownerId ? names.get(b.ownerId)! : '\uffff') || text(a.number, b.number),
      detectedOn: (a, b) => text(a.detectedOn, b.detectedOn) || text(a.number, b.number),
      nextDue: (a, b) => DUE_ORDER[a.dueState] - DUE_ORDER[b.dueState] || text(a.nextDue ?? '9999', b.nextDue ?? '9999') || text(a.number, b.number),
    };
    // A filter keeps the walk short; a few hundred dated cases share each due date.
    const filter = { source: 'survey', unitId: null };
    const all = await call<CaseListItem[]>('cases.list', filter);
    expect(all.length).toBeGreaterThan(1000);
    const dueDays = new Set(all.map((c) => c.nextDue));
    expect(dueDays.size).toBeLessThan(all.length / 2);
    for (const sort of Object.keys(expected) as CaseSort[]) {
      for (const descending of [false, true]) {
        const want = [...all].sort(expected[sort]);
        if (descending) want.reverse();
        const got: string[] = [];
        let after: string | null = null;
        let total = 0;
        do {
          const page: CasePage = await call<CasePage>('cases.page', { query: { ...filter, sort, descending }, after, limit: 97 });
          got.push(...page.rows.map((r) => r.number));
          total = page.total;
          after = page.next;
        } while (after);
        expect(got, `${sort} ${descending ? 'descending' : 'ascending'}`).toEqual(want.map((c) => c.number));
        expect(new Set(got).size).toBe(got.length);
        expect(total).toBe(all.length);
      }
    }
  });

  it('shows a person the most urgent screenful of their cases and actions, and says there are more', async () => {
    const owner = db.prepare('SELECT owner_person_id FROM cases WHERE owner_person_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
    const mine = await call<MyActions>('cases.myActions', { personId: owner });
    // The same cases, in the same order, as the whole register filtered to the owner would start with.
    const all = (await call<CaseListItem[]>('cases.list', { due: 'not_closed', sort: 'nextDue' })).filter((c) => c.ownerId === owner);
    expect(all.length).toBeGreaterThan(MY_ACTIONS_LIMIT);
    expect(mine.cases.map((c) => c.number)).toEqual(all.slice(0, MY_ACTIONS_LIMIT).map((c) => c.number));
    expect(mine.more.cases).toBe(true);
    // Open actions first, the earliest due first.
    expect(mine.actions).toHaveLength(MY_ACTIONS_LIMIT);
    expect(mine.more.actions).toBe(true);
    const due = mine.actions.filter((a) => !a.doneOn).map((a) => a.dueDate);
    expect(due).toEqual([...due].sort());
    expect(mine.actions.findIndex((a) => a.doneOn)).toBe(-1);
  });

  it('keeps the register exact as cases and actions change, and refuses a made-up page key', async () => {
    const page = async () => call<CasePage>('cases.page', { query: { due: 'overdue', sort: 'number' }, limit: 5 });
    const before = await page();
    const target = before.rows[0]!;
    const detail = await call<{ id: string; revision: number }>('cases.get', { id: target.id });
    // Planning an action due next year moves the case out of "overdue", and the count follows.
    await call('cases.addAction', {
      id: detail.id, revision: detail.revision,
      fields: { description: 'Ny plan', ownerId: [...keys.people.values()][0], dueDate: '2027-06-01' },
    });
    const after = await page();
    const moved = await call<CaseListItem[]>('cases.list', { search: target.number, sort: 'number' });
    if (moved[0]!.nextDue === '2027-06-01') {
      expect(after.total).toBe(before.total - 1);
      expect(after.rows.map((r) => r.id)).not.toContain(target.id);
    } else {
      // An earlier open action still makes it overdue.
      expect(after.total).toBe(before.total);
    }
    expect((await rejection(call('cases.page', { query: {}, after: '["x"' }))).code).toBe('invalid_input');
  });
});
