import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppInfo } from '../../shared/contract/app';
import type { DeliveredFile } from '../../shared/contract/files';
import type { ParsedInputOf } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { launchLanguage } from '../../shared/domain/common';
import { downloadName } from '../../shared/domain/file-names';
import { isDatabaseEmpty, openDatabase, type Db } from './db/open';
import { createContext, mutate, type ServiceContext } from './core/context';
import { readSyncMeta } from './sync/capture';
import { getSetting, setSetting } from './core/settings';
import { PreferencesStore } from './preferences';
import { BackupManager } from './features/backup/manager';
import { isEncryptedPackageFile, isPackageFile } from './features/packages/detect';
import { materialisePackage } from './features/packages/service';
import type * as RouterModuleNs from './router';
import { addAttachmentFile, assertCanAttach, attachmentChunks, receiveUpload, removeLeftoverUploads, removeUpload, UPLOAD_FOLDER } from './features/conduct';
import { attachmentOwner } from '../../shared/domain/findings';
import { id as idSchema } from '../../shared/domain/common';
import type { Attachment } from '../../shared/domain/findings';

type RouterModule = typeof RouterModuleNs;
import { assertNewPassphrase, isEncryptedDatabaseFile, rekeyConnection } from './db/cipher';

/** What only a desktop host can do; browser mode has none of it. */
export interface BackendHost {
  /** Shows a native dialog; resolves to the chosen path, or null when the person cancelled. */
  chooseDatabaseFile(mode: 'new' | 'open'): Promise<string | null>;
  /** Opens a temporary copy in the system viewer; only ever on a person's explicit action. */
  openAttachment?(fileName: string, data: Buffer): Promise<void>;
  /** Shows a native save dialog and writes `data`; resolves to the path, or null when cancelled. */
  saveFile?(suggestedName: string, data: Buffer): Promise<string | null>;
  /** Shows a native folder dialog (the automatic backups' folder); null when cancelled. */
  chooseFolder?(): Promise<string | null>;
}

export interface BackendOptions {
  /** Folder for preferences and the default database. */
  dataDir: string;
  transport: AppInfo['transport'];
  version: string;
  /** Fixed clock for tests and reproducible demo data. */
  now?: () => Date;
  host?: BackendHost;
  /** False for one-off use (the `granska` command): opening a file does not make it the app's next database. */
  rememberDatabase?: boolean;
  /** Back up the open database on the first start of each day (the app and browser mode). */
  automaticBackups?: boolean;
  automaticBackupDelayMs?: number;
}

export const DEFAULT_DB_NAME = 'granska.sqlite';

/**
 * Owns the open database and answers contract calls. Both transports (Electron IPC and loopback
 * HTTP) hold one Backend and call `call()`; nothing here knows which one it is.
 */
export class Backend {
  private db: Db | null = null;
  private dbPath: string | null = null;
  /**
   * The open database's passphrase, held only in memory while it is open: backups and restores
   * of an encrypted database are checked with it. Never logged, never in an error, never stored.
   */
  private passphrase: string | null = null;
  /** A file that waits for its passphrase (the passphrase screen shows it); no database is open. */
  private lockedPath: string | null = null;
  readonly preferences: PreferencesStore;
  readonly backups: BackupManager;

  constructor(private readonly opts: BackendOptions) {
    this.preferences = new PreferencesStore(path.join(opts.dataDir, 'preferences.json'));
    removeLeftoverUploads(this.uploadDir);
    const chooseFolder = opts.host?.chooseFolder?.bind(opts.host);
    this.backups = new BackupManager(this, {
      dataDir: opts.dataDir,
      automatic: opts.automaticBackups === true,
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.automaticBackupDelayMs !== undefined ? { automaticDelayMs: opts.automaticBackupDelayMs } : {}),
      ...(chooseFolder ? { chooseFolder } : {}),
    });
  }

  get defaultDatabasePath(): string {
    return path.join(this.opts.dataDir, DEFAULT_DB_NAME);
  }

  /**
   * Opens `file`, migrating it if needed; the previous database is closed only once this one
   * opened. An encrypted file (or encrypted package) without its passphrase throws
   * `wrong_passphrase` (reason `required`); nothing is touched.
   */
  open(file: string, passphrase: string | null = null): void {
    // An audit package opens as its working database, made next to it the first time.
    const target = isPackageFile(file) ? materialisePackage(file, this.opts.now, passphrase) : file;
    const { db, encrypted } = openDatabase(target, { ...(this.opts.now ? { now: this.opts.now } : {}), passphrase });
    this.close();
    this.db = db;
    this.dbPath = path.resolve(target);
    // Not read from the file now that it is open: closing a descriptor of it would drop SQLite's locks.
    this.passphrase = encrypted ? passphrase : null;
    if (this.opts.rememberDatabase !== false) this.preferences.update({ lastDatabase: this.dbPath });
    this.backups.opened(this.dbPath);
  }

  /**
   * Opens `file`, or, when it needs a passphrase nobody has given yet, remembers it as waiting:
   * the interface then shows the passphrase screen and `unlock()` finishes the opening.
   */
  openOrWait(file: string, passphrase: string | null = null): void {
    const needsPassphrase =
      fs.existsSync(file) && (isPackageFile(file) ? isEncryptedPackageFile(file) : isEncryptedDatabaseFile(file));
    if (needsPassphrase && !passphrase) {
      this.close();
      this.lockedPath = path.resolve(file);
      return;
    }
    this.open(file, passphrase);
  }

  /** The passphrase screen's answer. A wrong one is `wrong_passphrase`; the file is untouched and still waits. */
  unlock(passphrase: string): void {
    if (!this.lockedPath) throw new AppError('conflict', { reason: 'not_locked' });
    const file = this.lockedPath;
    this.open(file, passphrase);
    this.lockedPath = null;
  }

  close(): void {
    if (this.db?.open) this.db.close();
    this.db = null;
    this.dbPath = null;
    this.passphrase = null;
    this.lockedPath = null;
  }

  /** Whether the open database is encrypted. */
  get encrypted(): boolean {
    return this.passphrase !== null;
  }

  /** For backups and restores of the open database; null when it is not encrypted. */
  get databasePassphrase(): string | null {
    return this.passphrase;
  }

  /**
   * Encrypts the open database with `next` (or changes its passphrase; `current` must then be
   * right), rewriting the file in place inside one SQLite transaction. The passphrase is not
   * recorded anywhere; the trail notes that encryption changed, without it.
   */
  encryptDatabase(next: string, current: string | null = null): void {
    const db = this.database;
    assertNewPassphrase(next);
    if (this.passphrase !== null && !samePassphrase(current, this.passphrase)) throw new AppError('wrong_passphrase', { reason: 'database' });
    rekeyConnection(db, next);
    this.passphrase = next;
    this.recordEncryption('database_encrypted');
  }

  /** Writes the open database back in plain form; its current passphrase must be given. */
  decryptDatabase(current: string): void {
    const db = this.database;
    if (this.passphrase === null) throw new AppError('conflict', { reason: 'not_encrypted' });
    if (!samePassphrase(current, this.passphrase)) throw new AppError('wrong_passphrase', { reason: 'database' });
    rekeyConnection(db, null);
    this.passphrase = null;
    this.recordEncryption('database_decrypted');
  }

  private recordEncryption(action: string): void {
    const ctx = this.ctx();
    mutate(ctx, (trail) => trail({ entity: 'database', entityId: readSyncMeta(ctx.db).databaseId, action, after: { cipher: 'sqlcipher4' } }));
  }

  get database(): Db {
    if (!this.db) throw new AppError('no_database');
    return this.db;
  }

  get databasePath(): string | null {
    return this.dbPath;
  }

  ctx(): ServiceContext {
    const db = this.database;
    return createContext(db, this.actorName(db), this.opts.now);
  }

  /** Who the audit trail names: the person chosen in settings, else the computer's user. */
  private actorName(db: Db): string {
    const personId = db.prepare("SELECT value FROM settings WHERE key = 'currentPersonId'").get() as { value: string } | undefined;
    if (personId) {
      const person = db.prepare('SELECT name, email FROM people WHERE id = ?').get(personId.value) as
        | { name: string; email: string }
        | undefined;
      if (person) return `${person.name} <${person.email}>`;
    }
    try {
      return os.userInfo().username;
    } catch {
      return 'unknown';
    }
  }

  info(): AppInfo {
    const prefs = this.preferences.read();
    const base = {
      version: this.opts.version,
      transport: this.opts.transport,
      language: launchLanguage(process.env) ?? prefs.language,
      canChooseFiles: this.opts.host !== undefined,
    };
    if (!this.db) {
      return { ...base, databasePath: null, databaseEmpty: true, organisationName: '', currentPersonId: null, encrypted: false, lockedPath: this.lockedPath };
    }
    const ctx = this.ctx();
    return {
      ...base,
      databasePath: this.dbPath,
      databaseEmpty: isDatabaseEmpty(this.db),
      organisationName: getSetting(ctx, 'organisationName') ?? '',
      currentPersonId: getSetting(ctx, 'currentPersonId'),
      encrypted: this.encrypted,
      lockedPath: null,
    };
  }

  /**
   * All or nothing: every part is checked before anything is written, and the database settings
   * change in one transaction, so a refused call leaves language, name and person as they were.
   */
  updateSettings(input: ParsedInputOf<'app.updateSettings'>): AppInfo {
    const touchesDatabase = input.organisationName !== undefined || input.currentPersonId !== undefined;
    const ctx = touchesDatabase ? this.ctx() : null;
    if (ctx && input.currentPersonId && !ctx.db.prepare('SELECT 1 FROM people WHERE id = ?').get(input.currentPersonId)) {
      throw new AppError('not_found', { id: input.currentPersonId });
    }
    if (ctx) {
      ctx.db.transaction(() => {
        if (input.organisationName !== undefined) setSetting(ctx, 'organisationName', input.organisationName);
        if (input.currentPersonId !== undefined) setSetting(ctx, 'currentPersonId', input.currentPersonId);
      })();
    }
    // Last: the preferences file cannot join the transaction, and nothing after it can fail.
    if (input.language !== undefined) this.preferences.update({ language: input.language });
    return this.info();
  }

  async chooseDatabase(mode: 'new' | 'open'): Promise<AppInfo> {
    if (!this.opts.host) throw new AppError('forbidden', { reason: 'browser_mode' });
    const file = await this.opts.host.chooseDatabaseFile(mode);
    if (file) this.openOrWait(file);
    return this.info();
  }

  /**
   * An export or report for the person: saved through the desktop's dialog, or returned for a
   * browser download. The name is cleaned and ends in the extension of `mime`, whatever it held.
   */
  async deliverFile(suggestedName: string, mime: string, data: Buffer): Promise<DeliveredFile> {
    const fileName = downloadName(suggestedName, mime);
    if (this.opts.host?.saveFile) {
      const savedTo = await this.opts.host.saveFile(fileName, data);
      return { fileName, mime, base64: null, savedTo, cancelled: savedTo === null };
    }
    return { fileName, mime, base64: data.toString('base64'), savedTo: null, cancelled: false };
  }

  /** `fileName` already ends in the extension of the detected content (attachmentViewerName). */
  async openAttachment(fileName: string, data: Buffer): Promise<void> {
    if (!this.opts.host?.openAttachment) throw new AppError('forbidden', { reason: 'browser_mode_open' });
    await this.opts.host.openAttachment(fileName, data);
  }

  /**
   * An attachment's bytes for the file routes (loopback HTTP, the desktop window's file scheme):
   * its name, type and size, and its bytes a chunk at a time, never one base64 string.
   */
  attachmentDownload(id: unknown): ReturnType<typeof attachmentChunks> {
    const parsed = idSchema.safeParse(id);
    if (!parsed.success) throw new AppError('invalid_input', { issues: [{ path: 'id', message: 'invalid' }] });
    return attachmentChunks(this.ctx(), parsed.data);
  }

  /** Adds an attachment from bytes already in memory, through the same streamed path as an upload. */
  async attachmentUpload(meta: { ownerType: unknown; ownerId: unknown; fileName: unknown }, data: Buffer): Promise<Attachment> {
    return this.attachmentUploadStream(meta, [data], data.length);
  }

  /**
   * Adds an attachment from an upload as it arrives (the loopback file route, the desktop window's
   * app:// scheme), checked like `attachments.add`. What can be refused without the bytes is refused
   * before reading any; the bytes go to a file in the data folder while they are hashed and counted,
   * and that file is removed whatever happens, so a refused or broken-off upload leaves nothing.
   * `declaredSize` is the request's Content-Length, when it gave one.
   */
  async attachmentUploadStream(
    meta: { ownerType: unknown; ownerId: unknown; fileName: unknown },
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    declaredSize: number | null = null,
  ): Promise<Attachment> {
    const parsed = attachmentOwner.safeParse(meta);
    const fileName = typeof meta.fileName === 'string' ? meta.fileName.trim() : '';
    if (!parsed.success || !fileName || fileName.length > 255) {
      throw new AppError('invalid_input', { issues: [{ path: parsed.success ? 'fileName' : 'ownerId', message: fileName ? 'invalid' : 'required' }] });
    }
    const limitBytes = assertCanAttach(this.ctx(), parsed.data.ownerType, parsed.data.ownerId, declaredSize);
    const received = await receiveUpload(body, this.uploadDir, limitBytes);
    try {
      // Asked for again: another database may have been opened while the bytes arrived.
      return await addAttachmentFile(this.ctx(), { ...parsed.data, fileName }, received);
    } finally {
      removeUpload(received.path);
    }
  }

  private get uploadDir(): string {
    return path.join(this.opts.dataDir, UPLOAD_FOLDER);
  }

  async call(name: string, input: unknown): Promise<unknown> {
    // Loaded on the first call: the router reaches every service, and the CLI never needs it. Kept
    // once loaded: a dynamic import() asks the module loader again on every call, which cost more
    // than a register page itself (a loader hook answers from another thread).
    const router = (this.router ??= await import('./router'));
    return router.dispatch(this, name, input);
  }

  private router: RouterModule | undefined;
}

/** Compares without leaking, through timing, how much of a guess was right. */
function samePassphrase(given: string | null, actual: string): boolean {
  if (given === null) return false;
  const a = crypto.createHash('sha256').update(given, 'utf8').digest();
  const b = crypto.createHash('sha256').update(actual, 'utf8').digest();
  return crypto.timingSafeEqual(a, b);
}
