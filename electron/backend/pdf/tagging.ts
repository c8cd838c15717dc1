/// <reference types="pdfkit" />

/**
 * The logical structure of a tagged PDF (ISO 32000-1 14.8), built while pdfkit draws: every piece
 * of text, every photo and every table cell is marked content owned by a structure element, in the
 * order it is drawn, which is the reading order; rules, tints, frames and running headers are
 * artifacts that screen readers skip.
 *
 * pdfkit's own helpers cover the mechanics (marked-content ids, the parent tree, content that flows
 * onto the next page); this class keeps the nesting: containers (Sect, Table, TR, L, LI) around leaves
 * (H1–H4, P, TH, TD, Lbl, LBody, Figure).
 */
export type LeafTag = 'H1' | 'H2' | 'H3' | 'H4' | 'P' | 'TH' | 'TD' | 'Lbl' | 'LBody' | 'Caption' | 'Figure' | 'Span';
export type GroupTag = 'Document' | 'Sect' | 'Div' | 'Table' | 'THead' | 'TBody' | 'TR' | 'L' | 'LI';

interface StructElement {
  add(child: StructElement | StructContent): StructElement;
  end(): void;
}
type StructContent = object;

interface MarkingDoc {
  struct(type: string, options?: Record<string, unknown>): StructElement;
  addStructure(el: StructElement): void;
  markStructureContent(tag: string, options?: Record<string, unknown>): StructContent;
  markContent(tag: string, options?: Record<string, unknown>): void;
  endMarkedContent(): void;
}

export class PdfTagger {
  private readonly doc: MarkingDoc;
  private readonly stack: StructElement[] = [];
  private leaf: { el: StructElement; tag: LeafTag; content: StructContent } | null = null;
  private artifactDepth = 0;

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc as unknown as MarkingDoc;
    const root = this.doc.struct('Document');
    this.doc.addStructure(root);
    this.stack.push(root);
  }

  get inLeaf(): boolean {
    return this.leaf !== null || this.artifactDepth > 0;
  }

  private get parent(): StructElement {
    return this.stack[this.stack.length - 1] as StructElement;
  }

  /** Opens a container; close it with `close()` (or use `group`). */
  open(tag: GroupTag, options: Record<string, unknown> = {}): StructElement {
    const el = this.doc.struct(tag, options);
    this.parent.add(el);
    this.stack.push(el);
    return el;
  }

  /** Closes containers down to and including `el`. */
  close(el: StructElement): void {
    const at = this.stack.lastIndexOf(el);
    if (at <= 0) return;
    for (const open of this.stack.splice(at).reverse()) open.end();
  }

  group(tag: GroupTag, draw: () => void, options: Record<string, unknown> = {}): void {
    const el = this.open(tag, options);
    try {
      draw();
    } finally {
      this.close(el);
    }
  }

  /**
   * Marks what `draw` paints as one structure element. Inside another leaf (a heading made of
   * several text runs) it simply belongs to that one.
   */
  mark(tag: LeafTag, draw: () => void, options: Record<string, unknown> = {}): void {
    if (this.inLeaf) {
      draw();
      return;
    }
    const el = this.doc.struct(tag, options);
    this.parent.add(el);
    this.leaf = { el, tag, content: this.doc.markStructureContent(tag) };
    try {
      draw();
    } finally {
      this.suspend();
      this.leaf = null;
      el.end();
    }
  }

  /** Paints decoration that is not content. Inside a leaf, the leaf's marked content is interrupted and resumed. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    if (this.artifactDepth > 0) {
      draw();
      return;
    }
    const resume = this.leaf !== null;
    if (resume) this.suspend();
    this.doc.markContent('Artifact', { type });
    this.artifactDepth++;
    try {
      draw();
    } finally {
      this.artifactDepth--;
      this.doc.endMarkedContent();
      if (resume) this.resume();
    }
  }

  /** Closes the open marked content before a page break we make ourselves (pdfkit handles its own). */
  suspend(): void {
    if (!this.leaf) return;
    this.doc.endMarkedContent();
    // added only now: pdfkit appends the ids of continuation pages to the same content object
    this.leaf.el.add(this.leaf.content);
  }

  resume(): void {
    if (!this.leaf) return;
    this.leaf.content = this.doc.markStructureContent(this.leaf.tag);
  }

  /**
   * From now on, text drawn straight through pdfkit becomes a paragraph of its own unless it is
   * already part of a heading, a cell or an artifact, so no text is left outside the structure.
   */
  paragraphsByDefault(doc: PDFKit.PDFDocument): void {
    const drawText = doc.text.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
    (doc as unknown as { text: (...args: unknown[]) => PDFKit.PDFDocument }).text = (...args: unknown[]) => {
      if (this.inLeaf) return drawText(...args);
      this.mark('P', () => drawText(...args));
      return doc;
    };
  }

  /** Ends every open element; the structure tree is written when the document ends. */
  finish(): void {
    const root = this.stack[0];
    if (root) this.close(this.stack[1] ?? root);
    root?.end();
  }
}
