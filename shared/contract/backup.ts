import { z } from 'zod';
import { call } from './define';
import type { DeliveredFile } from './files';
import type { ErrorPayload } from '../errors';

/**
 * Why a database's place is unsafe for SQLite's write-ahead log: a network file system (locks and
 * shared memory do not work across machines) or a folder a sync client copies while it is written.
 */
export interface UnsafePlace {
  kind: 'network' | 'synced';
  /** What was recognised: 'smb', 'nfs', 'sshfs', 'webdav', 'network-drive', 'dropbox', 'onedrive', … */
  service: string;
  /** The mount point or sync folder the database sits in, when known. */
  root: string | null;
}

/** One automatic backup in the backup folder. */
export interface BackupEntry {
  file: string;
  /** UTC ISO time the backup was taken (from its name). */
  at: string;
  bytes: number;
}

export interface BackupStatus {
  /** Where automatic backups go now. */
  folder: string;
  /** Where they go unless the person chose another folder. */
  defaultFolder: string;
  /** Newest first; at most `keep`. */
  backups: BackupEntry[];
  keep: number;
  /** Automatic backups run in this session (the app and browser mode, not the `granska` command). */
  automatic: boolean;
  /** The last automatic backup's failure, shown until one succeeds. */
  lastError: ErrorPayload | null;
  unsafePlace: UnsafePlace | null;
}

/** A restore that happened: the schema of the copy now open, and where the replaced database is kept. */
export interface RestoreOutcome {
  version: number;
  keptAs: string | null;
}

export const backupCalls = {
  'backup.status': call<BackupStatus>()(z.object({}).default({})),
  /** A verified copy of the open database, saved through the desktop's dialog or downloaded in browser mode. */
  'backup.create': call<DeliveredFile>()(z.object({}).default({})),
  /** An automatic backup now, whatever the day (the button beside the folder). */
  'backup.runNow': call<BackupStatus>()(z.object({}).default({})),
  /** Desktop only: the folder is chosen in the system's dialog. */
  'backup.chooseFolder': call<BackupStatus>()(z.object({}).default({})),
  /**
   * Browser mode's Settings › Restore from a backup…: the uploaded copy is checked (integrity,
   * Granska's, schema not newer) before anything changes; the open database is kept as `.bak`, the
   * copy takes its place and is opened. A refusal changes nothing.
   */
  'backup.restoreUpload': call<RestoreOutcome>()(z.object({ fileName: z.string().max(500), contentBase64: z.string().min(1) })),
  /** null goes back to the default folder; a typed path only in browser mode (the desktop uses its dialog). */
  'backup.setFolder': call<BackupStatus>()(z.object({ folder: z.string().trim().min(1, { message: 'required' }).max(1000, { message: 'too_long' }).nullable() })),
};
