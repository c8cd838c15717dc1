import type { Pool, PoolClient } from 'pg';
import { formatCursor, LIMITS, type PullCursor, type PullResult, type PushResult, type WireChange } from '../protocol';
import type { User } from './accounts';
import { inTransaction } from './migrations';

/** Pushes take this lock so server_seq values become visible in the order they were handed out: a pull never skips a change that commits late. */
const PUSH_LOCK = 4711_2027;

export class Refused extends Error {
  constructor(
    readonly code: 'forbidden' | 'not_found',
    readonly params: Record<string, string | string[]> = {},
  ) {
    super(code);
  }
}

/** `audit_id|person_id`, the audit team's composite key as the journal writes it. */
function teamKey(change: WireChange): { auditId: string; personId: string } | null {
  const [auditFromRow, personFromRow] = change.rowId.split('|');
  const personId = typeof change.fields.person_id === 'string' ? change.fields.person_id : personFromRow;
  const auditId = change.auditId ?? (typeof change.fields.audit_id === 'string' ? change.fields.audit_id : auditFromRow);
  return auditId && personId ? { auditId, personId } : null;
}

export class ChangeStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Stores a batch in one transaction, skipping change ids the server already has. An auditor may
   * touch only audits whose team they are on, or an audit the server has never seen that the batch
   * itself puts them on (an audit planned offline); anything else refuses the whole batch.
   */
  async push(user: User, changes: WireChange[]): Promise<PushResult> {
    const client = await this.pool.connect();
    try {
      return await inTransaction(client, async () => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
        if (user.role !== 'coordinator') await this.assertMayTouch(client, user, changes);
        // One statement for the whole batch, in the batch's order, so server_seq follows the laptop's order.
        const r = await client.query<{ change_id: string; server_seq: string }>(
          `INSERT INTO changes (change_id, hlc, node, tbl, row_id, op, fields, audit_id, pushed_by)
           SELECT change_id, hlc, node, tbl, row_id, op, fields, audit_id, $9
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[])
                WITH ORDINALITY AS t(change_id, hlc, node, tbl, row_id, op, fields, audit_id, ord)
           ORDER BY ord
           ON CONFLICT (change_id) DO NOTHING
           RETURNING change_id, server_seq`,
          [
            changes.map((c) => c.changeId),
            changes.map((c) => c.hlc),
            changes.map((c) => c.node),
            changes.map((c) => c.table),
            changes.map((c) => c.rowId),
            changes.map((c) => c.op),
            changes.map((c) => JSON.stringify(c.fields)),
            changes.map((c) => c.auditId),
            user.id,
          ],
        );
        const stored = new Map(r.rows.map((row) => [row.change_id, Number(row.server_seq)]));
        for (const c of changes) {
          const seq = stored.get(c.changeId);
          if (seq !== undefined && c.table === 'audit_team') await this.applyTeamChange(client, c, seq);
        }
        const accepted = stored.size;
        return { accepted, duplicates: changes.length - accepted };
      });
    } finally {
      client.release();
    }
  }

  private async assertMayTouch(client: PoolClient, user: User, changes: WireChange[]): Promise<void> {
    const audits = [...new Set(changes.map((c) => c.auditId).filter((a): a is string => a !== null))];
    if (audits.length === 0) return;
    const r = await client.query<{ audit_id: string; known: boolean; member: boolean }>(
      `SELECT a.audit_id,
              EXISTS (SELECT 1 FROM changes c WHERE c.audit_id = a.audit_id) AS known,
              EXISTS (SELECT 1 FROM team_members m WHERE m.audit_id = a.audit_id AND m.person_id = $2 AND m.present) AS member
       FROM unnest($1::text[]) AS a(audit_id)`,
      [audits, user.personId],
    );
    const joinsOffline = new Set(
      changes
        .filter((c) => c.table === 'audit_team' && c.op === 'upsert')
        .map(teamKey)
        .filter((k) => k?.personId === user.personId)
        .map((k) => k!.auditId),
    );
    const refused = r.rows.filter((row) => !row.member && (row.known || !joinsOffline.has(row.audit_id))).map((row) => row.audit_id);
    if (refused.length > 0) throw new Refused('forbidden', { reason: 'audit', audits: refused });
  }

  /** Last writer wins by clock, as on the laptops; joining (again) moves granted_seq so the history follows. */
  private async applyTeamChange(client: PoolClient, change: WireChange, seq: number): Promise<void> {
    const key = teamKey(change);
    if (!key) return;
    const present = change.op === 'upsert';
    await client.query(
      `INSERT INTO team_members (audit_id, person_id, present, hlc, granted_seq) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (audit_id, person_id) DO UPDATE SET
         present = EXCLUDED.present,
         hlc = EXCLUDED.hlc,
         granted_seq = CASE WHEN EXCLUDED.present AND NOT team_members.present THEN EXCLUDED.granted_seq ELSE team_members.granted_seq END
       WHERE team_members.hlc < EXCLUDED.hlc`,
      [key.auditId, key.personId, present, change.hlc, seq],
    );
  }

  /**
   * Changes the user may see after `cursor`, in the order they became visible to them: a change's
   * own position, or the moment they joined its audit's team if that came later.
   */
  async pull(user: User, cursor: PullCursor, limit: number): Promise<PullResult> {
    const take = Math.max(1, Math.min(limit, LIMITS.pullMax));
    const everything = user.role === 'coordinator';
    const r = await this.pool.query<{
      eff: string;
      server_seq: string;
      change_id: string;
      hlc: string;
      node: string;
      tbl: string;
      row_id: string;
      op: 'upsert' | 'delete';
      fields: Record<string, unknown>;
      audit_id: string | null;
    }>(
      everything
        ? `SELECT server_seq AS eff, server_seq, change_id, hlc, node, tbl, row_id, op, fields, audit_id
           FROM changes WHERE server_seq > $1 ORDER BY server_seq LIMIT $2`
        : `SELECT GREATEST(c.server_seq, COALESCE(m.granted_seq, 0)) AS eff, c.server_seq, c.change_id, c.hlc, c.node, c.tbl,
                  c.row_id, c.op, c.fields, c.audit_id
           FROM changes c LEFT JOIN team_members m ON m.audit_id = c.audit_id AND m.person_id = $4 AND m.present
           WHERE (c.audit_id IS NULL OR m.present)
             AND (c.server_seq >= $1 OR m.granted_seq >= $1)
             AND (GREATEST(c.server_seq, COALESCE(m.granted_seq, 0)), c.server_seq) > ($1::bigint, $2::bigint)
           ORDER BY 1, 2 LIMIT $3`,
      everything ? [Math.max(cursor.grant, cursor.seq), take + 1] : [cursor.grant, cursor.seq, take + 1, user.personId],
    );
    const rows = r.rows.slice(0, take);
    const last = rows[rows.length - 1];
    const next = last
      ? everything
        ? { grant: Number(last.server_seq), seq: Number(last.server_seq) }
        : { grant: Number(last.eff), seq: Number(last.server_seq) }
      : cursor;
    return {
      changes: rows.map((row) => ({
        changeId: row.change_id,
        hlc: row.hlc,
        node: row.node,
        table: row.tbl,
        rowId: row.row_id,
        op: row.op,
        fields: row.fields,
        auditId: row.audit_id,
      })),
      cursor: formatCursor(next),
      more: r.rows.length > take,
    };
  }

  /** An audit the server has never heard of: one planned offline, whose first push is still to come. */
  async isUnknownAudit(auditId: string): Promise<boolean> {
    const r = await this.pool.query('SELECT 1 FROM changes WHERE audit_id = $1 LIMIT 1', [auditId]);
    return (r.rowCount ?? 0) === 0;
  }

  async instanceId(): Promise<string> {
    const r = await this.pool.query<{ instance_id: string }>('SELECT instance_id FROM server_meta');
    return r.rows[0]!.instance_id;
  }

  /** After a backup was restored: laptops see a new instance and send and receive everything once more. */
  async renewInstance(): Promise<string> {
    const r = await this.pool.query<{ instance_id: string }>('UPDATE server_meta SET instance_id = gen_random_uuid()::text RETURNING instance_id');
    return r.rows[0]!.instance_id;
  }

  /** True when the user may see the audit (null: organisation-wide). */
  async maySee(user: User, auditId: string | null): Promise<boolean> {
    if (user.role === 'coordinator' || auditId === null || auditId === '') return true;
    const r = await this.pool.query('SELECT 1 FROM team_members WHERE audit_id = $1 AND person_id = $2 AND present', [auditId, user.personId]);
    return (r.rowCount ?? 0) > 0;
  }

  /** Stores bytes the caller has already checked against their SHA-256; a second upload of the same bytes only links the audit. */
  async putBlob(sha256: string, bytes: Buffer, mime: string, auditId: string | null): Promise<void> {
    const client = await this.pool.connect();
    try {
      await inTransaction(client, async () => {
        await client.query('INSERT INTO blobs (sha256, bytes, size, mime) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING', [sha256, bytes, bytes.length, mime]);
        await client.query('INSERT INTO blob_audits (sha256, audit_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [sha256, auditId ?? '']);
      });
    } finally {
      client.release();
    }
  }

  async hasBlob(sha256: string): Promise<boolean> {
    const r = await this.pool.query('SELECT 1 FROM blobs WHERE sha256 = $1', [sha256]);
    return (r.rowCount ?? 0) > 0;
  }

  /** The bytes, when some audit they belong to (or the organisation) is visible to the user. */
  async getBlob(user: User, sha256: string): Promise<{ bytes: Buffer; mime: string } | null> {
    const r = await this.pool.query<{ bytes: Buffer; mime: string }>(
      user.role === 'coordinator'
        ? 'SELECT bytes, mime FROM blobs WHERE sha256 = $1'
        : `SELECT b.bytes, b.mime FROM blobs b WHERE b.sha256 = $1 AND EXISTS (
             SELECT 1 FROM blob_audits ba WHERE ba.sha256 = b.sha256 AND (ba.audit_id = '' OR EXISTS (
               SELECT 1 FROM team_members m WHERE m.audit_id = ba.audit_id AND m.person_id = $2 AND m.present)))`,
      user.role === 'coordinator' ? [sha256] : [sha256, user.personId],
    );
    return r.rows[0] ?? null;
  }
}
