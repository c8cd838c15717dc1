import path from 'node:path';
import type { BaseWindow, Dialog, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { AppError } from '../../shared/errors';
import type { MainTexts } from './texts';

/**
 * `.sqlite` is what Granska writes; `.granska` and `.db` are accepted for files people renamed. A
 * `.granska` audit package (a zip) opens as its working database, made next to it by the backend.
 */
export const DATABASE_EXTENSIONS = ['sqlite', 'granska', 'db'];

export type DialogApi = Pick<Dialog, 'showSaveDialog' | 'showOpenDialog' | 'showMessageBox'>;

/** Linux save dialogs do not add the extension of the chosen filter; a file without one is hard to find again. */
export function withDatabaseExtension(file: string): string {
  const ext = path.extname(file).slice(1).toLowerCase();
  return DATABASE_EXTENSIONS.includes(ext) ? file : `${file}.sqlite`;
}

/**
 * The native file dialog, the only way a database path is ever chosen: the renderer asks for "new"
 * or "open" and gets the result of the person's own choice, never a path it made up.
 * Resolves to null when the person cancelled.
 */
export async function chooseDatabaseFile(
  dialog: DialogApi,
  parent: BaseWindow | null,
  mode: 'new' | 'open',
  texts: MainTexts,
  defaultDir: string,
): Promise<string | null> {
  const filters = [{ name: texts.dialogs.databaseFilter, extensions: DATABASE_EXTENSIONS }];
  if (mode === 'new') {
    const options: SaveDialogOptions = {
      title: texts.dialogs.newDatabaseTitle,
      defaultPath: path.join(defaultDir, texts.dialogs.newDatabaseDefaultName),
      filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    // Choosing an existing file opens it as it is: a "new database" must never wipe someone's audits.
    return result.canceled || !result.filePath ? null : withDatabaseExtension(result.filePath);
  }
  const options: OpenDialogOptions = {
    title: texts.dialogs.openDatabaseTitle,
    defaultPath: defaultDir,
    filters,
    properties: ['openFile'],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** A sentence a person can act on, for the errors opening a database can end in. */
export function describeOpenError(err: unknown, texts: MainTexts): string {
  if (err instanceof AppError) {
    if (err.code === 'unsupported_version') {
      return texts.dialogs.unsupportedVersion(String(err.params.found ?? '?'), String(err.params.supported ?? '?'));
    }
    if (err.code === 'file_unreadable') return texts.dialogs.fileUnreadable;
  }
  return texts.dialogs.openFailed;
}

export async function showOpenError(
  dialog: DialogApi,
  parent: BaseWindow | null,
  texts: MainTexts,
  err: unknown,
  file: string,
  extra?: string,
): Promise<void> {
  const options: MessageBoxOptions = {
    type: 'error',
    title: texts.dialogs.openFailedTitle,
    message: describeOpenError(err, texts),
    detail: extra ? `${file}\n\n${extra}` : file,
    buttons: [texts.dialogs.ok],
  };
  if (parent) await dialog.showMessageBox(parent, options);
  else await dialog.showMessageBox(options);
}

export async function showAbout(dialog: DialogApi, parent: BaseWindow | null, texts: MainTexts, version: string): Promise<void> {
  const options: MessageBoxOptions = {
    type: 'info',
    title: texts.dialogs.aboutTitle,
    message: texts.dialogs.aboutMessage(version),
    detail: texts.dialogs.aboutDetail,
    buttons: [texts.dialogs.ok],
  };
  if (parent) await dialog.showMessageBox(parent, options);
  else await dialog.showMessageBox(options);
}
