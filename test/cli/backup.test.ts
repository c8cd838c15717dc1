import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../electron/backend/db/migrations';
import { tempDir } from '../helpers/tmp';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'granska.cjs');
const built = fs.existsSync(CLI);
if (!built) console.warn('Skipping `granska backup/restore` tests: dist/cli/granska.cjs is not built (node electron/build.mjs).');

/** Every file in the folder with its size and modification time: "nothing changed" made checkable. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => {
        const s = fs.statSync(path.join(dir, f));
        return [f, `${s.size}:${s.mtimeMs}`];
      }),
  );
}

function orgName(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT value FROM settings WHERE key = 'organisationName'").pluck().get() as string;
  } finally {
    db.close();
  }
}

function setOrgName(file: string, name: string): void {
  const db = new Database(file);
  db.prepare("UPDATE settings SET value = ? WHERE key = 'organisationName'").run(name);
  db.close();
}

describe.skipIf(!built && !process.env.CI)('granska backup and granska restore', () => {
  const dir = tempDir('granska-cli-backup-');
  const db = path.join(dir, 'demo.sqlite');
  const granska = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, GRANSKA_DATA_DIR: dir } });

  beforeAll(() => {
    expect(granska(['demo', '--db', db]).status).toBe(0);
  });

  it('backs up, then restores the backup keeping the replaced file as .bak', () => {
    const copy = path.join(dir, 'copies', 'demo-backup.sqlite');
    const backup = granska(['backup', '--db', db, '--out', copy]);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(new RegExp(`^Backup written to ${copy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: schema ${LATEST_VERSION}, \\d+\\.\\d MB; SQLite's integrity check passed\\.\\n$`));
    expect(orgName(copy)).toBe('Sjöviks kommunkoncern');

    setOrgName(db, 'Ändrat efter kopian');
    const restore = granska(['restore', copy, '--db', db, '--json']);
    expect(restore.status, restore.stderr).toBe(0);
    const result = JSON.parse(restore.stdout) as { keptAs: string; schemaVersion: number };
    expect(result.schemaVersion).toBe(LATEST_VERSION);
    expect(result.keptAs).toMatch(/demo\.sqlite\.\d{4}-.*\.bak$/);
    expect(orgName(db)).toBe('Sjöviks kommunkoncern');
    expect(orgName(result.keptAs)).toBe('Ändrat efter kopian');
  });

  /** One clear line on stderr, nothing on stdout, the exit code, and no file touched. */
  function refused(args: string[], code: number, message: string): void {
    const before = snapshot(dir);
    const r = granska(args);
    expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/^granska: /);
    expect(r.stderr).toContain(message);
    expect(snapshot(dir)).toEqual(before);
  }

  it('refuses a damaged backup, a newer one and a file that is no database, changing nothing (exit 2 / 1)', () => {
    const good = path.join(dir, 'good.sqlite');
    expect(granska(['backup', '--db', db, '--out', good]).status).toBe(0);

    const damaged = path.join(dir, 'damaged.sqlite');
    const bytes = fs.readFileSync(good);
    const pageSize = bytes.readUInt16BE(16);
    for (let p = 2; p * pageSize < bytes.length; p += 2) bytes.fill(0x5a, p * pageSize + 8, p * pageSize + pageSize / 2);
    fs.writeFileSync(damaged, bytes);
    refused(['restore', damaged, '--db', db], 2, "The file is damaged: it did not pass SQLite's integrity check. Nothing was changed.");

    const newer = path.join(dir, 'newer.sqlite');
    fs.copyFileSync(good, newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_VERSION + 1}`);
    n.close();
    refused(['restore', newer, '--db', db], 1, `The backup was made by a newer version of Granska (schema ${LATEST_VERSION + 1}; this version supports ${LATEST_VERSION}). Nothing was changed.`);

    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'inte en databas\n');
    refused(['restore', text, '--db', db], 2, 'The file is not a database. Nothing was changed.');
    refused(['restore', path.join(dir, 'missing.sqlite'), '--db', db], 2, 'The file could not be read.');
    refused(['backup', '--db', path.join(dir, 'missing.sqlite'), '--out', path.join(dir, 'x.sqlite')], 2, 'does not exist');
    refused(['backup', '--db', db, '--out', db], 1, '--out names the database itself');
  });

  it('warns in one line about a database in a synced folder, and still does its work', () => {
    const synced = path.join(dir, 'Dropbox', 'Revision');
    fs.mkdirSync(synced, { recursive: true });
    const inDropbox = path.join(synced, 'granska.sqlite');
    fs.copyFileSync(db, inDropbox);
    const r = granska(['audits', '--db', inDropbox, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      `granska: warning: This database is in a synced folder: Dropbox (${path.join(dir, 'Dropbox')}). A sync client copies the database while Granska writes to it and can replace it with another computer's copy: work can be lost or the file damaged. Keep the database in a folder on this computer, and send audits to other auditors as audit packages.\n`,
    );
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
    expect(granska(['audits', '--db', db, '--json']).stderr).toBe('');
  });
});
