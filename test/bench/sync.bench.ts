import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { PushResult, WireChange } from '../../electron/backend/sync/protocol';
import { Accounts } from '../../electron/backend/sync/server/accounts';
import { startTeamServer } from '../../electron/backend/sync/server/http';
import { migrate } from '../../electron/backend/sync/server/migrations';
import { postgresUnavailableReason, startCluster } from '../helpers/postgres';

const LAPTOPS = 20;
const CHANGES = 1000;
const BATCH = 500; // the laptop client's push batch

/** One laptop's afternoon of work: findings and checklist answers on its own audit. */
function laptopChanges(laptop: number): WireChange[] {
  const node = laptop.toString(16).padStart(16, '0');
  const auditId = uuidv7();
  return Array.from({ length: CHANGES }, (_, i) => {
    const rowId = uuidv7();
    return {
      changeId: uuidv7(),
      hlc: `${new Date(Date.UTC(2026, 11, 4, 8, 0, 0, i)).toISOString()}-0000-${node}`,
      node,
      table: i % 2 ? 'findings' : 'checklist_items',
      rowId,
      op: 'upsert',
      fields: { id: rowId, audit_id: auditId, evidence: `Belägg ${i} från revisor ${laptop}: rutinen följs inte fullt ut på enheten.`, updated_at: '2026-12-04T08:00:00.000Z' },
      auditId,
    } satisfies WireChange;
  });
}

const batches = (changes: WireChange[]) => Array.from({ length: Math.ceil(changes.length / BATCH) }, (_, i) => changes.slice(i * BATCH, (i + 1) * BATCH));

/**
 * 20 laptops push 1,000 changes each at the same time through the team server (HTTP, token check,
 * validation, one transaction per batch); the baseline inserts the same rows into the same table
 * straight from 20 PostgreSQL connections, one transaction per batch, no HTTP and no checks.
 */
export default async function bench(): Promise<void> {
  const reason = postgresUnavailableReason();
  if (reason) {
    if (process.env.CI) throw new Error(`PostgreSQL benchmark cannot run in CI: ${reason}`);
    console.log(`Skipped: ${reason}`);
    return;
  }
  const cluster = await startCluster();
  try {
    const server = await startTeamServer({ pg: cluster.createDatabase('bench_server') });
    const tokens: string[] = [];
    const accounts = new Accounts(server.pool);
    await accounts.upsertUser({ name: 'bench', role: 'coordinator', personId: null, password: 'benchmark password' });
    const signIn = await fetch(`${server.url}/v1/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', password: 'benchmark password' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    for (let i = 0; i < LAPTOPS; i++) tokens.push(token);
    const work = Array.from({ length: LAPTOPS }, (_, i) => laptopChanges(i));

    const t0 = performance.now();
    await Promise.all(
      work.map(async (changes, i) => {
        for (const batch of batches(changes)) {
          const res = await fetch(`${server.url}/v1/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' },
            body: JSON.stringify({ changes: batch }),
          });
          const r = (await res.json()) as PushResult;
          if (r.accepted !== batch.length) throw new Error(`push accepted ${r.accepted} of ${batch.length}`);
        }
      }),
    );
    const viaServer = performance.now() - t0;

    // every laptop then pulls everything once (what a coordinator's first sync does)
    const t1 = performance.now();
    let pulled = 0;
    for (let cursor = '0.0', more = true; more; ) {
      const res = await fetch(`${server.url}/v1/pull?cursor=${cursor}&limit=5000`, { headers: { authorization: `Bearer ${token}` } });
      const page = (await res.json()) as { changes: unknown[]; cursor: string; more: boolean };
      pulled += page.changes.length;
      cursor = page.cursor;
      more = page.more;
    }
    const pullMs = performance.now() - t1;
    await server.close();

    const direct = new Pool({ connectionString: cluster.createDatabase('bench_direct'), max: LAPTOPS });
    await migrate(direct);
    const userId = (await direct.query("INSERT INTO users (name, role, password_hash) VALUES ('bench', 'coordinator', 'x') RETURNING id")).rows[0].id as string;
    const fresh = Array.from({ length: LAPTOPS }, (_, i) => laptopChanges(i));
    const t2 = performance.now();
    await Promise.all(
      fresh.map(async (changes) => {
        const client = await direct.connect();
        try {
          for (const batch of batches(changes)) {
            await client.query('BEGIN');
            await client.query(
              `INSERT INTO changes (change_id, hlc, node, tbl, row_id, op, fields, audit_id, pushed_by)
               SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[], $9::bigint[])`,
              [
                batch.map((c) => c.changeId),
                batch.map((c) => c.hlc),
                batch.map((c) => c.node),
                batch.map((c) => c.table),
                batch.map((c) => c.rowId),
                batch.map((c) => c.op),
                batch.map((c) => JSON.stringify(c.fields)),
                batch.map((c) => c.auditId),
                batch.map(() => userId),
              ],
            );
            await client.query('COMMIT');
          }
        } finally {
          client.release();
        }
      }),
    );
    const directMs = performance.now() - t2;
    await direct.end();

    const total = LAPTOPS * CHANGES;
    const rate = (ms: number) => Math.round(total / (ms / 1000)).toLocaleString('en');
    console.log(`  ${LAPTOPS} laptops × ${CHANGES} changes pushed through the team server: ${viaServer.toFixed(0)} ms, ${rate(viaServer)} changes/s`);
    console.log(`  same rows inserted into PostgreSQL directly (20 connections, batches of ${BATCH}): ${directMs.toFixed(0)} ms, ${rate(directMs)} changes/s`);
    console.log(`  ratio server / direct: ${(viaServer / directMs).toFixed(2)}×`);
    console.log(`  pulling all ${pulled} changes back (pages of 5000): ${pullMs.toFixed(0)} ms, ${Math.round(pulled / (pullMs / 1000)).toLocaleString('en')} changes/s`);
  } finally {
    cluster.destroy();
  }
}
