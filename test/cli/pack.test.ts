import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../electron/backend/backend';
import { identityForSigning } from '../../electron/backend/features/reports';
import { loadDemo } from '../../electron/backend/features/app/demo';
import { DEMO_SIGNING_PASSPHRASE } from '../../electron/backend/features/app/demo/issued-reports';
import type { PackManifest } from '../../electron/backend/features/pack/manifest';
import type { VerifyOutcome } from '../../shared/domain/reports';
import { tempDir } from '../helpers/tmp';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'granska.cjs');
const built = fs.existsSync(CLI);
if (!built) console.warn('Skipping `granska pack` tests: dist/cli/granska.cjs is not built (node electron/build.mjs).');

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe.skipIf(!built && !process.env.CI)('granska pack and verify on the demo', () => {
  const dir = tempDir('granska-cli-pack-');
  const db = path.join(dir, 'demo.sqlite');
  const p12 = path.join(dir, 'demo.p12');
  const env = { GRANSKA_DATA_DIR: dir, DEMO_PASS: DEMO_SIGNING_PASSPHRASE };
  const granska = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

  beforeAll(async () => {
    expect(built, 'dist/cli/granska.cjs is required in CI (node electron/build.mjs)').toBe(true);
    const backend = new Backend({ dataDir: dir, transport: 'http', version: 'test' });
    backend.open(db);
    try {
      await loadDemo(backend.ctx());
      // keys rest sealed in the database; the signing step opens one as a PKCS#12 file, as a person would export it
      const id = backend.database.prepare('SELECT id FROM signing_identities').pluck().get() as string;
      fs.writeFileSync(p12, await identityForSigning(backend.ctx(), id, DEMO_SIGNING_PASSPHRASE));
    } finally {
      backend.close();
    }
  }, 180_000);

  it('writes a folder whose SHA256SUMS and manifest match every file, with signed review inputs', () => {
    const out = path.join(dir, 'paket');
    const res = granska(['pack', '--db', db, '--from', '2026-01-01', '--to', '2026-12-31', '--out', out, '--p12', p12, '--passphrase-env', 'DEMO_PASS']);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/\d+ issued report\(s\) \(all verify\)/);
    // a folder holds the pack itself; a zip wraps it in one named folder
    const base = out;
    const manifest = JSON.parse(fs.readFileSync(path.join(base, 'manifest.json'), 'utf8')) as PackManifest;
    expect(manifest.managementReviewSigned).toBe(true);
    for (const f of manifest.files) expect(sha256(fs.readFileSync(path.join(base, f.path)))).toBe(f.sha256);
    const sums = fs.readFileSync(path.join(base, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums).toHaveLength(manifest.files.length);

    const review = manifest.files.find((f) => f.kind === 'management-review') as PackManifest['files'][number];
    const json = granska(['verify', path.join(base, review.path), '--db', db, '--json']);
    expect(json.status, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as VerifyOutcome).level).toBe('PAdES B-B');
    const report = manifest.files.find((f) => f.kind === 'report') as PackManifest['files'][number];
    const text = granska(['verify', path.join(base, report.path), '--db', db]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Signature:\s+PAdES B-B/);
  });

  it('writes a zip, and refuses an existing target or a reversed period without writing anything', () => {
    const zip = path.join(dir, 'paket.zip');
    const res = granska(['pack', '--db', db, '--from', '2025-01-01', '--to', '2025-12-31', '--out', zip, '--lang', 'en']);
    expect(res.status, res.stderr).toBe(0);
    const names = Object.keys(unzipSync(new Uint8Array(fs.readFileSync(zip))));
    expect(names.some((n) => n.endsWith('/manifest.json'))).toBe(true);
    expect(names.some((n) => /\/2 Audit reports\/IR-2025-001 /.test(n))).toBe(true);
    const before = fs.readFileSync(zip);
    const again = granska(['pack', '--db', db, '--from', '2025-01-01', '--to', '2025-12-31', '--out', zip]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/^granska: .*already exists/m);
    expect(fs.readFileSync(zip).equals(before)).toBe(true);
    const reversed = granska(['pack', '--db', db, '--from', '2025-12-31', '--to', '2025-01-01', '--out', path.join(dir, 'x.zip')]);
    expect(reversed.status).not.toBe(0);
    expect(fs.existsSync(path.join(dir, 'x.zip'))).toBe(false);
  });
});
