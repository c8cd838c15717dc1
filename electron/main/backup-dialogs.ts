import path from 'node:path';
import type { BaseWindow, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { Lang } from '../../shared/domain/common';
import { AppError } from '../../shared/errors';
import en from '../../shared/i18n/locales/en/backup.json';
import sv from '../../shared/i18n/locales/sv/backup.json';
import type { BackupManager } from '../backend/features/backup/manager';
import { fill } from '../../shared/i18n/fill';
import { DATABASE_EXTENSIONS, withDatabaseExtension, type DialogApi } from './dialogs';

/** The renderer's own backup catalogue, so the menu's dialogs and Settings say the same thing. */
export const BACKUP_TEXTS: Record<Lang, typeof en> = { sv, en };

export type BackupActions = Pick<BackupManager, 'backupTo' | 'restoreFrom'>;

function paramsOf(err: AppError): Record<string, string | number> {
  return Object.fromEntries(Object.entries(err.params).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as Record<string, string | number>;
}

/** The refusal in words a person can act on; anything unexpected stays a plain "could not". */
export function describeBackupError(lang: Lang, err: unknown): string | null {
  if (!(err instanceof AppError)) return null;
  const reason = typeof err.params.reason === 'string' ? err.params.reason : '';
  const template = (BACKUP_TEXTS[lang].errors as Record<string, string>)[`${err.code}_${reason}`];
  return template ? fill(template, paramsOf(err)) : null;
}

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function messageBox(dialog: DialogApi, parent: BaseWindow | null, options: MessageBoxOptions): Promise<number> {
  const result = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return result.response;
}

/** A backup or restore that did not happen: what went wrong in words, and the file it was about. */
async function showFailure(
  opts: { dialog: DialogApi; parent: BaseWindow | null; lang: Lang },
  texts: { title: string; message: string },
  err: unknown,
  file: string,
): Promise<void> {
  await messageBox(opts.dialog, opts.parent, {
    type: 'error',
    title: texts.title,
    message: texts.message,
    detail: [describeBackupError(opts.lang, err), file].filter(Boolean).join('\n\n'),
    buttons: [BACKUP_TEXTS[opts.lang].dialogs.ok],
  });
}

/** File › Back up…: the person picks where; the copy is written, checked, and only then named. */
export async function backUpWithDialog(opts: {
  dialog: DialogApi;
  parent: BaseWindow | null;
  lang: Lang;
  backups: BackupActions;
  databasePath: string | null;
  defaultDir: string;
  now?: Date;
}): Promise<'saved' | 'cancelled' | 'failed'> {
  const t = BACKUP_TEXTS[opts.lang].dialogs;
  const base = path.basename(opts.databasePath ?? 'granska.sqlite').replace(/\.(sqlite|granska|db)$/i, '');
  const options: SaveDialogOptions = {
    title: t.backupTitle,
    defaultPath: path.join(opts.defaultDir, `${base}-backup-${localDay(opts.now ?? new Date())}.sqlite`),
    filters: [{ name: t.backupFilter, extensions: DATABASE_EXTENSIONS }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const chosen = opts.parent ? await opts.dialog.showSaveDialog(opts.parent, options) : await opts.dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return 'cancelled';
  const file = withDatabaseExtension(chosen.filePath);
  try {
    const result = await opts.backups.backupTo(file);
    await messageBox(opts.dialog, opts.parent, {
      type: 'info',
      title: t.backupTitle,
      message: t.backupDone,
      detail: fill(t.backupDoneDetail, { path: file, version: result.version, size: `${(result.bytes / 1024 / 1024).toFixed(1)} MB` }),
      buttons: [t.ok],
    });
    return 'saved';
  } catch (err) {
    await showFailure(opts, { title: t.backupTitle, message: t.backupFailed }, err, file);
    return 'failed';
  }
}

/**
 * File › Restore…: the person picks a backup and confirms; the copy is checked before anything
 * changes, the open database is kept as `.bak`, and the restored one is opened.
 */
export async function restoreWithDialog(opts: {
  dialog: DialogApi;
  parent: BaseWindow | null;
  lang: Lang;
  backups: BackupActions;
  databasePath: string | null;
  defaultDir: string;
}): Promise<'restored' | 'cancelled' | 'refused'> {
  const t = BACKUP_TEXTS[opts.lang].dialogs;
  const options: OpenDialogOptions = {
    title: t.restoreTitle,
    defaultPath: opts.defaultDir,
    filters: [{ name: t.backupFilter, extensions: DATABASE_EXTENSIONS }],
    properties: ['openFile'],
  };
  const chosen = opts.parent ? await opts.dialog.showOpenDialog(opts.parent, options) : await opts.dialog.showOpenDialog(options);
  const copy = chosen.canceled ? null : chosen.filePaths[0];
  if (!copy) return 'cancelled';
  const confirmed = await messageBox(opts.dialog, opts.parent, {
    type: 'question',
    title: t.restoreTitle,
    message: t.restoreConfirm,
    detail: fill(t.restoreConfirmDetail, { copy, db: opts.databasePath ?? '' }),
    buttons: [t.restoreButton, t.cancel],
    defaultId: 1,
    cancelId: 1,
  });
  if (confirmed !== 0) return 'cancelled';
  try {
    const result = await opts.backups.restoreFrom(copy);
    await messageBox(opts.dialog, opts.parent, {
      type: 'info',
      title: t.restoreTitle,
      message: t.restoreDone,
      detail: result.keptAs ? fill(t.restoreDoneDetail, { kept: result.keptAs }) : '',
      buttons: [t.ok],
    });
    return 'restored';
  } catch (err) {
    await showFailure(opts, { title: t.restoreTitle, message: t.restoreFailed }, err, copy);
    return 'refused';
  }
}

/** The automatic backups' folder, chosen in the system's folder dialog. */
export async function chooseBackupFolder(dialog: DialogApi, parent: BaseWindow | null, lang: Lang, defaultPath: string): Promise<string | null> {
  const options: OpenDialogOptions = { title: BACKUP_TEXTS[lang].folder, defaultPath, properties: ['openDirectory', 'createDirectory'] };
  const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
}
