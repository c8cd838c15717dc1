import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LANGS } from '../../shared/domain/common';

/** Per-user choices that belong to this computer, not to an organisation's database. */
const preferencesSchema = z.object({
  lastDatabase: z.string().nullable().default(null),
  language: z.enum(LANGS).nullable().default(null),
  /** Where automatic backups go; null: `backups` in the user data folder. */
  backupFolder: z.string().nullable().default(null),
});
export type Preferences = z.output<typeof preferencesSchema>;

export class PreferencesStore {
  constructor(private readonly file: string) {}

  read(): Preferences {
    try {
      return preferencesSchema.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch {
      return preferencesSchema.parse({});
    }
  }

  update(patch: Partial<Preferences>): Preferences {
    const next = { ...this.read(), ...patch };
    writeFileAtomic(this.file, JSON.stringify(next, null, 2));
    return next;
  }
}

/** Write to a temporary file and rename over the old one, so a crash leaves either version whole. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
