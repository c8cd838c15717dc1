import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BaseWindow, SaveDialogOptions, Shell } from 'electron';
import { writeFileAtomic } from '../backend/preferences';
import { cleanFileNameBase } from '../../shared/domain/file-names';
import type { DialogApi } from './dialogs';

/**
 * Only the last path segment, without controls, bidi overrides or characters no file system
 * accepts. The extension was already set from the content by the backend (downloadName).
 */
export function safeFileName(name: string): string {
  const base = cleanFileNameBase(name);
  return base && !/^\.+$/.test(base) ? base : 'file';
}

/** Save a copy where the person chooses; the bytes are written exactly as given. */
export async function saveWithDialog(
  dialog: DialogApi,
  parent: BaseWindow | null,
  suggestedName: string,
  data: Buffer,
  defaultDir: string,
): Promise<string | null> {
  const options: SaveDialogOptions = { defaultPath: path.join(defaultDir, safeFileName(suggestedName)), properties: ['createDirectory', 'showOverwriteConfirmation'] };
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  writeFileAtomic(result.filePath, data);
  return result.filePath;
}

/** Where the temporary copies for the system viewer go; the whole folder is Granska's (single instance). */
export function openedCopiesDir(tempRoot: string): string {
  return path.join(tempRoot, 'granska-open');
}

/**
 * Mark of the Web: the copy is marked as coming from the Internet zone, so Office opens it in
 * Protected View and SmartScreen checks it, as for a downloaded file. An NTFS alternate data
 * stream; on a file system without them (FAT, network shares) the copy simply goes unmarked.
 */
function markOfTheWeb(file: string): void {
  try {
    fs.writeFileSync(`${file}:Zone.Identifier`, '[ZoneTransfer]\r\nZoneId=3\r\n');
  } catch {
    // where possible only
  }
}

/**
 * Opens an attachment in the system's viewer from a private temporary copy. Only after a person's
 * explicit action; Granska itself never executes what it stores (types are checked on the way in).
 */
export async function openInSystemViewer(
  shell: Pick<Shell, 'openPath'>,
  tempRoot: string,
  fileName: string,
  data: Buffer,
  platform: NodeJS.Platform = process.platform,
): Promise<string> {
  const dir = path.join(openedCopiesDir(tempRoot), crypto.randomBytes(8).toString('hex'));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, safeFileName(fileName));
  fs.writeFileSync(file, data, { mode: 0o600 });
  if (platform === 'win32') markOfTheWeb(file);
  const error = await shell.openPath(file);
  if (error) throw new Error(error);
  return file;
}

/**
 * Deletes every temporary copy: at quit, and at start for those a crash left behind. A copy a
 * viewer still holds open (Windows locks it) stays until the next start.
 */
export function removeOpenedCopies(tempRoot: string): void {
  const dir = openedCopiesDir(tempRoot);
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    try {
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    } catch {
      // locked by a viewer: next time
    }
  }
}
