/// <reference types="pdfkit" />
import fs from 'node:fs';
import path from 'node:path';
import { resourcesDir } from '../paths';

/**
 * PDF/A-2b (ISO 19005-2, level B) with tagging switched on: what Swedish public-sector e-archives
 * and the accessibility law expect of a document that must be readable in thirty years. pdfkit
 * does most of it (embedded font subsets, pdfaid in XMP, an output intent); this module supplies
 * what it gets wrong or leaves out: XML-escaped XMP that matches the Info dictionary entry by entry
 * (PDF/A 6.6.2.3), dc:language, and the sRGB profile from resources/color rather than from inside
 * node_modules.
 */
export interface ArchivalMetadata {
  lang: 'sv' | 'en';
  title: string;
  author: string;
  subject: string;
  keywords?: string;
  created: Date;
}

export const PDFA_PART = 2;
export const PDFA_CONFORMANCE = 'B';

export function bcp47(lang: 'sv' | 'en'): string {
  return lang === 'sv' ? 'sv-SE' : 'en-GB';
}

/** The pdfkit constructor options that make a tagged PDF/A-2b file. */
export function archivalOptions(meta: ArchivalMetadata): PDFKit.PDFDocumentOptions {
  return {
    pdfVersion: '1.7',
    subset: `PDF/A-${PDFA_PART}${PDFA_CONFORMANCE.toLowerCase()}`,
    tagged: true,
    lang: bcp47(meta.lang),
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      // PDF/A wants every Info entry mirrored in XMP; an empty one is left out of both
      ...(meta.keywords ? { Keywords: meta.keywords } : {}),
      Creator: 'Granska',
      Producer: 'Granska',
      CreationDate: meta.created,
      ModDate: meta.created,
    },
  } as PDFKit.PDFDocumentOptions;
}

let profile: Buffer | null = null;

/** ICC's sRGB2014 profile (resources/color/LICENSE says where it comes from and on what terms). */
export function srgbProfile(): Buffer {
  profile ??= fs.readFileSync(path.join(resourcesDir(), 'color', 'sRGB2014.icc'));
  return profile;
}

const escapeXml = (text: string): string =>
  // characters XML 1.0 cannot carry at all are dropped; markup characters are escaped
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

const xmpDate = (d: Date): string => `${d.toISOString().split('.')[0]}Z`;

interface PdfkitInternals {
  appendXML(xml: string): void;
  ref(data: Record<string, unknown>): { write(data: Buffer): void; end(): void };
  _root: { data: Record<string, unknown> };
  _addInfo(): void;
  _addColorOutputIntent(): void;
}

export function xmpPacketBody(meta: ArchivalMetadata): string {
  const lang = bcp47(meta.lang);
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(value)}</rdf:li></rdf:Alt>`;
  return `
    <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
      <xmp:CreateDate>${xmpDate(meta.created)}</xmp:CreateDate>
      <xmp:ModifyDate>${xmpDate(meta.created)}</xmp:ModifyDate>
      <xmp:MetadataDate>${xmpDate(meta.created)}</xmp:MetadataDate>
      <xmp:CreatorTool>Granska</xmp:CreatorTool>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:format>application/pdf</dc:format>
      <dc:title>${alt(meta.title)}</dc:title>
      <dc:creator><rdf:Seq><rdf:li>${escapeXml(meta.author)}</rdf:li></rdf:Seq></dc:creator>
      <dc:description>${alt(meta.subject)}</dc:description>
      <dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
      <pdf:Producer>Granska</pdf:Producer>${meta.keywords ? `\n      <pdf:Keywords>${escapeXml(meta.keywords)}</pdf:Keywords>` : ''}
    </rdf:Description>`;
}

/** Call right after `new PDFDocument(archivalOptions(meta))`. */
export function makeArchival(doc: PDFKit.PDFDocument, meta: ArchivalMetadata): void {
  const pdf = doc as unknown as PdfkitInternals;
  // pdfkit writes Info values into XMP unescaped (a title with "&" would break the packet) and
  // leaves out dc:language and xmp:ModifyDate, which PDF/A requires to match the Info dictionary
  pdf._addInfo = () => pdf.appendXML(xmpPacketBody(meta));
  pdf._addColorOutputIntent = () => {
    const icc = srgbProfile();
    const stream = pdf.ref({ Length: icc.length, N: 3 });
    stream.write(icc);
    stream.end();
    const intent = pdf.ref({
      Type: 'OutputIntent',
      S: 'GTS_PDFA1',
      Info: new String('sRGB IEC61966-2.1'),
      OutputConditionIdentifier: new String('sRGB IEC61966-2.1'),
      DestOutputProfile: stream,
    });
    intent.end();
    pdf._root.data.OutputIntents = [intent];
  };
}
