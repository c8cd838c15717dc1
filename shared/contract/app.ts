import { z } from 'zod';
import { call } from './define';
import { LANGS, type Lang } from '../domain/common';

export interface AppInfo {
  version: string;
  databasePath: string | null;
  databaseEmpty: boolean;
  organisationName: string;
  transport: 'electron' | 'http';
  language: Lang | null;
  currentPersonId: string | null;
  /** Native file dialogs exist (Electron); browser mode opens the database given at start. */
  canChooseFiles: boolean;
  /** The open database is encrypted with a passphrase (issue 14.5). */
  encrypted: boolean;
  /** An encrypted database or package waiting for its passphrase: the passphrase screen shows it. */
  lockedPath: string | null;
}

export interface AuditTrailEntry {
  id: string;
  at: string;
  actor: string;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  /** Set for an entry quoted from another database's trail (an auditor's, arriving in a return package). */
  importedFrom?: { databaseId: string; packageId: string; importedAt: string };
}

/** The audit trail's hash chain checked end to end (issue 14.4). */
export interface TrailIntegrity {
  intact: boolean;
  rows: number;
  firstBroken?: { seq: number | null; id: string; at: string; reason: 'row_changed' | 'link_broken' | 'unchained' };
  headHash: string;
}

export const appSettings = z.object({
  organisationName: z.string().trim().max(160, { message: 'too_long' }).optional(),
  language: z.enum(LANGS).nullable().optional(),
  currentPersonId: z.string().nullable().optional(),
});

export const appCalls = {
  'app.info': call<AppInfo>()(z.object({}).default({})),
  'app.updateSettings': call<AppInfo>()(appSettings),
  /** Opens a native dialog in the desktop app to create or open a database file. */
  'app.chooseDatabase': call<AppInfo>()(z.object({ mode: z.enum(['new', 'open']) })),
  'app.loadDemo': call<AppInfo>()(z.object({}).default({})),
  /** The passphrase screen: opens the database that waits for it. */
  'app.unlock': call<AppInfo>()(z.object({ passphrase: z.string().min(1, { message: 'required' }).max(1024, { message: 'too_long' }) })),
  /** Settings › Security: encrypt the open database, or change its passphrase (`current` then required). */
  'app.encryptDatabase': call<AppInfo>()(
    z.object({
      passphrase: z.string().min(8, { message: 'passphrase_short' }).max(1024, { message: 'too_long' }),
      current: z.string().max(1024).optional(),
    }),
  ),
  /** Settings › Security: write the open database back unencrypted; its passphrase is required. */
  'app.decryptDatabase': call<AppInfo>()(z.object({ current: z.string().min(1, { message: 'required' }).max(1024, { message: 'too_long' }) })),
  'trail.list': call<AuditTrailEntry[]>()(
    z.object({ entityId: z.string().optional(), limit: z.number().int().min(1).max(1000).default(200) }).default({ limit: 200 }),
  ),
  'trail.verify': call<TrailIntegrity>()(z.object({}).default({})),
};
