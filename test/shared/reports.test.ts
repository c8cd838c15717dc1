import { describe, expect, it } from 'vitest';
import { finalVerdict, issueBlockers, reportFileName, verdictReason, verificationChecks, type SignatureFacts } from '../../shared/domain/reports';

const audit = {
  status: 'in_progress' as const,
  locked: false,
  summary: 'Sammanfattning',
  conclusion: 'Slutsats',
  fulfilment: 'largely' as const,
  external: false,
};

describe('when a report can be issued', () => {
  it('needs an audit in progress for the first revision, with summary, conclusions and fulfilment written', () => {
    expect(issueBlockers(audit, { revisions: 0, openCorrection: false })).toEqual([]);
    expect(issueBlockers({ ...audit, status: 'planned' }, { revisions: 0, openCorrection: false })).toEqual(['status']);
    expect(issueBlockers({ ...audit, summary: ' ', conclusion: '', fulfilment: null }, { revisions: 0, openCorrection: false })).toEqual([
      'summary',
      'conclusion',
      'fulfilment',
    ]);
  });

  it('needs an open correction for every later revision', () => {
    const reported = { ...audit, status: 'reported' as const };
    expect(issueBlockers({ ...reported, locked: true }, { revisions: 1, openCorrection: false })).toEqual(['locked']);
    expect(issueBlockers(reported, { revisions: 1, openCorrection: true })).toEqual([]);
  });

  it('leaves certification-body audits to the certification body', () => {
    expect(issueBlockers({ ...audit, external: true }, { revisions: 0, openCorrection: false })).toEqual(['external']);
  });

  it('names files by audit, language and revision, a draft as a draft', () => {
    expect(reportFileName('IR-2027-004', 2, 'sv')).toBe('IR-2027-004 Revisionsrapport version 2.pdf');
    expect(reportFileName('IR-2027-004', 1, 'en')).toBe('IR-2027-004 Audit report revision 1.pdf');
    expect(reportFileName('IR-2027-004', null, 'sv')).toBe('IR-2027-004 Revisionsrapport utkast.pdf');
  });
});

describe('the checks a verification shows', () => {
  const signer = { subjectName: 'Karin Lindqvist', email: 'k@s.se', organisation: 'Sjövik', fingerprintSha256: 'AA:BB', notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2030-01-01T00:00:00.000Z' };
  const certificate = { checkedAt: '2027-03-14T10:00:00.000Z', validity: 'valid' as const, usableForSigning: true };
  const first = {
    index: 1, byteRange: [0, 10, 20, 30], coveredUpTo: 50, coversWholeFile: true, integrityValid: true, digestSha256: 'ab', digestAlgorithm: 'sha256',
    subFilter: 'adbe.pkcs7.detached', signedAttributes: [], signer, signingTime: '2027-03-14T10:00:00.000Z', reason: 'Utfärdande', certificate, trusted: false, trustedVia: null, problems: [],
  };
  const valid: SignatureFacts = {
    signed: true, integrityValid: true, coversWholeFile: true, byteRange: [0, 10, 20, 30], digestSha256: 'ab', signingTime: '2027-03-14T10:00:00.000Z',
    signer, reason: 'Utfärdande', trusted: false, trustConfigured: false, certificate, afterSigning: 'none', claimed: { auditNumber: 'IR-2027-004', revision: 1 },
    signatures: [first], fileSha256: 'cd', issuedSha256: 'cd', verdict: 'untrusted', valid: false, problems: ['no_trusted_certificates'], level: 'PAdES B-B',
  };
  const match = {
    kind: 'report' as const, revisionId: 'r', auditId: 'a', auditNumber: 'IR-2027-004', auditTitle: 'T', revision: 1, issuedAt: 'x', signerName: 'K', exact: true, supersededBy: null, current: null,
  };
  const states = (checks: ReturnType<typeof verificationChecks>) => Object.fromEntries(checks.map((c) => [c.key, `${c.state}:${c.outcome}`]));

  it('lists signature, integrity, coverage, signer, time, certificate, trust and the claimed revision; the database match only when asked', () => {
    expect(states(verificationChecks(valid, { checked: false, match: null }))).toEqual({
      signed: 'pass:pass', integrity: 'pass:pass', whole_file: 'pass:pass', signer: 'info:known', signing_time: 'info:known',
      certificate: 'pass:valid', key_usage: 'pass:pass', trusted: 'warn:none_configured', claimed: 'info:known',
    });
    const trusted = { ...valid, trusted: true, trustConfigured: true, verdict: 'valid' as const, valid: true, problems: [] };
    expect(states(verificationChecks(trusted, { checked: true, match })).issued).toBe('pass:pass');
    expect(states(verificationChecks(valid, { checked: true, match: null })).issued).toBe('warn:unknown');
  });

  it('makes a superseded revision a failed check that names the current revision, when and why', () => {
    const superseded = { ...match, supersededBy: 2, current: { revision: 2, issuedAt: '2027-04-01T08:00:00.000Z', correctionReason: 'Fel enhet.' } };
    const checks = verificationChecks({ ...valid, trusted: true, verdict: 'valid', valid: true }, { checked: true, match: superseded });
    expect(checks.find((c) => c.key === 'issued')).toEqual({
      key: 'issued', outcome: 'superseded', state: 'fail',
      params: { number: 'IR-2027-004', revision: 1, issuedAt: 'x', title: 'T', newer: 2, newerIssuedAt: '2027-04-01T08:00:00.000Z', why: 'Fel enhet.' },
    });
    expect(finalVerdict({ ...valid, verdict: 'valid' }, checks)).toBe('invalid');
    expect(verdictReason(checks)?.outcome).toBe('superseded');
  });

  it('fails a file the database holds differently under the revision it claims', () => {
    expect(states(verificationChecks(valid, { checked: true, match: null, claimedAuditKnown: true })).issued).toBe('fail:different');
  });

  it('fails the checks a changed, re-signed or weak file breaks, and stops at an unsigned one', () => {
    const tampered = states(verificationChecks({ ...valid, integrityValid: false, coversWholeFile: false, afterSigning: 'bytes', verdict: 'invalid' }, { checked: false, match: null }));
    expect(tampered.integrity).toBe('fail:fail');
    expect(tampered.whole_file).toBe('fail:bytes');
    const later = { ...first, index: 2, trusted: false, signer: { ...signer, subjectName: 'Karin Lindqvist' } };
    const resigned = verificationChecks({ ...valid, afterSigning: 'signature', coversWholeFile: false, signatures: [first, later] }, { checked: false, match: null });
    expect(resigned.filter((c) => c.state === 'fail').map((c) => `${c.key}:${c.outcome}`)).toEqual(['whole_file:signature', 'later_signature:untrusted']);
    const weak = verificationChecks({ ...valid, integrityValid: false, problems: ['weak_algorithm'], signatures: [{ ...first, digestAlgorithm: 'sha1' }] }, { checked: false, match: null });
    expect(weak.find((c) => c.key === 'integrity')).toMatchObject({ outcome: 'weak', state: 'fail', params: { algorithm: 'SHA-1' } });
    expect(verificationChecks({ ...valid, signed: false, signer: null, valid: false }, { checked: true, match: null })).toEqual([
      { key: 'signed', outcome: 'fail', state: 'fail', params: {} },
    ]);
  });
});
