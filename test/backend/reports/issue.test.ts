import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeliveredFile } from '../../../shared/contract/files';
import type { ReportPreview } from '../../../shared/contract/reports';
import type { AuditTrailEntry } from '../../../shared/contract/app';
import type { Audit } from '../../../shared/domain/audits';
import type { ReportOverview, ReportRevision, SigningIdentity, VerifyOutcome } from '../../../shared/domain/reports';
import { externalTool, run } from '../signing/helpers';
import { caller, rejection, tempDir, testBackend } from '../../helpers/tmp';
import { PASSPHRASE, reportFixture, type ReportFixture } from './fixture';
import { REPORT_SIGNER_ROLES_SETTING } from '../../../electron/backend/features/reports/issue';
import { setSetting } from '../../../electron/backend/core/settings';

const pdfsig = externalTool('pdfsig', 'poppler-utils', true);
const qpdf = externalTool('qpdf', 'qpdf', true);
const pdftotext = externalTool('pdftotext', 'poppler-utils', true);

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('issuing a signed audit report', () => {
  const dir = tempDir('granska-report-');
  const backend = testBackend({ dir });
  const call = caller(backend);
  let fx: ReportFixture;
  let identity: SigningIdentity;
  let first: ReportRevision;
  let firstPdf: Buffer;
  const file = (name: string, bytes: Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, bytes);
    return p;
  };

  beforeAll(async () => {
    fx = await reportFixture(call, { findings: 6, photos: 3 });
    identity = await call<SigningIdentity>('identities.create', {
      name: 'Karin Lindqvist',
      // the certificate's address names the signer: the audit's lead
      email: fx.lead.email,
      organisation: 'Sjöviks kommunkoncern',
      passphrase: PASSPHRASE,
    });
  });

  it('previews an unsigned draft without changing the audit', async () => {
    const preview = await call<ReportPreview>('reports.preview', { auditId: fx.audit.id, lang: 'sv' });
    const pdf = Buffer.from(preview.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(preview.pages).toBeGreaterThan(1);
    const result = await call<VerifyOutcome>('verify.pdf', { contentBase64: preview.base64 });
    expect(result).toMatchObject({ signed: false, valid: false });
    const audit = await call<Audit>('audits.get', { id: fx.audit.id });
    expect(audit).toMatchObject({ locked: false, status: 'in_progress', revision: fx.audit.revision });
  });

  it('refuses a wrong passphrase clearly and changes nothing', async () => {
    const err = await rejection(
      call('reports.issue', { auditId: fx.audit.id, revision: fx.audit.revision, lang: 'sv', identityId: identity.id, passphrase: 'fel lösenord' }),
    );
    expect(err.code).toBe('wrong_passphrase');
    const status = await call<ReportOverview>('reports.status', { auditId: fx.audit.id });
    expect(status).toMatchObject({ locked: false, revisions: [], nextRevision: 1 });
    const trail = await call<AuditTrailEntry[]>('trail.list', { limit: 1000 });
    expect(JSON.stringify(trail)).not.toContain('fel lösenord');
  });

  it('issues revision 1: signed, recorded with its SHA-256, the audit locked and reported', async () => {
    first = await call<ReportRevision>('reports.issue', {
      auditId: fx.audit.id,
      revision: fx.audit.revision,
      lang: 'sv',
      identityId: identity.id,
      passphrase: PASSPHRASE,
    });
    expect(first).toMatchObject({ revision: 1, lang: 'sv', signerName: 'Karin Lindqvist', signerFingerprint: identity.fingerprint });
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await call<Audit>('audits.get', { id: fx.audit.id });
    expect(audit).toMatchObject({ locked: true, status: 'reported' });
    const content = await call<ReportPreview>('reports.content', { id: first.id });
    firstPdf = Buffer.from(content.base64, 'base64');
    expect(sha256(firstPdf)).toBe(first.sha256);
    const trail = await call<AuditTrailEntry[]>('trail.list', { limit: 1000 });
    expect(JSON.stringify(trail)).not.toContain(PASSPHRASE);
  });

  it('gives byte-identical copies every time, equal to the recorded SHA-256', async () => {
    const a = await call<DeliveredFile>('reports.save', { id: first.id });
    const b = await call<DeliveredFile>('reports.save', { id: first.id });
    const bytesA = Buffer.from(a.base64 ?? '', 'base64');
    const bytesB = Buffer.from(b.base64 ?? '', 'base64');
    expect(bytesA.equals(bytesB)).toBe(true);
    expect(sha256(bytesA)).toBe(first.sha256);
    expect(a.fileName).toBe(first.fileName);
  });

  it('verifies in the app: intact but not trusted until the signer is on the trusted list, then valid and current', async () => {
    const result = await call<VerifyOutcome>('verify.pdf', { contentBase64: firstPdf.toString('base64'), fileName: first.fileName });
    expect(result).toMatchObject({ verdict: 'untrusted', valid: false, integrityValid: true, coversWholeFile: true, trusted: false, databaseChecked: true });
    expect(result.claimed).toEqual({ auditNumber: fx.audit.number, revision: 1 });
    expect(result.match).toMatchObject({ auditNumber: fx.audit.number, revision: 1, supersededBy: null, exact: true });
    expect(result.signer?.fingerprintSha256).toBe(identity.fingerprint);
    expect(result.checks.map((c) => [c.key, c.state])).toEqual([
      ['signed', 'pass'], ['integrity', 'pass'], ['whole_file', 'pass'], ['signer', 'info'], ['signing_time', 'info'],
      ['certificate', 'pass'], ['key_usage', 'pass'], ['trusted', 'warn'], ['claimed', 'info'], ['issued', 'pass'],
    ]);
    await call('trust.add', { identityId: identity.id });
    const trusted = await call<VerifyOutcome>('verify.pdf', { contentBase64: firstPdf.toString('base64') });
    expect(trusted).toMatchObject({ verdict: 'valid', valid: true, trusted: true });
  });

  it.skipIf(pdfsig.skip)('is valid and wholly signed for poppler pdfsig', () => {
    expect(pdfsig.path, 'pdfsig (poppler-utils) is required in CI').toBeTruthy();
    const out = run(pdfsig.path as string, [file('rapport.pdf', firstPdf)]).stdout;
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signer Certificate Common Name: Karin Lindqvist');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
  });

  it.skipIf(qpdf.skip)('passes qpdf --check', () => {
    expect(qpdf.path, 'qpdf is required in CI').toBeTruthy();
    const res = run(qpdf.path as string, ['--check', file('rapport-qpdf.pdf', firstPdf)]);
    expect(res.status, res.stdout + res.stderr).toBe(0);
  });

  it.skipIf(pdftotext.skip)('shows every finding and the Swedish letters intact', () => {
    expect(pdftotext.path, 'pdftotext (poppler-utils) is required in CI').toBeTruthy();
    const text = run(pdftotext.path as string, [file('rapport-text.pdf', firstPdf), '-']).stdout.replace(/\s+/g, ' ');
    for (const f of fx.findings) {
      expect(text).toContain(f.number);
      expect(text).toContain(f.statement);
    }
    expect(text).toContain('åäö ÅÄÖ');
    expect(text).toContain('Revisionsrapport');
    expect(text).toContain('Sida 1 av');
    expect(text).toContain('Kraven uppfylls i huvudsak');
    expect(text).toContain('Elektroniskt signerad');
    expect(text).toContain(identity.fingerprint);
  });

  it('fails verification when one byte inside a signed range changes', async () => {
    const { tampered, offset } = tamperOneByte(firstPdf);
    const result = await call<VerifyOutcome>('verify.pdf', { contentBase64: tampered.toString('base64') });
    expect(result.byteRange[1] as number > offset || offset >= (result.byteRange[2] as number)).toBe(true);
    expect(result).toMatchObject({ valid: false, integrityValid: false, match: null });
    expect(result.checks.find((c) => c.key === 'integrity')?.state).toBe('fail');
    if (!pdfsig.skip) {
      const out = run(pdfsig.path as string, [file('andrad.pdf', tampered)]).stdout;
      expect(out).not.toContain('Signature is Valid');
    }
  });

  it('refuses changes to a locked audit and a second issue without a correction', async () => {
    const audit = await call<Audit>('audits.get', { id: fx.audit.id });
    const err = await rejection(
      call('reports.issue', { auditId: audit.id, revision: audit.revision, lang: 'sv', identityId: identity.id, passphrase: PASSPHRASE }),
    );
    expect(err.code).toBe('locked');
    const save = await rejection(call('reports.saveConclusions', { auditId: audit.id, revision: audit.revision, fields: { summary: 'Ändrad' } }));
    expect(save.code).toBe('locked');
  });

  it('a correction unlocks the audit, and revision 2 states it supersedes revision 1; both are kept', async () => {
    const opened = await call<ReportOverview>('reports.startCorrection', { auditId: fx.audit.id, reason: 'Fel enhet angiven i avvikelse 2.' });
    expect(opened).toMatchObject({ locked: false, nextRevision: 2, openCorrection: { reason: 'Fel enhet angiven i avvikelse 2.', afterRevision: 1 } });
    let audit = await call<Audit>('audits.get', { id: fx.audit.id });
    audit = await call<Audit>('reports.saveConclusions', {
      auditId: audit.id,
      revision: audit.revision,
      fields: { summary: audit.summary, conclusion: `${audit.conclusion} Rättad.`, fulfilment: 'largely', areasNotCovered: audit.areasNotCovered },
    });
    const second = await call<ReportRevision>('reports.issue', {
      auditId: audit.id, revision: audit.revision, lang: 'en', identityId: identity.id, passphrase: PASSPHRASE,
    });
    expect(second).toMatchObject({ revision: 2, lang: 'en', correctionReason: 'Fel enhet angiven i avvikelse 2.' });
    const status = await call<ReportOverview>('reports.status', { auditId: fx.audit.id });
    expect(status.revisions.map((r) => r.revision)).toEqual([2, 1]);
    expect(status).toMatchObject({ locked: true, openCorrection: null, nextRevision: 3 });
    const bytes = Buffer.from((await call<ReportPreview>('reports.content', { id: second.id })).base64, 'base64');
    if (!pdftotext.skip) {
      const text = run(pdftotext.path as string, [file('rev2.pdf', bytes), '-']).stdout.replace(/\s+/g, ' ');
      expect(text).toContain('This revision supersedes revision 1');
      expect(text).toContain('Page 1 of');
    }
    // the first revision is still there, byte for byte, and is now reported as superseded
    const old = await call<VerifyOutcome>('verify.pdf', { contentBase64: firstPdf.toString('base64') });
    expect(old.match).toMatchObject({ revision: 1, supersededBy: 2, current: { revision: 2, issuedAt: second.issuedAt, correctionReason: 'Fel enhet angiven i avvikelse 2.' } });
    expect(old.checks.find((c) => c.key === 'issued')).toMatchObject({
      outcome: 'superseded', state: 'fail', params: { revision: 1, newer: 2, newerIssuedAt: second.issuedAt, why: 'Fel enhet angiven i avvikelse 2.' },
    });
    expect(old).toMatchObject({ verdict: 'invalid', valid: false, trusted: true, integrityValid: true });
    const current = await call<VerifyOutcome>('verify.pdf', { contentBase64: bytes.toString('base64') });
    expect(current).toMatchObject({ verdict: 'valid', claimed: { auditNumber: fx.audit.number, revision: 2 } });
  });

  it("refuses a signer who is not the audit's lead, unless the coordinator allows the signer's role", async () => {
    const other = await reportFixture(call, { findings: 1, photos: 0 });
    const before = await call<ReportOverview>('reports.status', { auditId: other.audit.id });
    const err = await rejection(
      call('reports.issue', { auditId: other.audit.id, revision: other.audit.revision, lang: 'sv', identityId: identity.id, passphrase: PASSPHRASE }),
    );
    expect(err).toMatchObject({ code: 'invalid_transition', params: { reason: 'signer_not_lead', number: other.audit.number, signer: fx.lead.email } });
    expect(String(err.params.lead)).toContain(other.lead.email);
    expect(await call<ReportOverview>('reports.status', { auditId: other.audit.id })).toEqual(before);
    // the first fixture's lead holds the person role audit_lead; allowing that role lets her sign
    setSetting(backend.ctx(), REPORT_SIGNER_ROLES_SETTING, JSON.stringify(['audit_lead']));
    try {
      const issued = await call<ReportRevision>('reports.issue', {
        auditId: other.audit.id, revision: other.audit.revision, lang: 'sv', identityId: identity.id, passphrase: PASSPHRASE,
      });
      expect(issued.revision).toBe(1);
    } finally {
      setSetting(backend.ctx(), REPORT_SIGNER_ROLES_SETTING, null);
    }
  });

  it('refuses to issue while the conclusions are missing', async () => {
    const other = await reportFixture(call, { findings: 1, photos: 0 });
    const audit = await call<Audit>('reports.saveConclusions', {
      auditId: other.audit.id, revision: other.audit.revision, fields: { summary: '', conclusion: '', fulfilment: null },
    });
    const status = await call<ReportOverview>('reports.status', { auditId: audit.id });
    expect(status.blockers).toEqual(['summary', 'conclusion', 'fulfilment']);
    const err = await rejection(
      call('reports.issue', { auditId: audit.id, revision: audit.revision, lang: 'sv', identityId: identity.id, passphrase: PASSPHRASE }),
    );
    expect(err.code).toBe('invalid_input');
    expect(err.params.issues).toEqual([
      { path: 'summary', message: 'required' }, { path: 'conclusion', message: 'required' }, { path: 'fulfilment', message: 'choose' },
    ]);
  });
});

/** Reports compress their content streams, so change a letter of the document's /Producer entry: signed, but not content. */
function tamperOneByte(pdf: Buffer): { tampered: Buffer; offset: number } {
  const offset = pdf.indexOf('/Producer (') + '/Producer ('.length;
  const tampered = Buffer.from(pdf);
  tampered[offset] = tampered[offset] === 0x47 ? 0x48 : 0x47;
  return { tampered, offset };
}
