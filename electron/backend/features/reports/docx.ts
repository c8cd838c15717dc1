import type * as DocxModule from 'docx';
import type { FileChild, ISectionOptions, ParagraphChild, TableRow } from 'docx';
import { FINDING_TYPES, isNonconformity, type FindingType } from '../../../../shared/domain/findings';
import { visibleSections, type ReportSectionId } from '../../../../shared/domain/report-templates';
import { fill } from '../../../../shared/i18n/fill';
import en from '../../../../shared/i18n/locales/en/templates.json';
import sv from '../../../../shared/i18n/locales/sv/templates.json';
import { prepareImage, prepareReportPhotos, type PreparedImage } from '../../images/report-image';
import { factRows, scheduleTable, type ReportFinding, type ReportModel } from './model';
import { FINDING_COLOR } from './pdf';
import { formatDateTime, formatDay, formatPeriod, reportTexts, type ReportTexts } from './texts';

const WORDS = { sv, en } as const;

/** The signed file a Word copy was made from: named on its first page, so a reader knows where the record is. */
export interface SignedRecord {
  fileName: string;
  sha256: string;
}

type Docx = typeof DocxModule;

/** Photos in Word at most this wide (pixels at 96 per inch): three fit across an A4 text column. */
const PHOTO_WIDTH = 200;
const LOGO_HEIGHT = 48;

/**
 * An editable Word copy of a report for distribution: the same sections in the template's order,
 * headings as Word headings (so the navigation pane and a table of contents work), a findings
 * table, the findings with their photos, the cover text and the footer. Its first page says the
 * signed PDF is the record. Photos and the logo are the images the PDF embeds (re-encoded, without
 * metadata), never the stored originals.
 */
export async function renderDocx(model: ReportModel, record: SignedRecord | null): Promise<Buffer> {
  const d = await import('docx');
  const logo = model.logo ? await prepareImage(model.logo.key, model.logo.data, 'logo') : null;
  const images = await prepareReportPhotos(model.findings.flatMap((f) => f.photos));
  let i = 0;
  const photosOf = new Map(model.findings.map((f) => [f, f.photos.map((p) => ({ name: p.name, image: images[i++] ?? null }))]));
  const w = new WordWriter(d, model, photosOf);

  const children: FileChild[] = [...w.cover(logo, record)];
  let n = 0;
  for (const id of visibleSections(model.template)) {
    if (id === 'impartiality' && !model.audit.impartialityJustification.trim()) continue;
    n += 1;
    children.push(...w.section(id, String(n)));
  }
  children.push(...w.signature(String(n + 1)));

  const T = w.T;
  const footer = new d.Footer({
    children: [
      new d.Paragraph({
        children: [
          new d.TextRun({ text: `${model.audit.number} · ${T.docType} · ${model.revision === null ? T.draft : `${T.revisionWord} ${model.revision}`} · `, size: 16 }),
          new d.TextRun({ children: [d.PageNumber.CURRENT], size: 16 }),
          new d.TextRun({ text: ' / ', size: 16 }),
          new d.TextRun({ children: [d.PageNumber.TOTAL_PAGES], size: 16 }),
        ],
      }),
      ...(model.template.footerText ? [new d.Paragraph({ children: [new d.TextRun({ text: model.template.footerText, size: 14, color: '666666' })] })] : []),
    ],
  });
  const section: ISectionOptions = {
    properties: { page: { size: { width: d.convertMillimetersToTwip(210), height: d.convertMillimetersToTwip(297) } } },
    footers: { default: footer },
    children,
  };
  const doc = new d.Document({
    creator: model.signature?.name ?? model.leadName,
    title: `${T.docType} ${model.audit.number} – ${model.audit.title}`,
    subject: model.organisation,
    // the document's language, so Word checks spelling in Swedish or English
    styles: { default: { document: { run: { font: 'Calibri', size: 21, language: { value: model.lang === 'sv' ? 'sv-SE' : 'en-GB' } } } } },
    sections: [section],
  });
  return d.Packer.toBuffer(doc);
}

class WordWriter {
  readonly T: ReportTexts;
  readonly W: (typeof WORDS)[keyof typeof WORDS]['docx'];

  constructor(
    private readonly d: Docx,
    private readonly m: ReportModel,
    private readonly photosOf: Map<ReportFinding, { name: string; image: PreparedImage | null }[]>,
  ) {
    this.T = reportTexts(m.lang);
    this.W = WORDS[m.lang].docx;
  }

  /** Text as paragraphs, one per line the person wrote; the fallback in grey when there is none. */
  text(value: string, fallback = this.T.noneRecorded): FileChild[] {
    const d = this.d;
    const lines = value.trim() ? value.trim().split('\n') : null;
    if (!lines) return [new d.Paragraph({ children: [new d.TextRun({ text: fallback, color: '868E96', italics: true })] })];
    return lines.map((l) => new d.Paragraph({ children: [new d.TextRun(l)] }));
  }

  heading(text: string, level: 1 | 2 | 3): FileChild {
    const d = this.d;
    const heading = level === 1 ? d.HeadingLevel.HEADING_1 : level === 2 ? d.HeadingLevel.HEADING_2 : d.HeadingLevel.HEADING_3;
    return new d.Paragraph({ heading, children: [new d.TextRun(text)], keepNext: true });
  }

  label(text: string, value: string): FileChild[] {
    if (!value.trim()) return [];
    const d = this.d;
    return [new d.Paragraph({ children: [new d.TextRun({ text, bold: true })], keepNext: true }), ...this.text(value)];
  }

  table(headers: string[], rows: string[][], widths: number[]): FileChild[] {
    const d = this.d;
    if (!rows.length) return this.text('');
    const total = widths.reduce((a, b) => a + b, 0);
    const cell = (text: string, i: number, head: boolean) =>
      new d.TableCell({
        width: { size: Math.round(((widths[i] ?? 1) / total) * 100), type: d.WidthType.PERCENTAGE },
        shading: head ? { type: d.ShadingType.CLEAR, fill: 'EEF2F6', color: 'auto' } : undefined,
        children: (text || '').split('\n').map((l) => new d.Paragraph({ children: [new d.TextRun({ text: l, bold: head })] })),
      });
    const tableRows: TableRow[] = [
      new d.TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new d.TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ];
    return [new d.Table({ width: { size: 100, type: d.WidthType.PERCENTAGE }, rows: tableRows }), new d.Paragraph({})];
  }

  image(image: PreparedImage, width: number, alt: string): ParagraphChild {
    const scale = Math.min(1, width / image.width);
    return new this.d.ImageRun({
      type: image.format === 'jpeg' ? 'jpg' : 'png',
      data: image.data,
      transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
      altText: { name: alt, description: alt, title: alt },
    });
  }

  cover(logo: PreparedImage | null, record: SignedRecord | null): FileChild[] {
    const { d, m, T, W } = this;
    const a = m.audit;
    const out: FileChild[] = [];
    const top: ParagraphChild[] = [];
    if (logo) top.push(this.image(logo, (logo.width / logo.height) * LOGO_HEIGHT, m.organisation), new d.TextRun('  '));
    top.push(new d.TextRun({ text: m.organisation, bold: true, size: 26 }));
    out.push(new d.Paragraph({ children: top }));
    out.push(new d.Paragraph({ children: [new d.TextRun({ text: `${T.docType} · ${T.auditType[a.type]}`, color: '1C4E80', bold: true })] }));
    out.push(new d.Paragraph({ heading: d.HeadingLevel.TITLE, children: [new d.TextRun(a.title)] }));
    const version = m.revision === null ? T.draft : `${T.revisionWord} ${m.revision}`;
    out.push(new d.Paragraph({ children: [new d.TextRun({ text: `${a.number} · ${version}`, color: '495057' })] }));

    // the first thing a reader sees: this file is a copy, the signed PDF is the record
    const note = record ? fill(W.recordNote, { fileName: record.fileName, sha256: record.sha256 }) : W.draftNote;
    out.push(
      new d.Paragraph({
        border: { left: { style: d.BorderStyle.SINGLE, size: 24, color: 'C28A00', space: 8 } },
        shading: { type: d.ShadingType.CLEAR, fill: 'FFF8E1', color: 'auto' },
        spacing: { before: 160, after: 160 },
        children: [new d.TextRun({ text: `${W.noteTitle} `, bold: true }), new d.TextRun(note)],
      }),
    );

    if (m.supersedes) {
      out.push(...this.text(T.supersedes({ ...m.supersedes, issuedAt: formatDay(m.supersedes.issuedAt) })));
    }
    const rows = factRows(m, T, [[T.fulfilmentHeading, a.fulfilment ? T.fulfilment[a.fulfilment] : T.notStated]]);
    out.push(...this.table([W.fact, W.value], rows.filter(([, v]) => v.trim()), [1, 2.4]));
    const counts = FINDING_TYPES.map((t) => `${T.findingGroup[t]}: ${m.findings.filter((f) => f.type === t).length}`).join(' · ');
    out.push(new d.Paragraph({ children: [new d.TextRun({ text: `${T.atAGlance}: `, bold: true }), new d.TextRun(counts)] }));
    if (m.template.coverText) out.push(...this.text(m.template.coverText, ''));
    return out;
  }

  section(id: ReportSectionId, n: string): FileChild[] {
    const { m, T } = this;
    const a = m.audit;
    const title = `${n} ${T.sections[id]}`;
    switch (id) {
      case 'objectives':
        return [this.heading(title, 1), ...this.text(a.objectives)];
      case 'scope':
        return [this.heading(title, 1), ...this.text(a.scope)];
      case 'criteria':
        return [
          this.heading(title, 1),
          ...this.text(m.standardName),
          ...this.table([T.clause, T.clauseTitle], m.criteria.map((c) => [c.number, c.title]), [1, 6]),
          ...(m.otherCriteria.length
            ? [this.heading(T.otherCriteria, 2), ...this.table([T.criterionKindHeader, T.otherCriteria], m.otherCriteria.map((c) => [T.criterionKind[c.kind], c.text]), [2, 5])]
            : []),
        ];
      case 'team':
        return [
          this.heading(title, 1),
          this.heading(T.teamHeading, 2),
          ...this.table([T.name, T.role, T.unit], m.team.map((t) => [t.name, T.teamRole[t.role], [t.title, t.unit].filter(Boolean).join(', ')]), [3, 2.6, 4]),
          this.heading(T.auditeesHeading, 2),
          ...this.table([T.name, T.role, T.email], m.auditees.map((c) => [c.name, c.role, c.email]), [3, 3, 3.6]),
        ];
      case 'schedule': {
        const schedule = scheduleTable(m, T);
        return [
          this.heading(title, 1),
          ...this.text(`${T.facts.dates}: ${formatPeriod(a.startDate, a.endDate)}`),
          ...this.table(schedule.columns.map((c) => c.header), schedule.rows, schedule.columns.map((c) => c.width)),
        ];
      }
      case 'methods':
        return [
          this.heading(title, 1),
          this.heading(T.methods, 2),
          ...this.text(a.methods),
          this.heading(T.sampling, 2),
          ...this.text(a.sampling),
          ...this.label(T.samplingCaveatTitle, T.samplingCaveat),
        ];
      case 'conclusions':
        return [
          this.heading(title, 1),
          this.heading(T.summary, 2),
          ...this.text(a.summary),
          this.heading(T.conclusion, 2),
          ...this.text(a.conclusion),
          ...this.label(T.fulfilmentHeading, a.fulfilment ? T.fulfilment[a.fulfilment] : T.notStated),
        ];
      case 'findings':
        return this.findings(title);
      case 'strengths': {
        const list = m.findings.filter((f) => f.type === 'strength');
        return [this.heading(title, 1), ...(list.length ? list.flatMap((f) => this.finding(f)) : this.text(''))];
      }
      case 'diverging':
        return [this.heading(title, 1), ...this.text(a.divergingOpinions)];
      case 'notCovered':
        return [this.heading(title, 1), ...this.text(a.areasNotCovered)];
      case 'impartiality':
        return [this.heading(title, 1), ...this.text(a.impartialityJustification)];
      case 'distribution':
        return [this.heading(title, 1), ...this.table([T.name, T.role, T.email], m.distribution.map((c) => [c.name, c.role, c.email]), [3, 3, 3.4])];
    }
  }

  /** A table of every finding first (what a recipient scans), then each finding under its own heading. */
  findings(title: string): FileChild[] {
    const { m, T, W } = this;
    const listed = m.findings.filter((f) => f.type !== 'strength');
    const out: FileChild[] = [this.heading(title, 1)];
    if (!listed.length) return [...out, ...this.text('', T.noFindings)];
    out.push(
      ...this.table(
        [W.number, W.type, T.clause, T.statement],
        listed.map((f) => [f.number, T.findingType[f.type], f.clauses.map((c) => c.number).join(', '), f.statement]),
        [1.6, 1.6, 1.1, 5],
      ),
    );
    for (const type of FINDING_TYPES.filter((t): t is Exclude<FindingType, 'strength'> => t !== 'strength')) {
      const group = listed.filter((f) => f.type === type);
      if (!group.length) continue;
      out.push(this.heading(`${T.findingGroup[type]} (${group.length})`, 2));
      for (const f of group) out.push(...this.finding(f));
    }
    return out;
  }

  finding(f: ReportFinding): FileChild[] {
    const { d, m, T } = this;
    const out: FileChild[] = [
      new d.Paragraph({
        heading: d.HeadingLevel.HEADING_3,
        keepNext: true,
        children: [new d.TextRun(`${f.number} `), new d.TextRun({ text: T.findingType[f.type], color: FINDING_COLOR[f.type].slice(1) })],
      }),
    ];
    const clauses = f.clauses.map((c) => (c.title ? `${c.number} ${c.title}` : c.number)).join('; ');
    if (clauses) out.push(...this.label(T.clause, clauses));
    const meta = [f.unit && `${T.unit}: ${f.unit}`, f.process && `${T.process}: ${f.process}`].filter(Boolean).join(' · ');
    if (meta) out.push(...this.text(meta));
    const source = f.requirementSource === 'iso' ? m.standardName : T.requirementSource[f.requirementSource];
    const requirement = this.label(`${T.requirement} (${source})`, f.requirement);
    const evidence = this.label(T.evidence, f.evidence);
    const statement = this.label(T.statement, f.statement);
    out.push(...(isNonconformity(f.type) ? [...requirement, ...evidence, ...statement] : [...statement, ...evidence, ...requirement]));
    out.push(...this.label(T.auditeeResponse, f.auditeeResponse));
    const photos = this.photosOf.get(f) ?? [];
    if (photos.length) {
      out.push(new d.Paragraph({ children: [new d.TextRun({ text: T.photos, bold: true })], keepNext: true }));
      for (const p of photos) {
        out.push(
          new d.Paragraph({
            keepNext: true,
            children: p.image ? [this.image(p.image, PHOTO_WIDTH, T.photoAlt(p.name, f.number))] : [new d.TextRun({ text: T.photoUnavailable, italics: true })],
          }),
          new d.Paragraph({ children: [new d.TextRun({ text: p.name, size: 16, color: '495057' })] }),
        );
      }
    }
    if (f.otherAttachments > 0) out.push(...this.text(T.otherAttachments(f.otherAttachments)));
    return out;
  }

  signature(n: string): FileChild[] {
    const { m, T, W } = this;
    const sig = m.signature;
    const out: FileChild[] = [this.heading(`${n} ${T.sections.signature}`, 1)];
    if (!sig) return [...out, ...this.text(T.signature.draftNote)];
    return [
      ...out,
      ...this.table(
        [W.fact, W.value],
        [
          [T.signature.name, sig.name],
          [T.signature.role, sig.role],
          [T.signature.date, formatDateTime(sig.time)],
          [T.signature.reason, sig.reason],
          [T.signature.fingerprint, sig.fingerprint],
        ],
        [1, 2.4],
      ),
      ...this.text(W.signatureNote),
    ];
  }
}
