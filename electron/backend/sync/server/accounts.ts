import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { Pool } from 'pg';
import type { Role } from '../protocol';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

/** OWASP's scrypt floor (N=2^17, r=8, p=1): about 128 MiB and a tenth of a second per attempt. */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 12;

export interface User {
  id: number;
  name: string;
  role: Role;
  personId: string | null;
}

/** `scrypt$N$r$p$salt$hash`, so stronger parameters later still verify the hashes made today. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return crypto.timingSafeEqual(actual, expected);
}

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A dummy hash compared against when the name is unknown, so response time does not reveal which names exist. */
let decoy: Promise<string> | null = null;

export class Accounts {
  constructor(private readonly pool: Pool) {}

  /** Adds a user or, with the same name, replaces their role, person and password. */
  async upsertUser(input: { name: string; role: Role; personId: string | null; password: string }): Promise<{ created: boolean }> {
    const hash = await hashPassword(input.password);
    const r = await this.pool.query<{ created: boolean }>(
      `INSERT INTO users (name, role, person_id, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, person_id = EXCLUDED.person_id, password_hash = EXCLUDED.password_hash
       RETURNING (xmax = 0) AS created`,
      [input.name, input.role, input.personId, hash],
    );
    return { created: r.rows[0]?.created ?? false };
  }

  async listUsers(): Promise<(User & { activeTokens: number })[]> {
    const r = await this.pool.query(
      `SELECT u.id, u.name, u.role, u.person_id,
              (SELECT count(*) FROM tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL)::int AS active
       FROM users u ORDER BY u.name`,
    );
    return r.rows.map((row: { id: string; name: string; role: Role; person_id: string | null; active: number }) => ({
      id: Number(row.id),
      name: row.name,
      role: row.role,
      personId: row.person_id,
      activeTokens: row.active,
    }));
  }

  /** A new token for a right name and password, else null (the caller does not learn which was wrong). */
  async signIn(name: string, password: string): Promise<{ token: string; user: User } | null> {
    const r = await this.pool.query('SELECT id, name, role, person_id, password_hash FROM users WHERE name = $1', [name]);
    const row = r.rows[0] as { id: string; name: string; role: Role; person_id: string | null; password_hash: string } | undefined;
    if (!row) {
      decoy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
      await verifyPassword(password, await decoy);
      return null;
    }
    if (!(await verifyPassword(password, row.password_hash))) return null;
    const token = crypto.randomBytes(32).toString('base64url');
    await this.pool.query('INSERT INTO tokens (token_hash, user_id) VALUES ($1, $2)', [tokenHash(token), row.id]);
    return { token, user: { id: Number(row.id), name: row.name, role: row.role, personId: row.person_id } };
  }

  /** The user a bearer token belongs to, or null when it is unknown or revoked. */
  async authenticate(token: string): Promise<User | null> {
    const r = await this.pool.query(
      `UPDATE tokens t SET last_used_at = now() FROM users u
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.id = t.user_id
       RETURNING u.id, u.name, u.role, u.person_id`,
      [tokenHash(token)],
    );
    const row = r.rows[0] as { id: string; name: string; role: Role; person_id: string | null } | undefined;
    return row ? { id: Number(row.id), name: row.name, role: row.role, personId: row.person_id } : null;
  }

  async revokeToken(token: string): Promise<number> {
    const r = await this.pool.query('UPDATE tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash(token)]);
    return r.rowCount ?? 0;
  }

  /** Signs a user out everywhere (a lost laptop, someone leaving); returns how many tokens ended. */
  async revokeUserTokens(name: string): Promise<number | null> {
    const user = await this.pool.query('SELECT id FROM users WHERE name = $1', [name]);
    if (!user.rows[0]) return null;
    const r = await this.pool.query('UPDATE tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
      (user.rows[0] as { id: string }).id,
    ]);
    return r.rowCount ?? 0;
  }
}
