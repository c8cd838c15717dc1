import { z } from 'zod';
import { call } from './define';

/** What Settings › Team server shows: where this database synchronises, as whom, and how it went. */
export interface TeamServerStatus {
  url: string | null;
  signedIn: boolean;
  user: { name: string; role: 'coordinator' | 'auditor'; personId: string | null } | null;
  lastSyncAt: string | null;
  /** Conflicts from packages or the server still waiting for a person. */
  openConflicts: number;
  /** The audits whose page shows those conflicts, for a link each. */
  conflictAudits: { id: string; number: string; count: number }[];
  /** Local changes the server has not confirmed yet. */
  unsentChanges: number;
}

export interface TeamServerSyncResult {
  status: TeamServerStatus;
  pushed: number;
  /** Changes the server already had: a batch sent again after an interrupted sync. */
  duplicates: number;
  pulled: number;
  applied: number;
  conflicts: number;
  refusedAudits: string[];
}

export const teamServerCalls = {
  'teamServer.status': call<TeamServerStatus>()(z.object({}).default({})),
  'teamServer.signIn': call<TeamServerStatus>()(
    z.object({
      url: z.string().trim().min(1, { message: 'required' }).max(500, { message: 'too_long' }),
      name: z.string().trim().min(1, { message: 'required' }).max(200, { message: 'too_long' }),
      password: z.string().min(1, { message: 'required' }).max(1000, { message: 'too_long' }),
    }),
  ),
  'teamServer.signOut': call<TeamServerStatus>()(z.object({}).default({})),
  'teamServer.synchronise': call<TeamServerSyncResult>()(z.object({}).default({})),
};
