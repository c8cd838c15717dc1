import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/errors';

/** The folder, inside the data folder, where uploads wait while they arrive and are checked. */
export const UPLOAD_FOLDER = 'uploads';
const PART = '.part';

/** An upload on disk: where it is, how many bytes arrived and their SHA-256. */
export interface ReceivedFile {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Writes an upload to a new file in `dir` as it arrives, hashing and counting on the way, so no
 * more than one network chunk is in memory at a time. Past `limitBytes` it stops at once with
 * `file_too_large`; on that, a broken connection or any other failure the file is removed before
 * the error goes on, so a refused or interrupted upload leaves nothing behind.
 */
export async function receiveUpload(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, dir: string, limitBytes: number): Promise<ReceivedFile> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${crypto.randomUUID()}${PART}`);
  // 'wx': a new file only, readable by this user only; never one someone placed there.
  const handle = await fs.promises.open(file, 'wx', 0o600);
  const hash = crypto.createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > limitBytes) throw new AppError('file_too_large', { limit: limitBytes });
      hash.update(chunk);
      await handle.write(chunk);
    }
    await handle.close();
  } catch (err) {
    await handle.close().catch(() => undefined);
    removeUpload(file);
    throw err;
  }
  return { path: file, size, sha256: hash.digest('hex') };
}

export function removeUpload(file: string): void {
  fs.rmSync(file, { force: true });
}

/** An upload still arriving is written to all the time; one untouched this long was left behind. */
const LEFTOVER_AFTER_MS = 60 * 60 * 1000;

/**
 * Removes uploads a crash or a killed process left half-way; nothing refers to them. Recent ones
 * stay: another Granska on the same data folder (the app and `granska serve`) may be receiving them.
 */
export function removeLeftoverUploads(dir: string, now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return; // no uploads folder yet
  }
  for (const name of names) {
    if (!name.endsWith(PART)) continue;
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > LEFTOVER_AFTER_MS) removeUpload(file);
    } catch {
      // gone already
    }
  }
}
