import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { buildCompoundFile, type CfbTree } from './compound-writer';
import { xlsx } from './files';

/** Legacy and OOXML Office files with and without code, built record by record as Office writes them. */

const record = (type: number, body: Buffer): Buffer => {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(body.length, 2);
  return Buffer.concat([head, body]);
};

/** BOF of BIFF8 (MS-XLS 2.4.21): dt 0x0005 workbook globals, 0x0010 worksheet, 0x0040 Excel 4.0 macro sheet. */
function bof(dt: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt16LE(0x0600, 0);
  b.writeUInt16LE(dt, 2);
  b.writeUInt16LE(0x0dbb, 4);
  b.writeUInt16LE(0x07cc, 6);
  b.writeUInt32LE(0x000080c9, 8);
  b.writeUInt32LE(0x00000206, 12);
  return record(0x0809, b);
}
const eof = () => record(0x000a, Buffer.alloc(0));

function shortString(text: string): Buffer {
  const chars = Buffer.from(text, 'latin1');
  return Buffer.concat([Buffer.from([chars.length, 0]), chars]);
}

function dimensions(rows: number, cols: number): Buffer {
  const b = Buffer.alloc(14);
  b.writeUInt32LE(0, 0);
  b.writeUInt32LE(rows, 4);
  b.writeUInt16LE(0, 8);
  b.writeUInt16LE(cols, 10);
  return record(0x0200, b);
}

/** A built-in name (Lbl, MS-XLS 2.4.150) with no formula: index 0x01 is Auto_Open. */
function builtinName(index: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt16LE(0x0020 | 0x0001, 0); // fBuiltin, fHidden
  b[3] = 1; // cch
  b[14] = 0; // 8-bit characters
  b[15] = index;
  return record(0x0018, b);
}

export interface SheetSpec {
  name: string;
  /** What the sheet list says (BoundSheet8.dt): 0 worksheet, 1 macro sheet. */
  listedAs: 0 | 1;
  /** What the sheet's own BOF says. */
  bofType: 0x10 | 0x40;
  hidden?: 0 | 1 | 2;
}

/** A BIFF8 Workbook stream: globals with the sheet list, then one substream per sheet. */
export function workbookStream(sheets: SheetSpec[], extra: { autoOpen?: boolean; encrypted?: boolean } = {}): Buffer {
  const codepage = record(0x0042, Buffer.from([0xb0, 0x04]));
  const datemode = record(0x0022, Buffer.from([0, 0]));
  const filepass = extra.encrypted ? record(0x002f, Buffer.concat([Buffer.from([1, 0, 1, 0, 1, 0]), Buffer.alloc(48, 0x5a)])) : Buffer.alloc(0);
  const boundsheet = (s: SheetSpec, pos: number) =>
    record(0x0085, Buffer.concat([Buffer.from(Uint32Array.of(pos).buffer), Buffer.from([s.hidden ?? 0, s.listedAs]), shortString(s.name)]));
  const substreams = sheets.map((s) => Buffer.concat([bof(s.bofType), dimensions(0, 0), eof()]));
  const names = extra.autoOpen ? builtinName(0x01) : Buffer.alloc(0);
  const globalsLength =
    bof(0x0005).length + filepass.length + codepage.length + datemode.length +
    sheets.reduce((sum, s) => sum + boundsheet(s, 0).length, 0) + names.length + eof().length;
  let pos = globalsLength;
  const list = sheets.map((s, i) => {
    const r = boundsheet(s, pos);
    pos += substreams[i]!.length;
    return r;
  });
  return Buffer.concat([bof(0x0005), filepass, codepage, datemode, ...list, names, eof(), ...substreams]);
}

/** An .xls file: the workbook stream in a compound file, as Excel 97–2003 saves it. */
export function xls(sheets: SheetSpec[], extra: Parameters<typeof workbookStream>[1] = {}, more: CfbTree = {}): Buffer {
  return buildCompoundFile({ Workbook: workbookStream(sheets, extra), ...more });
}

export const plainXls = () => xls([{ name: 'Stickprov', listedAs: 0, bofType: 0x10 }]);
export const xlmMacroXls = () =>
  xls([
    { name: 'Stickprov', listedAs: 0, bofType: 0x10 },
    { name: 'Macro1', listedAs: 1, bofType: 0x40, hidden: 2 },
  ], { autoOpen: true });

/** The header of a VBA project stream (MS-OVBA 2.3.4.1): Reserved1 0x61CC, version, 0x00, Reserved3. */
export const vbaProjectStream = () => Buffer.from([0xcc, 0x61, 0xb5, 0x00, 0x00, 0x01, 0x00, 0xff, 0xff]);

export const plainDoc = () =>
  buildCompoundFile({ WordDocument: Buffer.alloc(4096, 0x20), '1Table': Buffer.alloc(512), '\u0005SummaryInformation': Buffer.alloc(200) });

/** Adds parts to an OOXML or ODF package (and declarations to its [Content_Types].xml). */
export function withParts(pkg: Buffer, parts: Record<string, string | Buffer>, contentTypes: string[] = []): Buffer {
  const files = unzipSync(pkg);
  for (const [name, value] of Object.entries(parts)) files[name] = typeof value === 'string' ? strToU8(value) : new Uint8Array(value);
  if (contentTypes.length && files['[Content_Types].xml']) {
    const xml = strFromU8(files['[Content_Types].xml']);
    files['[Content_Types].xml'] = strToU8(xml.replace('</Types>', `${contentTypes.join('')}</Types>`));
  }
  return Buffer.from(zipSync(files));
}

const MACROSHEET_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<xm:macrosheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
  '<sheetData><row r="1"><c r="A1"><f>EXEC("calc.exe")</f></c></row><row r="2"><c r="A2"><f>HALT()</f></c></row></sheetData></xm:macrosheet>';

/** An .xlsx with an Excel 4.0 macro sheet at `partName`, declared in the content types and workbook relationships. */
export async function xlsxWithMacroSheet(partName = 'xl/macrosheets/sheet2.xml'): Promise<Buffer> {
  const base = await xlsx();
  const files = unzipSync(base);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']!);
  const target = partName.replace(/^xl\//, '');
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    rels.replace(
      '</Relationships>',
      `<Relationship Id="rIdM1" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="${target}"/></Relationships>`,
    ),
  );
  files[partName] = strToU8(MACROSHEET_XML);
  const types = strFromU8(files['[Content_Types].xml']!);
  files['[Content_Types].xml'] = strToU8(
    types.replace('</Types>', `<Override PartName="/${partName}" ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>`),
  );
  return Buffer.from(zipSync(files));
}
