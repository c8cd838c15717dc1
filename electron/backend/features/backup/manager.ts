import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackupStatus, RestoreOutcome, UnsafePlace } from '../../../../shared/contract/backup';
import type { DeliveredFile } from '../../../../shared/contract/files';
import { AppError, toErrorPayload, type ErrorPayload } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import type { PreferencesStore } from '../../preferences';
import { backupFileName, isBackupDue, KEEP_AUTOMATIC, listBackups, pruneBackups } from './automatic';
import { detectUnsafePlace } from './detect-place';
import type { Inspection } from './inspect';
import { restoreDatabase, type RestoreResult } from './restore';
import { backupOpenDatabase } from './snapshot';

/** What the manager needs from the Backend that owns the open database. */
export interface BackupOwner {
  readonly databasePath: string | null;
  readonly database: Db;
  /** The open database's passphrase when it is encrypted: its backups stay encrypted under it. */
  readonly databasePassphrase: string | null;
  readonly preferences: PreferencesStore;
  open(file: string, passphrase?: string | null): void;
  close(): void;
  deliverFile(fileName: string, mime: string, data: Buffer): Promise<DeliveredFile>;
}

export interface BackupManagerOptions {
  dataDir: string;
  now?: () => Date;
  /** The app and browser mode back up on the first start of a day; the `granska` command does not. */
  automatic: boolean;
  /** Time after opening before the automatic backup starts, so the window comes first. */
  automaticDelayMs?: number;
  /** Desktop only: the system's folder dialog. */
  chooseFolder?: () => Promise<string | null>;
}

export const BACKUP_MIME = 'application/vnd.sqlite3';

/**
 * Backups of the open database: on request (File › Back up…, Settings), automatically once a day
 * into the backup folder (the newest seven kept), and restore (File › Restore…). An automatic
 * backup never stops the app: it runs after the window is up, in small steps, and a failure is
 * kept to be shown in Settings, not thrown.
 */
export class BackupManager {
  private lastError: ErrorPayload | null = null;
  private place: UnsafePlace | null = null;
  /** Bumped on every open, so a backup of a database that was meanwhile closed reports nothing. */
  private generation = 0;
  private running: Promise<unknown> = Promise.resolve();
  private scheduled: Promise<void> = Promise.resolve();

  constructor(
    private readonly owner: BackupOwner,
    private readonly opts: BackupManagerOptions,
  ) {}

  get defaultFolder(): string {
    // Beside the user's data, on this computer: a backup beside the database would share its fate
    // (the same USB stick, network share or synced folder) and a synced folder would upload every copy.
    return path.join(this.opts.dataDir, 'backups');
  }

  get folder(): string {
    return this.owner.preferences.read().backupFolder ?? this.defaultFolder;
  }

  get unsafePlace(): UnsafePlace | null {
    return this.place;
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  /** Called by the Backend each time a database was opened. */
  opened(file: string): void {
    this.generation += 1;
    this.place = detectUnsafePlace(file);
    this.lastError = null;
    if (!this.opts.automatic) return;
    const generation = this.generation;
    this.scheduled = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (generation !== this.generation) return resolve();
        void this.backUpIfDue().finally(resolve);
      }, this.opts.automaticDelayMs ?? 3000);
      timer.unref?.();
    });
  }

  /** Resolves when the automatic backup scheduled at the last open has finished (tests, quitting). */
  settled(): Promise<void> {
    return this.scheduled.then(() => this.running).then(() => undefined, () => undefined);
  }

  status(): BackupStatus {
    const dbPath = this.owner.databasePath;
    return {
      folder: this.folder,
      defaultFolder: this.defaultFolder,
      backups: dbPath ? listBackups(this.folder, dbPath) : [],
      keep: KEEP_AUTOMATIC,
      automatic: this.opts.automatic,
      lastError: this.lastError,
      unsafePlace: this.place,
    };
  }

  /** The automatic backup: taken when none was taken today; failures are kept for Settings. */
  async backUpIfDue(force = false): Promise<BackupStatus> {
    const dbPath = this.owner.databasePath;
    if (!dbPath) return this.status();
    const folder = this.folder;
    const now = this.now();
    if (!force && !isBackupDue(listBackups(folder, dbPath), now)) return this.status();
    const generation = this.generation;
    try {
      await this.exclusive(() =>
        backupOpenDatabase(this.owner.database, path.join(folder, backupFileName(dbPath, now)), this.owner.databasePassphrase),
      );
      pruneBackups(folder, dbPath, KEEP_AUTOMATIC, now.getTime());
      if (generation === this.generation) this.lastError = null;
    } catch (err) {
      if (generation === this.generation) {
        const payload = toErrorPayload(err);
        this.lastError = { code: payload.code, params: { ...payload.params, path: folder } };
      }
    }
    return this.status();
  }

  /** File › Back up…: a verified copy at the path the person chose. */
  backupTo(file: string): Promise<Inspection> {
    return this.exclusive(() => backupOpenDatabase(this.owner.database, file, this.owner.databasePassphrase));
  }

  /** Settings › Back up: the same verified copy, delivered like any export (save dialog or download). */
  async deliverBackup(): Promise<DeliveredFile> {
    const dbPath = this.owner.databasePath;
    if (!dbPath) throw new AppError('no_database');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-backup-'));
    try {
      const tmp = path.join(dir, 'backup.sqlite');
      await this.backupTo(tmp);
      return await this.owner.deliverFile(manualBackupName(dbPath, this.now()), BACKUP_MIME, fs.readFileSync(tmp));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /**
   * File › Restore…: the open database is closed, replaced by the checked copy (the old one kept
   * as `.bak`) and the restored one opened. On a refusal the current database is opened again as it was.
   */
  async restoreFrom(copy: string, passphrase: string | null = null): Promise<RestoreResult> {
    const dbPath = this.owner.databasePath;
    if (!dbPath) throw new AppError('no_database');
    await this.running.catch(() => undefined);
    // An encrypted backup is checked with the passphrase given, else with the open database's own
    // (a backup of this database has it); a backup under another passphrase asks for that one.
    const current = this.owner.databasePassphrase;
    const backupPassphrase = passphrase ?? current;
    this.owner.close();
    let result: RestoreResult;
    try {
      result = restoreDatabase(copy, dbPath, { now: this.now(), passphrase: backupPassphrase, currentPassphrase: current });
    } catch (err) {
      this.owner.open(dbPath, current);
      throw err;
    }
    this.owner.open(dbPath, backupPassphrase);
    return result;
  }

  /**
   * Settings › Restore from a backup… in browser mode, where there is no file dialog: the uploaded
   * bytes are written to a private temporary folder and restored from there like a chosen file.
   */
  async restoreUploaded(data: Buffer): Promise<RestoreOutcome> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-restore-'));
    try {
      const copy = path.join(dir, 'backup.sqlite');
      fs.writeFileSync(copy, data, { mode: 0o600 });
      const { version, keptAs } = await this.restoreFrom(copy);
      return { version, keptAs };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  async chooseFolder(): Promise<BackupStatus> {
    if (!this.opts.chooseFolder) throw new AppError('forbidden', { reason: 'browser_mode' });
    const chosen = await this.opts.chooseFolder();
    if (chosen) this.useFolder(chosen);
    return this.status();
  }

  /** null: the default folder again. A typed path only where there is no folder dialog (browser mode). */
  setFolder(folder: string | null): BackupStatus {
    if (folder === null) {
      this.owner.preferences.update({ backupFolder: null });
      return this.status();
    }
    if (this.opts.chooseFolder) throw new AppError('forbidden', { reason: 'backup_folder_dialog' });
    if (!path.isAbsolute(folder)) throw new AppError('invalid_input', { reason: 'backup_folder_absolute', path: folder });
    this.useFolder(folder);
    return this.status();
  }

  private useFolder(folder: string): void {
    try {
      fs.mkdirSync(folder, { recursive: true });
      fs.accessSync(folder, fs.constants.W_OK);
    } catch {
      throw new AppError('forbidden', { reason: 'backup_unwritable', path: folder });
    }
    this.owner.preferences.update({ backupFolder: path.resolve(folder) });
  }

  /** One backup at a time: two online backups of the same connection would only slow each other. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.running.catch(() => undefined).then(work);
    this.running = next;
    return next;
  }
}

/** `granska-backup-2026-12-04.sqlite`: what a person sees in their Downloads folder. */
export function manualBackupName(dbPath: string, at: Date): string {
  const base = path.basename(dbPath).replace(/\.(sqlite|granska|db)$/i, '') || 'granska';
  const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  return `${base}-backup-${day}.sqlite`;
}
