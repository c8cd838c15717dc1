import fs from 'node:fs';
import { looksLikePackage } from './format';

/**
 * An audit package, told by its content (a zip where a database was expected), not its name:
 * people have renamed database files to `.granska`, and those stay databases.
 */
export function isPackageFile(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(4);
      fs.readSync(fd, head, 0, 4, 0);
      return looksLikePackage(head);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}
