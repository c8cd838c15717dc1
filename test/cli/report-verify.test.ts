import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../electron/backend/backend';
import { createSelfSignedIdentity } from '../../electron/backend/signing';
import type { VerifyOutcome } from '../../shared/domain/reports';
import { PASSPHRASE, reportFixture, type ReportFixture } from '../backend/reports/fixture';
import { externalTool, run } from '../backend/signing/helpers';
import { tempDir } from '../helpers/tmp';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'granska.cjs');
const built = fs.existsSync(CLI);
if (!built) console.warn('Skipping `granska report/verify/identity` tests: dist/cli/granska.cjs is not built (node electron/build.mjs).');
const pdfsig = externalTool('pdfsig', 'poppler-utils', true);
const qpdf = externalTool('qpdf', 'qpdf', true);
const pdftotext = externalTool('pdftotext', 'poppler-utils', true);

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe.skipIf(!built && !process.env.CI)('granska identity create, report and verify', () => {
  const dir = tempDir('granska-cli-report-');
  const db = path.join(dir, 'rapport.sqlite');
  const p12 = path.join(dir, 'karin.p12');
  const env = { GRANSKA_DATA_DIR: dir, REPORT_PASS: PASSPHRASE, WRONG_PASS: 'inte rätt lösenfras' };
  const file = (name: string) => path.join(dir, name);
  const granska = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  let fx: ReportFixture;
  let signed: Buffer;

  beforeAll(async () => {
    expect(built, 'dist/cli/granska.cjs is required in CI (node electron/build.mjs)').toBe(true);
    const backend = new Backend({ dataDir: dir, transport: 'http', version: 'test' });
    backend.open(db);
    try {
      fx = await reportFixture((name, input) => backend.call(name, input ?? {}) as never, { findings: 7, photos: 2 });
    } finally {
      backend.close();
    }
  });

  it('creates a signing identity from a passphrase in the environment, and refuses without one', () => {
    const r = granska(['identity', 'create', '--name', 'Karin Lindqvist', '--email', fx.lead.email, '--org', 'Sjöviks kommunkoncern', '--out', p12, '--passphrase-env', 'REPORT_PASS', '--cert', file('karin.pem')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    expect(r.stdout).not.toContain(PASSPHRASE);
    expect(fs.statSync(p12).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file('karin.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');

    const missing = granska(['identity', 'create', '--name', 'X Y', '--email', 'x@y.se', '--org', 'O', '--out', file('x.p12'), '--passphrase-env', 'NOT_SET_ANYWHERE']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('NOT_SET_ANYWHERE');
    expect(fs.existsSync(file('x.p12'))).toBe(false);
    const again = granska(['identity', 'create', '--name', 'X Y', '--email', 'x@y.se', '--org', 'O', '--out', p12, '--passphrase-env', 'REPORT_PASS']);
    expect(again.status, 'an existing file is not overwritten without --force').toBe(1);
  });

  it('writes an unsigned draft without --p12, which verify reports as not signed (exit 1)', () => {
    const r = granska(['report', fx.audit.number, '--db', db, '--out', file('utkast.pdf')]);
    expect(r.status, r.stderr).toBe(0);
    const v = granska(['verify', file('utkast.pdf')]);
    expect(v.status).toBe(1);
    expect(v.stdout).toContain('The document has no signature.');
  });

  it('refuses a wrong passphrase and leaves the audit open', () => {
    const r = granska(['report', fx.audit.number, '--db', db, '--out', file('fel.pdf'), '--p12', p12, '--passphrase-env', 'WRONG_PASS']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('The passphrase is wrong.');
    expect(fs.existsSync(file('fel.pdf'))).toBe(false);
  });

  it('refuses an expired identity', () => {
    const old = createSelfSignedIdentity({
      name: 'Gammal Identitet', email: 'gammal@sjovik.example', organisation: 'Sjövik', passphrase: PASSPHRASE,
      now: new Date(Date.now() - 10 * 86_400_000), validDays: 2,
    });
    fs.writeFileSync(file('gammal.p12'), old.p12);
    const r = granska(['report', fx.audit.number, '--db', db, '--out', file('gammal.pdf'), '--p12', file('gammal.p12'), '--passphrase-env', 'REPORT_PASS']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('identity_expired');
  });

  it('refuses to issue with a certificate that does not belong to the audit\'s lead', () => {
    const other = createSelfSignedIdentity({ name: 'Per-Olof Nyberg', email: 'per-olof@sjovik.example', organisation: 'Sjövik', passphrase: PASSPHRASE });
    fs.writeFileSync(file('per.p12'), other.p12);
    const r = granska(['report', fx.audit.number, '--db', db, '--out', file('per.pdf'), '--p12', file('per.p12'), '--passphrase-env', 'REPORT_PASS']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Only the audit's lead");
    expect(r.stderr).toContain('per-olof@sjovik.example');
    expect(fs.existsSync(file('per.pdf'))).toBe(false);
  });

  it('issues and signs with --p12: a valid, whole-file signature for pdfsig and granska verify', () => {
    const r = granska(['report', fx.audit.number, '--db', db, '--out', file('signerad.pdf'), '--lang', 'en', '--p12', p12, '--passphrase-env', 'REPORT_PASS']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('revision 1');
    signed = fs.readFileSync(file('signerad.pdf'));
    const v = granska(['verify', file('signerad.pdf'), '--db', db, '--trust', file('karin.pem'), '--json']);
    expect(v.status, v.stdout + v.stderr).toBe(0);
    const outcome = JSON.parse(v.stdout) as VerifyOutcome;
    expect(outcome).toMatchObject({ valid: true, verdict: 'valid', trusted: true, coversWholeFile: true, integrityValid: true, signer: { subjectName: 'Karin Lindqvist' } });
    expect(outcome.match).toMatchObject({ auditNumber: fx.audit.number, revision: 1, supersededBy: null });
    expect(outcome.fileSha256).toBe(sha256(signed));
    if (!pdfsig.skip) {
      expect(pdfsig.path, 'pdfsig (poppler-utils) is required in CI').toBeTruthy();
      const out = run(pdfsig.path as string, [file('signerad.pdf')]).stdout;
      expect(out).toContain('Signature Validation: Signature is Valid.');
      expect(out).toContain('Total document signed');
    }
  });

  it.skipIf(qpdf.skip || pdftotext.skip)('is a sound PDF (qpdf --check) that shows every finding with å ä ö intact (pdftotext)', () => {
    expect(qpdf.path && pdftotext.path, 'qpdf and pdftotext are required in CI').toBeTruthy();
    const check = run(qpdf.path as string, ['--check', file('signerad.pdf')]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const text = run(pdftotext.path as string, [file('signerad.pdf'), '-']).stdout.replace(/\s+/g, ' ');
    for (const f of fx.findings) {
      expect(text).toContain(f.number);
      expect(text).toContain(f.statement);
    }
    expect(text).toContain('åäö ÅÄÖ');
    expect(text).toContain('Sjöviks kommunkoncern');
    expect(text).toMatch(/Page 1 of \d+/);
    // The signed report states the audit trail's chain head when it was signed: that row, with that
    // hash, is in the database (a later edit of the history would no longer match it).
    const head = /Audit trail head: ([0-9a-f]{64}) \(row (\d+)\)/.exec(text);
    expect(head, 'the signed report prints the trail head').not.toBeNull();
    const b = new Backend({ dataDir: dir, transport: 'http', version: 'test', rememberDatabase: false });
    b.open(db);
    try {
      const row = b.database.prepare('SELECT hash FROM audit_trail WHERE seq = ?').get(Number(head![2])) as { hash: string } | undefined;
      expect(row?.hash).toBe(head![1]);
    } finally {
      b.close();
    }
  });

  it('fails (exit 1) for one changed byte inside a signed range, for granska verify and pdfsig alike', () => {
    const tampered = Buffer.from(signed);
    const at = signed.indexOf('/Producer (') + '/Producer ('.length;
    tampered[at] = tampered[at] === 0x47 ? 0x48 : 0x47;
    fs.writeFileSync(file('andrad.pdf'), tampered);
    const v = granska(['verify', file('andrad.pdf'), '--db', db]);
    expect(v.status).toBe(1);
    expect(v.stdout).toContain('INVALID');
    expect(v.stdout).toContain('INVALID — Changed after signing: the signed byte ranges no longer match the signature.');
    if (!pdfsig.skip) expect(run(pdfsig.path as string, [file('andrad.pdf')]).stdout).not.toContain('Signature is Valid');
  });

  it('fails (exit 1) for bytes appended after signing', () => {
    fs.writeFileSync(file('tillagd.pdf'), Buffer.concat([signed, Buffer.from('\n%%tillagt\n')]));
    const v = granska(['verify', file('tillagd.pdf')]);
    expect(v.status).toBe(1);
    expect(v.stdout).toContain('Changed after signing: something was added to the file after it was signed.');
  });

  it('exits 2 for what it cannot read', () => {
    fs.writeFileSync(file('inte-pdf.pdf'), 'PK\u0003\u0004 ett zip-arkiv');
    expect(granska(['verify', file('inte-pdf.pdf')]).status).toBe(2);
    expect(granska(['verify', file('finns-inte.pdf')]).status).toBe(2);
  });

  it('writes an issued revision again byte for byte, and refuses a second issue while the audit is locked', () => {
    expect(granska(['report', fx.audit.number, '--db', db, '--out', file('kopia1.pdf'), '--revision', '1']).status).toBe(0);
    expect(granska(['report', fx.audit.number, '--db', db, '--out', file('kopia2.pdf'), '--revision', '1']).status).toBe(0);
    const a = fs.readFileSync(file('kopia1.pdf'));
    expect(a.equals(fs.readFileSync(file('kopia2.pdf')))).toBe(true);
    expect(a.equals(signed)).toBe(true);
    const again = granska(['report', fx.audit.number, '--db', db, '--out', file('igen.pdf'), '--p12', p12, '--passphrase-env', 'REPORT_PASS']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('[locked]');
  });
});
