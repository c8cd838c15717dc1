import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditReportTab } from '../../../renderer/src/features/reports/AuditReportTab';
import { VerifyPage } from '../../../renderer/src/features/reports/VerifyPage';
import type { Audit } from '../../../shared/domain/audits';
import type { ReportOverview, ReportRevision, SigningIdentity, VerifyOutcome } from '../../../shared/domain/reports';
import { verificationChecks } from '../../../shared/domain/reports';
import { apiError, fakeApi, renderUi } from '../render';

const audit = {
  id: 'a1', number: 'IR-2027-004', title: 'Läkemedelshantering', type: 'internal', status: 'in_progress', revision: 7, locked: false,
  summary: 'Bra', conclusion: 'Uppfyller i huvudsak', fulfilment: 'largely', divergingOpinions: '', areasNotCovered: '',
} as unknown as Audit;

const overview = (extra: Partial<ReportOverview> = {}): ReportOverview => ({
  auditId: 'a1', auditRevision: 7, locked: false, status: 'in_progress', revisions: [], openCorrection: null, nextRevision: 1, blockers: [],
  lockedWithoutReport: false, ...extra,
});

const identity: SigningIdentity = {
  id: 'i1', label: 'Karin', subjectName: 'Karin Lindqvist', email: 'karin@sjovik.example', organisation: 'Sjöviks kommunkoncern', issuerName: 'Karin Lindqvist',
  fingerprint: 'AB:CD:EF', notBefore: '2026-01-01T00:00:00Z', notAfter: '2029-01-01T00:00:00Z', selfSigned: true, expired: false, trusted: false,
  createdAt: '2026-01-01T00:00:00Z', revision: 1,
};

const revision: ReportRevision = {
  id: 'r1', auditId: 'a1', revision: 1, lang: 'sv', fileName: 'IR-2027-004 Revisionsrapport version 1.pdf', size: 1000, sha256: 'f'.repeat(64),
  issuedAt: '2027-03-14T10:32:00.000Z', issuedBy: 'karin', signerName: 'Karin Lindqvist', signerRole: 'Revisionsledare', signerFingerprint: 'AB:CD:EF',
  identityId: 'i1', reason: '', correctionReason: '', summary: { auditNumber: 'IR-2027-004', title: 'T', fulfilment: 'largely', summary: '', conclusion: '', findings: {}, pages: 5 },
};

describe('AuditReportTab', () => {
  const issue = vi.fn();

  beforeEach(() => {
    issue.mockReset();
  });

  it('lists what is missing and keeps "Issue" disabled until the conclusions are written', async () => {
    fakeApi({ 'reports.status': () => overview({ blockers: ['summary', 'fulfilment'] }) });
    await renderUi(<AuditReportTab audit={{ ...audit, summary: '', fulfilment: null }} onChanged={() => {}} />);
    const status = await screen.findByRole('region', { name: 'Report status' });
    expect(within(status).getByText('Write a summary.')).toBeInTheDocument();
    expect(within(status).getByText('Choose the overall conclusion.')).toBeInTheDocument();
    expect(within(status).getByRole('button', { name: 'Issue and sign…' })).toBeDisabled();
  });

  it('issues with the chosen identity and passphrase, and shows a wrong passphrase on the field', async () => {
    let issued = false;
    const onChanged = vi.fn();
    fakeApi({
      'reports.status': () => (issued ? overview({ locked: true, revisions: [revision], nextRevision: 2, blockers: ['locked'] }) : overview()),
      'identities.list': () => [identity],
      'reports.issue': (input: never) => {
        issue(input);
        if ((input as { passphrase: string }).passphrase !== 'rätt lösenfras') throw apiError({ code: 'wrong_passphrase', params: {} });
        issued = true;
        return revision;
      },
    });
    await renderUi(<AuditReportTab audit={audit} onChanged={onChanged} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Issue and sign…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Issue and sign the report' });
    await waitFor(() => expect(within(dialog).getByText('AB:CD:EF')).toBeInTheDocument());
    await userEvent.type(within(dialog).getByLabelText(/^Passphrase/), 'fel');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Issue and sign' }));
    expect(await within(dialog).findByText('The passphrase is wrong.')).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();

    await userEvent.clear(within(dialog).getByLabelText(/^Passphrase/));
    await userEvent.type(within(dialog).getByLabelText(/^Passphrase/), 'rätt lösenfras');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Issue and sign' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(issue).toHaveBeenLastCalledWith(expect.objectContaining({ auditId: 'a1', revision: 7, identityId: 'i1', passphrase: 'rätt lösenfras', lang: 'en' }));
    const table = await screen.findByRole('table', { name: 'Issued revisions' });
    expect(table).toHaveTextContent('Karin Lindqvist');
    expect(table).toHaveTextContent('ffffffffffffffff…');
  });
});

/** Mantine's FileInput is a button in front of a hidden file input; the person clicks the button, the test feeds the input. */
const fileInput = (container: HTMLElement) => container.ownerDocument.querySelector('input[type="file"]') as HTMLInputElement;

describe('VerifyPage', () => {
  const signer = { subjectName: 'Karin Lindqvist', email: 'karin@sjovik.example', organisation: 'Sjövik', fingerprintSha256: 'AB:CD', notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2030-01-01T00:00:00.000Z' };
  const signature = (index: number, trusted: boolean) => ({
    index, byteRange: [0, 100, 200, 300], coveredUpTo: 500, coversWholeFile: index > 1, integrityValid: true, digestSha256: 'a'.repeat(64), digestAlgorithm: 'sha256',
    subFilter: 'adbe.pkcs7.detached', signedAttributes: [], signer, signingTime: '2027-03-14T10:32:00.000Z', reason: 'Utfärdande',
    certificate: { checkedAt: '2027-03-14T10:32:00.000Z', validity: 'valid' as const, usableForSigning: true }, trusted, trustedVia: trusted ? ('pinned' as const) : null, problems: [],
  });
  const result = (kind: 'valid' | 'resigned' | 'untrusted'): VerifyOutcome => {
    const signatures = kind === 'resigned' ? [signature(1, true), signature(2, false)] : [{ ...signature(1, kind === 'valid'), coversWholeFile: true }];
    const facts = {
      signed: true, integrityValid: true, coversWholeFile: kind !== 'resigned', byteRange: [0, 100, 200, 300], digestSha256: 'a'.repeat(64), signingTime: '2027-03-14T10:32:00.000Z',
      signer, reason: 'Utfärdande', trusted: kind !== 'untrusted', trustConfigured: kind !== 'untrusted', certificate: signatures[0]!.certificate,
      afterSigning: kind === 'resigned' ? ('signature' as const) : ('none' as const), claimed: { auditNumber: 'IR-2027-004', revision: 1 }, signatures,
      fileSha256: 'b'.repeat(64), issuedSha256: 'b'.repeat(64), verdict: kind === 'resigned' ? ('invalid' as const) : kind, valid: kind === 'valid',
      problems: kind === 'resigned' ? ['later_signature'] : kind === 'untrusted' ? ['no_trusted_certificates'] : [],
      level: 'PAdES B-B' as const,
    };
    const match = kind === 'valid'
      ? { kind: 'report' as const, revisionId: 'r1', auditId: 'a1', auditNumber: 'IR-2027-004', auditTitle: 'T', revision: 1, issuedAt: '2027-03-14T10:32:00.000Z', signerName: 'K', exact: true, supersededBy: null, current: null }
      : null;
    return { ...facts, fileName: 'rapport.pdf', databaseChecked: true, match, checks: verificationChecks(facts, { checked: true, match }) };
  };

  it('shows a green verdict with every check for a genuine report by a trusted signer', async () => {
    fakeApi({ 'verify.pdf': () => result('valid') });
    const { container } = await renderUi(<VerifyPage />, { lang: 'sv' });
    expect(screen.getByRole('button', { name: 'PDF-fil' })).toBeInTheDocument();
    await userEvent.upload(fileInput(container), new File(['%PDF-1.7'], 'rapport.pdf', { type: 'application/pdf' }));
    expect(await screen.findByRole('status', { name: 'Giltig: signerad av en betrodd undertecknare och oförändrad' })).toHaveTextContent('rapport.pdf är signerad av en betrodd undertecknare');
    const checks = screen.getByRole('region', { name: 'Kontroller' });
    expect(checks).toHaveTextContent('Signaturen täcker hela filen');
    expect(checks).toHaveTextContent('Undertecknarens certifikat finns bland organisationens betrodda certifikat.');
    expect(checks).toHaveTextContent('Filen är rapport IR-2027-004, version 1');
    expect(screen.queryByRole('table', { name: 'Signaturer i filen' })).toBeNull();
    // the kind of signature, as EU validators name it
    expect(screen.getByRole('row', { name: /Signaturtyp\s*PAdES B-B/ })).toBeInTheDocument();
  });

  it('shows a red verdict stating the reason, and every signature, for a report changed and signed again', async () => {
    fakeApi({ 'verify.pdf': () => result('resigned') });
    const { container } = await renderUi(<VerifyPage />);
    await userEvent.upload(fileInput(container), new File(['%PDF-1.7'], 'rapport.pdf', { type: 'application/pdf' }));
    expect(await screen.findByRole('status', { name: 'Not valid' })).toHaveTextContent('Changed after signing: a later signature follows');
    const failed = screen.getByText(/Signature 2 is a later signature by an unknown signer: Karin Lindqvist/).closest('li');
    expect(failed).toHaveAttribute('data-state', 'fail');
    const table = screen.getByRole('table', { name: 'Signatures in the file' });
    expect(table.querySelectorAll('tbody tr')).toHaveLength(2);
  });

  it('says "intact but signer not trusted" when no certificate is trusted', async () => {
    fakeApi({ 'verify.pdf': () => result('untrusted') });
    const { container } = await renderUi(<VerifyPage />);
    await userEvent.upload(fileInput(container), new File(['%PDF-1.7'], 'rapport.pdf', { type: 'application/pdf' }));
    expect(await screen.findByRole('status', { name: 'Intact but signer not trusted' })).toHaveTextContent('no trusted certificate is configured');
  });

  it('says so when the file is not a PDF', async () => {
    fakeApi({ 'verify.pdf': () => Promise.reject(apiError({ code: 'file_unreadable', params: { reason: 'not_pdf' } })) });
    const { container } = await renderUi(<VerifyPage />);
    await userEvent.upload(fileInput(container), new File(['hej'], 'x.pdf', { type: 'application/pdf' }));
    expect((await screen.findByText('The file is not a PDF.')).closest('[role="alert"]')).not.toBeNull();
  });
});
