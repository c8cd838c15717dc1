import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'granska.cjs');
const built = fs.existsSync(CLI);
if (!built) console.warn('Skipping `granska trail verify` tests: dist/cli/granska.cjs is not built (node electron/build.mjs).');

describe.skipIf(!built && !process.env.CI)('granska trail verify', () => {
  const dir = tempDir('granska-cli-trail-');
  const demo = path.join(dir, 'demo.sqlite');
  const granska = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, GRANSKA_DATA_DIR: dir } });
  const sqlite3 = (file: string, sql: string) => {
    const r = spawnSync('sqlite3', [file, sql], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.trim();
  };

  beforeAll(() => {
    expect(granska(['demo', '--db', demo]).status).toBe(0);
  });

  it('exits 0 for the demo database and says how many entries hold', () => {
    const r = granska(['trail', 'verify', '--db', demo]);
    expect(r.status, r.stderr).toBe(0);
    const rows = Number(sqlite3(demo, 'SELECT count(*) FROM audit_trail'));
    expect(r.stdout).toContain(`INTACT — Intact: all ${rows} entries are as they were written.`);
  });

  it('exits 1 naming the first entry edited with the sqlite3 tool', () => {
    const copy = path.join(dir, 'edited.sqlite');
    fs.copyFileSync(demo, copy);
    const [id, at] = sqlite3(copy, 'SELECT id, at FROM audit_trail WHERE seq = 12').split('|');
    sqlite3(copy, "UPDATE audit_trail SET actor = 'someone else' WHERE seq = 12");
    const r = granska(['trail', 'verify', '--db', copy]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`BROKEN — Broken at entry 12 (written ${at}): the entry has been changed after it was written.`);
    expect(r.stdout).toContain(`Entry id: ${id}`);

    const json = granska(['trail', 'verify', '--db', copy, '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ intact: false, rows: 12, firstBroken: { seq: 12, id, reason: 'row_changed' } });
  });

  it('exits 2 for a file that is not a database', () => {
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database at all, just text');
    expect(granska(['trail', 'verify', '--db', junk]).status).toBe(2);
    expect(granska(['trail', 'verify', '--db', path.join(dir, 'missing.sqlite')]).status).toBe(2);
  });
});
