import fs from 'node:fs';
import { Pool } from 'pg';
import { Accounts, MIN_PASSWORD_LENGTH } from '../../backend/sync/server/accounts';
import { startTeamServer } from '../../backend/sync/server/http';
import { migrate } from '../../backend/sync/server/migrations';
import { ChangeStore } from '../../backend/sync/server/store';
import type { Role } from '../../backend/sync/protocol';
import { fail } from '../exit';
import { printJson } from '../output';

export interface ServerRunOptions {
  pg: string;
  port: number;
  host: string;
  tlsCert?: string;
  tlsKey?: string;
}

export interface UserAddOptions {
  pg: string;
  name: string;
  role: Role;
  personId?: string;
  personEmail?: string;
  passwordEnv: string;
}

/** The connection string without its password, for messages. */
const shown = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

function pgError(err: unknown, url: string): never {
  fail(`cannot use PostgreSQL at ${shown(url)}: ${err instanceof Error ? err.message : String(err)}`);
}

function readPem(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    fail(`cannot read the ${what} ${file}.`, 2);
  }
}

export async function runServer(opts: ServerRunOptions): Promise<void> {
  if (!opts.pg) fail("required option '--pg <url>' not specified (or set GRANSKA_PG).");
  if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) fail('--tls-cert and --tls-key go together.');
  const tls = opts.tlsCert && opts.tlsKey ? { cert: readPem(opts.tlsCert, 'certificate'), key: readPem(opts.tlsKey, 'key') } : undefined;
  let server;
  try {
    server = await startTeamServer({
      pg: opts.pg,
      port: opts.port,
      host: opts.host,
      ...(tls ? { tls } : {}),
      log: (line) => process.stderr.write(`granska server: ${line}\n`),
    });
  } catch (err) {
    if (err instanceof Error && 'code' in err && (err as { code: string }).code === 'EADDRINUSE') fail(`port ${opts.port} on ${opts.host} is in use.`);
    pgError(err, opts.pg);
  }
  process.stdout.write(`Granska team server listening on ${server.url} (PostgreSQL ${shown(opts.pg)}).\n`);
  if (!tls && opts.host !== '127.0.0.1' && opts.host !== 'localhost') {
    process.stdout.write('Without --tls-cert, put a TLS reverse proxy in front of it: passwords and tokens must not cross a network in clear text.\n');
  }
  process.stdout.write('Press Ctrl+C to stop.\n');
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function withAccounts<T>(url: string, fn: (accounts: Accounts, pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool({ connectionString: url, max: 1 });
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    pgError(err, url);
  }
  try {
    return await fn(new Accounts(pool), pool);
  } finally {
    await pool.end();
  }
}

export async function runUserAdd(opts: UserAddOptions): Promise<void> {
  const password = process.env[opts.passwordEnv];
  if (!password) fail(`the environment variable ${opts.passwordEnv} is not set or empty; it must hold the password.`);
  if (password.length < MIN_PASSWORD_LENGTH) fail(`the password must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
  if (opts.personId && opts.personEmail) fail('give --person-id or --person-email, not both.');
  const { created, personId } = await withAccounts(opts.pg, async (a, pool) => {
    const personId = opts.personEmail ? await personByEmail(pool, opts.personEmail) : opts.personId?.trim() || null;
    if (opts.role === 'auditor' && !personId) {
      fail('an auditor needs --person-id or --person-email: the server shows them the audits whose team holds that person.');
    }
    return { ...(await a.upsertUser({ name: opts.name, role: opts.role, personId, password })), personId };
  });
  process.stdout.write(`${created ? 'Added' : 'Updated'} ${opts.role} ${opts.name}${personId ? ` (person ${personId})` : ''}.\n`);
}

/** The person's id from the newest synchronised version of a people row with that e-mail address. */
async function personByEmail(pool: Pool, email: string): Promise<string> {
  const r = await pool.query<{ row_id: string }>(
    `SELECT row_id FROM changes WHERE tbl = 'people' AND op = 'upsert' AND lower(fields->>'email') = lower($1) ORDER BY server_seq DESC LIMIT 1`,
    [email.trim()],
  );
  const row = r.rows[0];
  if (!row) fail(`no person with the e-mail ${email} has reached the server yet: synchronise a coordinator's laptop first, or give --person-id.`);
  return row.row_id;
}

export async function runRestored(opts: { pg: string }): Promise<void> {
  await withAccounts(opts.pg, async (_a, pool) => {
    await new ChangeStore(pool).renewInstance();
  });
  process.stdout.write('The server has a new instance id: on their next sync, laptops send their changes again and receive everything again.\n');
}

export async function runUserList(opts: { pg: string; json?: boolean }): Promise<void> {
  const users = await withAccounts(opts.pg, (a) => a.listUsers());
  if (opts.json) return printJson(users.map(({ name, role, personId, activeTokens }) => ({ name, role, personId, activeTokens })));
  if (users.length === 0) process.stdout.write('No users yet: add one with granska server user add.\n');
  for (const u of users) process.stdout.write(`${u.name}\t${u.role}\t${u.personId ?? '-'}\t${u.activeTokens} active token(s)\n`);
}

export async function runTokenRevoke(opts: { pg: string; name: string }): Promise<void> {
  const revoked = await withAccounts(opts.pg, (a) => a.revokeUserTokens(opts.name));
  if (revoked === null) fail(`no user named ${opts.name}.`);
  process.stdout.write(`Revoked ${revoked} token(s) of ${opts.name}; their laptops must sign in again.\n`);
}
