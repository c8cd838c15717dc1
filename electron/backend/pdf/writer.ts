import PDFDocument from 'pdfkit';
import { archivalOptions, makeArchival } from './archival';
import { PdfTagger, type LeafTag } from './tagging';
import { addSignaturePlaceholder, type SignaturePlaceholderOptions } from '../signing';
import { FONT, registerReportFonts } from './fonts';
import type { PreparedImage } from '../images/report-image';
import { passthroughPng } from './png-passthrough';

/**
 * The typographic system every Granska PDF shares: A4, 20 mm side margins, one sans family in two
 * weights, a running header from page 2, and "Sida X av Y" in the footer, written once every page
 * exists (pages stay buffered until then). Every file is PDF/A-2b and tagged: headings, paragraphs,
 * lists, tables and figures in reading order, decoration as artifacts, a bookmark per section.
 */
export const COLOR = {
  ink: '#1d2a30',
  text: '#2b383f',
  muted: '#5f6d74',
  faint: '#8a979d',
  rule: '#d3dcdf',
  tint: '#f2f6f7',
  brand: '#005f6e',
  brandTint: '#e3f1f3',
  white: '#ffffff',
} as const;

export const SIZE = { body: 9, small: 7.8, label: 6.8, h1: 21, h2: 12.5, h3: 10.5 } as const;
const LINE_GAP = 1.6;

export interface Chrome {
  /** Running header, pages 2 onwards. */
  headerLeft: string;
  headerRight: string;
  footerLeft: string;
  /** The organisation's own line under every page's footer (a report template's footer text). */
  footerNote?: string;
  pageOf(page: number, pages: number): string;
}

export interface WriterOptions {
  lang: 'sv' | 'en';
  title: string;
  author: string;
  subject: string;
  keywords?: string;
  /**
   * Extra document-information entries. An issued report names its audit and revision here
   * (GranskaAudit, GranskaRevision), inside the signed bytes, so a verifier can say which revision
   * a file claims to be without a database.
   */
  custom?: Record<string, string>;
  /** Written as the file's creation date, so a file is reproducible from its inputs. */
  created: Date;
  chrome: Chrome;
  /** Wide tables (a year's programme) read better across the page. */
  landscape?: boolean;
}

/** Words shorter than this always fit a column; longer ones are measured. */
const SHORT_WORD = 12;
const charWidthCache = new WeakMap<PDFKit.PDFDocument, Map<string, number>>();

/**
 * Breaks words wider than `width` into pieces that fit, on lines of their own. pdfkit can break
 * such a word itself, but by measuring ever shorter prefixes, which takes seconds for one long
 * word (a pasted link, a hostile 20,000-character string); here each character is measured once
 * (cached per font and size), so layout stays linear. Ordinary text is returned unchanged.
 */
export function breakUnbreakableWords(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (width <= 0 || text.length < SHORT_WORD) return text;
  const state = doc as unknown as { _font?: { name?: string }; _fontSize?: number };
  const fontKey = `${state._font?.name ?? ''}|${state._fontSize ?? 0}|`;
  let cache = charWidthCache.get(doc);
  if (!cache) charWidthCache.set(doc, (cache = new Map()));
  const charWidth = (ch: string): number => {
    const key = fontKey + ch;
    let w = cache.get(key);
    if (w === undefined) cache.set(key, (w = doc.widthOfString(ch)));
    return w;
  };
  const room = width * 0.97; // kerning and rounding may add a little to the sum of single widths
  return text.replace(/\S+/g, (word) => {
    if (word.length < SHORT_WORD) return word;
    let total = 0;
    for (const ch of word) total += charWidth(ch);
    if (total <= room) return word;
    let out = '';
    let line = 0;
    for (const ch of word) {
      const w = charWidth(ch);
      if (line > 0 && line + w > room) {
        out += '\n';
        line = 0;
      }
      out += ch;
      line += w;
    }
    return out;
  });
}

type ImageLike = { width: number; height: number };

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly left = 56.7;
  readonly right: number;
  readonly width: number;
  readonly top = 74;
  readonly bottomMargin = 62;
  private page = 0;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly images = new Map<string, ImageLike>();
  /** The document's logical structure; layouts may group what they draw (e.g. a finding as a Sect). */
  readonly tags: PdfTagger;
  private sect: ReturnType<PdfTagger['open']> | null = null;
  private outlineSection: { addItem(title: string): unknown } | null = null;

  constructor(private readonly opts: WriterOptions) {
    this.doc = new PDFDocument({
      ...archivalOptions(opts),
      size: 'A4',
      layout: opts.landscape ? 'landscape' : 'portrait',
      margins: { top: this.top, bottom: this.bottomMargin, left: this.left, right: this.left },
      bufferPages: true,
      autoFirstPage: true,
      // the report's own keys (audit number, revision) beside the archival ones, inside the signed bytes
      info: { ...(archivalOptions(opts).info ?? {}), ...opts.custom },
    } as PDFKit.PDFDocumentOptions);
    makeArchival(this.doc, opts);
    registerReportFonts(this.doc);
    this.tags = new PdfTagger(this.doc);
    this.tags.paragraphsByDefault(this.doc);
    this.right = this.doc.page.width - this.left;
    this.width = this.right - this.left;
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    // pdfkit adds pages itself when text runs past the bottom margin; keep our index in step
    this.doc.on('pageAdded', () => {
      this.page = this.doc.bufferedPageRange().count - 1;
    });
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  get pageIndex(): number {
    return this.page;
  }

  get maxY(): number {
    return this.doc.page.height - this.bottomMargin;
  }

  get pageHeight(): number {
    return this.doc.page.height;
  }

  remaining(): number {
    return this.maxY - this.doc.y;
  }

  addPage(): void {
    this.tags.suspend();
    this.doc.addPage();
    this.tags.resume();
    this.doc.x = this.left;
    this.doc.y = this.top;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.maxY) this.addPage();
  }

  gap(points: number): void {
    this.doc.y += points;
  }

  font(bold: boolean, size: number, color: string = COLOR.text): PDFKit.PDFDocument {
    return this.doc.font(bold ? FONT.bold : FONT.regular).fontSize(size).fillColor(color);
  }

  heightOf(text: string, width: number, bold = false, size: number = SIZE.body): number {
    this.font(bold, size);
    return this.doc.heightOfString(this.fit(text, width), { width, lineGap: LINE_GAP });
  }

  /** `text` with words too wide for `width` broken, in the font that is current. */
  private fit(text: string, width: number): string {
    return breakUnbreakableWords(this.doc, text, width);
  }

  /** Flowing text; pdfkit continues it on the next page at the same x when it runs out of room. */
  text(
    text: string,
    opts: { x?: number; width?: number; bold?: boolean; size?: number; color?: string; align?: 'left' | 'right' | 'center'; tag?: LeafTag } = {},
  ): void {
    const x = opts.x ?? this.left;
    this.font(opts.bold ?? false, opts.size ?? SIZE.body, opts.color ?? COLOR.text);
    const width = opts.width ?? this.right - x;
    this.tags.mark(opts.tag ?? 'P', () =>
      this.doc.text(this.fit(text, width), x, this.doc.y, { width, lineGap: LINE_GAP, align: opts.align ?? 'left' }),
    );
    this.doc.x = this.left;
  }

  /** Lines that form a list (the clauses of a finding): drawn as before, tagged L > LI > LBody. */
  list(items: string[], opts: { x?: number; width?: number; size?: number; color?: string } = {}): void {
    if (!items.length) return;
    this.tags.group('L', () => {
      for (const item of items) this.tags.group('LI', () => this.text(item, { ...opts, tag: 'LBody' }));
    });
  }

  /** A bookmark under the current section (a finding, say), pointing at the current page. */
  bookmark(title: string): void {
    (this.outlineSection ?? this.outline()).addItem(title);
  }

  private outline(): { addItem(title: string): { addItem(title: string): unknown } } {
    return (this.doc as unknown as { outline: { addItem(title: string): { addItem(title: string): unknown } } }).outline;
  }

  /** Small uppercase label above a value, as forms and certificates print them. */
  label(text: string, x: number = this.left, width: number = this.right - x, color: string = COLOR.muted): void {
    this.font(true, SIZE.label, color);
    this.doc.text(this.fit(text.toLocaleUpperCase(this.opts.lang === 'sv' ? 'sv-SE' : 'en-GB'), width), x, this.doc.y, {
      width,
      characterSpacing: 0.5,
      lineGap: 1,
    });
    this.doc.y += 1.5;
    this.doc.x = this.left;
  }

  /** A numbered section heading with a rule; kept with at least `keep` points of what follows. */
  section(number: string, title: string, keep = 60): void {
    if (this.doc.y > this.top + 1) this.gap(10);
    this.ensure(28 + keep);
    // a section runs until the next one starts
    if (this.sect) this.tags.close(this.sect);
    this.sect = this.tags.open('Sect');
    this.outlineSection = this.outline().addItem(number ? `${number} ${title}` : title);
    const y = this.doc.y;
    // an unnumbered section (the minutes' outputs, trends) starts at the margin
    const indent = number ? 28 : 0;
    this.tags.mark('H2', () => {
      if (number) this.font(true, SIZE.h2, COLOR.brand).text(`${number} `, this.left, y, { lineBreak: false });
      this.font(true, SIZE.h2, COLOR.ink).text(this.fit(title, this.width - indent), this.left + indent, y, { width: this.width - indent });
    });
    const ruleY = this.doc.y + 3;
    this.rule(ruleY);
    this.doc.y = ruleY + 8;
    this.doc.x = this.left;
  }

  subheading(title: string, keep = 40): void {
    this.ensure(16 + keep);
    this.gap(2);
    this.text(title, { bold: true, size: SIZE.h3, color: COLOR.ink, tag: 'H3' });
    this.gap(3);
  }

  /** A paragraph with an empty-value fallback, so every section says something. */
  paragraph(text: string, fallback: string, opts: { x?: number; width?: number } = {}): void {
    const value = text.trim();
    if (value) this.text(value, opts);
    else this.text(fallback, { ...opts, color: COLOR.faint });
    this.gap(5);
  }

  rect(x: number, y: number, w: number, h: number, fill: string): void {
    this.tags.artifact(() => this.doc.rect(x, y, w, h).fillColor(fill).fill());
  }

  rule(y: number, x0 = this.left, x1 = this.right, color: string = COLOR.rule, width = 0.6): void {
    this.tags.artifact(() => this.doc.moveTo(x0, y).lineTo(x1, y).lineWidth(width).strokeColor(color).stroke());
  }

  /** A rounded label: type of finding, draft marker, level of fulfilment. Returns its width. */
  pill(text: string, x: number, y: number, color: string, opts: { filled?: boolean; size?: number } = {}): number {
    const size = opts.size ?? 7;
    this.font(true, size);
    const w = this.doc.widthOfString(text, { characterSpacing: 0.3 }) + 10;
    const h = size + 6;
    this.tags.artifact(() => {
      if (opts.filled ?? true) this.doc.roundedRect(x, y, w, h, h / 2).fillColor(color).fill();
      else this.doc.roundedRect(x, y, w, h, h / 2).lineWidth(0.8).strokeColor(color).stroke();
    });
    this.font(true, size, opts.filled ?? true ? COLOR.white : color).text(text, x + 5, y + 3.2, { lineBreak: false, characterSpacing: 0.3 });
    return w;
  }

  /**
   * Label/value rows (a report's key facts). The label column is tinted; long values wrap and the
   * table continues on the next page when it has to.
   */
  facts(rows: [string, string][], labelWidth = 128): void {
    const pad = 5;
    const valueWidth = this.width - labelWidth - 2 * pad;
    this.rule(this.doc.y, this.left, this.right, COLOR.rule, 0.6);
    const table = this.tags.open('Table');
    for (const [label, value] of rows) {
      const h = Math.max(this.heightOf(value || '–', valueWidth), this.heightOf(label, labelWidth - 2 * pad, true, SIZE.small)) + 2 * pad;
      this.ensure(h);
      const y = this.doc.y;
      this.rect(this.left, y, labelWidth, h, COLOR.tint);
      this.tags.group('TR', () => {
        this.tags.mark('TH', () =>
          this.font(true, SIZE.small, COLOR.muted).text(this.fit(label, labelWidth - 2 * pad), this.left + pad, y + pad + 0.8, {
            width: labelWidth - 2 * pad,
            lineGap: LINE_GAP,
          }),
        );
        this.tags.mark('TD', () =>
          this.font(false, SIZE.body, COLOR.ink).text(this.fit(value || '–', valueWidth), this.left + labelWidth + pad, y + pad, {
            width: valueWidth,
            lineGap: LINE_GAP,
          }),
        );
      });
      this.rule(y + h);
      this.doc.y = y + h;
    }
    this.tags.close(table);
    this.doc.x = this.left;
    this.gap(6);
  }

  /**
   * A table with a tinted header row that repeats on every page it continues on. Widths are
   * fractions of the text width.
   */
  table(columns: { header: string; width: number; bold?: boolean }[], rows: string[][], opts: { empty?: string; size?: number } = {}): void {
    const size = opts.size ?? SIZE.body;
    const pad = 4.5;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const header = () => {
      const h = Math.max(...columns.map((c, i) => this.heightOf(c.header, (widths[i] ?? 0) - 2 * pad, true, SIZE.small))) + 2 * pad;
      const y = this.doc.y;
      this.rect(this.left, y, this.width, h, COLOR.brandTint);
      columns.forEach((c, i) => {
        const w = (widths[i] ?? 0) - 2 * pad;
        this.tags.mark('TH', () =>
          this.font(true, SIZE.small, COLOR.brand).text(this.fit(c.header, w), (xs[i] ?? 0) + pad, y + pad, { width: w, lineGap: LINE_GAP }),
        );
      });
      this.doc.y = y + h;
    };
    if (rows.length === 0) {
      this.paragraph('', opts.empty ?? '–');
      return;
    }
    this.ensure(40);
    const table = this.tags.open('Table');
    this.tags.group('THead', () => this.tags.group('TR', header));
    const body = this.tags.open('TBody');
    rows.forEach((row, r) => {
      const h = Math.max(...row.map((cell, i) => this.heightOf(cell || '–', (widths[i] ?? 0) - 2 * pad, columns[i]?.bold ?? false, size))) + 2 * pad;
      if (this.doc.y + h > this.maxY) {
        this.addPage();
        // the repeated header is for the eye; the structure has it once
        this.tags.artifact(header, 'Pagination');
      }
      const y = this.doc.y;
      if (r % 2 === 1) this.rect(this.left, y, this.width, h, COLOR.tint);
      this.tags.group('TR', () =>
        row.forEach((cell, i) => {
          const w = (widths[i] ?? 0) - 2 * pad;
          this.tags.mark('TD', () =>
            this.font(columns[i]?.bold ?? false, size, COLOR.ink).text(this.fit(cell || '–', w), (xs[i] ?? 0) + pad, y + pad, {
              width: w,
              lineGap: LINE_GAP,
            }),
          );
        }),
      );
      this.doc.y = y + h;
    });
    this.tags.close(body);
    this.tags.close(table);
    this.rule(this.doc.y);
    this.doc.x = this.left;
    this.gap(8);
  }

  /**
   * Runs `draw`, then paints a coloured band down the left edge and a hairline frame around what it
   * drew, on every page it spans. Painted afterwards because only then is the extent known; band and
   * frame lie outside the text, so nothing is covered.
   */
  framed(color: string, draw: () => void, opts: { band?: number; padBottom?: number } = {}): void {
    const band = opts.band ?? 4;
    const start = { page: this.page, y: this.doc.y };
    this.tags.group('Div', draw);
    this.gap(opts.padBottom ?? 6);
    const end = { page: this.page, y: Math.min(this.doc.y, this.maxY) };
    const resume = { x: this.doc.x, y: this.doc.y };
    for (let p = start.page; p <= end.page; p++) {
      const y0 = p === start.page ? start.y : this.top - 4;
      const y1 = p === end.page ? end.y : this.maxY;
      if (y1 - y0 < 1) continue;
      if (p !== end.page) this.doc.switchToPage(p);
      this.tags.artifact(() => this.doc.rect(this.left, y0, this.width, y1 - y0).lineWidth(0.6).strokeColor(COLOR.rule).stroke());
      this.rect(this.left, y0, band, y1 - y0, color);
      if (p !== end.page) this.doc.switchToPage(end.page);
    }
    this.doc.x = resume.x;
    this.doc.y = resume.y;
  }

  /**
   * Opens an image once per file, however often it is drawn (pdfkit embeds it once too). Only
   * images prepared by Granska get here: PNGs are embedded as they are, JPEGs through pdfkit's
   * marker reader; pdfkit's own PNG decoder is never used.
   */
  image(prepared: PreparedImage): ImageLike {
    let img = this.images.get(prepared.key);
    if (!img) {
      if (prepared.format === 'png') {
        img = passthroughPng(prepared.data, `GP${this.images.size + 1}`) ?? undefined;
        if (!img) throw new Error('prepared PNG cannot be embedded as it is');
      } else {
        // openImage exists in pdfkit but not in its type definitions
        img = (this.doc as unknown as { openImage(src: Buffer): ImageLike }).openImage(prepared.data);
      }
      this.images.set(prepared.key, img);
    }
    return img;
  }

  /**
   * Bars side by side per category, one colour per series, the value over each bar and a legend
   * below: one Figure with `alt` (what a screen reader says instead), so the numbers also belong in
   * a table beside it for anyone who reads rather than looks.
   */
  barChart(opts: { alt: string; categories: string[]; series: { label: string; color: string; values: number[] }[]; height?: number }): void {
    const plotH = opts.height ?? 110;
    this.ensure(plotH + 58);
    const doc = this.doc;
    const top = this.doc.y + 8;
    const x0 = this.left + 26;
    const base = top + plotH;
    let legendY = base + 15;
    const max = Math.max(1, ...opts.series.flatMap((s) => s.values));
    const groupW = (this.right - x0) / Math.max(1, opts.categories.length);
    const barW = Math.min(20, (groupW * 0.8) / Math.max(1, opts.series.length));
    const label = (text: string, x: number, y: number, width: number, color: string = COLOR.muted) => {
      this.font(false, SIZE.label, color);
      let t = text;
      while (t.length > 1 && doc.widthOfString(t) > width) t = `${t.slice(0, -2)}…`;
      doc.text(t, x, y, { width, align: 'center', lineBreak: false });
    };
    this.tags.mark(
      'Figure',
      () => {
        doc.moveTo(x0, base).lineTo(this.right, base).lineWidth(0.6).strokeColor(COLOR.rule).stroke();
        doc.moveTo(x0, top).lineTo(this.right, top).lineWidth(0.3).strokeColor(COLOR.rule).stroke();
        this.font(false, SIZE.label, COLOR.muted);
        doc.text(String(max), this.left, top - 3, { width: 22, align: 'right', lineBreak: false });
        doc.text('0', this.left, base - 4, { width: 22, align: 'right', lineBreak: false });
        opts.categories.forEach((category, ci) => {
          const gx = x0 + ci * groupW + (groupW - barW * opts.series.length) / 2;
          opts.series.forEach((s, si) => {
            const v = s.values[ci] ?? 0;
            const h = (v / max) * plotH;
            const bx = gx + si * barW;
            if (h > 0) doc.rect(bx, base - h, barW - 1.5, h).fillColor(s.color).fill();
            if (v > 0) label(String(Math.round(v * 10) / 10), bx - 6, base - h - 8, barW + 10, COLOR.ink);
          });
          label(category, x0 + ci * groupW, base + 3, groupW);
        });
        let lx = x0;
        legendY = base + 15;
        for (const s of opts.series) {
          this.font(false, SIZE.small, COLOR.text);
          const w = 10 + doc.widthOfString(s.label) + 14;
          if (lx > x0 && lx + w - 14 > this.right) {
            lx = x0;
            legendY += 11;
          }
          doc.rect(lx, legendY + 1, 7, 7).fillColor(s.color).fill();
          this.font(false, SIZE.small, COLOR.text);
          doc.text(s.label, lx + 10, legendY, { lineBreak: false });
          lx += w;
        }
      },
      { alt: opts.alt },
    );
    doc.x = this.left;
    doc.y = legendY + 17;
  }

  /** With `alt`, the image is a Figure that screen readers announce; without, decoration. */
  drawImage(img: ImageLike, x: number, y: number, fit: [number, number], alt?: string): { w: number; h: number } {
    const scale = Math.min(fit[0] / img.width, fit[1] / img.height, 1.5);
    const w = img.width * scale;
    const h = img.height * scale;
    const draw = () => this.doc.image(img as unknown as PDFKit.Mixins.ImageSrc, x, y, { width: w, height: h });
    if (alt) this.tags.mark('Figure', draw, { alt });
    else this.tags.artifact(draw);
    return { w, h };
  }

  /**
   * The top of page 1: the organisation's logo (or its name) on the left, its name and what the
   * document is on the right, over a rule in the brand colour. Leaves y below it.
   */
  letterhead(organisation: string, logo: PreparedImage | null, caption: string): void {
    const top = 40;
    const height = 46;
    let drawn: { w: number; h: number } | null = null;
    if (logo) {
      try {
        const alt = `${this.opts.lang === 'sv' ? 'Logotyp' : 'Logo'}: ${organisation}`;
        drawn = this.drawImage(this.image(logo), this.left, top, [160, height], alt);
      } catch {
        // a logo that cannot be embedded is left out rather than stopping the document
      }
    }
    const rightX = this.left + this.width * 0.55;
    // an emblem (roughly square) gets the name beside it; a wide logo usually carries the name itself
    const nameBeside = organisation && (!drawn || drawn.w / drawn.h < 2.2);
    if (nameBeside) {
      const x = drawn ? this.left + drawn.w + 12 : this.left;
      this.font(true, 13, COLOR.brand).text(organisation, x, top + (drawn ? drawn.h / 2 - 8 : 14), {
        width: rightX - x - 8,
        lineBreak: false,
        ellipsis: true,
      });
    } else if (organisation) {
      this.font(true, SIZE.small, COLOR.ink);
      this.doc.text(this.fit(organisation, this.right - rightX), rightX, top + 12, { width: this.right - rightX, align: 'right' });
    }
    this.font(false, SIZE.small, COLOR.muted).text(caption, rightX, top + (nameBeside ? 19 : 24), { width: this.right - rightX, align: 'right' });
    this.rule(top + 56, this.left, this.right, COLOR.brand, 1.4);
    this.doc.x = this.left;
    this.doc.y = top + 72;
  }

  /** Running header and footer on every page, now that the page count is known. */
  private chrome(): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // writing into the margins must not make pdfkit start yet another page
      const margins = { ...this.doc.page.margins };
      this.doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      this.tags.artifact(() => this.pageChrome(i - range.start, range.count), 'Pagination');
      this.doc.page.margins = margins;
    }
  }

  private pageChrome(index: number, count: number): void {
    const { chrome } = this.opts;
    const h = this.doc.page.height;
    {
      if (index > 0) {
        this.font(false, SIZE.small, COLOR.muted).text(chrome.headerLeft, this.left, 34, { width: this.width / 2, lineBreak: false, ellipsis: true });
        this.font(false, SIZE.small, COLOR.muted).text(chrome.headerRight, this.left + this.width / 2, 34, {
          width: this.width / 2,
          align: 'right',
          lineBreak: false,
          ellipsis: true,
        });
        this.rule(48, this.left, this.right, COLOR.rule, 0.6);
      }
      this.rule(h - 46, this.left, this.right, COLOR.rule, 0.6);
      this.font(false, SIZE.small, COLOR.muted).text(chrome.footerLeft, this.left, h - 38, { width: this.width * 0.7, lineBreak: false, ellipsis: true });
      this.font(true, SIZE.small, COLOR.muted).text(chrome.pageOf(index + 1, count), this.left + this.width * 0.7, h - 38, {
        width: this.width * 0.3,
        align: 'right',
        lineBreak: false,
      });
      if (chrome.footerNote) {
        this.font(false, SIZE.label, COLOR.muted).text(chrome.footerNote, this.left, h - 27, { width: this.width, lineBreak: false, ellipsis: true });
      }
    }
  }

  get pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  /**
   * Writes header and footer, reserves the signature on the last page when asked (before end():
   * pdfkit writes each object as it is ended, and the signature must be in the only revision), and
   * resolves to the file.
   */
  finish(signature: SignaturePlaceholderOptions | null): Promise<Buffer> {
    this.tags.finish();
    this.chrome();
    const range = this.doc.bufferedPageRange();
    this.doc.switchToPage(range.start + range.count - 1);
    if (signature) addSignaturePlaceholder(this.doc, signature);
    this.doc.end();
    return this.done;
  }
}
