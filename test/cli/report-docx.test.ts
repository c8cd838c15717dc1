import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../electron/backend/backend';
import { PASSPHRASE, reportFixture, type ReportFixture } from '../backend/reports/fixture';
import { tempDir } from '../helpers/tmp';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'granska.cjs');
const built = fs.existsSync(CLI);
if (!built) console.warn('Skipping `granska report --docx` tests: dist/cli/granska.cjs is not built (node electron/build.mjs).');

const documentXml = (file: string) => strFromU8(unzipSync(fs.readFileSync(file))['word/document.xml'] as Uint8Array);

describe.skipIf(!built && !process.env.CI)('granska report --docx', () => {
  const dir = tempDir('granska-cli-docx-');
  const db = path.join(dir, 'rapport.sqlite');
  const file = (name: string) => path.join(dir, name);
  const granska = (args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, GRANSKA_DATA_DIR: dir, REPORT_PASS: PASSPHRASE } });
  let fx: ReportFixture;

  beforeAll(async () => {
    expect(built, 'dist/cli/granska.cjs is required in CI (node electron/build.mjs)').toBe(true);
    const backend = new Backend({ dataDir: dir, transport: 'http', version: 'test' });
    backend.open(db);
    try {
      fx = await reportFixture((name, input) => backend.call(name, input ?? {}) as never, { findings: 4, photos: 1 });
    } finally {
      backend.close();
    }
  });

  it('writes a Word copy of the draft before the report is issued', () => {
    const r = granska(['report', fx.audit.number, '--db', db, '--docx', '--lang', 'en', '--out', file('draft.docx')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('unissued draft');
    const xml = documentXml(file('draft.docx'));
    expect(xml).toContain('1 Audit objectives');
    for (const f of fx.findings.filter((f) => f.type !== 'strength')) expect(xml).toContain(f.number);
  });

  it('writes a Word copy of the issued revision, naming the signed PDF as the record, and refuses --docx with --p12', () => {
    const p12 = file('karin.p12');
    const id = granska(['identity', 'create', '--name', 'Karin Lindqvist', '--email', fx.lead.email, '--org', 'Sjöviks kommunkoncern', '--out', p12, '--passphrase-env', 'REPORT_PASS']);
    expect(id.status, id.stderr).toBe(0);
    const both = granska(['report', fx.audit.number, '--db', db, '--docx', '--p12', p12, '--passphrase-env', 'REPORT_PASS', '--out', file('x.docx')]);
    expect(both.status).toBe(1);
    expect(fs.existsSync(file('x.docx'))).toBe(false);
    const issue = granska(['report', fx.audit.number, '--db', db, '--p12', p12, '--passphrase-env', 'REPORT_PASS', '--out', file('signed.pdf')]);
    expect(issue.status, issue.stderr).toBe(0);
    const sha = /SHA-256: ([0-9a-f]{64})/.exec(issue.stdout)?.[1];
    expect(sha).toBeTruthy();
    const r = granska(['report', fx.audit.number, '--db', db, '--docx', '--out', file('copy.docx')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('revision 1');
    const xml = documentXml(file('copy.docx'));
    expect(xml).toContain('Den signerade PDF-filen är den gällande handlingen.');
    expect(xml).toContain(sha);
    expect(xml).toContain('Karin Lindqvist');
  });
});
