import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'granska.cjs');
const built = fs.existsSync(CLI);
if (!built) console.warn('Skipping CLI tests: dist/cli/granska.cjs is not built (npm run build).');

function granska(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe.skipIf(!built && !process.env.CI)('granska command', () => {
  const dir = tempDir();

  it('lists every command with a one-line description, and explains each command', () => {
    const help = granska(['--help']);
    expect(help.status).toBe(0);
    const listed = help.stdout.slice(help.stdout.indexOf('Commands:')).split('\n').slice(1).filter((l) => l.trim());
    const commands = ['serve', 'demo', 'audits', 'findings', 'actions', 'identity', 'report', 'verify', 'backup', 'restore', 'server', 'package', 'pack'];
    for (const name of commands) {
      // one line each: a wrapped description would leave a line that starts with blanks only
      expect(listed.find((l) => l.trimStart().startsWith(`${name} `)), name).toMatch(/^ {2}\S.*\S {2,}[a-z].{10,}$/);
    }
    expect(listed.every((l) => /^ {2}\S/.test(l)), listed.join('\n')).toBe(true);
    for (const args of [...commands.filter((c) => c !== 'identity' && c !== 'package').map((c) => [c]), ['identity', 'create'], ['package', 'export'], ['package', 'return'], ['package', 'import']]) {
      const r = granska([...args, '--help']);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toContain(`Usage: granska ${args.join(' ')}`);
      expect(r.stdout).toMatch(/Options:\n/);
    }
    expect(granska(['demo', '--help']).stdout).toContain('--db <file>');
  });

  it('creates a fictional municipal group with at least 7 units, ~20 processes and ~15 people', () => {
    const file = path.join(dir, 'demo.sqlite');
    const r = granska(['demo', '--db', file], { GRANSKA_DATA_DIR: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Demo data for Sjöviks kommunkoncern written to ${file}:`);
    for (const what of ['units', 'processes', 'people', 'audits', 'findings', 'corrective-action cases']) {
      expect(r.stdout).toMatch(new RegExp(`\\b[1-9]\\d* ${what}\\b`));
    }
    const db = new Database(file, { readonly: true });
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect(count('units')).toBeGreaterThanOrEqual(7);
    expect(count('processes')).toBeGreaterThanOrEqual(18);
    expect(count('people')).toBeGreaterThanOrEqual(15);
    const names = (db.prepare('SELECT name FROM units').all() as { name: string }[]).map((u) => u.name).join(' | ');
    for (const kind of [/Social/, /utbildning/, /Kommunledning/, /Miljö- och bygg/, /bostäder/i, /Energi/, /Destination|Turism/]) expect(names).toMatch(kind);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // the reported and closed audits come with their signed reports
    expect(count('report_revisions')).toBeGreaterThanOrEqual(10);
    db.close();
    // laying out and signing a dozen reports takes seconds on a loaded machine
  }, 120_000);

  it('refuses to overwrite a database that holds data, and leaves it unchanged', () => {
    const file = path.join(dir, 'demo.sqlite');
    const before = fs.readFileSync(file);
    const r = granska(['demo', '--db', file], { GRANSKA_DATA_DIR: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/already holds data/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('says clearly when an option is missing', () => {
    const r = granska(['demo']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--db/);
  });
});
