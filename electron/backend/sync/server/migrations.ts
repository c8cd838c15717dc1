import type { Pool, PoolClient } from 'pg';

/**
 * The server's own schema, numbered and append-only: a released migration is never edited, a new
 * one is added. Each runs in one transaction together with its row in `schema_migrations`, so a
 * failed upgrade leaves the previous schema intact.
 */
export const SERVER_MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'accounts, changes, blobs, audit teams',
    sql: `
CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  role          text NOT NULL CHECK (role IN ('coordinator', 'auditor')),
  person_id     text,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role = 'coordinator' OR person_id IS NOT NULL)
);

-- Only a SHA-256 of each token is kept: a copy of the database does not sign anybody in.
CREATE TABLE tokens (
  token_hash   text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX tokens_user ON tokens(user_id);

-- server_seq is the position laptops pull from; change_id makes a repeated push harmless.
CREATE TABLE changes (
  server_seq  bigserial PRIMARY KEY,
  change_id   text NOT NULL UNIQUE,
  hlc         text NOT NULL,
  node        text NOT NULL,
  tbl         text NOT NULL,
  row_id      text NOT NULL,
  op          text NOT NULL CHECK (op IN ('upsert', 'delete')),
  fields      jsonb NOT NULL,
  audit_id    text,
  pushed_by   bigint NOT NULL REFERENCES users(id),
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_audit ON changes(audit_id, server_seq);

-- Who is on which audit's team, kept from the synchronised audit_team rows (last writer wins by
-- clock). granted_seq is where the person joined: their next pull also brings the audit's history.
CREATE TABLE team_members (
  audit_id    text NOT NULL,
  person_id   text NOT NULL,
  present     boolean NOT NULL,
  hlc         text NOT NULL,
  granted_seq bigint NOT NULL,
  PRIMARY KEY (audit_id, person_id)
);
CREATE INDEX team_members_person ON team_members(person_id, granted_seq);

-- Which server this is, as laptops know it. A new value (a new database, or \`granska server
-- restored\` after a backup was put back) makes every laptop send and receive everything once more.
CREATE TABLE server_meta (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  instance_id text NOT NULL
);
INSERT INTO server_meta (instance_id) VALUES (gen_random_uuid()::text);

CREATE TABLE blobs (
  sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes       bytea NOT NULL,
  size        bigint NOT NULL,
  mime        text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
-- Which audit a blob belongs to, so an auditor reads only the attachments of audits they see.
CREATE TABLE blob_audits (
  sha256   text NOT NULL REFERENCES blobs(sha256) ON DELETE CASCADE,
  audit_id text NOT NULL DEFAULT '',
  PRIMARY KEY (sha256, audit_id)
);
`,
  },
];

export const SERVER_SCHEMA_VERSION = SERVER_MIGRATIONS.length;

/** An arbitrary but fixed key, so two servers started at once do not migrate the same database together. */
const MIGRATION_LOCK = 4711_2026;

export class NewerSchemaError extends Error {
  constructor(readonly found: number) {
    super(`the database has schema version ${found}; this Granska knows up to ${SERVER_SCHEMA_VERSION}. Use a newer Granska.`);
  }
}

/** Brings the database to the latest schema; returns the versions applied now. Refuses a newer schema untouched. */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const highest = Math.max(0, ...done);
    if (highest > SERVER_SCHEMA_VERSION) throw new NewerSchemaError(highest);
    const applied: number[] = [];
    for (const m of SERVER_MIGRATIONS) {
      if (done.has(m.version)) continue;
      await inTransaction(client, async () => {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      });
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

export async function inTransaction<T>(client: PoolClient, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
