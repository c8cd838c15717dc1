import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEncryptedDatabaseFile, isPlainDatabaseFile } from '../../electron/backend/db/cipher';
import { tempDir } from '../helpers/tmp';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'granska.cjs');
const built = fs.existsSync(CLI);
if (!built) console.warn('Skipping `granska encrypt/decrypt` tests: dist/cli/granska.cjs is not built (npm run build).');
const PASS = 'Kanelbulle på Gustav Adolfsdagen';
const sha = (file: string) => (fs.existsSync(file) ? crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') : null);

describe.skipIf(!built && !process.env.CI)('granska with an encrypted database', () => {
  const dir = tempDir('granska-cli-enc-');
  const db = path.join(dir, 'demo.sqlite');
  // stdin is not a terminal here, so a passphrase can only come from the environment.
  const granska = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, GRANSKA_DATA_DIR: dir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

  it('creates the demo encrypted, and every --db command needs the passphrase; a wrong one changes no byte', () => {
    expect(built, 'dist/cli/granska.cjs is required in CI').toBe(true);
    const made = granska(['demo', '--db', db, '--encrypt'], { GRANSKA_DB_PASSPHRASE: PASS });
    expect(made.status, made.stderr).toBe(0);
    expect(isEncryptedDatabaseFile(db)).toBe(true);
    const before = [sha(db), sha(`${db}-wal`), sha(`${db}-shm`)];

    const without = granska(['audits', '--db', db]);
    expect(without.status).toBe(1);
    expect(without.stderr).toContain('needs a passphrase: set GRANSKA_DB_PASSPHRASE');
    const wrong = granska(['findings', '--db', db, '--json'], { GRANSKA_DB_PASSPHRASE: 'kanelbulle på gustav adolfsdagen' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe('granska: The passphrase is wrong, or the file is not a Granska database. The file was not changed. [wrong_passphrase]\n');
    expect([sha(db), sha(`${db}-wal`), sha(`${db}-shm`)]).toEqual(before);

    const right = granska(['audits', '--db', db, '--json'], { GRANSKA_DB_PASSPHRASE: PASS });
    expect(right.status, right.stderr).toBe(0);
    expect((JSON.parse(right.stdout) as unknown[]).length).toBeGreaterThan(3);
    const verify = granska(['trail', 'verify', '--db', db], { GRANSKA_DB_PASSPHRASE: PASS });
    expect(verify.status, verify.stderr).toBe(0);
  }, 180_000);

  it('backs up encrypted, restores with the passphrase, and refuses a restore under a wrong one', () => {
    const copy = path.join(dir, 'kopia.sqlite');
    const backup = granska(['backup', '--db', db, '--out', copy], { GRANSKA_DB_PASSPHRASE: PASS });
    expect(backup.status, backup.stderr).toBe(0);
    expect(isEncryptedDatabaseFile(copy)).toBe(true);
    const target = path.join(dir, 'återställd.sqlite');
    const refused = granska(['restore', copy, '--db', target], { GRANSKA_DB_PASSPHRASE: 'fel men långt nog' });
    expect(refused.status).toBe(2);
    expect(fs.existsSync(target)).toBe(false);
    const restored = granska(['restore', copy, '--db', target], { GRANSKA_DB_PASSPHRASE: PASS });
    expect(restored.status, restored.stderr).toBe(0);
    expect(isEncryptedDatabaseFile(target)).toBe(true);
  }, 180_000);

  it('decrypts only with the passphrase, and encrypts again', () => {
    const before = sha(db);
    expect(granska(['decrypt', '--db', db], { GRANSKA_DB_PASSPHRASE: 'inte alls rätt' }).status).toBe(2);
    expect(sha(db)).toBe(before);
    const plain = granska(['decrypt', '--db', db], { GRANSKA_DB_PASSPHRASE: PASS });
    expect(plain.status, plain.stderr).toBe(0);
    expect(isPlainDatabaseFile(db)).toBe(true);
    expect(granska(['audits', '--db', db]).status).toBe(0);
    const short = granska(['encrypt', '--db', db], { GRANSKA_DB_PASSPHRASE: 'kort' });
    expect(short.status).not.toBe(0);
    expect(isPlainDatabaseFile(db)).toBe(true);
    const again = granska(['encrypt', '--db', db], { GRANSKA_DB_PASSPHRASE: PASS });
    expect(again.status, again.stderr).toBe(0);
    expect(isEncryptedDatabaseFile(db)).toBe(true);
  }, 180_000);

  it('exports an encrypted package, whose head line names the trail, and imports only with its passphrase', () => {
    const audits = JSON.parse(granska(['audits', '--db', db, '--json'], { GRANSKA_DB_PASSPHRASE: PASS }).stdout) as { number: string; status: string }[];
    const open = audits.find((a) => a.status === 'in_progress')!;
    const pkg = path.join(dir, 'IR.granska');
    const env = { GRANSKA_DB_PASSPHRASE: PASS, GRANSKA_PACKAGE_PASSPHRASE: 'Paketets egen lösenfras' };
    const exported = granska(['package', 'export', open.number, '--db', db, '--out', pkg, '--encrypt'], env);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/Audit trail head: [0-9a-f]{64} \(row \d+\)/);
    expect(fs.readFileSync(pkg).subarray(0, 7).toString('latin1')).toBe('GRANSKA');
    // The auditor's side: `package return` opens the encrypted package with its passphrase.
    const wrongOpen = granska(['package', 'return', '--db', pkg, '--out', path.join(dir, 'r.granska')], { GRANSKA_PACKAGE_PASSPHRASE: 'fel fel fel fel' });
    expect(wrongOpen.status).toBe(2);
    expect(wrongOpen.stderr).toContain('The passphrase is wrong, or the package has been altered');
    expect(fs.existsSync(`${pkg}.sqlite`)).toBe(false);
    const ret = path.join(dir, 'retur.granska');
    const returned = granska(['package', 'return', '--db', pkg, '--out', ret, '--encrypt'], env);
    expect(returned.status, returned.stderr).toBe(0);
    expect(isEncryptedDatabaseFile(`${pkg}.sqlite`)).toBe(true);
    const wrong = granska(['package', 'import', ret, '--db', db], { ...env, GRANSKA_PACKAGE_PASSPHRASE: 'fel fel fel fel' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('The passphrase is wrong, or the package has been altered since it was written. Nothing was changed.');
    const merged = granska(['package', 'import', ret, '--db', db, '--json'], env);
    expect(merged.status, merged.stderr).toBe(0);
    expect(JSON.parse(merged.stdout)).toMatchObject({ historyEdited: null });
  }, 180_000);
});
