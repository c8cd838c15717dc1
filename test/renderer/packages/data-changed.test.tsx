import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AuditFindingsTab } from '../../../renderer/src/features/conduct/AuditFindingsTab';
import { ImportPackageButton } from '../../../renderer/src/features/packages/ImportPackageButton';
import { PackageActions } from '../../../renderer/src/features/packages/PackageActions';
import type { ImportSummary } from '../../../shared/contract/packages';
import type { Audit } from '../../../shared/domain/audits';
import type { Finding } from '../../../shared/domain/findings';
import { fakeApi, renderUi } from '../render';

const audit = { id: 'a1', number: 'IR-2027-004', locked: false, status: 'in_progress', unitIds: [], processIds: [], team: [] } as unknown as Audit;

const finding = (n: number, statement: string): Finding =>
  ({
    id: `f${n}`, auditId: 'a1', number: `IR-2027-004-0${n}`, type: 'minor_nc', statement, requirement: '', evidence: '', requirementSource: '',
    clauseNumbers: ['8.5.1'], unitId: null, processId: null, checklistItemId: null, auditeeResponse: '', attachmentCount: 0, revision: 1,
    createdAt: '2027-03-10T10:00:00Z', updatedAt: '2027-03-10T10:00:00Z',
  }) as unknown as Finding;

const summary = (over: Partial<ImportSummary> = {}): ImportSummary => ({
  packageId: 'p1', kind: 'return', audits: ['IR-2027-004'], applied: 3, skipped: 0, added: { findings: 1 }, changed: {},
  renumbered: [], trailEntries: 2, newConflicts: 0, openConflicts: [], historyEdited: null, ...over,
});

describe('views reload after a package import', () => {
  it('an open Findings tab shows the findings a return package brought, without leaving the tab', async () => {
    let held = [finding(1, 'Signeringslistor saknas')];
    fakeApi({
      'findings.list': () => held,
      'packages.import': () => {
        held = [...held, finding(2, 'Revisorns avvikelse')];
        return summary();
      },
      'cases.forFinding': () => null,
    });
    await renderUi(
      <>
        <ImportPackageButton label="Import return package…" fileLabel="Return package file" />
        <AuditFindingsTab audit={audit} onChanged={() => undefined} />
      </>,
    );
    expect(await screen.findByText('IR-2027-004-01')).toBeTruthy();
    expect(screen.queryByText('IR-2027-004-02')).toBeNull();
    await userEvent.upload(screen.getByLabelText('Return package file'), new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'retur.granska'));
    expect(await screen.findByText('IR-2027-004-02')).toBeTruthy();
    expect(await screen.findByText("2 entries of the auditor's audit trail were added to this audit trail.")).toBeTruthy();
  });

  it('offers "send back" for an audit imported into this database, and says what to do after importing one', async () => {
    fakeApi({
      'packages.status': () => ({ workingCopy: false, audits: [], adoptedAuditIds: ['a1'] }),
      'packages.import': () => summary({ kind: 'audit', trailEntries: 0, added: { audits: 1, findings: 1 } }),
    });
    await renderUi(<PackageActions audit={audit} onImported={() => undefined} />, { lang: 'sv' });
    expect(await screen.findByRole('button', { name: 'Skicka tillbaka till samordnaren…' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Skicka till revisor…' })).toBeNull();
    await userEvent.upload(screen.getByLabelText('Revisionspaketets fil'), new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'IR.granska'));
    expect(await screen.findByText('Revisionspaketet är importerat')).toBeTruthy();
    expect(screen.getByText(/Genomför IR-2027-004 här/)).toBeTruthy();
  });
});
