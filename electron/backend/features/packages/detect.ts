import fs from 'node:fs';
import { looksLikePackage } from './format';
import { ENVELOPE_MAGIC, isEncryptedPackage } from './envelope';

/**
 * An audit package, told by its content (a zip, or an encrypted package's envelope, where a
 * database was expected), not its name: people have renamed database files to `.granska`, and
 * those stay databases.
 */
export function isPackageFile(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(ENVELOPE_MAGIC.length);
      const n = fs.readSync(fd, head, 0, head.length, 0);
      return looksLikePackage(head.subarray(0, n)) || isEncryptedPackage(head.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

export function isEncryptedPackageFile(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(ENVELOPE_MAGIC.length);
      const n = fs.readSync(fd, head, 0, head.length, 0);
      return isEncryptedPackage(head.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}
