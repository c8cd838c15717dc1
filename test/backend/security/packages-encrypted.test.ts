import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/backend/backend';
import { isEncryptedDatabaseFile } from '../../../electron/backend/db/cipher';
import { chainHead } from '../../../electron/backend/db/trail-chain';
import { ENVELOPE_MAGIC, openSealedPackage, sealPackage } from '../../../electron/backend/features/packages/envelope';
import { importPackage, workingCopyPath } from '../../../electron/backend/features/packages/service';
import { readSyncMeta } from '../../../electron/backend/sync/capture';
import type { DeliveredFile } from '../../../shared/contract/files';
import type { ImportSummary } from '../../../shared/contract/packages';
import { caller, rejection, tempDir } from '../../helpers/tmp';
import { conductFixture } from '../conduct/fixture';
import { addFinding, backendAt } from '../packages/fixture';

const PASS = 'Tallkottar & lingon: 4711';
const trailCount = (b: Backend) => b.database.prepare('SELECT count(*) FROM audit_trail').pluck().get() as number;

describe('audit packages encrypted for the recipient', () => {
  const dir = tempDir('granska-pkg-enc-');
  const coordinator = backendAt(path.join(dir, 'koordinator.sqlite'));
  const call = caller(coordinator);
  const pkg = path.join(dir, 'auditor', 'IR.granska');
  const ret = path.join(dir, 'retur.granska');
  let auditId = '';

  it('is written in the documented envelope, holds no readable text, and states the trail head', async () => {
    const { audit } = await conductFixture(coordinator);
    auditId = audit.id;
    await addFinding(coordinator, audit.id, { type: 'minor_nc', statement: 'Hemlig iakttagelse om Äldreboendet' });
    const head = chainHead(coordinator.database);
    const delivered = await call<DeliveredFile>('packages.export', { auditIds: [audit.id], passphrase: PASS });
    const bytes = Buffer.from(delivered.base64!, 'base64');
    expect(bytes.subarray(0, 8).equals(ENVELOPE_MAGIC)).toBe(true);
    expect(bytes[8]).toBe(1);
    expect([bytes[9], bytes[10], bytes[11]]).toEqual([17, 8, 1]);
    expect(bytes.includes(Buffer.from('Hemlig iakttagelse'))).toBe(false);
    expect(bytes.includes(Buffer.from('manifest.json'))).toBe(false);
    const zip = openSealedPackage(bytes, PASS);
    const manifest = JSON.parse(strFromU8(unzipSync(zip)['manifest.json']!)) as { trailHead: { databaseId: string; seq: number; hash: string } };
    expect(manifest.trailHead).toEqual({ databaseId: readSyncMeta(coordinator.database).databaseId, seq: head.seq, hash: head.hash });
    fs.mkdirSync(path.dirname(pkg), { recursive: true });
    fs.writeFileSync(pkg, bytes);
  });

  it('refuses a wrong passphrase or an altered byte with the same message, and writes nothing', () => {
    const bytes = fs.readFileSync(pkg);
    expect(() => openSealedPackage(bytes, 'tallkottar & lingon: 4711')).toThrow(expect.objectContaining({ code: 'wrong_passphrase', params: { reason: 'package' } }));
    for (const at of [5 /* magic */, 20 /* salt */, 45 /* tag */, bytes.length - 1 /* body */]) {
      const altered = Buffer.from(bytes);
      altered[at]! ^= 0x01;
      expect(() => openSealedPackage(altered, PASS), `byte ${at}`).toThrow(expect.objectContaining({ code: expect.stringMatching(/wrong_passphrase|package_refused/) }));
    }
    // A header asking scrypt for gigabytes is refused before any key is derived.
    const greedy = Buffer.from(bytes);
    greedy[9] = 30;
    expect(() => openSealedPackage(greedy, PASS)).toThrow(expect.objectContaining({ code: 'package_refused' }));
    expect(() => sealPackage(Buffer.from('x'), 'kort')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('opens on the auditor’s laptop only with the passphrase, into a working database encrypted alike', async () => {
    const auditor = new Backend({ dataDir: path.dirname(pkg), transport: 'http', version: 'test', rememberDatabase: false });
    const before = fs.readFileSync(pkg);
    auditor.openOrWait(pkg);
    expect(((await auditor.call('app.info', {})) as { lockedPath: string }).lockedPath).toBe(path.resolve(pkg));
    expect(await rejection(auditor.call('app.unlock', { passphrase: 'fel fel fel fel' }))).toMatchObject({ code: 'wrong_passphrase', params: { reason: 'package' } });
    expect(fs.existsSync(workingCopyPath(pkg))).toBe(false);
    expect(fs.readFileSync(pkg).equals(before)).toBe(true);
    await auditor.call('app.unlock', { passphrase: PASS });
    expect(isEncryptedDatabaseFile(workingCopyPath(pkg))).toBe(true);
    expect(auditor.encrypted).toBe(true);
    await addFinding(auditor, auditId, { type: 'observation', evidence: 'Revisorns belägg på plats' });
    const delivered = await caller(auditor)<DeliveredFile>('packages.return', { passphrase: PASS });
    fs.writeFileSync(ret, Buffer.from(delivered.base64!, 'base64'));
    auditor.close();
    // Opened again later, the working database asks for the same passphrase.
    const later = new Backend({ dataDir: path.dirname(pkg), transport: 'http', version: 'test', rememberDatabase: false });
    later.openOrWait(pkg);
    expect(later.databasePath).toBeNull();
    later.open(pkg, PASS);
    expect(later.databasePath).toBe(workingCopyPath(pkg));
    later.close();
  });

  it('imports at the coordinator only with the passphrase; a refusal leaves the trail and findings as they were', async () => {
    const bytes = fs.readFileSync(ret);
    const findings = () => coordinator.database.prepare('SELECT count(*) FROM findings').pluck().get();
    const [trail, count] = [trailCount(coordinator), findings()];
    const content = { fileName: 'retur.granska', contentBase64: bytes.toString('base64') };
    expect(await rejection(call('packages.import', content))).toMatchObject({ code: 'wrong_passphrase', params: { reason: 'package_required' } });
    expect(await rejection(call('packages.import', { ...content, passphrase: 'inte rätt alls' }))).toMatchObject({ code: 'wrong_passphrase' });
    const altered = Buffer.from(bytes);
    altered[altered.length - 10]! ^= 0x80;
    expect(await rejection(call('packages.import', { ...content, contentBase64: altered.toString('base64'), passphrase: PASS }))).toMatchObject({ code: 'wrong_passphrase' });
    expect([trailCount(coordinator), findings()]).toEqual([trail, count]);
    const summary = await call<ImportSummary>('packages.import', { ...content, passphrase: PASS });
    expect(summary.added).toMatchObject({ findings: 1 });
    expect(summary.historyEdited).toBeNull();
  });

  it('warns when the coordinator’s trail no longer holds the row the package was cut at', async () => {
    // A plain package this time; the coordinator's history is then edited behind the app's back.
    const delivered = await call<DeliveredFile>('packages.export', { auditIds: [auditId] });
    const sent = path.join(dir, 'andra', 'IR.granska');
    fs.mkdirSync(path.dirname(sent), { recursive: true });
    fs.writeFileSync(sent, Buffer.from(delivered.base64!, 'base64'));
    const head = JSON.parse(strFromU8(unzipSync(Buffer.from(delivered.base64!, 'base64'))['manifest.json']!)) as { trailHead: { seq: number } };
    const auditor = backendAt(sent);
    await addFinding(auditor, auditId, { type: 'ofi', evidence: 'Andra revisorns belägg' });
    const delivered2 = await caller(auditor)<DeliveredFile>('packages.return', {});
    coordinator.database.prepare("UPDATE audit_trail SET actor = 'någon annan' WHERE seq = ?").run(head.trailHead.seq);
    coordinator.database.prepare('UPDATE audit_trail SET hash = ? WHERE seq = ?').run('f'.repeat(64), head.trailHead.seq);
    const summary = await importPackage(coordinator.ctx(), Buffer.from(delivered2.base64!, 'base64'));
    expect(summary.historyEdited).toMatchObject({ seq: head.trailHead.seq });
    expect(summary.added).toMatchObject({ findings: 1 });
  });
});
