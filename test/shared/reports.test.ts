import { describe, expect, it } from 'vitest';
import { issueBlockers, reportFileName, verificationChecks, type SignatureFacts } from '../../shared/domain/reports';

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
  const valid: SignatureFacts = {
    signed: true, integrityValid: true, coversWholeFile: true, byteRange: [0, 10, 20, 30], digestSha256: 'ab', signingTime: '2027-03-14T10:00:00.000Z',
    signer: { subjectName: 'Karin Lindqvist', email: 'k@s.se', organisation: 'Sjövik', fingerprintSha256: 'AA:BB', notAfter: '2030-01-01T00:00:00.000Z' },
    reason: 'Utfärdande', trusted: false, fileSha256: 'cd', valid: true, problems: [], level: 'PAdES B-B',
  };
  const states = (checks: ReturnType<typeof verificationChecks>) => Object.fromEntries(checks.map((c) => [c.key, `${c.state}:${c.outcome}`]));

  it('lists signature, integrity, coverage, signer, time and trust, and the database match only when a database was asked', () => {
    expect(states(verificationChecks(valid, { checked: false, match: null }))).toEqual({
      signed: 'pass:pass', integrity: 'pass:pass', whole_file: 'pass:pass', signer: 'info:known', signing_time: 'info:known', trusted: 'warn:untrusted',
    });
    const match = { revisionId: 'r', auditId: 'a', auditNumber: 'IR-2027-004', auditTitle: 'T', revision: 1, issuedAt: 'x', signerName: 'K', supersededBy: null };
    expect(states(verificationChecks({ ...valid, trusted: true }, { checked: true, match })).issued).toBe('pass:pass');
    expect(states(verificationChecks(valid, { checked: true, match: { ...match, supersededBy: 2 } })).issued).toBe('warn:superseded');
    expect(states(verificationChecks(valid, { checked: true, match: null })).issued).toBe('warn:unknown');
  });

  it('fails the checks a changed or extended file breaks, and stops at an unsigned one', () => {
    const tampered = states(verificationChecks({ ...valid, integrityValid: false, coversWholeFile: false, valid: false }, { checked: false, match: null }));
    expect(tampered.integrity).toBe('fail:fail');
    expect(tampered.whole_file).toBe('fail:fail');
    expect(verificationChecks({ ...valid, signed: false, signer: null, valid: false }, { checked: true, match: null })).toEqual([
      { key: 'signed', outcome: 'fail', state: 'fail', params: {} },
    ]);
  });
});
