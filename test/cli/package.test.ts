import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Backend } from '../../electron/backend/backend';
import { loadDemoData } from '../../electron/backend/features/app/demo';
import { run } from '../../electron/cli/main';
import type { ImportSummary } from '../../shared/contract/packages';
import { tempDir } from '../helpers/tmp';
import { addFinding, updateFinding } from '../backend/packages/fixture';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += c.toString()), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += c.toString()), true));
  try {
    return { code: await run(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

function open(file: string): Backend {
  const b = new Backend({ dataDir: path.dirname(file), transport: 'http', version: 'test', rememberDatabase: false });
  b.open(file);
  return b;
}

describe('granska package', () => {
  const dir = tempDir();
  const db = path.join(dir, 'koordinator.sqlite');
  const demo = open(db);
  loadDemoData(demo.ctx());
  const audit = demo.database
    .prepare("SELECT id, number FROM audits WHERE locked = 0 AND status = 'in_progress' ORDER BY number LIMIT 1")
    .get() as { id: string; number: string };
  const finding = demo.database.prepare('SELECT id, number FROM findings WHERE audit_id = ? ORDER BY seq LIMIT 1').get(audit.id) as
    | { id: string; number: string }
    | undefined;
  demo.close();
  const pkg = path.join(dir, 'ute', 'paket.granska');
  fs.mkdirSync(path.dirname(pkg));
  const ret = path.join(dir, 'retur.granska');
  afterAll(() => undefined);

  it('exports, returns and imports with the documented exit codes', async () => {
    expect(finding, 'the demo has a finding in an open audit').toBeDefined();
    const exported = await cli(['package', 'export', audit.number, '--db', db, '--out', pkg]);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toContain(audit.number);

    // The auditor works from the package: a new finding with a photo, and an edit the coordinator also makes.
    const work = open(pkg);
    await addFinding(work, audit.id, { type: 'observation', evidence: 'Iakttaget på plats' }, 1);
    await updateFinding(work, finding!.id, { statement: 'Revisorns formulering' });
    work.close();
    const coord = open(db);
    await updateFinding(coord, finding!.id, { statement: 'Koordinatorns formulering' });
    coord.close();

    const returned = await cli(['package', 'return', '--db', pkg, '--out', ret]);
    expect(returned.code, returned.err).toBe(0);

    const imported = await cli(['package', 'import', ret, '--db', db, '--json']);
    expect(imported.code, imported.err).toBe(3);
    const summary = JSON.parse(imported.out) as ImportSummary;
    expect(summary.added).toMatchObject({ findings: 1, attachments: 1 });
    expect(summary.openConflicts.map((c) => [c.record, c.field, c.local, c.remote])).toEqual([
      [finding!.number, 'statement', 'Koordinatorns formulering', 'Revisorns formulering'],
    ]);
    expect(summary.renumbered).toHaveLength(1);

    // Idempotent: nothing new, the conflict still waits.
    const again = await cli(['package', 'import', ret, '--db', db]);
    expect(again.code).toBe(3);
    expect(again.out).toContain('Already merged');

    const c = open(db);
    await c.call('packages.resolve', { id: summary.openConflicts[0]!.id, choice: 'remote' });
    c.close();
    const settled = await cli(['package', 'import', ret, '--db', db]);
    expect(settled.code).toBe(0);
    expect(settled.out).toContain('Merged.');

    // The report is made from the merged audit, with the auditor's finding under its final number.
    const pdf = path.join(dir, 'utkast.pdf');
    const report = await cli(['report', audit.number, '--db', db, '--out', pdf, '--lang', 'sv']);
    expect(report.code, report.err).toBe(0);
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain(summary.renumbered[0]!.to);
    expect(text).toContain('Revisorns formulering');
    expect(text).not.toMatch(/-P\d+-[0-9a-f]{4}/);
  });

  it('exits 1 on a refusal with a clear message, 2 on an unreadable file', async () => {
    const bytes = fs.readFileSync(ret);
    const altered = path.join(dir, 'ändrad.granska');
    const files = unzipSync(bytes);
    files['changes.json'] = strToU8(strFromU8(files['changes.json']!).replace('Iakttaget på plats', 'Ändrat efteråt'));
    fs.writeFileSync(altered, zipSync(files));
    const refused = await cli(['package', 'import', altered, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('damaged or has been altered');

    const notPackage = path.join(dir, 'text.granska');
    fs.writeFileSync(notPackage, 'hello');
    const unreadable = await cli(['package', 'import', notPackage, '--db', db]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.err).toContain('not a Granska package');

    const other = path.join(dir, 'annan.sqlite');
    open(other).close();
    const wrongDb = await cli(['package', 'import', ret, '--db', other]);
    expect(wrongDb.code).toBe(1);
    expect(wrongDb.err).toContain('another Granska database');
    expect(wrongDb.err).toContain('nothing was changed');
  });
});
