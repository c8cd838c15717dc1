import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'granska.cjs');
const built = fs.existsSync(CLI);
if (!built) console.warn('Skipping `granska actions` tests: dist/cli/granska.cjs is not built (npm run build).');

function granska(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

interface Line {
  number: string;
  source: string;
  findingNumber: string | null;
  status: string;
  owner: string | null;
  dueDate: string | null;
  overdue: boolean;
}

describe.skipIf(!built && !process.env.CI)('granska actions', () => {
  const dir = tempDir();
  const env = { GRANSKA_DATA_DIR: dir };
  const db = path.join(dir, 'demo.sqlite');

  it('prints every case with number, source, finding, status, owner, due date and whether it is overdue', () => {
    expect(granska(['demo', '--db', db], env).status).toBe(0);
    const r = granska(['actions', '--db', db, '--json'], env);
    expect(r.status, r.stderr).toBe(0);
    const lines = JSON.parse(r.stdout) as Line[];
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['number', 'source', 'findingNumber', 'status', 'owner', 'dueDate', 'overdue']));
      expect(l.number).toMatch(/^AV-\d{4}-\d{3}$/);
    }
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    // Overdue is judged on the real date: an open case whose due date has passed.
    for (const l of lines) expect(l.overdue, l.number).toBe(l.status !== 'closed' && l.dueDate !== null && l.dueDate < day);
    expect(lines.some((l) => l.overdue)).toBe(true);
    expect(lines.some((l) => l.findingNumber !== null && /^(IR|EX|LR)-\d{4}-\d{3}-\d{2}$/.test(l.findingNumber))).toBe(true);

    const overdue = JSON.parse(granska(['actions', '--db', db, '--json', '--overdue'], env).stdout) as Line[];
    expect(overdue.map((l) => l.number)).toEqual(lines.filter((l) => l.overdue).map((l) => l.number));
    const text = granska(['actions', '--db', db, '--overdue'], env).stdout;
    expect(text).toContain('OVERDUE');
    expect(text).toMatch(new RegExp(`${overdue.length} case\\(s\\), ${overdue.length} overdue\\.`));
  });

  it('writes the overdue list for management as a PDF, and checks an import without changing anything', () => {
    const pdf = path.join(dir, 'forsenade.pdf');
    const r = granska(['actions', '--db', db, '--overdue', '--export', pdf], env);
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // The bundled command loads exceljs lazily; this proves the bundle finds it.
    const xlsx = path.join(dir, 'register.xlsx');
    expect(granska(['actions', '--db', db, '--export', xlsx], env).status).toBe(0);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');

    const csv = path.join(dir, 'gammalt.csv');
    fs.writeFileSync(csv, 'Rubrik;Källa;Enhet;Datum\nTrasig dörr;Egen upptäckt;Grundskolan;2026-10-01\nSaknas;Okänt;Ingenstans;igår\n');
    const before = (JSON.parse(granska(['actions', '--db', db, '--json'], env).stdout) as Line[]).length;
    const check = granska(['actions', '--db', db, '--import', csv], env);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('Row 3: Unknown source “Okänt”; Unknown unit “Ingenstans”; Detected: “igår” is not a date (YYYY-MM-DD)');
    expect(check.stdout).toContain('1 of 2 row(s) can be imported.');
    expect((JSON.parse(granska(['actions', '--db', db, '--json'], env).stdout) as Line[]).length).toBe(before);

    const commit = granska(['actions', '--db', db, '--import', csv, '--commit'], env);
    expect(commit.stdout).toMatch(/Imported 1 case\(s\): AV-2026-\d{3}\./);
    expect((JSON.parse(granska(['actions', '--db', db, '--json'], env).stdout) as Line[]).length).toBe(before + 1);
  });
});
