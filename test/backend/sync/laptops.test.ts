import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { Accounts } from '../../../electron/backend/sync/server/accounts';
import { startTeamServer, type RunningTeamServer } from '../../../electron/backend/sync/server/http';
import { teamServerSynchronise } from '../../../electron/backend/features/teamServer/service';
import type { SyncOptions } from '../../../electron/backend/sync/client';
import { SYNCED_TABLES } from '../../../electron/backend/sync/tables';
import type { TeamServerStatus, TeamServerSyncResult } from '../../../shared/contract/teamServer';
import type { ChecklistEntry, Finding } from '../../../shared/domain/findings';
import type { Unit } from '../../../shared/domain/org';
import { execFileSync } from 'node:child_process';
import { ChangeStore } from '../../../electron/backend/sync/server/store';
import { applyChanges, changesSince, currentPosition } from '../../../electron/backend/sync/journal';
import { PG_BIN, skipPostgres, startCluster, type Cluster } from '../../helpers/postgres';
import { caller, rejection, tempDir, testBackend } from '../../helpers/tmp';
import { conductFixture, type ConductFixture } from '../conduct/fixture';

const PASSWORD = 'correct horse battery';

/** Every synchronised row of a database, without the local revision counters, in key order. */
function snapshot(b: Backend): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [table, def] of Object.entries(SYNCED_TABLES)) {
    const rows = b.database.prepare(`SELECT * FROM ${table} ORDER BY ${def.key.join(', ')}`).all() as Record<string, unknown>[];
    out[table] = rows.map(({ revision: _r, ...rest }) => rest);
  }
  return out;
}

describe.skipIf(skipPostgres())('two laptops synchronising through the team server', () => {
  let cluster: Cluster;
  let server: RunningTeamServer;
  const dir = tempDir();
  const coordinator = testBackend({ dir: `${dir}/karin` });
  const auditor = testBackend({ dir: `${dir}/anna` });
  const callA = caller(coordinator);
  const callB = caller(auditor);
  let fx: ConductFixture;

  const sync = (b: Backend, opts?: SyncOptions): Promise<TeamServerSyncResult> =>
    opts ? teamServerSynchronise(b.ctx(), opts) : (b.call('teamServer.synchronise', {}) as Promise<TeamServerSyncResult>);

  beforeAll(async () => {
    cluster = await startCluster();
    server = await startTeamServer({ pg: cluster.createDatabase('team') });
    fx = await conductFixture(coordinator);
    const accounts = new Accounts(server.pool);
    await accounts.upsertUser({ name: 'karin', role: 'coordinator', personId: null, password: PASSWORD });
    // Anna is the audit's lead on the coordinator's plan: the server shows her that audit.
    await accounts.upsertUser({ name: 'anna', role: 'auditor', personId: fx.lead.id, password: PASSWORD });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    cluster?.destroy();
  });

  it('works offline until a person signs in; a wrong password signs nobody in', async () => {
    expect(await callA<TeamServerStatus>('teamServer.status')).toMatchObject({ url: null, signedIn: false, lastSyncAt: null });
    expect(await rejection(callA('teamServer.synchronise'))).toMatchObject({ code: 'sync_failed', params: { reason: 'not_configured' } });
    const wrong = await rejection(callA('teamServer.signIn', { url: server.url, name: 'karin', password: 'wrong password' }));
    expect(wrong).toMatchObject({ code: 'sync_failed', params: { reason: 'sign_in' } });
    expect(await rejection(callA('teamServer.signIn', { url: 'ftp://example', name: 'karin', password: 'x' }))).toMatchObject({ code: 'invalid_input' });
    const status = await callA<TeamServerStatus>('teamServer.signIn', { url: `${server.url}/`, name: 'karin', password: PASSWORD });
    expect(status).toMatchObject({ url: server.url, signedIn: true, user: { name: 'karin', role: 'coordinator' } });
    expect(status.unsentChanges).toBeGreaterThan(0);
    await callB('teamServer.signIn', { url: server.url, name: 'anna', password: PASSWORD });
  });

  it("brings the coordinator's plan to the auditor's empty laptop", async () => {
    const a = await sync(coordinator);
    expect(a.pushed).toBeGreaterThan(20);
    expect(a.status.unsentChanges).toBe(0);
    const b = await sync(auditor);
    expect(b.pulled).toBe(a.pushed);
    expect(b.status.lastSyncAt).not.toBeNull();
    const items = await callB<ChecklistEntry[]>('checklist.list', { auditId: fx.audit.id });
    expect(items.map((i) => i.id)).toEqual(fx.items.map((i) => i.id));
    expect(snapshot(auditor)).toEqual(snapshot(coordinator));
  });

  it('converges after offline work on both laptops, every change present once, a conflict left to a person', async () => {
    const [first, second, third] = fx.items;
    // offline on the coordinator's laptop
    const unit = fx.social;
    await callA('units.update', { id: unit.id, revision: unit.revision, fields: { name: 'Socialförvaltningen (ny)', kind: unit.kind, parentId: unit.parentId, code: unit.code, description: unit.description } });
    await callA('checklist.update', { id: first!.id, revision: first!.revision, fields: { evidence: 'Koordinatorn: avvikelserapporter saknas' } });
    await callA('checklist.update', { id: second!.id, revision: second!.revision, fields: { result: 'conforming' } });
    // offline on the auditor's laptop
    await callB('checklist.update', { id: first!.id, revision: first!.revision, fields: { evidence: 'Revisorn: två rapporter saknas' } });
    await callB('checklist.update', { id: third!.id, revision: third!.revision, fields: { result: 'nonconforming' } });
    const finding = await callB<Finding>('findings.create', {
      auditId: fx.audit.id,
      lang: 'sv',
      fields: { type: 'minor_nc', clauseNumbers: ['7.5.3'], requirement: 'Krav', evidence: 'Belägg', statement: 'Avvikelse från revisorn' },
    });

    const b1 = await sync(auditor);
    const a1 = await sync(coordinator);
    const b2 = await sync(auditor);
    expect(b1.pushed).toBeGreaterThan(0);
    // its own changes come back too (the server does not track who holds what) and are skipped
    expect(a1.pulled).toBe(b1.pushed + a1.pushed);
    // The evidence of the first question was changed on both since they last met: a person decides.
    expect(a1.conflicts + b2.conflicts).toBeGreaterThan(0);
    const open = coordinator.database.prepare("SELECT field, local_json, remote_json FROM sync_conflicts WHERE resolved_at IS NULL").all();
    expect(open).toContainEqual({ field: 'evidence', local_json: JSON.stringify('Koordinatorn: avvikelserapporter saknas'), remote_json: JSON.stringify('Revisorn: två rapporter saknas') });
    expect((await callA<TeamServerStatus>('teamServer.status')).openConflicts).toBeGreaterThan(0);

    // Everything else already agrees; each laptop keeps its own wording until a person decides.
    const withoutDisputed = (b: Backend) => {
      const snap = snapshot(b);
      snap.checklist_items = (snap.checklist_items as { id: string }[]).map((i) => (i.id === first!.id ? { ...i, evidence: '?', updated_at: '?' } : i));
      return snap;
    };
    expect(withoutDisputed(auditor)).toEqual(withoutDisputed(coordinator));
    expect((await callA<Finding>('findings.get', { id: finding.id })).statement).toBe('Avvikelse från revisorn');
    expect((await callB<Unit[]>('units.list', {})).find((u) => u.id === fx.social.id)?.name).toBe('Socialförvaltningen (ny)');

    // The coordinator decides in the conflict queue (the same one as package imports): both texts.
    const queue = await callA<{ id: string; field: string }[]>('packages.conflicts', { auditId: fx.audit.id });
    const evidence = queue.find((c) => c.field === 'evidence')!;
    await callA('packages.resolve', { id: evidence.id, choice: 'both', text: 'Två avvikelserapporter saknas (beslutat)' });
    expect((await callA<TeamServerStatus>('teamServer.status')).conflictAudits).toEqual(
      queue.length > 1 ? [{ id: fx.audit.id, number: fx.audit.number, count: queue.length - 1 }] : [],
    );
    await sync(coordinator);
    await sync(auditor);
    expect(snapshot(auditor)).toEqual(snapshot(coordinator));
    expect((await callB<TeamServerStatus>('teamServer.status')).openConflicts).toBe(0);
    expect((await callB<ChecklistEntry[]>('checklist.list', { auditId: fx.audit.id })).find((i) => i.id === first!.id)?.evidence).toBe(
      'Två avvikelserapporter saknas (beslutat)',
    );
    // once on the server, once in each laptop's journal
    const dupes = await server.pool.query('SELECT change_id FROM changes GROUP BY change_id HAVING count(*) > 1');
    expect(dupes.rows).toEqual([]);
    const onServer = Number((await server.pool.query('SELECT count(*) AS n FROM changes')).rows[0].n);
    const journal = (b: Backend) => (b.database.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    expect(journal(coordinator)).toBe(onServer);
    expect(journal(auditor)).toBe(onServer);
  });

  it('finishes an interrupted sync on the next press, with both sides consistent in between', async () => {
    const items = await callB<ChecklistEntry[]>('checklist.list', { auditId: fx.audit.id });
    for (const item of items) await callB('checklist.update', { id: item.id, revision: item.revision, fields: { interviewed: `Intervju ${item.position}` } });
    const unsent = (await callB<TeamServerStatus>('teamServer.status')).unsentChanges;
    expect(unsent).toBe(items.length);
    const serverCount = async () => Number((await server.pool.query('SELECT count(*) AS n FROM changes')).rows[0].n);
    const before = await serverCount();

    // The connection drops after the server committed the second batch, before the laptop heard back.
    let pushes = 0;
    const cutAfterCommit: typeof globalThis.fetch = async (url, init) => {
      const res = await fetch(url, init);
      if (String(url).includes('/v1/push') && ++pushes === 2) throw new TypeError('fetch failed: other side closed');
      return res;
    };
    const cut = await rejection(sync(auditor, { fetch: cutAfterCommit, pushBatch: 2 }));
    expect(cut).toMatchObject({ code: 'sync_failed', params: { reason: 'unreachable' } });
    const committed = (await serverCount()) - before;
    // The laptop counts as sent only what the server confirmed: not the batch whose answer was lost.
    const confirmed = unsent - (await callB<TeamServerStatus>('teamServer.status')).unsentChanges;
    expect(committed).toBeGreaterThan(confirmed);
    expect(confirmed).toBeGreaterThan(0);

    // The coordinator's pull is cut in the middle: the pages applied so far stay, the rest comes next time.
    let pulls = 0;
    const cutPull: typeof globalThis.fetch = async (url, init) => {
      if (String(url).includes('/v1/pull') && ++pulls === 2) throw new TypeError('fetch failed: network is unreachable');
      return fetch(url, init);
    };
    await rejection(sync(coordinator, { fetch: cutPull, pullBatch: 1 }));
    const interviewed = (b: Backend) =>
      (b.database.prepare("SELECT count(*) AS n FROM checklist_items WHERE audit_id = ? AND interviewed LIKE 'Intervju%'").get(fx.audit.id) as { n: number }).n;
    expect(interviewed(coordinator)).toBe(1);

    const again = await sync(auditor);
    expect(again.duplicates).toBe(committed - confirmed); // the batch whose answer was lost, sent again and skipped
    expect(again.pushed).toBe(unsent - committed);
    expect(again.status.unsentChanges).toBe(0);
    await sync(coordinator);
    expect(interviewed(coordinator)).toBe(items.length);
    expect(await serverCount()).toBe(before + items.length);
    expect(snapshot(auditor)).toEqual(snapshot(coordinator));
  });

  it('recovers every change after the server database is restored from an older pg_dump', async () => {
    const pgUrl = `postgres://granska@127.0.0.1:${cluster.port}/team`;
    const dump = `${dir}/team.dump`;
    execFileSync(`${PG_BIN}/pg_dump`, ['--format=custom', `--file=${dump}`, pgUrl]);
    // work the dump does not hold
    const item = (await callA<ChecklistEntry[]>('checklist.list', { auditId: fx.audit.id }))[3]!;
    await callA('checklist.update', { id: item.id, revision: item.revision, fields: { sampled: 'Tio journaler' } });
    await sync(coordinator);

    await server.close();
    execFileSync(`${PG_BIN}/pg_restore`, ['--clean', '--if-exists', `--dbname=${pgUrl}`, dump]);
    server = await startTeamServer({ pg: pgUrl });
    const lost = Number((await server.pool.query('SELECT count(*) AS n FROM changes')).rows[0].n);
    expect(lost).toBeLessThan((coordinator.database.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n);
    await new ChangeStore(server.pool).renewInstance(); // granska server restored
    for (const b of [coordinator, auditor]) b.database.prepare("UPDATE settings SET value = ? WHERE key = 'teamServer.url'").run(server.url);

    await sync(auditor);
    await sync(coordinator);
    await sync(auditor);
    expect((await callB<ChecklistEntry[]>('checklist.list', { auditId: fx.audit.id })).find((i) => i.id === item.id)?.sampled).toBe('Tio journaler');
    expect(snapshot(auditor)).toEqual(snapshot(coordinator));
    const onServer = Number((await server.pool.query('SELECT count(*) AS n FROM changes')).rows[0].n);
    expect(onServer).toBe((coordinator.database.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n);
  });

  it("keeps work on an audit the auditor is not on (from a package) on the laptop and still sends the rest", async () => {
    const before = currentPosition(coordinator.database);
    const other = await conductFixture(coordinator); // another lead's audit
    await sync(coordinator);
    // the other audit reaches Anna's laptop by package, not by the server
    applyChanges(auditor.ctx(), changesSince(coordinator.database, before).changes, { origin: 'package' });
    const mine = (await callB<ChecklistEntry[]>('checklist.list', { auditId: fx.audit.id }))[4]!;
    await callB('checklist.update', { id: mine.id, revision: mine.revision, fields: { sampled: 'Fem ordinationer' } });
    const r = await sync(auditor);
    expect(r.refusedAudits).toEqual([other.audit.id]);
    expect(r.status.unsentChanges).toBe(0);
    await sync(coordinator);
    expect((await callA<ChecklistEntry[]>('checklist.list', { auditId: fx.audit.id })).find((i) => i.id === mine.id)?.sampled).toBe('Fem ordinationer');
  });

  // Both main databases number offline findings "highest + 1"; the claims decide (sync/number-claims.ts).
  it('gives findings made offline on both laptops numbers of their own, once each', async () => {
    const fields = { type: 'ofi', clauseNumbers: ['8.5.1'], requirement: 'Krav', evidence: 'Belägg', statement: 'Förbättring' };
    const onA = await callA<Finding>('findings.create', { auditId: fx.audit.id, lang: 'sv', fields });
    const onB = await callB<Finding>('findings.create', { auditId: fx.audit.id, lang: 'sv', fields });
    await sync(auditor);
    await sync(coordinator);
    await sync(auditor);
    await sync(coordinator);
    const numbers = (b: Backend) => (b.database.prepare('SELECT id, number FROM findings WHERE audit_id = ? ORDER BY id').all(fx.audit.id) as { id: string; number: string }[]);
    const a = numbers(coordinator);
    expect(a.map((f) => f.id)).toEqual(expect.arrayContaining([onA.id, onB.id]));
    expect(new Set(a.map((f) => f.number)).size).toBe(a.length);
    expect(numbers(auditor)).toEqual(a);
  });
});
