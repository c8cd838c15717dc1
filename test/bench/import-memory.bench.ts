import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';

/**
 * Peak memory and time of reading an import file that is far over the row limit: a 10 MB CSV and a
 * 9.6 MB XLSX of 2 million rows (the hostile files of issue 17). Each run is a fresh process; the
 * baseline process only loads the same modules and decodes the same file, so the ratio is the
 * import's own cost.
 */

/** 10 MB of the given shape: ordinary rows, blank lines (each still a row to a parser), or one row of empty cells. */
function csvFile(dir: string, shape: 'rows' | 'blank-lines' | 'empty-cells'): string {
  const file = path.join(dir, `${shape}.csv`);
  const size = 10 * 1024 * 1024 - 200;
  if (shape === 'blank-lines') {
    fs.writeFileSync(file, `Rubrik;Enhet\n${'\n'.repeat(size)}`);
    return file;
  }
  if (shape === 'empty-cells') {
    fs.writeFileSync(file, `Rubrik;Enhet\n${';'.repeat(size)}\n`);
    return file;
  }
  const header = 'Nummer;Rubrik;Beskrivning;Källa;Enhet;Ansvarig;Upptäckt;Klart senast;Status\n';
  const lines: string[] = [header];
  let written = header.length;
  for (let i = 1; written < size; i++) {
    const line = `AV-${i};Avvikelse ${i};Beskrivning;Klagomål;Skola;Karin;2026-01-0${(i % 9) + 1};2026-03-01;Ny\n`;
    lines.push(line);
    written += Buffer.byteLength(line);
  }
  fs.writeFileSync(file, lines.join(''));
  return file;
}

/** A real workbook package whose one sheet has `rows` rows, deflated hard: small file, huge sheet. */
function xlsxFile(dir: string, rows: number): string {
  const sheet: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  sheet.push('<row r="1"><c r="A1" t="inlineStr"><is><t>Rubrik</t></is></c></row>');
  for (let r = 2; r <= rows; r++) sheet.push(`<row r="${r}" spans="1:1"><c r="A${r}" s="0"><v>1</v></c></row>`);
  sheet.push('</sheetData></worksheet>');
  const files = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        '<sheets><sheet name="Avvikelser" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet.join('')),
  };
  const file = path.join(dir, 'stor.xlsx');
  fs.writeFileSync(file, zipSync(files, { level: 9 }));
  return file;
}

function run(file: string, mode: 'baseline' | 'import'): { ms: number; maxRssMb: number; outcome: string } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'import-memory-child.ts'), file, mode], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(out) as { ms: number; maxRssMb: number; outcome: string };
}

export default function importMemory(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-import-bench-'));
  try {
    for (const file of process.env.BENCH_ONLY === 'xlsx' ? [xlsxFile(dir, 2_000_000)] : [csvFile(dir, 'rows'), csvFile(dir, 'blank-lines'), csvFile(dir, 'empty-cells'), xlsxFile(dir, 2_000_000)]) {
      const mb = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
      const base = run(file, 'baseline');
      const imp = run(file, 'import');
      console.log(
        `${path.basename(file)} (${mb} MB): import ${imp.ms.toFixed(0)} ms, peak ${imp.maxRssMb.toFixed(0)} MB ` +
          `(baseline peak ${base.maxRssMb.toFixed(0)} MB; ratio ${(imp.maxRssMb / base.maxRssMb).toFixed(2)}×) → ${imp.outcome}`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
