import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { Accounts } from '../../../electron/backend/sync/server/accounts';
import { startTeamServer, type RunningTeamServer } from '../../../electron/backend/sync/server/http';
import { migrate, SERVER_SCHEMA_VERSION } from '../../../electron/backend/sync/server/migrations';
import { skipPostgres, startCluster, type Cluster } from '../../helpers/postgres';
import { change, client, teamChange } from './server-fixtures';

const PASSWORD = 'correct horse battery';

describe.skipIf(skipPostgres())('team server on a real PostgreSQL', () => {
  let cluster: Cluster;
  let pg: string;
  let server: RunningTeamServer;
  const tokens: Record<string, string> = {};
  const ANNA = uuidv7(); // auditor on the social services audit
  const BO = uuidv7(); // auditor on the schools audit
  const socialAudit = uuidv7();
  const schoolAudit = uuidv7();

  beforeAll(async () => {
    cluster = await startCluster();
    pg = cluster.createDatabase('team');
    server = await startTeamServer({ pg });
    const accounts = new Accounts(server.pool);
    await accounts.upsertUser({ name: 'karin', role: 'coordinator', personId: null, password: PASSWORD });
    await accounts.upsertUser({ name: 'anna', role: 'auditor', personId: ANNA, password: PASSWORD });
    await accounts.upsertUser({ name: 'bo', role: 'auditor', personId: BO, password: PASSWORD });
    for (const name of ['karin', 'anna', 'bo']) {
      const r = await client(server.url).signIn(name, PASSWORD);
      tokens[name] = r.body.token as string;
    }
    // the coordinator plans both audits and their teams
    const plan = await client(server.url, tokens.karin).push([
      change({ table: 'audits', rowId: socialAudit, auditId: socialAudit, fields: { id: socialAudit, title: 'Hemtjänst' } }),
      teamChange(socialAudit, ANNA),
      change({ table: 'audits', rowId: schoolAudit, auditId: schoolAudit, fields: { id: schoolAudit, title: 'Skolskjuts' } }),
      teamChange(schoolAudit, BO),
      change({ table: 'units', fields: { name: 'Socialförvaltningen' } }),
    ]);
    expect(plan.body).toEqual({ accepted: 5, duplicates: 0 });
  }, 120_000);

  afterAll(async () => {
    await server?.close().catch(() => undefined);
    cluster?.destroy();
  });

  it('migrates once, tracks the version in a table, and leaves a migrated database alone', async () => {
    const pool = new Pool({ connectionString: pg, max: 1 });
    try {
      expect(await migrate(pool)).toEqual([]);
      const r = await pool.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(r.rows.map((row: { version: number }) => row.version)).toEqual([...Array(SERVER_SCHEMA_VERSION).keys()].map((i) => i + 1));
    } finally {
      await pool.end();
    }
  });

  it('refuses a wrong password, a wrong token and no token, with clear codes', async () => {
    const wrong = await client(server.url).signIn('anna', 'not the password');
    expect(wrong).toEqual({ status: 401, body: { error: { code: 'unauthorized', params: { reason: 'sign_in' } } } });
    expect((await client(server.url).signIn('nobody', PASSWORD)).status).toBe(401);
    const forged = await client(server.url, crypto.randomBytes(32).toString('base64url')).pull();
    expect(forged).toEqual({ status: 401, body: { error: { code: 'unauthorized', params: { reason: 'token' } } } });
    expect((await client(server.url).pull()).status).toBe(401);
  });

  it('makes a name wait after ten wrong passwords, even when the eleventh is right', async () => {
    const accounts = new Accounts(server.pool);
    await accounts.upsertUser({ name: 'guessed', role: 'coordinator', personId: null, password: PASSWORD });
    for (let i = 0; i < 10; i++) expect((await client(server.url).signIn('guessed', `guess ${i}`)).status).toBe(401);
    const locked = await client(server.url).signIn('guessed', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    expect(locked.body.error.params.retryAfter).toBeGreaterThan(800);
    expect((await client(server.url).signIn('anna', PASSWORD)).status).toBe(200); // other names are not affected
  }, 120_000);

  it('stores only a hash of each token and scrypt hashes of passwords', async () => {
    const tokensRows = await server.pool.query('SELECT token_hash FROM tokens');
    expect(tokensRows.rows.map((r: { token_hash: string }) => r.token_hash)).not.toContain(tokens.anna);
    const users = await server.pool.query("SELECT password_hash FROM users WHERE name = 'anna'");
    expect((users.rows[0] as { password_hash: string }).password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('refuses a revoked token, and a signed-out one', async () => {
    const a = (await client(server.url).signIn('bo', PASSWORD)).body.token as string;
    const b = (await client(server.url).signIn('bo', PASSWORD)).body.token as string;
    expect((await client(server.url, a).me()).body).toMatchObject({ name: 'bo', role: 'auditor', personId: BO });
    expect((await client(server.url, a).signOut()).status).toBe(200);
    expect((await client(server.url, a).pull()).status).toBe(401);
    expect((await client(server.url, b).pull()).status).toBe(200);
    expect(await new Accounts(server.pool).revokeUserTokens('bo')).toBe(2); // b and the one from beforeAll
    expect((await client(server.url, b).pull()).body.error.code).toBe('unauthorized');
    tokens.bo = (await client(server.url).signIn('bo', PASSWORD)).body.token as string;
  });

  it('shows an auditor organisation-wide rows and their own audits only; a coordinator everything', async () => {
    const anna = await client(server.url, tokens.anna).pull();
    const annaAudits = new Set(anna.body.changes.map((c: { auditId: string | null }) => c.auditId));
    expect(annaAudits).toEqual(new Set([socialAudit, null]));
    expect(anna.body.changes.some((c: { table: string }) => c.table === 'units')).toBe(true);
    const karin = await client(server.url, tokens.karin).pull();
    expect(new Set(karin.body.changes.map((c: { auditId: string | null }) => c.auditId))).toEqual(new Set([socialAudit, schoolAudit, null]));
  });

  it("refuses an auditor's push touching another unit's audit, storing nothing of the batch", async () => {
    const before = await server.pool.query('SELECT count(*)::int AS n FROM changes');
    const mine = change({ auditId: socialAudit, fields: { statement: 'Mine' } });
    const theirs = change({ auditId: schoolAudit, fields: { statement: 'Not mine' } });
    const r = await client(server.url, tokens.anna).push([mine, theirs]);
    expect(r).toEqual({ status: 403, body: { error: { code: 'forbidden', params: { reason: 'audit', audits: [schoolAudit] } } } });
    // nor can she put herself on that team
    const join = await client(server.url, tokens.anna).push([teamChange(schoolAudit, ANNA)]);
    expect(join.status).toBe(403);
    const after = await server.pool.query('SELECT count(*)::int AS n FROM changes');
    expect(after.rows[0]).toEqual(before.rows[0]);
    const bo = await client(server.url, tokens.bo).pull();
    expect(bo.body.changes.map((c: { changeId: string }) => c.changeId)).not.toContain(theirs.changeId);
  });

  it('lets an auditor push an audit planned offline that puts them on its team', async () => {
    const offline = uuidv7();
    const r = await client(server.url, tokens.bo).push([
      change({ table: 'audits', rowId: offline, auditId: offline, fields: { id: offline } }),
      teamChange(offline, BO),
    ]);
    expect(r.body).toEqual({ accepted: 2, duplicates: 0 });
    const stranger = uuidv7();
    const refused = await client(server.url, tokens.bo).push([change({ table: 'audits', rowId: stranger, auditId: stranger })]);
    expect(refused.status).toBe(403);
  });

  it('stores a pushed change once however often it is pushed', async () => {
    const batch = [change({ auditId: socialAudit }), change({ auditId: socialAudit })];
    expect((await client(server.url, tokens.anna).push(batch)).body).toEqual({ accepted: 2, duplicates: 0 });
    expect((await client(server.url, tokens.anna).push(batch)).body).toEqual({ accepted: 0, duplicates: 2 });
    expect((await client(server.url, tokens.anna).push([...batch, change({ auditId: socialAudit })])).body).toEqual({ accepted: 1, duplicates: 2 });
    const r = await server.pool.query('SELECT count(*)::int AS n FROM changes WHERE change_id = ANY($1)', [batch.map((c) => c.changeId)]);
    expect(r.rows[0]).toEqual({ n: 2 });
    const twice = change({ auditId: socialAudit });
    expect((await client(server.url, tokens.anna).push([twice, twice])).body).toEqual({ accepted: 1, duplicates: 1 });
  });

  it('pages a pull with a limit and resumes from the cursor without gaps or repeats', async () => {
    const all = await client(server.url, tokens.karin).pull('0.0', 5000);
    const seen: string[] = [];
    let cursor = '0.0';
    for (let more = true; more; ) {
      const page = await client(server.url, tokens.karin).pull(cursor, 3);
      expect(page.body.changes.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.changes.map((c: { changeId: string }) => c.changeId));
      cursor = page.body.cursor as string;
      more = page.body.more as boolean;
    }
    expect(seen).toEqual(all.body.changes.map((c: { changeId: string }) => c.changeId));
  });

  it("brings an audit's earlier history to a person who joins its team later", async () => {
    const anna = client(server.url, tokens.anna);
    let cursor = (await anna.pull('0.0', 5000)).body.cursor as string;
    expect((await anna.pull(cursor)).body.changes).toEqual([]);
    await client(server.url, tokens.karin).push([teamChange(schoolAudit, ANNA)]);
    const next = await anna.pull(cursor);
    const tables = next.body.changes.filter((c: { auditId: string }) => c.auditId === schoolAudit).map((c: { table: string }) => c.table);
    expect(tables).toContain('audits'); // pushed long before she joined
    cursor = next.body.cursor as string;
    expect((await anna.pull(cursor)).body.changes).toEqual([]);
  });

  it('refuses bad input, oversized bodies and unknown endpoints with clear codes', async () => {
    const karin = client(server.url, tokens.karin);
    const bad = await karin.push([{ ...change(), op: 'merge' as never }]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
    const huge = await fetch(`${server.url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.karin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ changes: [change({ fields: { text: 'x'.repeat(9 * 1024 * 1024) } })] }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect((await karin.raw('GET', '/push')).body.error.code).toBe('method_not_allowed');
    expect((await karin.raw('GET', '/renderer')).status).toBe(404);
    expect((await karin.pull('nonsense')).body.error.code).toBe('invalid_input');
  });

  it('keeps attachment bytes only when they match their SHA-256, readable by those who see the audit', async () => {
    const bytes = crypto.randomBytes(1000);
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    const forged = await client(server.url, tokens.anna).putBlob(sha, Buffer.concat([bytes, Buffer.from('x')]), socialAudit);
    expect(forged.status).toBe(422);
    expect((await client(server.url, tokens.anna).getBlob(sha)).status).toBe(404);
    expect((await client(server.url, tokens.bo).putBlob(sha, bytes, socialAudit)).status).toBe(403);
    expect((await client(server.url, tokens.anna).putBlob(sha, bytes, socialAudit)).status).toBe(200);
    const back = await client(server.url, tokens.anna).getBlob(sha);
    expect(Buffer.from(await back.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await client(server.url, tokens.bo).getBlob(sha)).status).toBe(404);
  });

  it('survives a server restart and a PostgreSQL restart mid-sync: nothing lost, nothing twice', async () => {
    const batches = [0, 1, 2].map(() => Array.from({ length: 50 }, () => change()));
    const karin = () => client(server.url, tokens.karin);
    const start = (await karin().pull('0.0', 5000)).body.cursor as string;
    expect((await karin().push(batches[0]!)).body.accepted).toBe(50);
    // the server process stops between two requests of one sync, and comes back on another port
    await server.close();
    server = await startTeamServer({ pg });
    expect((await karin().push(batches[0]!)).body).toEqual({ accepted: 0, duplicates: 50 }); // the laptop repeats its unconfirmed batch
    expect((await karin().push(batches[1]!)).body.accepted).toBe(50);
    // PostgreSQL goes away: the request fails cleanly, and the same server carries on once it is back
    cluster.stop();
    const down = await karin().push(batches[2]!);
    expect(down.status).toBe(500);
    expect(down.body).toEqual({ error: { code: 'internal', params: {} } });
    cluster.start();
    expect((await karin().push(batches[2]!)).body.accepted).toBe(50);
    const pulled = await karin().pull(start, 5000);
    const ids = pulled.body.changes.map((c: { changeId: string }) => c.changeId);
    expect(ids).toEqual(batches.flat().map((c) => c.changeId));
  });
});
