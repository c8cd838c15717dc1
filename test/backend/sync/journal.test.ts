import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/domain/findings';
import { applyChanges, changesSince, currentPosition } from '../../../electron/backend/sync/journal';
import { readSyncMeta } from '../../../electron/backend/sync/capture';
import { formatHlc, parseHlc, recvHlc, sendHlc } from '../../../electron/backend/sync/hlc';
import { caller, tempDir, testBackend } from '../../helpers/tmp';
import { conductFixture } from '../conduct/fixture';

const NODE = '0123456789abcdef';

describe('hybrid logical clock', () => {
  it('writes Actual Budget timestamps that sort in causal order', () => {
    const t0 = sendHlc('', NODE, Date.parse('2026-12-04T05:01:02.003Z'));
    expect(t0).toBe('2026-12-04T05:01:02.003Z-0000-0123456789abcdef');
    const t1 = sendHlc(t0, NODE, Date.parse('2026-12-04T05:01:02.003Z'));
    expect(t1).toBe('2026-12-04T05:01:02.003Z-0001-0123456789abcdef');
    // A wall clock that went backwards does not make the next stamp older.
    const t2 = sendHlc(t1, NODE, Date.parse('2026-12-04T04:00:00.000Z'));
    expect(t2 > t1).toBe(true);
    // A stamp from a laptop ahead of us moves our clock past it.
    const remote = formatHlc({ millis: Date.parse('2026-12-05T00:00:00.000Z'), counter: 7, node: 'fedcba9876543210' });
    const after = recvHlc(t2, remote, NODE, Date.parse('2026-12-04T05:00:00.000Z'));
    expect(after > remote).toBe(true);
    expect(parseHlc(after)).toMatchObject({ counter: 8, node: NODE });
  });
});

describe('the change journal on real database files', () => {
  const dir = tempDir();
  const coordinator = testBackend({ dir: `${dir}/a` });
  const laptop = testBackend({ dir: `${dir}/b` });
  const callA = caller(coordinator);
  const callB = caller(laptop);

  it('records every write made through the services, with the audit it belongs to', async () => {
    const before = currentPosition(coordinator.database);
    const { audit } = await conductFixture(coordinator);
    const { changes, position } = changesSince(coordinator.database, before);
    expect(position).toBe(currentPosition(coordinator.database));
    for (const t of ['units', 'processes', 'people', 'audits', 'audit_units', 'audit_processes', 'audit_clauses', 'audit_team', 'checklist_items']) {
      expect(changes.some((c) => c.table === t), t).toBe(true);
    }
    const own = changesSince(coordinator.database, before, { auditIds: [audit.id] }).changes;
    expect(own.every((c) => c.auditId === audit.id)).toBe(true);
    expect(own.some((c) => c.table === 'checklist_items')).toBe(true);
    // Every change carries this database's node and clock, in clock order.
    const node = readSyncMeta(coordinator.database).nodeId;
    expect(changes.every((c) => c.node === node)).toBe(true);
    expect(changes.map((c) => c.hlc)).toEqual([...changes.map((c) => c.hlc)].sort());
  });

  it('carries only the fields that changed; an unchanged save records nothing', async () => {
    const { audit } = await conductFixture(coordinator);
    const f = await callA<Finding>('findings.create', { auditId: audit.id, lang: 'sv', fields: full({ type: 'observation', evidence: 'Första' }) });
    const pos = currentPosition(coordinator.database);
    const { id, revision, number, auditId, seq, ...rest } = f as unknown as Record<string, unknown>;
    void number; void auditId; void seq;
    await callA('findings.update', { id, revision, fields: pickUpdate(rest, { evidence: 'Andra' }) });
    const { changes } = changesSince(coordinator.database, pos);
    const findingChange = changes.find((c) => c.table === 'findings');
    expect(Object.keys(findingChange!.fields).sort()).toEqual(['evidence', 'updated_at']);
    expect(changes.some((c) => c.table === 'finding_clauses')).toBe(false);
  });

  it('applies another database\'s changes once, with their own ids and clocks, so they can travel on', async () => {
    const { changes } = changesSince(coordinator.database, 0);
    const first = applyChanges(laptop.ctx(), changes, { origin: 'package' });
    expect(first.applied).toBe(changes.length);
    expect(first.conflicts).toEqual([]);
    const again = applyChanges(laptop.ctx(), changes, { origin: 'package' });
    expect(again).toMatchObject({ applied: 0, skipped: changes.length });
    const audits = await callB<{ id: string }[]>('audits.list', {});
    expect(audits.length).toBe((await callA<unknown[]>('audits.list', {})).length);
    const travelled = changesSince(laptop.database, 0).changes.map((c) => [c.changeId, c.hlc]);
    expect(travelled).toEqual(changes.map((c) => [c.changeId, c.hlc]));
  });

  it('merges different fields last-writer-wins and sends a field both sides changed to a person', async () => {
    const { audit } = await conductFixture(coordinator);
    const made = await callA<Finding>('findings.create', { auditId: audit.id, lang: 'sv', fields: full({ type: 'minor_nc', statement: 'Ursprunglig' }) });
    applyChanges(laptop.ctx(), changesSince(coordinator.database, 0).changes, { origin: 'package' });
    const base = readSyncMeta(coordinator.database).lastHlc;
    const posA = currentPosition(coordinator.database);
    const posB = currentPosition(laptop.database);

    const onA = await callA<Finding>('findings.get', { id: made.id });
    await callA('findings.update', { id: made.id, revision: onA.revision, fields: pickUpdate(onA, { statement: 'Koordinatorns formulering' }) });
    const onB = await callB<Finding>('findings.get', { id: made.id });
    await callB('findings.update', {
      id: made.id, revision: onB.revision, fields: pickUpdate(onB, { statement: 'Revisorns formulering', auditeeResponse: 'Svar från enheten' }),
    });

    const result = applyChanges(coordinator.ctx(), changesSince(laptop.database, posB).changes, { origin: 'package', base });
    expect(result.conflicts.map((c) => c.field)).toEqual(['statement']);
    const merged = await callA<Finding>('findings.get', { id: made.id });
    expect(merged.statement).toBe('Koordinatorns formulering');
    // auditee_response changed only on the laptop: it arrives; so does the unchanged rest.
    expect(merged.auditeeResponse).toBe('Svar från enheten');
    const conflict = coordinator.database.prepare('SELECT * FROM sync_conflicts WHERE id = ?').get(result.conflicts[0]!.id) as Record<string, string>;
    expect(JSON.parse(conflict.remote_json!)).toBe('Revisorns formulering');
    expect(JSON.parse(conflict.local_json!)).toBe('Koordinatorns formulering');
    expect(posA).toBeGreaterThan(0);
  });

  it('gives offline findings provisional numbers and final ones on merge, keeping the old number in the trail', async () => {
    const { audit } = await conductFixture(coordinator);
    const copies = [laptop, testBackend({ dir: `${dir}/c` })];
    const positions: number[] = [];
    for (const copy of copies) {
      applyChanges(copy.ctx(), changesSince(coordinator.database, 0).changes, { origin: 'package' });
      copy.database.prepare('UPDATE sync_meta SET source_database_id = ?').run(readSyncMeta(coordinator.database).databaseId);
      positions.push(currentPosition(copy.database));
    }
    await callA('findings.create', { auditId: audit.id, lang: 'sv', fields: full({ type: 'observation' }) });
    const made = [];
    for (const copy of copies) {
      const f = await caller(copy)<Finding>('findings.create', { auditId: audit.id, lang: 'sv', fields: full({ type: 'ofi' }) });
      expect(f.number).toMatch(new RegExp(`^${audit.number}-P01-[0-9a-f]{4}$`));
      made.push(f);
    }
    expect(made[0]!.number).not.toBe(made[1]!.number);
    for (const [i, copy] of copies.entries()) {
      const r = applyChanges(coordinator.ctx(), changesSince(copy.database, positions[i]!).changes, { origin: 'package' });
      expect(r.renumbered).toEqual([{ table: 'findings', rowId: made[i]!.id, from: made[i]!.number, to: `${audit.number}-0${i + 2}` }]);
    }
    const trail = await callA<{ action: string; before: { number: string } }[]>('trail.list', { entityId: made[0]!.id, limit: 10 });
    expect(trail.find((t) => t.action === 'renumber')?.before.number).toBe(made[0]!.number);
  });
});

function pickUpdate(f: Record<string, unknown> | Finding, over: Record<string, unknown>) {
  const x = f as unknown as Record<string, unknown>;
  return {
    type: x.type, requirementSource: x.requirementSource, requirement: x.requirement, evidence: x.evidence, statement: x.statement,
    unitId: x.unitId, processId: x.processId, auditeeResponse: x.auditeeResponse, clauseNumbers: x.clauseNumbers, ...over,
  };
}

function full(over: Record<string, unknown>) {
  return { clauseNumbers: ['7.5.3'], requirement: 'Krav', evidence: 'Belägg', statement: 'Avvikelse', ...over };
}
