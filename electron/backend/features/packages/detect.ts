import fs from 'node:fs';
import { looksLikePackage } from './format';

/** A `.granska` package, by name or by content (a zip where a database was expected). */
export function isPackageFile(file: string): boolean {
  if (file.toLowerCase().endsWith('.granska')) return true;
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
