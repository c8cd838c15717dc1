import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Backend } from '../../../electron/backend/backend';
import { openSqlite } from '../../../electron/backend/db/cipher';
import { isSealed } from '../../../electron/backend/signing/key-at-rest';
import type { SigningIdentity } from '../../../shared/domain/reports';
import type { DeliveredFile } from '../../../shared/contract/files';
import { reportFixture } from '../reports/fixture';
import { tempDir } from '../../helpers/tmp';

/**
 * Issue 14.7: a passphrase, once typed, is used and forgotten. One distinctive passphrase signs a
 * report, encrypts the database and encrypts a package, in the app's backend and through the
 * `granska` command; wrong passphrases are tried too, so errors are written. Then every file the
 * work left behind (database, WAL, backups, pre-restore copies, packages, the rebuilt database's
 * every cell, logs) and everything printed is searched for the passphrase's bytes.
 */
const SECRET = 'Zebra-Kvitten-Ångström-7319';
const WRONG = 'Zebra-Kvitten-Ångström-7318';
const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli', 'granska.cjs');
const built = fs.existsSync(CLI);
if (!built) console.warn('Skipping the CLI half of the secrets scan: dist/cli/granska.cjs is not built (npm run build).');

function encodings(text: string): { name: string; bytes: Buffer }[] {
  const utf16be = Buffer.from(text, 'utf16le');
  utf16be.swap16();
  return [
    { name: 'UTF-8', bytes: Buffer.from(text, 'utf8') },
    { name: 'UTF-8 NFD', bytes: Buffer.from(text.normalize('NFD'), 'utf8') },
    { name: 'UTF-16LE', bytes: Buffer.from(text, 'utf16le') },
    { name: 'UTF-16BE', bytes: utf16be },
  ];
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('passphrases leave no trace', () => {
  const dir = tempDir('granska-secrets-');
  const db = path.join(dir, 'kommun.sqlite');
  let printed = '';
  const cliOutput: string[] = [];

  beforeAll(async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((printed += c.toString()), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((printed += c.toString()), true));
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (printed += a.map(String).join(' ')));
    const warn = vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void (printed += a.map(String).join(' ')));
    const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (printed += a.map(String).join(' ')));
    const errors: unknown[] = [];
    const attempt = async (name: string, input: unknown) => backend.call(name, input).catch((e: unknown) => void errors.push(e));
    const backend = new Backend({ dataDir: dir, transport: 'http', version: 'test', rememberDatabase: false });
    let otherNumber = '';
    try {
      backend.open(db);
      const call = (name: string, input?: unknown) => backend.call(name, input ?? {}) as never;
      const signed = await reportFixture(call, { findings: 2 });
      const other = await reportFixture(call, { findings: 1 });
      otherNumber = other.audit.number;
      const identity = (await backend.call('identities.create', {
        name: 'Karin Lindqvist', email: signed.lead.email, organisation: 'Sjöviks kommunkoncern', passphrase: SECRET,
      })) as SigningIdentity;
      const issue = { auditId: signed.audit.id, revision: signed.audit.revision, lang: 'sv', identityId: identity.id };
      await attempt('reports.issue', { ...issue, passphrase: WRONG });
      await backend.call('reports.issue', { ...issue, passphrase: SECRET });
      await backend.call('app.encryptDatabase', { passphrase: SECRET });
      await attempt('app.decryptDatabase', { current: WRONG });
      await attempt('app.encryptDatabase', { passphrase: 'Något annat 123', current: WRONG });
      await backend.backups.backupTo(path.join(dir, 'kopior', 'manuell.sqlite'));
      const pkg = (await backend.call('packages.export', { auditIds: [other.audit.id], passphrase: SECRET })) as DeliveredFile;
      fs.writeFileSync(path.join(dir, 'IR.granska'), Buffer.from(pkg.base64!, 'base64'));
      await attempt('packages.import', { fileName: 'IR.granska', contentBase64: pkg.base64!, passphrase: WRONG });
      await backend.backups.restoreFrom(path.join(dir, 'kopior', 'manuell.sqlite'));
      backend.close();
      backend.openOrWait(db);
      await attempt('app.unlock', { passphrase: WRONG });
      await backend.call('app.unlock', { passphrase: SECRET });
      backend.close();
      // What each refusal carried across the boundary, as a person or a log would see it.
      printed += JSON.stringify(errors.map((e) => ({ e, message: (e as Error).message, stack: (e as Error).stack })));
      expect(errors).toHaveLength(5);
    } finally {
      backend.close();
      for (const spy of [out, err, log, warn, error]) spy.mockRestore();
    }

    if (!built) return;
    const env = { ...process.env, GRANSKA_DATA_DIR: dir, GRANSKA_DB_PASSPHRASE: SECRET, GRANSKA_PACKAGE_PASSPHRASE: SECRET };
    const granska = (args: string[], extra: Record<string, string> = {}) => {
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...env, ...extra } });
      cliOutput.push(`${args.join(' ')} → ${r.status}\n${r.stdout}\n${r.stderr}`);
      return r;
    };
    expect(granska(['audits', '--db', db, '--json']).status).toBe(0);
    expect(granska(['audits', '--db', db], { GRANSKA_DB_PASSPHRASE: WRONG }).status).toBe(2);
    expect(granska(['trail', 'verify', '--db', db]).status).toBe(0);
    expect(granska(['backup', '--db', db, '--out', path.join(dir, 'kopior', 'cli.sqlite')]).status).toBe(0);
    expect(granska(['package', 'export', otherNumber, '--db', db, '--out', path.join(dir, 'cli.granska'), '--encrypt']).status).toBe(0);
    expect(granska(['package', 'import', path.join(dir, 'cli.granska'), '--db', db], { GRANSKA_PACKAGE_PASSPHRASE: WRONG }).status).not.toBe(0);
  }, 240_000);

  it('is in no file: database, WAL, backups, kept copies, packages, logs', () => {
    const files = filesUnder(dir);
    expect(files.some((f) => f.endsWith('.bak'))).toBe(true);
    expect(files.filter((f) => f.includes(`${path.sep}kopior${path.sep}`))).toHaveLength(2);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const { name, bytes: needle } of encodings(SECRET)) expect(bytes.includes(needle), `${name} in ${file}`).toBe(false);
    }
  });

  it('is in no cell of the decrypted database, the audit trail included', () => {
    const conn = openSqlite(db, { readonly: true, fileMustExist: true }, SECRET);
    try {
      const tables = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      expect(tables).toContain('audit_trail');
      // Signing keys rest sealed (AES-256-GCM under PBKDF2 of the passphrase), never as a bare PKCS#12.
      const keys = conn.prepare('SELECT p12 FROM signing_identities').pluck().all() as Buffer[];
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(isSealed(key)).toBe(true);
      const trail = conn.prepare('SELECT count(*) FROM audit_trail').pluck().get() as number;
      expect(trail).toBeGreaterThan(10);
      for (const table of tables) {
        for (const row of conn.prepare(`SELECT * FROM "${table}"`).raw().iterate() as IterableIterator<unknown[]>) {
          for (const cell of row) {
            const bytes = Buffer.isBuffer(cell) ? cell : Buffer.from(String(cell), 'utf8');
            for (const { name, bytes: needle } of encodings(SECRET)) expect(bytes.includes(needle), `${name} in ${table}`).toBe(false);
          }
        }
      }
    } finally {
      conn.close();
    }
  });

  it('is in nothing printed: the backend’s output, its errors, and every granska command’s stdout and stderr', () => {
    expect(printed.length).toBeGreaterThan(0);
    const all = [printed, ...cliOutput].join('\n');
    if (built) expect(cliOutput).toHaveLength(6);
    expect(all).toContain('wrong_passphrase');
    for (const secret of [SECRET, WRONG]) {
      for (const { name, bytes } of encodings(secret)) expect(Buffer.from(all, 'utf8').includes(bytes), `${name} printed`).toBe(false);
    }
  });
});
