import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'granska.cjs');
const built = fs.existsSync(CLI);
if (!built) console.warn('Skipping `granska` error-message tests: dist/cli/granska.cjs is not built (node electron/build.mjs).');

/** Every file in the folder with its size and modification time: "nothing changed" made checkable. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => {
    const s = fs.statSync(path.join(dir, f));
    return [f, `${s.size}:${s.mtimeMs}`];
  }));
}

describe.skipIf(!built && !process.env.CI)('granska when something is wrong', () => {
  const dir = tempDir('granska-cli-errors-');
  const env = { GRANSKA_DATA_DIR: dir, GOOD_PASS: 'en lång lösenfras', UNSET_PASS: '' };
  const db = path.join(dir, 'demo.sqlite');
  const file = (name: string) => path.join(dir, name);
  const granska = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  /** One clear line on stderr, nothing on stdout, the exit code, and no file touched. */
  function refused(args: string[], code: number, message: string | RegExp): void {
    const before = snapshot(dir);
    const r = granska(args);
    expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/^granska: /);
    if (typeof message === 'string') expect(r.stderr).toContain(message);
    else expect(r.stderr).toMatch(message);
    expect(snapshot(dir)).toEqual(before);
  }

  beforeAll(() => {
    expect(granska(['demo', '--db', db]).status).toBe(0);
    expect(
      granska(['identity', 'create', '--name', 'Karin Lindqvist', '--email', 'karin@sjovik.example', '--org', 'Sjöviks kommunkoncern', '--out', file('karin.p12'), '--passphrase-env', 'GOOD_PASS']).status,
    ).toBe(0);
    fs.writeFileSync(file('tom.sqlite'), '');
    fs.writeFileSync(file('anteckningar.sqlite'), 'inte en databas');
  });

  it('does not change which database the app opens next', () => {
    expect(granska(['audits', '--db', db]).status).toBe(0);
    expect(fs.existsSync(file('preferences.json'))).toBe(false);
  });

  it('names a database file that does not exist, and does not create it (exit 2)', () => {
    for (const args of [['audits'], ['findings'], ['actions'], ['report', 'IR-2026-001', '--out', file('r.pdf')]]) {
      refused([...args, '--db', file('finns-inte.sqlite')], 2, `the database ${file('finns-inte.sqlite')} does not exist`);
    }
    refused(['verify', file('finns-inte.pdf'), '--db', file('finns-inte.sqlite')], 2, 'could not be read');
  });

  it('refuses an empty or short access token for browser mode instead of serving without one', () => {
    refused(['serve', '--token', '', '--db', db], 1, 'The access token must be at least 16 characters long');
    refused(['serve', '--token', 'abc', '--db', db], 1, 'The access token must be at least 16 characters long');
  });

  it('refuses an empty file or a file that is not a Granska database, without writing Granska tables into it', () => {
    refused(['audits', '--db', file('tom.sqlite'), '--json'], 2, `${file('tom.sqlite')} is not a Granska database.`);
    refused(['findings', '--db', file('anteckningar.sqlite')], 2, 'is not a database Granska can read');
    expect(fs.readFileSync(file('tom.sqlite'), 'utf8')).toBe('');
  });

  it('says which audit number it did not find', () => {
    refused(['findings', '--db', db, '--audit', 'IR-1999-042'], 1, 'no audit has the number IR-1999-042');
    refused(['report', 'IR-1999-042', '--db', db, '--out', file('r.pdf')], 1, 'no audit has the number IR-1999-042');
    refused(['report', 'IR-2026-001', '--db', db, '--out', file('r.pdf'), '--revision', '7'], 1, /IR-2026-001 has no issued revision 7/);
  });

  it('refuses to sign when the passphrase variable is missing or empty, and leaves the audit open', () => {
    const audits = () => JSON.parse(granska(['audits', '--db', db, '--json']).stdout) as { number: string; status: string }[];
    const open = audits().find((a) => a.status === 'in_progress');
    expect(open, 'the demo has an audit in progress').toBeDefined();
    const number = (open as { number: string }).number;
    for (const variable of ['NOT_SET_ANYWHERE', 'UNSET_PASS']) {
      refused(['report', number, '--db', db, '--out', file('r.pdf'), '--p12', file('karin.p12'), '--passphrase-env', variable], 1, `the environment variable ${variable} is not set`);
    }
    refused(['report', number, '--db', db, '--out', file('r.pdf'), '--p12', file('karin.p12')], 1, '--p12 needs --passphrase-env VAR');
    refused(['report', number, '--db', db, '--out', file('r.pdf'), '--p12', file('saknas.p12'), '--passphrase-env', 'GOOD_PASS'], 2, `(${file('saknas.p12')})`);
    expect(audits().find((a) => a.number === number)?.status).toBe('in_progress');
  });

  it('checks options before it does any work', () => {
    refused(['report', 'IR-2026-001', '--db', db, '--out', file('r.pdf'), '--lang', 'de'], 1, '--lang must be sv or en.');
    refused(['actions', '--db', db, '--export', file('register.docx')], 1, '--export must end in .xlsx, .csv or .pdf');
    refused(['identity', 'create', '--name', 'X', '--email', 'inte-en-adress', '--org', 'O', '--out', file('x.p12'), '--passphrase-env', 'GOOD_PASS'], 1, '--email: Enter a valid email address');
    refused(['demo', '--db', db], 1, 'already holds data');
  });

  it('lists and checks files without loading the PDF, signing or spreadsheet libraries', () => {
    // Those libraries take most of a second to load; commands that do not use them must not wait for them.
    const trace = file('trace.cjs');
    fs.writeFileSync(
      trace,
      `const M = require('module'); const load = M._load; const seen = new Set();
       M._load = function (r) { seen.add(r); return load.apply(this, arguments); };
       process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify([...seen]) + '\\n'));`,
    );
    const heavy = /^(pdfkit|exceljs|papaparse|node-forge|file-type|fontkit|@signpdf\/.*)$/;
    for (const args of [['--help'], ['audits', '--db', db, '--json'], ['findings', '--db', db, '--json'], ['actions', '--db', db, '--json'], ['verify', file('tom.sqlite')]]) {
      const r = spawnSync(process.execPath, ['--require', trace, CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
      const loaded = JSON.parse(/LOADED (.*)/.exec(r.stderr)?.[1] ?? 'null') as string[] | null;
      expect(loaded, r.stderr).not.toBeNull();
      expect((loaded as string[]).filter((m) => heavy.test(m)), args.join(' ')).toEqual([]);
    }
  });
});
