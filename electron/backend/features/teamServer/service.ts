import type { TeamServerStatus, TeamServerSyncResult } from '../../../../shared/contract/teamServer';
import { AppError } from '../../../../shared/errors';
import type { ServiceContext } from '../../core/context';
import { forgetToken, readLinkState, saveSignIn, synchronise, type SyncOptions } from '../../sync/client';
import { ServerLink } from '../../sync/server-link';

/**
 * Settings › Team server. Nothing here runs unless a person typed an address and signed in: the
 * app stays offline by default.
 */
export function teamServerStatus(ctx: ServiceContext): TeamServerStatus {
  const state = readLinkState(ctx.db);
  const count = (sql: string, ...params: unknown[]) => (ctx.db.prepare(sql).get(...params) as { n: number }).n;
  return {
    url: state.url,
    signedIn: state.token !== null,
    user: state.user,
    lastSyncAt: state.lastSyncAt,
    openConflicts: count('SELECT count(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL'),
    conflictAudits: ctx.db
      .prepare(
        `SELECT a.id, a.number, count(*) AS count FROM sync_conflicts c JOIN audits a ON a.id = c.audit_id
         WHERE c.resolved_at IS NULL GROUP BY a.id ORDER BY a.number`,
      )
      .all() as TeamServerStatus['conflictAudits'],
    unsentChanges: state.url ? count("SELECT count(*) AS n FROM change_log WHERE seq > ? AND origin != 'server'", state.pushedSeq) : 0,
  };
}

export async function teamServerSignIn(
  ctx: ServiceContext,
  input: { url: string; name: string; password: string },
  opts: SyncOptions = {},
): Promise<TeamServerStatus> {
  const url = ServerLink.normaliseUrl(input.url);
  const { token, user } = await new ServerLink(url, null, opts.fetch).signIn(input.name, input.password);
  saveSignIn(ctx.db, url, token, user);
  return teamServerStatus(ctx);
}

/** Ends the token on the server when it can be reached, and here in any case. */
export async function teamServerSignOut(ctx: ServiceContext, opts: SyncOptions = {}): Promise<TeamServerStatus> {
  const state = readLinkState(ctx.db);
  if (state.url && state.token) await new ServerLink(state.url, state.token, opts.fetch).signOut().catch(() => undefined);
  forgetToken(ctx.db);
  return teamServerStatus(ctx);
}

/** One sync at a time per database: a second press waits for nothing and is told so. */
const running = new WeakSet<object>();

export async function teamServerSynchronise(ctx: ServiceContext, opts: SyncOptions = {}): Promise<TeamServerSyncResult> {
  if (running.has(ctx.db)) throw new AppError('sync_failed', { reason: 'busy' });
  running.add(ctx.db);
  try {
    const outcome = await synchronise(ctx, opts);
    return { status: teamServerStatus(ctx), ...outcome };
  } finally {
    running.delete(ctx.db);
  }
}
