import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../../electron/backend/backend';
import { encodePng } from '../../electron/backend/features/app/demo/png';
import { exportAuditPackage, importPackage, makeReturnPackage } from '../../electron/backend/features/packages/service';
import { reportFixture, type Call } from '../backend/reports/fixture';
import { median } from './timing';

const FINDINGS = 300;
const PHOTOS = 50;
const RUNS = 3;

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}
async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** A photo-sized PNG (640×480) with noise, so it does not compress to nothing, distinct per n. */
const photo = (n: number) => {
  const rnd = crypto.createHash('sha256').update(String(n)).digest();
  return encodePng(640, 480, (x, y) => [(x * 7 + rnd[0]! + y) & 255, (y * 3 + rnd[1]! + ((x * y) & 31)) & 255, (rnd[2]! + x ^ y) & 255]);
};

function open(file: string): Backend {
  const b = new Backend({ dataDir: path.dirname(file), transport: 'http', version: 'bench', rememberDatabase: false });
  b.open(file);
  return b;
}

const caller = (b: Backend): Call => (name, input) => b.call(name, input) as never;

async function fill(b: Backend, auditId: string): Promise<void> {
  const call = caller(b);
  for (let i = 0; i < FINDINGS; i++) {
    const f = await call<{ id: string }>('findings.create', {
      auditId, lang: 'sv',
      fields: { type: i % 3 === 0 ? 'minor_nc' : 'observation', clauseNumbers: ['8.5.1'], requirement: `Krav ${i}`, evidence: `Belägg ${i} `.repeat(20), statement: `Formulering ${i}` },
    });
    if (i < PHOTOS) {
      await call('attachments.add', { ownerType: 'finding', ownerId: f.id, fileName: `foto-${i}.png`, contentBase64: photo(i).toString('base64') });
    }
  }
}

/**
 * Export and import of an audit with 300 findings and 50 photos, against copying the same bytes:
 * export (coordinator's audit → package file), open (package → working database) and import
 * (an auditor's return package with 300 new findings and 50 photos → coordinator's database).
 */
export default async function bench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-bench-packages-'));
  try {
    const setup = performance.now();
    // Export: the coordinator's audit already holds the findings and photos.
    const full = open(path.join(dir, 'full.sqlite'));
    const fx = await reportFixture(caller(full), { findings: FINDINGS, photos: PHOTOS, photoSize: [640, 480] });
    // Import: a fresh audit sent out, the findings made on the auditor's laptop.
    const coordFile = path.join(dir, 'coord.sqlite');
    const coord = open(coordFile);
    const cx = await reportFixture(caller(coord), { findings: 0, photos: 0 });
    const outFile = path.join(dir, 'out.granska');
    fs.writeFileSync(outFile, exportAuditPackage(coord.ctx(), [cx.audit.number]).data);
    coord.close();
    const laptop = open(outFile);
    await fill(laptop, cx.audit.id);
    const returnFile = path.join(dir, 'return.granska');
    fs.writeFileSync(returnFile, makeReturnPackage(laptop.ctx()).data);
    laptop.close();
    console.log(`  setup: ${FINDINGS} findings, ${PHOTOS} photos (640×480 PNG) twice in ${Math.round(performance.now() - setup)} ms`);

    const exportMs: number[] = [];
    const openMs: number[] = [];
    const importMs: number[] = [];
    const copyExportMs: number[] = [];
    const copyImportMs: number[] = [];
    let exportSize = 0;
    for (let run = 0; run < RUNS; run++) {
      const pkgFile = path.join(dir, `export-${run}.granska`);
      const e = time(() => fs.writeFileSync(pkgFile, exportAuditPackage(full.ctx(), [fx.audit.number]).data));
      exportMs.push(e.ms);
      exportSize = fs.statSync(pkgFile).size;
      copyExportMs.push(time(() => fs.copyFileSync(pkgFile, `${pkgFile}.copy`)).ms);
      const o = time(() => open(pkgFile));
      openMs.push(o.ms);
      o.value.close();

      const target = path.join(dir, `coord-${run}.sqlite`);
      fs.copyFileSync(coordFile, target);
      const c = open(target);
      const bytes = fs.readFileSync(returnFile);
      const i = await timeAsync(() => importPackage(c.ctx(), fs.readFileSync(returnFile)));
      importMs.push(i.ms);
      if (i.value.added.findings !== FINDINGS) throw new Error(`import added ${i.value.added.findings} findings, expected ${FINDINGS}`);
      c.close();
      copyImportMs.push(time(() => fs.writeFileSync(`${returnFile}.copy-${run}`, bytes)).ms + time(() => fs.readFileSync(returnFile)).ms);
    }
    full.close();
    const returnSize = fs.statSync(returnFile).size;
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    const ex = median(exportMs);
    const op = median(openMs);
    const im = median(importMs);
    const ce = median(copyExportMs);
    const ci = median(copyImportMs);
    console.log(`  export (audit → ${mb(exportSize)} MB package, hashed, written):   ${Math.round(ex)} ms`);
    console.log(`  open (package verified → working database):              ${Math.round(op)} ms`);
    console.log(`  copying the same ${mb(exportSize)} MB file:                           ${ce.toFixed(1)} ms`);
    console.log(`  ratio export / copy: ${(ex / ce).toFixed(1)};  (export + open) / copy: ${((ex + op) / ce).toFixed(1)}`);
    console.log(`  import (${mb(returnSize)} MB return package verified, photos type-checked, merged): ${Math.round(im)} ms`);
    console.log(`  reading and writing the same bytes:                      ${ci.toFixed(1)} ms`);
    console.log(`  ratio import / copy: ${(im / ci).toFixed(1)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
