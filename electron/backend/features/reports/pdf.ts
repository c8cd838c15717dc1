import type { Fulfilment } from '../../../../shared/domain/audits';
import { FINDING_TYPES, isNonconformity, type FindingType } from '../../../../shared/domain/findings';
import { prepareImage, prepareReportPhotos } from '../../images/report-image';
import { runPdfJob } from '../../pdf/crash-guard';
import type { SignaturePlaceholderOptions } from '../../signing';
import { factRows, scheduleTable, type ReportFinding, type ReportModel } from './model';
import { visibleSections, type ReportSectionId } from '../../../../shared/domain/report-templates';
import { COLOR, PdfWriter, SIZE } from '../../pdf/writer';
import { formatDateTime, formatDay, formatPeriod, reportTexts, type ReportTexts } from './texts';

/** One colour per kind of finding, from most to least serious; used for bands, pills and tiles. */
export const FINDING_COLOR: Record<FindingType, string> = {
  major_nc: '#c92a2a',
  minor_nc: '#e8590c',
  observation: '#c28a00',
  ofi: '#1c6fb8',
  strength: '#2b8a3e',
};

const FULFILMENT_COLOR: Record<Fulfilment, string> = { full: '#2b8a3e', largely: '#5c940d', partly: '#e8590c', not: '#c92a2a' };
const DRAFT_COLOR = '#d9480f';

export interface RenderedReport {
  pdf: Buffer;
  pages: number;
}

/**
 * Lays out an audit report (ISO 19011 6.5.1): a cover block with the key facts and the overall
 * conclusion, then numbered sections, findings as cards grouped by type, and the signature block
 * on the last page. With `placeholder`, room for the signature is reserved for signPdf.
 */
export function renderReport(source: ReportModel, placeholder: SignaturePlaceholderOptions | null): Promise<RenderedReport> {
  return runPdfJob(async () => layOut(await withImages(source), placeholder));
}

/**
 * Every photo and the logo prepared for the PDF (downscaled, re-encoded, no metadata) before
 * layout starts; one that cannot be decoded becomes null and is drawn as a placeholder.
 */
async function withImages(model: ReportModel): Promise<ReportModel> {
  const logoImage = model.logo ? await prepareImage(model.logo.key, model.logo.data, 'logo') : null;
  const images = await prepareReportPhotos(model.findings.flatMap((f) => f.photos));
  let i = 0;
  const findings = model.findings.map((f) => ({ ...f, photos: f.photos.map((p) => ({ ...p, image: images[i++] ?? null })) }));
  return { ...model, logoImage, findings };
}

async function layOut(model: ReportModel, placeholder: SignaturePlaceholderOptions | null): Promise<RenderedReport> {
  const T = reportTexts(model.lang);
  const a = model.audit;
  const versionLabel = model.revision === null ? T.draft.toLocaleLowerCase(model.lang) : `${T.revisionWord.toLocaleLowerCase(model.lang)} ${model.revision}`;
  const w = new PdfWriter({
    lang: model.lang,
    title: `${T.docType} ${a.number} – ${a.title}`,
    author: model.signature?.name ?? model.leadName,
    subject: `${T.auditType[a.type]} ${a.number}, ${versionLabel}`,
    keywords: [a.number, model.organisation, model.standardName].filter(Boolean).join(', '),
    custom: model.revision === null ? undefined : { GranskaAudit: a.number, GranskaRevision: String(model.revision) },
    created: model.issuedAt,
    chrome: {
      headerLeft: model.organisation,
      headerRight: `${a.number} · ${a.title}`,
      footerLeft: `${a.number} · ${T.docType} · ${model.revision === null ? T.draft : `${T.revisionWord} ${model.revision}`}`,
      footerNote: model.template.footerText || undefined,
      pageOf: T.pageOf,
    },
  });

  cover(w, model, T);
  const sections = new Numbering();
  for (const id of visibleSections(model.template)) {
    // printed only when there is something to say: most internal audits need no justification
    if (id === 'impartiality' && !a.impartialityJustification.trim()) continue;
    SECTION_LAYOUT[id](w, model, T, sections.next());
  }
  // The recorded approvals follow the template's sections: they belong to the record, not to the template.
  if (model.approvals) {
    w.section(sections.next(), model.approvals.title);
    w.table(model.approvals.columns, model.approvals.rows, { empty: model.approvals.empty, size: 8.6 });
  }
  signatureBlock(w, model, T, sections.next());

  const pages = w.pageCount;
  const pdf = await w.finish(placeholder);
  return { pdf, pages };
}

type SectionLayout = (w: PdfWriter, m: ReportModel, T: ReportTexts, n: string) => void;

const textSection =
  (title: (T: ReportTexts) => string, text: (m: ReportModel) => string): SectionLayout =>
  (w, m, T, n) => {
    w.section(n, title(T));
    w.paragraph(text(m), T.noneRecorded);
  };

/** Each section a template can place, by its id; the cover comes first and the signature last whatever the order. */
const SECTION_LAYOUT: Record<ReportSectionId, SectionLayout> = {
  objectives: textSection((T) => T.sections.objectives, (m) => m.audit.objectives),
  scope: textSection((T) => T.sections.scope, (m) => m.audit.scope),
  criteria,
  team,
  schedule,
  methods,
  conclusions,
  findings,
  strengths,
  diverging: textSection((T) => T.sections.diverging, (m) => m.audit.divergingOpinions),
  notCovered: textSection((T) => T.sections.notCovered, (m) => m.audit.areasNotCovered),
  impartiality: textSection((T) => T.sections.impartiality, (m) => m.audit.impartialityJustification),
  distribution: (w, m, T, n) => {
    w.section(n, T.sections.distribution);
    w.table(
      [
        { header: T.name, width: 3, bold: true },
        { header: T.role, width: 3 },
        { header: T.email, width: 3.4 },
      ],
      m.distribution.map((c) => [c.name, c.role, c.email]),
      { empty: T.noneRecorded },
    );
  },
};

class Numbering {
  private n = 0;
  next(): string {
    this.n += 1;
    return String(this.n);
  }
}

function cover(w: PdfWriter, m: ReportModel, T: ReportTexts): void {
  const a = m.audit;
  const doc = w.doc;
  w.letterhead(m.organisation, m.logoImage ?? null, `${T.docType} · ${a.number}`);
  w.label(`${T.docType} · ${T.auditType[a.type]}`, w.left, w.width, COLOR.brand);
  w.gap(2);
  w.text(a.title, { bold: true, size: SIZE.h1, color: COLOR.ink, tag: 'H1' });
  w.gap(4);
  const issued = m.revision === null ? '' : ` · ${T.issued} ${formatDay(m.issuedAt)}`;
  const y = w.y;
  let x = w.left;
  if (m.revision === null) {
    x += w.pill(T.draft, x, y - 1, DRAFT_COLOR) + 8;
  }
  w.font(false, 10.5, COLOR.muted).text(`${a.number} · ${m.revision === null ? T.draftNote : `${T.revisionWord} ${m.revision}`}${issued}`, x, y, {
    width: w.right - x,
  });
  doc.x = w.left;
  w.gap(12);

  if (m.supersedes) {
    const text = T.supersedes({ ...m.supersedes, issuedAt: formatDay(m.supersedes.issuedAt) });
    w.framed(
      '#c28a00',
      () => {
        w.gap(7);
        w.label(T.supersedesTitle, w.left + 14, w.width - 24, '#8a6100');
        w.text(text, { x: w.left + 14, width: w.width - 24, color: COLOR.ink });
      },
      { padBottom: 7 },
    );
    w.gap(12);
  }

  const rows = factRows(m, T);
  w.facts(rows);
  w.gap(4);

  // The overall conclusion, then how many findings of each kind: what a reader looks for first.
  w.ensure(120);
  const top = w.y;
  const fulfilment = a.fulfilment;
  const color = fulfilment ? FULFILMENT_COLOR[fulfilment] : COLOR.faint;
  w.rect(w.left, top, w.width, 44, COLOR.tint);
  w.rect(w.left, top, 4, 44, color);
  w.y = top + 9;
  w.label(T.fulfilmentHeading, w.left + 14, w.width - 20);
  w.font(true, 12.5, color).text(fulfilment ? T.fulfilment[fulfilment] : T.notStated, w.left + 14, w.y, { width: w.width - 22, lineBreak: false });

  w.y = top + 44 + 12;
  w.label(T.atAGlance, w.left, w.width);
  const tileTop = w.y + 1;
  const tileGap = 6;
  const tileW = (w.width - tileGap * (FINDING_TYPES.length - 1)) / FINDING_TYPES.length;
  FINDING_TYPES.forEach((type, i) => {
    const count = m.findings.filter((f) => f.type === type).length;
    const tx = w.left + i * (tileW + tileGap);
    const tileColor = count > 0 ? FINDING_COLOR[type] : COLOR.faint;
    w.rect(tx, tileTop, tileW, 46, COLOR.tint);
    w.rect(tx, tileTop, tileW, 2.5, tileColor);
    w.font(true, 15, count > 0 ? tileColor : COLOR.faint).text(String(count), tx, tileTop + 7, { width: tileW, align: 'center', lineBreak: false });
    w.font(false, 6.8, COLOR.muted).text(T.findingGroup[type], tx + 3, tileTop + 27, { width: tileW - 6, align: 'center' });
  });
  w.y = tileTop + 46 + 6;
  doc.x = w.left;
  // the organisation's own words for every report (confidentiality, who to contact), from its template
  if (m.template.coverText) {
    w.gap(6);
    w.paragraph(m.template.coverText, '');
  }
}

function criteria(w: PdfWriter, m: ReportModel, T: ReportTexts, n: string): void {
  w.section(n, T.sections.criteria);
  w.text(m.standardName, { bold: true, color: COLOR.ink });
  w.gap(4);
  w.table(
    [
      { header: T.clause, width: 1, bold: true },
      { header: T.clauseTitle, width: 6 },
    ],
    m.criteria.map((c) => [c.number, c.title]),
    { empty: T.noneRecorded },
  );
  if (m.otherCriteria.length) {
    w.subheading(T.otherCriteria);
    w.table(
      [
        { header: T.criterionKindHeader, width: 2 },
        { header: T.otherCriteria, width: 5 },
      ],
      m.otherCriteria.map((c) => [T.criterionKind[c.kind], c.text]),
    );
  }
}

function team(w: PdfWriter, m: ReportModel, T: ReportTexts, n: string): void {
  w.section(n, T.sections.team);
  w.subheading(T.teamHeading);
  w.table(
    [
      { header: T.name, width: 3, bold: true },
      { header: T.role, width: 2.6 },
      { header: T.unit, width: 4 },
    ],
    m.team.map((t) => [t.name, T.teamRole[t.role], [t.title, t.unit].filter(Boolean).join(', ')]),
    { empty: T.noneRecorded },
  );
  w.subheading(T.auditeesHeading);
  w.table(
    [
      { header: T.name, width: 3, bold: true },
      { header: T.role, width: 3 },
      { header: T.email, width: 3.6 },
    ],
    m.auditees.map((c) => [c.name, c.role, c.email]),
    { empty: T.noneRecorded },
  );
}

function schedule(w: PdfWriter, m: ReportModel, T: ReportTexts, n: string): void {
  w.section(n, T.sections.schedule);
  w.text(`${T.facts.dates}: ${formatPeriod(m.audit.startDate, m.audit.endDate)}`, { color: COLOR.ink });
  w.gap(5);
  const { columns, rows } = scheduleTable(m, T);
  w.table(columns, rows, { empty: T.noneRecorded });
}

function methods(w: PdfWriter, m: ReportModel, T: ReportTexts, n: string): void {
  w.section(n, T.sections.methods);
  w.subheading(T.methods, 20);
  w.paragraph(m.audit.methods, T.noneRecorded);
  w.subheading(T.sampling, 20);
  w.paragraph(m.audit.sampling, T.noneRecorded);
  w.gap(2);
  w.ensure(60);
  w.framed(
    COLOR.brand,
    () => {
      w.gap(7);
      w.label(T.samplingCaveatTitle, w.left + 14, w.width - 24, COLOR.brand);
      w.text(T.samplingCaveat, { x: w.left + 14, width: w.width - 24, color: COLOR.ink });
    },
    { padBottom: 7 },
  );
  w.gap(4);
}

function conclusions(w: PdfWriter, m: ReportModel, T: ReportTexts, n: string): void {
  const a = m.audit;
  w.section(n, T.sections.conclusions);
  w.subheading(T.summary, 20);
  w.paragraph(a.summary, T.noneRecorded);
  w.subheading(T.conclusion, 20);
  w.paragraph(a.conclusion, T.noneRecorded);
  w.ensure(24);
  const y = w.y;
  w.font(true, SIZE.small, COLOR.muted).text(`${T.fulfilmentHeading}:`, w.left, y + 2.5, { lineBreak: false });
  const labelW = w.doc.widthOfString(`${T.fulfilmentHeading}:`);
  if (a.fulfilment) w.pill(T.fulfilment[a.fulfilment], w.left + labelW + 8, y, FULFILMENT_COLOR[a.fulfilment], { size: 7.5 });
  else w.font(false, SIZE.body, COLOR.faint).text(T.notStated, w.left + labelW + 8, y + 1.5, { lineBreak: false });
  w.y = y + 22;
  w.doc.x = w.left;
}

/** How much of the first card a heading needs beside it, so no heading ends a page alone. */
function keepWithFirst(w: PdfWriter, f: ReportFinding | undefined): number {
  if (!f) return 40;
  return Math.min(estimateCardHeight(f, CARD_TEXT_WIDTH(w)), w.maxY - w.top - 80);
}

function findings(w: PdfWriter, m: ReportModel, T: ReportTexts, n: string): void {
  const listed = m.findings.filter((f) => f.type !== 'strength');
  w.section(n, T.sections.findings, keepWithFirst(w, listed[0]) + 24);
  if (!listed.length) {
    w.paragraph('', T.noFindings);
    return;
  }
  for (const type of FINDING_TYPES.filter((t) => t !== 'strength')) {
    const group = listed.filter((f) => f.type === type);
    if (!group.length) continue;
    w.subheading(`${T.findingGroup[type]} (${group.length})`, keepWithFirst(w, group[0]));
    for (const f of group) findingCard(w, f, T, m.standardName);
  }
}

function strengths(w: PdfWriter, m: ReportModel, T: ReportTexts, n: string): void {
  const list = m.findings.filter((f) => f.type === 'strength');
  w.section(n, T.sections.strengths, keepWithFirst(w, list[0]));
  if (!list.length) {
    w.paragraph('', T.noneRecorded);
    return;
  }
  for (const f of list) findingCard(w, f, T, m.standardName);
}

const CARD_TEXT_WIDTH = (w: PdfWriter) => w.width - 24;

/** A finding as a card: number, type and clauses in a tinted head, then its parts and photos. */
function findingCard(w: PdfWriter, f: ReportFinding, T: ReportTexts, standardName: string): void {
  const color = FINDING_COLOR[f.type];
  const inset = 14;
  const x = w.left + inset;
  const width = CARD_TEXT_WIDTH(w);
  keepTogether(w, estimateCardHeight(f, width));
  w.bookmark(`${f.number} ${T.findingType[f.type]}`);
  w.framed(color, () => {
    const top = w.y;
    const headH = 22;
    w.rect(w.left, top, w.width, headH, COLOR.tint);
    const clauseNumbers = f.clauses.map((c) => c.number).join(', ');
    // number, kind and clauses read as one heading
    w.tags.mark('H4', () => {
      w.font(true, 9.5, COLOR.ink).text(`${f.number} `, x, top + 6.5, { lineBreak: false });
      const numberW = w.doc.widthOfString(f.number);
      w.pill(T.findingType[f.type], x + numberW + 8, top + 5, color);
      if (clauseNumbers) {
        w.font(true, SIZE.small, COLOR.muted).text(`${T.clause} ${clauseNumbers}`, w.left + w.width * 0.55, top + 7.5, {
          width: w.width * 0.45 - 10,
          align: 'right',
          lineBreak: false,
          ellipsis: true,
        });
      }
    });
    w.y = top + headH + 7;

    w.list(
      f.clauses.map((c) => (c.title ? `${c.number} ${c.title}` : c.number)),
      { x, width, size: SIZE.small, color: COLOR.muted },
    );
    const meta = [f.unit && `${T.unit}: ${f.unit}`, f.process && `${T.process}: ${f.process}`].filter(Boolean).join('   ·   ');
    if (meta) w.text(meta, { x, width, size: SIZE.small, color: COLOR.muted });
    w.gap(5);

    const part = (label: string, value: string) => {
      if (!value.trim()) return;
      w.ensure(26);
      w.label(label, x, width);
      w.text(value.trim(), { x, width, color: COLOR.ink });
      w.gap(5);
    };
    const source = f.requirementSource === 'iso' ? standardName : T.requirementSource[f.requirementSource];
    const requirementLabel = `${T.requirement} (${source})`;
    if (isNonconformity(f.type)) {
      part(requirementLabel, f.requirement);
      part(T.evidence, f.evidence);
      part(T.statement, f.statement);
    } else {
      part(T.statement, f.statement);
      part(T.evidence, f.evidence);
      part(requirementLabel, f.requirement);
    }
    part(T.auditeeResponse, f.auditeeResponse);
    photos(w, f, T, x, width);
    if (f.otherAttachments > 0) w.text(T.otherAttachments(f.otherAttachments), { x, width, size: SIZE.small, color: COLOR.muted });
  });
  w.gap(9);
}

/** Average advance of DejaVu Sans at 9 pt: enough to guess a card's height without laying it out twice. */
const AVERAGE_CHAR_WIDTH = 5.1;
const LINE = 12.6;

function estimateCardHeight(f: ReportFinding, width: number): number {
  const perLine = Math.max(20, Math.floor(width / AVERAGE_CHAR_WIDTH));
  const lines = (text: string) => (text.trim() ? text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / perLine)), 0) : 0);
  const parts = [f.requirement, f.evidence, f.statement, f.auditeeResponse].filter((t) => t.trim());
  const text = parts.reduce((h, t) => h + 14 + lines(t) * LINE + 5, 0);
  const photoRows = Math.ceil(f.photos.length / 3);
  return 29 + f.clauses.length * 11 + 16 + text + (photoRows ? 16 + photoRows * 132 : 0) + 12;
}

/**
 * Starts a card on a new page when it would fit there whole but not in what is left of this one;
 * a card longer than a page starts where it is and flows on.
 */
function keepTogether(w: PdfWriter, height: number): void {
  const page = w.maxY - w.top;
  if (height <= w.remaining() || height > page) w.ensure(92);
  else w.addPage();
}

/**
 * Photos three to a row, each scaled into the same cell so the grid stays even. A photo that
 * cannot be shown (damaged in an old database) keeps its cell, with a note instead of the picture.
 */
function photos(w: PdfWriter, f: ReportFinding, T: ReportTexts, x: number, width: number): void {
  const drawable = f.photos.map((p) => {
    try {
      return { photo: p, img: p.image ? w.image(p.image) : null };
    } catch {
      return { photo: p, img: null };
    }
  });
  if (!drawable.length) return;
  const cols = 3;
  const gap = 8;
  const cellW = (width - gap * (cols - 1)) / cols;
  const maxH = 118;
  const ratio = (r: (typeof drawable)[number]) => (r.img ? r.img.height / r.img.width : 0.75);
  const rowHeight = (row: typeof drawable) => Math.min(maxH, Math.max(...row.map((r) => ratio(r) * cellW)));
  // the label stays with the first row of photos
  w.ensure(rowHeight(drawable.slice(0, cols)) + 32);
  w.label(T.photos, x, width);
  w.gap(1);
  for (let i = 0; i < drawable.length; i += cols) {
    const row = drawable.slice(i, i + cols);
    const imgH = rowHeight(row);
    const rowH = imgH + 14;
    w.ensure(rowH + 4);
    const y = w.y;
    row.forEach((r, j) => {
      const cx = x + j * (cellW + gap);
      w.rect(cx, y, cellW, imgH, COLOR.tint);
      if (r.img) {
        const scale = Math.min(cellW / r.img.width, imgH / r.img.height);
        const dw = r.img.width * scale;
        const dh = r.img.height * scale;
        w.drawImage(r.img, cx + (cellW - dw) / 2, y + (imgH - dh) / 2, [dw, dh], T.photoAlt(r.photo.name, f.number));
      } else {
        w.doc.rect(cx + 0.5, y + 0.5, cellW - 1, imgH - 1).lineWidth(0.6).dash(2, { space: 2 }).strokeColor(COLOR.faint).stroke().undash();
        w.font(false, SIZE.small, COLOR.muted).text(T.photoUnavailable, cx + 6, y + imgH / 2 - 5, { width: cellW - 12, align: 'center' });
      }
      w.font(false, 6.6, COLOR.muted).text(r.photo.name, cx, y + imgH + 3, { width: cellW, lineBreak: false, ellipsis: true });
    });
    w.y = y + rowH;
    w.doc.x = w.left;
  }
  w.gap(3);
}

function signatureBlock(w: PdfWriter, m: ReportModel, T: ReportTexts, n: string): void {
  w.section(n, T.sections.signature, 150);
  const sig = m.signature;
  const inset = 16;
  const x = w.left + inset;
  const inner = w.width - inset - 12;
  const half = inner / 2 - 6;
  w.framed(
    sig ? COLOR.brand : DRAFT_COLOR,
    () => {
      w.gap(10);
      w.text(sig ? T.signature.title : T.signature.draftTitle, { x, width: inner, bold: true, size: 11, color: sig ? COLOR.brand : DRAFT_COLOR });
      w.gap(6);
      if (!sig) {
        w.text(T.signature.draftNote, { x, width: inner, color: COLOR.ink });
        return;
      }
      const pair = (l1: string, v1: string, l2: string, v2: string) => {
        const y = w.y;
        w.label(l1, x, half);
        w.text(v1, { x, width: half, color: COLOR.ink, bold: true });
        const end1 = w.y;
        w.y = y;
        w.label(l2, x + half + 12, half);
        w.text(v2, { x: x + half + 12, width: half, color: COLOR.ink });
        w.y = Math.max(end1, w.y) + 6;
      };
      pair(T.signature.name, sig.name, T.signature.role, sig.role);
      pair(T.signature.date, formatDateTime(sig.time), T.signature.reason, sig.reason);
      w.label(T.signature.fingerprint, x, inner);
      w.text(sig.fingerprint, { x, width: inner, size: 7.6, color: COLOR.ink });
      if (sig.trailHead) {
        w.gap(4);
        w.text(T.signature.trailHead(sig.trailHead.hash, sig.trailHead.seq), { x, width: inner, size: 7.6, color: COLOR.ink });
      }
      w.gap(7);
      w.text(T.signature.note, { x, width: inner, size: SIZE.small, color: COLOR.muted });
    },
    { padBottom: 10, band: 5 },
  );
}
