import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { TrailIntegrity } from '../../../shared/contract/app';
import { Backend } from '../../../electron/backend/backend';
import { openDatabase } from '../../../electron/backend/db/open';
import { MIGRATIONS } from '../../../electron/backend/db/migrations';
import { createContext, mutate } from '../../../electron/backend/core/context';
import { verifyTrailChain } from '../../../electron/backend/db/trail-chain';
import { tempDir } from '../../helpers/tmp';

const dir = tempDir('granska-trail-chain-');

/** The demo database, closed, so a copy of it can be edited behind the app's back. */
async function demoFile(): Promise<string> {
  const file = path.join(dir, 'demo.sqlite');
  if (fs.existsSync(file)) return file;
  const backend = new Backend({ dataDir: dir, transport: 'http', version: 'test', rememberDatabase: false });
  backend.open(file);
  await backend.call('app.loadDemo', {});
  backend.close();
  return file;
}

async function copyOfDemo(name: string): Promise<string> {
  const copy = path.join(dir, name);
  fs.copyFileSync(await demoFile(), copy);
  return copy;
}

async function verifyThroughApp(file: string): Promise<TrailIntegrity> {
  const backend = new Backend({ dataDir: dir, transport: 'http', version: 'test', rememberDatabase: false });
  backend.open(file);
  try {
    return (await backend.call('trail.verify', {})) as TrailIntegrity;
  } finally {
    backend.close();
  }
}

function edit(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  db.prepare(sql).run(...params);
  db.close();
}

describe('tamper-evident audit trail', () => {
  it('the demo database trail is intact, every row chained to the one before it', async () => {
    const result = await verifyThroughApp(await copyOfDemo('intact.sqlite'));
    expect(result.rows).toBeGreaterThan(20);
    expect(result).toMatchObject({ intact: true });
    expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a row edited behind the app\'s back is named, with the rows before it intact', async () => {
    const file = await copyOfDemo('edited.sqlite');
    const row = new Database(file, { readonly: true }).prepare('SELECT id, at, after_json FROM audit_trail WHERE seq = 7').get() as { id: string; at: string; after_json: string };
    edit(file, 'UPDATE audit_trail SET after_json = ? WHERE seq = 7', row.after_json.replace(/"name":"[^"]*"/, '"name":"Someone else"'));
    const result = await verifyThroughApp(file);
    expect(result).toMatchObject({ intact: false, rows: 7, firstBroken: { seq: 7, id: row.id, at: row.at, reason: 'row_changed' } });
  });

  it('an edit that also recomputes the edited row\'s own hash still breaks the link after it', async () => {
    const file = await copyOfDemo('rehashed.sqlite');
    const db = new Database(file);
    db.prepare("UPDATE audit_trail SET actor = 'mallory' WHERE seq = 3").run();
    // A careful forger fixes row 3's hash; row 4 still names the old one.
    const { trailRowHash } = await import('../../../electron/backend/db/trail-chain');
    const r = db.prepare('SELECT * FROM audit_trail WHERE seq = 3').get() as Parameters<typeof trailRowHash>[0] & { prev_hash: string };
    db.prepare('UPDATE audit_trail SET hash = ? WHERE seq = 3').run(trailRowHash(r, r.prev_hash));
    db.close();
    const result = await verifyThroughApp(file);
    expect(result.firstBroken).toMatchObject({ seq: 4, reason: 'link_broken' });
  });

  it('a row removed from the middle breaks the link of the row after it', async () => {
    const file = await copyOfDemo('removed.sqlite');
    edit(file, 'DELETE FROM audit_trail WHERE seq = 10');
    expect((await verifyThroughApp(file)).firstBroken).toMatchObject({ seq: 11, reason: 'link_broken' });
  });

  it('a row inserted outside the app is found as unchained', async () => {
    const file = await copyOfDemo('inserted.sqlite');
    edit(file, "INSERT INTO audit_trail (id, at, actor, entity, entity_id, action) VALUES ('forged', '2020-01-01T00:00:00.000Z', 'x', 'unit', 'u', 'delete')");
    expect((await verifyThroughApp(file)).firstBroken).toMatchObject({ id: 'forged', reason: 'unchained' });
  });

  it('rows written before the chain existed are chained in the order they were written when the database is upgraded', () => {
    const file = path.join(dir, 'old.sqlite');
    const before = MIGRATIONS.findIndex((m) => m.name === '007-trail-chain');
    const { db: old } = openDatabase(file, { migrations: MIGRATIONS.slice(0, before) });
    const insert = old.prepare("INSERT INTO audit_trail (id, at, actor, entity, entity_id, action, after_json) VALUES (?, ?, 'old', 'unit', ?, 'create', ?)");
    // Written out of id and time order on purpose: the chain follows the order of writing.
    for (const [id, at] of [['c', '2024-03-01'], ['a', '2024-01-01'], ['b', '2024-02-01']] as const) insert.run(id, at, id, JSON.stringify({ id }));
    old.close();

    const { db } = openDatabase(file);
    expect(db.prepare('SELECT id FROM audit_trail ORDER BY seq').pluck().all()).toEqual(['c', 'a', 'b']);
    expect(verifyTrailChain(db)).toMatchObject({ intact: true, rows: 3 });
    // New rows continue the chain.
    const ctx = createContext(db, 'tester');
    mutate(ctx, (trail) => trail({ entity: 'unit', entityId: 'd', action: 'create', after: { id: 'd' } }));
    expect(verifyTrailChain(db)).toMatchObject({ intact: true, rows: 4 });
    db.prepare("UPDATE audit_trail SET action = 'delete' WHERE id = 'a'").run();
    expect(verifyTrailChain(db).firstBroken).toMatchObject({ id: 'a', seq: 2, reason: 'row_changed' });
    db.close();
  });
});
