import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseDetail, CaseListItem, CasePage } from '../../../shared/domain/cases';
import { compareClauseNumbers } from '../../../shared/domain/standards';
import { MIGRATIONS } from '../../../electron/backend/db/migrations';
import { openDatabase } from '../../../electron/backend/db/open';
import { Backend } from '../../../electron/backend/backend';
import { loadDemoData } from '../../../electron/backend/features/app';
import { createContext } from '../../../electron/backend/core/context';
import { caller, tempDir, testBackend } from '../../helpers/tmp';

const NOW = new Date('2026-11-24T10:00:00Z');

/** What the register row of a case should show of its actions and clauses, from the case itself. */
function expectedRow(d: CaseDetail) {
  const byPlan = [...d.actions].sort((a, b) => a.position - b.position);
  return {
    actionCount: d.actions.length,
    openActionCount: d.actions.filter((a) => a.doneOn === null).length,
    actionOwnerIds: [...new Set(byPlan.map((a) => a.ownerId))],
    clauseNumbers: [...d.clauseNumbers].sort(compareClauseNumbers),
    nextDue: d.nextDue,
    dueState: d.dueState,
  };
}

const shown = (r: CaseListItem) => ({
  actionCount: r.actionCount, openActionCount: r.openActionCount, actionOwnerIds: r.actionOwnerIds, clauseNumbers: r.clauseNumbers, nextDue: r.nextDue, dueState: r.dueState,
});

type Call = ReturnType<typeof caller>;

/** Every case's register row (the full list and a page of it) against the case as `cases.get` shows it. */
async function expectRowsAsTheCases(call: Call): Promise<number> {
  const list = await call<CaseListItem[]>('cases.list', { sort: 'number' });
  const page = await call<CasePage>('cases.page', { query: { sort: 'number' }, limit: list.length });
  expect(page.rows).toEqual(list);
  for (const row of list) expect(shown(row), row.number).toEqual(expectedRow(await call<CaseDetail>('cases.get', { id: row.id })));
  return list.length;
}

describe("a register row's actions and clauses", () => {
  it('follow every edit of the case: clauses changed, actions added, reassigned, done and removed', async () => {
    const backend = testBackend({ now: () => NOW });
    const call = caller(backend);
    const keys = loadDemoData(backend.ctx());
    const people = [...keys.people.values()];
    const list = await call<CaseListItem[]>('cases.list', { due: 'not_closed', sort: 'number' });
    let d = await call<CaseDetail>('cases.get', { id: list[0]!.id });
    const row = async () => (await call<CasePage>('cases.page', { query: { search: d.number, sort: 'number' }, limit: 5 })).rows.find((r) => r.id === d.id)!;
    const check = async () => expect(shown(await row())).toEqual(expectedRow(d));

    const fields = { title: d.title, description: d.description, source: d.source, sourceReference: d.sourceReference, severity: d.severity,
      unitId: d.unitId, processId: d.processId, ownerId: d.ownerId, detectedOn: d.detectedOn, dueDate: d.dueDate };
    d = await call<CaseDetail>('cases.update', { id: d.id, revision: d.revision, fields: { ...fields, clauseNumbers: ['10.2', '8.5.1', '7.1.5'] } });
    expect((await row()).clauseNumbers).toEqual(['7.1.5', '8.5.1', '10.2']);
    await check();
    d = await call<CaseDetail>('cases.update', { id: d.id, revision: d.revision, fields: { ...fields, clauseNumbers: [] } });
    expect((await row()).clauseNumbers).toEqual([]);
    await check();

    d = await call<CaseDetail>('cases.addAction', { id: d.id, revision: d.revision, fields: { description: 'Ny rutin', ownerId: people[0], dueDate: '2026-12-01' } });
    d = await call<CaseDetail>('cases.addAction', { id: d.id, revision: d.revision, fields: { description: 'Utbildning', ownerId: people[1], dueDate: '2026-12-15' } });
    await check();
    const [first, second] = d.actions.slice(-2);
    // Another person takes the first new action over: only its owner changes.
    d = await call<CaseDetail>('cases.updateAction', { id: d.id, revision: d.revision, actionId: first!.id, fields: { description: first!.description, ownerId: people[2], dueDate: first!.dueDate } });
    expect((await row()).actionOwnerIds).toContain(people[2]);
    await check();
    d = await call<CaseDetail>('cases.setActionDone', { id: d.id, revision: d.revision, actionId: second!.id, doneOn: '2026-11-20' });
    await check();
    d = await call<CaseDetail>('cases.removeAction', { id: d.id, revision: d.revision, actionId: first!.id });
    expect((await row()).actionOwnerIds).not.toContain(people[2]);
    await check();
    expect(await expectRowsAsTheCases(call)).toBeGreaterThan(5);
  });

  it('are filled in for every case when a database from before them is opened', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.sqlite');
    const upto = MIGRATIONS.findIndex((m) => m.name === '020-case-register-rows');
    expect(upto).toBeGreaterThan(0);
    const { db: old } = openDatabase(file, { migrations: MIGRATIONS.slice(0, upto) });
    loadDemoData(createContext(old, 'tester', () => NOW));
    const withActions = old.prepare('SELECT count(DISTINCT case_id) FROM case_actions').pluck().get() as number;
    old.close();

    const backend = new Backend({ dataDir: dir, transport: 'http', version: 'test', now: () => NOW });
    backend.open(file);
    try {
      expect(withActions).toBeGreaterThan(3);
      expect(await expectRowsAsTheCases(caller(backend))).toBeGreaterThan(5);
    } finally {
      backend.close();
    }
  });
});
