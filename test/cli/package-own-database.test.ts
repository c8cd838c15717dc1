import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../electron/backend/backend';
import { readPackage } from '../../electron/backend/features/packages/format';
import type { ImportSummary } from '../../shared/contract/packages';
import type { Finding } from '../../shared/domain/findings';
import { caller, tempDir } from '../helpers/tmp';
import { conductFixture } from '../backend/conduct/fixture';
import { addFinding } from '../backend/packages/fixture';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'granska.cjs');
const built = fs.existsSync(CLI);
if (!built) console.warn('Skipping `granska package` own-database tests: dist/cli/granska.cjs is not built (npm run build).');

function open(file: string): Backend {
  const b = new Backend({ dataDir: path.dirname(file), transport: 'http', version: 'test', rememberDatabase: false });
  b.open(file);
  return b;
}

describe.skipIf(!built && !process.env.CI)("granska package import into the auditor's own database, and return from it", () => {
  const dir = tempDir();
  const granska = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, GRANSKA_DATA_DIR: dir } });

  it('imports once, conducts there, returns only that audit, and the coordinator merges it with the trail intact', async () => {
    const coordFile = path.join(dir, 'koordinator.sqlite');
    const ownFile = path.join(dir, 'egen.sqlite');
    const coord = open(coordFile);
    const { audit } = await conductFixture(coord);
    coord.close();
    const own = open(ownFile);
    const mine = await conductFixture(own, { startDate: '2026-04-01' });
    own.close();

    const pkg = path.join(dir, 'IR.granska');
    expect(granska(['package', 'export', audit.number, '--db', coordFile, '--out', pkg]).status).toBe(0);
    const first = granska(['package', 'import', pkg, '--db', ownFile]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('Imported: conduct the audit here');
    const second = granska(['package', 'import', pkg, '--db', ownFile]);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('Already imported');

    const auditor = open(ownFile);
    const found = await addFinding(auditor, audit.id, { type: 'observation', evidence: 'Sett på plats' }, 1);
    await addFinding(auditor, mine.audit.id, { type: 'observation', evidence: 'Mitt eget' });
    auditor.close();

    // Their own audit has no package behind it; the imported one has.
    const wrong = granska(['package', 'return', mine.audit.number, '--db', ownFile, '--out', path.join(dir, 'fel.granska')]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('was not imported from an audit package');
    const ret = path.join(dir, 'retur.granska');
    const returned = granska(['package', 'return', audit.number, '--db', ownFile, '--out', ret]);
    expect(returned.status, returned.stderr).toBe(0);

    const merged = granska(['package', 'import', ret, '--db', coordFile, '--json']);
    expect(merged.status, merged.stderr).toBe(0);
    const summary = JSON.parse(merged.stdout) as ImportSummary;
    expect(summary).toMatchObject({ kind: 'return', added: { findings: 1, attachments: 1 } });
    expect(summary.trailEntries).toBeGreaterThan(0);
    expect(granska(['trail', 'verify', '--db', coordFile]).status).toBe(0);

    const check = open(coordFile);
    const findings = await caller(check)<Finding[]>('findings.list', { auditId: audit.id });
    check.close();
    expect(findings.map((f) => [f.id, f.number, f.evidence])).toEqual([[found.id, `${audit.number}-01`, 'Sett på plats']]);
    expect(JSON.stringify(readPackage(fs.readFileSync(ret)).changes)).not.toContain('Mitt eget');
  });
});
