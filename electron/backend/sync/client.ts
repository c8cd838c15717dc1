import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import type { ServiceContext } from '../core/context';
import { readSyncMeta } from './capture';
import { applyChanges, changesSince, type Change } from './journal';
import { START_CURSOR } from './protocol';
import { ServerLink, type FetchLike } from './server-link';

/**
 * "Synchronise": pushes this database's changes after the last position the server confirmed,
 * then pulls everyone else's after the last server position applied here. Each position moves only
 * once the other side has committed (the server answered the push; the pulled page is applied in
 * the same SQLite transaction that moves the cursor), so a sync cut anywhere repeats harmlessly:
 * the server skips change ids it has, the journal skips change ids it has.
 */

const PUSH_BATCH = 500;
const PULL_BATCH = 1000;

/** Where this database stands with its team server; kept in `settings`, which never travels as changes. */
export interface LinkState {
  url: string | null;
  token: string | null;
  user: { name: string; role: 'coordinator' | 'auditor'; personId: string | null } | null;
  pushedSeq: number;
  pullCursor: string;
  /** The local clock when the last sync completed: both sides changing a field after it is a conflict for a person. */
  baseHlc: string | null;
  lastSyncAt: string | null;
}

const KEYS = {
  url: 'teamServer.url',
  token: 'teamServer.token',
  user: 'teamServer.user',
  pushedSeq: 'teamServer.pushedSeq',
  pullCursor: 'teamServer.pullCursor',
  baseHlc: 'teamServer.baseHlc',
  lastSyncAt: 'teamServer.lastSyncAt',
  instance: 'teamServer.instance',
} as const;

function get(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

function put(db: Db, key: string, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function readLinkState(db: Db): LinkState {
  const user = get(db, KEYS.user);
  return {
    url: get(db, KEYS.url),
    token: get(db, KEYS.token),
    user: user ? (JSON.parse(user) as LinkState['user']) : null,
    pushedSeq: Number(get(db, KEYS.pushedSeq) ?? 0),
    pullCursor: get(db, KEYS.pullCursor) ?? START_CURSOR,
    baseHlc: get(db, KEYS.baseHlc),
    lastSyncAt: get(db, KEYS.lastSyncAt),
  };
}

/** A signed-in link to `url`; another server than before starts from the beginning on both sides. */
export function saveSignIn(db: Db, url: string, token: string, user: NonNullable<LinkState['user']>): void {
  db.transaction(() => {
    if (get(db, KEYS.url) !== url) {
      for (const key of [KEYS.pushedSeq, KEYS.pullCursor, KEYS.baseHlc, KEYS.lastSyncAt, KEYS.instance]) put(db, key, null);
    }
    put(db, KEYS.url, url);
    put(db, KEYS.token, token);
    put(db, KEYS.user, JSON.stringify(user));
  })();
}

export function forgetToken(db: Db): void {
  put(db, KEYS.token, null);
}

export interface SyncOutcome {
  pushed: number;
  /** Changes the server already had (a repeated batch after an interruption). */
  duplicates: number;
  pulled: number;
  applied: number;
  conflicts: number;
  /** Audits whose changes this user may not send (they are not on the team); kept here, not sent. */
  refusedAudits: string[];
}

export interface SyncOptions {
  fetch?: FetchLike;
  pushBatch?: number;
  pullBatch?: number;
}

export async function synchronise(ctx: ServiceContext, opts: SyncOptions = {}): Promise<SyncOutcome> {
  const db = ctx.db;
  const state = readLinkState(db);
  if (!state.url) throw new AppError('sync_failed', { reason: 'not_configured' });
  if (!state.token) throw new AppError('sync_failed', { reason: 'signed_out' });
  const link = new ServerLink(state.url, state.token, opts.fetch);
  const outcome: SyncOutcome = { pushed: 0, duplicates: 0, pulled: 0, applied: 0, conflicts: 0, refusedAudits: [] };
  try {
    // A server whose database is new or was restored from a backup lacks what this laptop holds,
    // and its positions mean something else now: send and receive everything once more (both
    // sides skip the change ids they have).
    const { instance } = await link.me();
    const known = get(db, KEYS.instance);
    if (known !== instance) {
      db.transaction(() => {
        if (known !== null) {
          put(db, KEYS.pushedSeq, null);
          put(db, KEYS.pullCursor, null);
        }
        put(db, KEYS.instance, instance);
      })();
    }
    await pushAll(db, link, state, outcome, opts.pushBatch ?? PUSH_BATCH);
    await pullAll(ctx, link, state, outcome, opts.pullBatch ?? PULL_BATCH);
  } catch (err) {
    // A revoked token will not come back: the person signs in again.
    if (err instanceof AppError && err.params.reason === 'signed_out') forgetToken(db);
    throw err;
  }
  db.transaction(() => {
    put(db, KEYS.baseHlc, readSyncMeta(db).lastHlc);
    put(db, KEYS.lastSyncAt, ctx.now().toISOString());
  })();
  return outcome;
}

async function pushAll(db: Db, link: ServerLink, state: LinkState, outcome: SyncOutcome, batch: number): Promise<void> {
  const refused = new Set<string>();
  for (;;) {
    const from = readLinkState(db).pushedSeq;
    const { changes, position } = changesSince(db, from, { limit: batch });
    // What came from the server goes no further than here: the server has it.
    const fromServer = new Set(
      (db.prepare("SELECT change_id FROM change_log WHERE seq > ? AND seq <= ? AND origin = 'server'").all(from, position) as { change_id: string }[]).map(
        (r) => r.change_id,
      ),
    );
    let outgoing = changes.filter((c) => !fromServer.has(c.changeId) && !(c.auditId && refused.has(c.auditId)));
    while (outgoing.length > 0) {
      try {
        await uploadBlobs(db, link, outgoing);
        const r = await link.push(outgoing);
        outcome.pushed += r.accepted;
        outcome.duplicates += r.duplicates;
        break;
      } catch (err) {
        // Work on an audit this user is not on (it came in a package) stays here; the rest still goes.
        const audits = err instanceof AppError && err.params.reason === 'forbidden' ? (err.params.audits as string[]) : [];
        if (audits.length === 0) throw err;
        for (const a of audits) refused.add(a);
        outgoing = outgoing.filter((c) => !(c.auditId && refused.has(c.auditId)));
      }
    }
    if (position > from) put(db, KEYS.pushedSeq, String(position));
    if (changes.length < batch) break;
  }
  outcome.refusedAudits = [...refused];
}

/** Attachment bytes go before the changes that name them, and only when the server lacks them. */
async function uploadBlobs(db: Db, link: ServerLink, changes: Change[]): Promise<void> {
  for (const c of changes) {
    const sha256 = blobOf(c);
    if (!sha256 || (await link.hasBlob(sha256))) continue;
    const blob = db.prepare('SELECT data, mime FROM blobs WHERE sha256 = ?').get(sha256) as { data: Buffer; mime: string } | undefined;
    if (blob) await link.putBlob(sha256, blob.data, blob.mime, c.auditId);
  }
}

const blobOf = (c: Change): string | null =>
  c.table === 'attachments' && c.op === 'upsert' && typeof c.fields.sha256 === 'string' && /^[0-9a-f]{64}$/.test(c.fields.sha256) ? c.fields.sha256 : null;

async function pullAll(ctx: ServiceContext, link: ServerLink, state: LinkState, outcome: SyncOutcome, batch: number): Promise<void> {
  const db = ctx.db;
  for (;;) {
    const cursor = readLinkState(db).pullCursor;
    const page = await link.pull(cursor, batch);
    // Bytes first, checked against their hash, so the attachment rows that name them can be written.
    const blobs: { sha256: string; bytes: Buffer; mime: string }[] = [];
    for (const c of page.changes) {
      const sha256 = blobOf(c);
      if (!sha256 || blobs.some((b) => b.sha256 === sha256) || db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').get(sha256)) continue;
      blobs.push({ sha256, ...(await link.getBlob(sha256)) });
    }
    db.transaction(() => {
      const insert = db.prepare('INSERT OR IGNORE INTO blobs (sha256, data, size, mime, created_at) VALUES (?, ?, ?, ?, ?)');
      for (const b of blobs) insert.run(b.sha256, b.bytes, b.bytes.length, b.mime, ctx.now().toISOString());
      const r = applyChanges(ctx, page.changes, { origin: 'server', ...(state.baseHlc ? { base: state.baseHlc } : {}) });
      outcome.applied += r.applied;
      outcome.conflicts += r.conflicts.length;
      put(db, KEYS.pullCursor, page.cursor);
    })();
    outcome.pulled += page.changes.length;
    if (!page.more) break;
  }
}
