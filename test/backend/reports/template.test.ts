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
import { setSetting } from '../../../electron/backend/core/settings';
import { REPORT_TEMPLATE_SETTING } from '../../../electron/backend/features/reports/template';

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

  it('shows required sections even when the stored template was changed around the app to hide one', async () => {
    const hidden = { ...CUSTOM, sections: CUSTOM.sections.map((s) => (s.id === 'findings' ? { ...s, visible: false } : s)) };
    setSetting(backend.ctx(), REPORT_TEMPLATE_SETTING, JSON.stringify(hidden));
    const t = await call<ReportTemplate>('reportTemplate.get');
    expect(t.sections.find((s) => s.id === 'findings')?.visible).toBe(true);
    expect(t.sections.find((s) => s.id === 'distribution')?.visible).toBe(false);
    await call('reportTemplate.save', CUSTOM);
  });

  it('previews an unsaved template without saving it', async () => {
    const unsaved = { ...CUSTOM, sections: [...CUSTOM.sections].reverse(), coverText: 'Bara i förhandsgranskningen.' };
    const preview = await call<ReportPreview>('reports.preview', { auditId: fx.audit.id, lang: 'sv', template: unsaved });
    const text = textOf('unsaved.pdf', Buffer.from(preview.base64, 'base64'));
    expect(headings(text, SV_TITLES)[0]).toBe('Tider och platser');
    expect(text).toContain('Bara i förhandsgranskningen.');
    expect((await call<ReportTemplate>('reportTemplate.get')).coverText).toBe(CUSTOM.coverText);
  });

  describe('issued with the template, and copied to Word', () => {
    let identity: SigningIdentity;
    let issued: ReportRevision;
    let pdf: Buffer;
    let docx: { xml: string; files: Record<string, Uint8Array>; name: string };

    const readDocx = (delivered: DeliveredFile) => {
      expect(delivered.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const files = unzipSync(Buffer.from(delivered.base64 ?? '', 'base64'));
      const doc = files['word/document.xml'];
      expect(doc, 'word/document.xml').toBeDefined();
      return { xml: strFromU8(doc as Uint8Array), files, name: delivered.fileName };
    };
    /** Paragraph texts with their Word style, in document order. */
    const paragraphs = (xml: string) =>
      [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
        style: /<w:pStyle w:val="([^"]+)"/.exec(m[0])?.[1] ?? '',
        text: [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
      }));

    beforeAll(async () => {
      identity = await call<SigningIdentity>('identities.create', {
        name: 'Karin Lindqvist',
        email: fx.lead.email,
        organisation: 'Sjöviks kommunkoncern',
        passphrase: PASSPHRASE,
      });
      const audit = await call<{ revision: number }>('audits.get', { id: fx.audit.id });
      issued = await call<ReportRevision>('reports.issue', {
        auditId: fx.audit.id, revision: audit.revision, lang: 'sv', identityId: identity.id, passphrase: PASSPHRASE,
      });
      const saved = await call<DeliveredFile>('reports.save', { id: issued.id });
      pdf = Buffer.from(saved.base64 ?? '', 'base64');
      // a later change of template must not change how this revision's Word copy is laid out
      await call('reportTemplate.save', { ...CUSTOM, sections: [...CUSTOM.sections].reverse(), coverText: 'Senare text.' });
      docx = readDocx(await call<DeliveredFile>('reports.docx', { id: issued.id }));
    });

    it.skipIf(pdftotext.skip || pdfsig.skip || pdfinfo.skip || qpdf.skip)('is signed, tagged PDF/A-2b, and laid out by the template', () => {
      const f = file('issued.pdf', pdf);
      expect(crypto.createHash('sha256').update(pdf).digest('hex')).toBe(issued.sha256);
      const sig = run(pdfsig.path as string, [f]).stdout;
      expect(sig).toContain('Signature Validation: Signature is Valid.');
      expect(sig).toContain('Total document signed');
      const info = run(pdfinfo.path as string, [f]).stdout;
      expect(info).toMatch(/Tagged:\s+yes/);
      const meta = run(pdfinfo.path as string, ['-meta', f]).stdout;
      expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
      const check = run(qpdf.path as string, ['--check', f]);
      expect(check.status, check.stdout + check.stderr).toBe(0);
      const text = textOf('issued-text.pdf', pdf);
      expect(headings(text, SV_TITLES)).toEqual([
        'Revisionsresultat', 'Sammanfattning och slutsatser', 'Revisionens mål', 'Omfattning', 'Revisionskriterier', 'Revisionsteam och deltagare',
        'Metoder och urval', 'Olösta meningsskiljaktigheter', 'Områden som inte omfattades', 'Tider och platser', 'Signatur',
      ]);
      expect(text).toContain(CUSTOM.footerText);
      expect(issued.summary.template?.sections.map((s) => s.id)).toEqual(CUSTOM.sections.map((s) => s.id));
    });

    it('gives a Word copy with the sections as headings in the order the revision was issued with', () => {
      expect(docx.name).toBe('IR-2027-001 Revisionsrapport version 1.docx'.replace('IR-2027-001', fx.audit.number));
      const h1 = paragraphs(docx.xml).filter((p) => p.style === 'Heading1').map((p) => p.text);
      expect(h1).toEqual([
        '1 Revisionsresultat', '2 Sammanfattning och slutsatser', '3 Revisionens mål', '4 Omfattning', '5 Revisionskriterier',
        '6 Revisionsteam och deltagare', '7 Metoder och urval', '8 Olösta meningsskiljaktigheter', '9 Områden som inte omfattades',
        '10 Tider och platser', '11 Signatur',
      ]);
      expect(docx.xml).toContain(CUSTOM.coverText);
      expect(docx.xml).not.toContain('Senare text.');
      const footer = Object.entries(docx.files).filter(([n]) => /^word\/footer\d*\.xml$/.test(n)).map(([, b]) => strFromU8(b)).join('');
      expect(footer).toContain('Intern revision enligt ISO 9001');
    });

    it("says on its first page that the signed PDF is the record, naming the PDF's SHA-256", () => {
      const paras = paragraphs(docx.xml);
      const firstHeading = paras.findIndex((p) => p.style === 'Heading1');
      const cover = paras.slice(0, firstHeading).map((p) => p.text).join(' ');
      expect(cover).toContain('Den signerade PDF-filen är den gällande handlingen.');
      expect(cover).toContain(issued.sha256);
      expect(cover).toContain(issued.fileName);
    });

    it('holds every finding that is not a strength, with its number and statement, in the findings table, and their photos', () => {
      const statements = fx.findings.filter((f) => f.type !== 'strength');
      const table = /<w:tbl>[\s\S]*?<\/w:tbl>/g;
      const findingsTable = [...docx.xml.matchAll(table)].map((m) => m[0]).find((t) => t.includes(statements[0]?.number ?? '?')) ?? '';
      for (const f of statements) {
        expect(findingsTable, f.number).toContain(f.number);
        expect(findingsTable, f.number).toContain(f.statement);
      }
      // the strengths section is hidden: a strength's statement appears nowhere
      for (const f of fx.findings.filter((f) => f.type === 'strength')) expect(docx.xml).not.toContain(f.statement);
      const h3 = paragraphs(docx.xml).filter((p) => p.style === 'Heading3').map((p) => p.text.split(' ')[0]);
      expect(h3).toEqual(expect.arrayContaining(statements.map((f) => f.number)));
      const media = Object.keys(docx.files).filter((n) => n.startsWith('word/media/'));
      // three findings carry a photo each (the fixture's first three)
      expect(media.length).toBe(3);
      for (const m of media) expect(Buffer.from(docx.files[m] as Uint8Array).subarray(0, 3).toString('hex')).toMatch(/^(ffd8ff|89504e)/);
    });

    it('refuses a Word copy of a revision once a correction is open, and copies the draft instead', async () => {
      await call('reports.startCorrection', { auditId: fx.audit.id, reason: 'Fel datum i schemat.' });
      const err = await rejection(call('reports.docx', { id: issued.id }));
      expect(err).toMatchObject({ code: 'invalid_transition', params: { reason: 'docx_not_current' } });
      const draft = readDocx(await call<DeliveredFile>('reports.previewDocx', { auditId: fx.audit.id, lang: 'en' }));
      expect(draft.name).toMatch(/Audit report draft\.docx$/);
      expect(draft.xml).toContain('copy of an unissued draft');
      // the template saved now (reversed) lays out the draft: the schedule comes first
      expect(paragraphs(draft.xml).find((p) => p.style === 'Heading1')?.text).toBe('1 Dates and locations');
    });
  });
});
