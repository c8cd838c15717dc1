import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditReportTab } from '../../../renderer/src/features/reports/AuditReportTab';
import { ReportTemplateSettings } from '../../../renderer/src/features/reports/ReportTemplateSettings';
import type { Audit } from '../../../shared/domain/audits';
import { DEFAULT_REPORT_TEMPLATE, type ReportTemplate } from '../../../shared/domain/report-templates';
import { apiError, fakeApi, renderUi } from '../render';

const audits = [
  { id: 'a1', number: 'IR-2027-001', title: 'Läkemedel', startDate: '2027-03-10', status: 'reported' },
  { id: 'a2', number: 'IR-2027-002', title: 'Upphandling', startDate: '2027-05-02', status: 'in_progress' },
  { id: 'a3', number: 'IR-2027-003', title: 'Planerad', startDate: '2027-09-02', status: 'planned' },
] as unknown as Audit[];

/** The section names in the list, top to bottom. */
const order = () =>
  within(screen.getByRole('list', { name: 'Report sections in order' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent?.replace(/^\d+|^–/, '').replace('Required by ISO 19011', '').trim());

describe('ReportTemplateSettings', () => {
  const save = vi.fn();
  const preview = vi.fn();

  beforeEach(() => {
    save.mockReset();
    preview.mockReset();
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
  });

  const api = (onSave: (t: ReportTemplate) => ReportTemplate = (t) => t) =>
    fakeApi({
      'reportTemplate.get': () => DEFAULT_REPORT_TEMPLATE,
      'audits.list': () => audits,
      'reportTemplate.save': (input: never) => {
        save(input);
        return onSave(input);
      },
      'reports.preview': (input: never) => {
        preview(input);
        return { fileName: 'x.pdf', base64: 'JVBERi0=', pages: 3 };
      },
    });

  it('moves sections with up/down, hides optional ones, keeps required ones on, and saves the whole template', async () => {
    api();
    const user = userEvent.setup();
    await renderUi(<ReportTemplateSettings />);
    await screen.findByRole('list', { name: 'Report sections in order' });
    expect(order().slice(0, 3)).toEqual(['Audit objectives', 'Audit scope', 'Audit criteria']);

    // required by ISO 19011: the switch is on and cannot be turned off
    expect(screen.getByRole('switch', { name: 'Show “Audit criteria”' })).toBeChecked();
    expect(screen.getByRole('switch', { name: 'Show “Audit criteria”' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move “Audit objectives” up' })).toBeDisabled();

    for (let i = 0; i < 7; i++) await user.click(screen.getByRole('button', { name: 'Move “Audit findings” up' }));
    expect(order()[0]).toBe('Audit findings');
    await user.click(screen.getByRole('switch', { name: 'Show “Distribution”' }));
    await user.click(screen.getByRole('textbox', { name: /Cover text/ }));
    await user.paste('Intern handling.');
    await user.click(screen.getByRole('textbox', { name: /Footer/ }));
    await user.paste('Kvalitetsenheten');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    const sent = save.mock.calls[0]?.[0] as ReportTemplate;
    expect(sent.sections.map((s) => s.id).slice(0, 2)).toEqual(['findings', 'objectives']);
    expect(sent.sections.find((s) => s.id === 'distribution')?.visible).toBe(false);
    expect(sent).toMatchObject({ coverText: 'Intern handling.', footerText: 'Kvalitetsenheten' });
    expect(await screen.findByText('The report template was saved.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('shows the refusal of a hidden required section in the person\'s language, keeping what was typed', async () => {
    api(() => {
      throw apiError({ code: 'invalid_input', params: { reason: 'required_section', section: 'criteria' } });
    });
    const user = userEvent.setup();
    await renderUi(<ReportTemplateSettings />, { lang: 'sv' });
    await user.click(await screen.findByRole('textbox', { name: /Sidfot/ }));
    await user.paste('Min sidfot');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('”Revisionskriterier” krävs enligt ISO 19011 och kan inte döljas. Inget sparades.');
    expect(screen.getByRole('textbox', { name: /Sidfot/ })).toHaveValue('Min sidfot');
  });

  it('previews the most recent conducted audit with the unsaved template', async () => {
    api();
    const user = userEvent.setup();
    await renderUi(<ReportTemplateSettings />);
    await user.click(await screen.findByRole('switch', { name: 'Show “Strengths”' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: /Audit to preview with/ })).toHaveValue('IR-2027-002 · Upphandling'));
    await user.click(screen.getByRole('button', { name: 'Preview PDF' }));
    await waitFor(() => expect(preview).toHaveBeenCalledTimes(1));
    const input = preview.mock.calls[0]?.[0] as { auditId: string; lang: string; template: ReportTemplate };
    expect(input.auditId).toBe('a2');
    expect(input.template.sections.find((s) => s.id === 'strengths')?.visible).toBe(false);
    expect(await screen.findByTitle('Preview of the report template')).toBeInTheDocument();
    expect(save).not.toHaveBeenCalled();
  });
});

describe('Export as Word on the report tab', () => {
  const audit = { id: 'a1', number: 'IR-2027-004', title: 'Läkemedel', revision: 7, locked: true, status: 'reported' } as unknown as Audit;
  const status = (locked: boolean) => ({
    auditId: 'a1', auditRevision: 7, locked, status: locked ? 'reported' : 'in_progress', openCorrection: null, nextRevision: locked ? 2 : 1,
    blockers: locked ? ['locked'] : [], lockedWithoutReport: false,
    revisions: locked ? [{ id: 'r1', revision: 1, lang: 'sv', fileName: 'x.pdf', sha256: 'f'.repeat(64), issuedAt: '2027-03-14T10:32:00Z', signerName: 'K', signerRole: '', correctionReason: '' }] : [],
  });
  const file = { fileName: 'IR-2027-004 Revisionsrapport version 1.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', base64: null, savedTo: '/home/k/rapport.docx', cancelled: false };

  it('copies the issued revision of a locked audit, and the draft of an open one', async () => {
    const docx = vi.fn(() => file);
    const draft = vi.fn(() => file);
    fakeApi({ 'reports.status': () => status(true), 'reports.docx': docx as never, 'reports.previewDocx': draft as never });
    const user = userEvent.setup();
    const view = await renderUi(<AuditReportTab audit={audit} onChanged={() => {}} />);
    await user.click(await screen.findByRole('button', { name: 'Export as Word (.docx)' }));
    await waitFor(() => expect(docx).toHaveBeenCalledWith({ id: 'r1' }));
    expect(await screen.findByText(/rapport\.docx/)).toBeInTheDocument();
    view.unmount();

    fakeApi({ 'reports.status': () => status(false), 'reports.docx': docx as never, 'reports.previewDocx': draft as never });
    await renderUi(<AuditReportTab audit={{ ...audit, locked: false, status: 'in_progress' } as Audit} onChanged={() => {}} />);
    await user.click(await screen.findByRole('button', { name: 'Export as Word (.docx)' }));
    await waitFor(() => expect(draft).toHaveBeenCalledWith({ auditId: 'a1', lang: 'en' }));
    expect(docx).toHaveBeenCalledTimes(1);
  });
});
