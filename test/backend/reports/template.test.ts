import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditTrailEntry } from '../../../shared/contract/app';
import type { DeliveredFile } from '../../../shared/contract/files';
import type { ReportPreview } from '../../../shared/contract/reports';
import type { ReportTemplate, ReportTemplateInput } from '../../../shared/domain/report-templates';
import type { ReportRevision, SigningIdentity } from '../../../shared/domain/reports';
import { caller, rejection, tempDir, testBackend } from '../../helpers/tmp';
import { externalTool, run } from '../signing/helpers';
import { PASSPHRASE, reportFixture, type ReportFixture } from './fixture';

const pdftotext = externalTool('pdftotext', 'poppler-utils', true);
const pdfsig = externalTool('pdfsig', 'poppler-utils', true);
const pdfinfo = externalTool('pdfinfo', 'poppler-utils', true);
const qpdf = externalTool('qpdf', 'qpdf', true);

/** The findings first, strengths and the distribution list hidden, the schedule last. */
const CUSTOM: ReportTemplateInput = {
  sections: [
    { id: 'findings', visible: true },
    { id: 'conclusions', visible: true },
    { id: 'objectives', visible: true },
    { id: 'scope', visible: true },
    { id: 'criteria', visible: true },
    { id: 'team', visible: true },
    { id: 'methods', visible: true },
    { id: 'strengths', visible: false },
    { id: 'diverging', visible: true },
    { id: 'notCovered', visible: true },
    { id: 'impartiality', visible: true },
    { id: 'distribution', visible: false },
    { id: 'schedule', visible: true },
  ],
  coverText: 'Rapporten är en intern handling. Frågor besvaras av kvalitetsenheten, tfn 0123-456 78.',
  footerText: 'Sjöviks kommunkoncern · Kvalitetsenheten · Intern revision enligt ISO 9001',
};

/**
 * The numbered section headings in the order the page draws them (pdftotext -raw), after the
 * cover's "at a glance" tiles, whose labels (a count, then e.g. "Styrkor") read like headings.
 */
function headings(text: string, titles: string[]): string[] {
  const tiles = text.indexOf('RESULTAT I KORTHET');
  expect(tiles).toBeGreaterThan(0);
  const last = 'Förbättringsförslag 1 Styrkor';
  const end = text.indexOf(last, tiles);
  expect(end).toBeGreaterThan(0);
  const body = text.slice(end + last.length);
  const found = titles
    .map((title) => ({ title, at: body.search(new RegExp(`\\b\\d{1,2}\\s+${title}\\b`)) }))
    .filter((h) => h.at >= 0)
    .sort((a, b) => a.at - b.at);
  return found.map((h) => h.title);
}

const SV_TITLES = [
  'Revisionens mål', 'Omfattning', 'Revisionskriterier', 'Revisionsteam och deltagare', 'Tider och platser', 'Metoder och urval',
  'Sammanfattning och slutsatser', 'Revisionsresultat', 'Styrkor', 'Olösta meningsskiljaktigheter', 'Områden som inte omfattades',
  'Sändlista', 'Signatur',
];

describe('report template', () => {
  const dir = tempDir('granska-template-');
  const backend = testBackend({ dir });
  const call = caller(backend);
  let fx: ReportFixture;
  const file = (name: string, bytes: Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, bytes);
    return p;
  };
  const textOf = (name: string, pdf: Buffer) => run(pdftotext.path as string, ['-raw', file(name, pdf), '-']).stdout.replace(/\s+/g, ' ');

  beforeAll(async () => {
    fx = await reportFixture(call, { findings: 6, photos: 3 });
  });

  it('starts with every section in the standard order', async () => {
    const t = await call<ReportTemplate>('reportTemplate.get');
    expect(t.sections.map((s) => s.id)).toEqual([
      'objectives', 'scope', 'criteria', 'team', 'schedule', 'methods', 'conclusions', 'findings', 'strengths', 'diverging', 'notCovered',
      'impartiality', 'distribution',
    ]);
    expect(t.sections.every((s) => s.visible)).toBe(true);
  });

  it.skipIf(pdftotext.skip)('prints the sections of a preview in the template order, without the hidden ones, with cover text and footer', async () => {
    const saved = await call<ReportTemplate>('reportTemplate.save', CUSTOM);
    expect(saved.sections.map((s) => s.id)).toEqual(CUSTOM.sections.map((s) => s.id));
    const preview = await call<ReportPreview>('reports.preview', { auditId: fx.audit.id, lang: 'sv' });
    const text = textOf('preview.pdf', Buffer.from(preview.base64, 'base64'));
    expect(headings(text, SV_TITLES)).toEqual([
      'Revisionsresultat', 'Sammanfattning och slutsatser', 'Revisionens mål', 'Omfattning', 'Revisionskriterier', 'Revisionsteam och deltagare',
      'Metoder och urval', 'Olösta meningsskiljaktigheter', 'Områden som inte omfattades', 'Tider och platser', 'Signatur',
    ]);
    expect(text).toContain('1 Revisionsresultat');
    // the distribution list is gone entirely (only a heading would name it); strengths still count on the cover
    expect(text).not.toContain('Sändlista');
    expect(text).toContain('Rapporten är en intern handling.');
    // the footer line on every page
    const footers = text.split('Kvalitetsenheten · Intern revision enligt ISO 9001').length - 1;
    expect(footers).toBe(preview.pages);
  });

  it('refuses to hide a section ISO 19011 requires, translated, and saves nothing', async () => {
    const before = await call<ReportTemplate>('reportTemplate.get');
    const trailBefore = await call<AuditTrailEntry[]>('trail.list', { limit: 1000 });
    const hidden = { ...CUSTOM, sections: CUSTOM.sections.map((s) => (s.id === 'criteria' ? { ...s, visible: false } : s)) };
    const err = await rejection(call('reportTemplate.save', hidden));
    expect(err).toMatchObject({ code: 'invalid_input', params: { reason: 'required_section', section: 'criteria' } });
    expect(await call<ReportTemplate>('reportTemplate.get')).toEqual(before);
    expect(await call<AuditTrailEntry[]>('trail.list', { limit: 1000 })).toHaveLength(trailBefore.length);
    // the editor's unsaved preview is held to the same rule
    const previewErr = await rejection(call('reports.preview', { auditId: fx.audit.id, lang: 'sv', template: hidden }));
    expect(previewErr.params).toMatchObject({ reason: 'required_section', section: 'criteria' });
  });

  it('previews an unsaved template without saving it', async () => {
    const unsaved = { ...CUSTOM, sections: [...CUSTOM.sections].reverse(), coverText: 'Bara i förhandsgranskningen.' };
    const preview = await call<ReportPreview>('reports.preview', { auditId: fx.audit.id, lang: 'sv', template: unsaved });
    const text = textOf('unsaved.pdf', Buffer.from(preview.base64, 'base64'));
    expect(headings(text, SV_TITLES)[0]).toBe('Tider och platser');
    expect(text).toContain('Bara i förhandsgranskningen.');
    expect((await call<ReportTemplate>('reportTemplate.get')).coverText).toBe(CUSTOM.coverText);
  });
});
