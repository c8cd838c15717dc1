import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importPackage, workingCopyPath } from '../../../electron/backend/features/packages/service';
import type { Attachment, Finding } from '../../../shared/domain/findings';
import type { PackageConflict } from '../../../shared/contract/packages';
import { caller, rejection, tempDir } from '../../helpers/tmp';
import { conductFixture, lockAudit } from '../conduct/fixture';
import { addFinding, backendAt, returnPackage, sendPackage, updateFinding } from './fixture';

describe('audit packages between laptops, on real files', () => {
  const dir = tempDir();
  const coordinator = backendAt(path.join(dir, 'koordinator.sqlite'));
  const call = caller(coordinator);

  it('round trip: the coordinator sends, two auditors work offline, their findings and photos merge with one conflict for a person', async () => {
    const { audit } = await conductFixture(coordinator);
    const existing = await addFinding(coordinator, audit.id, { type: 'minor_nc', statement: 'Signeringslistor saknas' }, 1);
    const pkg = sendPackage(coordinator, [audit.number], path.join(dir, 'IR.granska'));

    // Each auditor opens their own copy of the file; the working database appears next to it.
    const copies = ['anna', 'bengt'].map((who) => {
      const file = path.join(dir, who, 'IR.granska');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.copyFileSync(pkg, file);
      const b = backendAt(file);
      expect(fs.existsSync(workingCopyPath(file))).toBe(true);
      expect(b.databasePath).toBe(workingCopyPath(file));
      return { who, file, b };
    });
    const [anna, bengt] = copies as [(typeof copies)[0], (typeof copies)[0]];
    // The auditor sees the audit, its checklist, the existing finding and its photo.
    const seen = await caller(anna.b)<Finding[]>('findings.list', { auditId: audit.id });
    expect(seen.map((f) => f.number)).toEqual([existing.number]);
    const photos = await caller(anna.b)<Attachment[]>('attachments.list', { ownerType: 'finding', ownerId: existing.id });
    expect(photos).toHaveLength(1);

    const a1 = await addFinding(anna.b, audit.id, { type: 'observation', evidence: 'Annas belägg' }, 2);
    const b1 = await addFinding(bengt.b, audit.id, { type: 'ofi', evidence: 'Bengts belägg' }, 1);
    expect(a1.number).toMatch(/-P01-[0-9a-f]{4}$/);
    // Both change the same statement: a person must decide. Anna also answers for the auditee.
    await updateFinding(anna.b, existing.id, { statement: 'Annas formulering', auditeeResponse: 'Enhetens svar' });
    await updateFinding(bengt.b, existing.id, { statement: 'Bengts formulering' });

    const first = await importPackage(coordinator.ctx(), fs.readFileSync(returnPackage(anna.b, path.join(dir, 'anna-retur.granska'))));
    expect(first.added).toMatchObject({ findings: 1, attachments: 2 });
    expect(first.openConflicts).toEqual([]);
    const second = await importPackage(coordinator.ctx(), fs.readFileSync(returnPackage(bengt.b, path.join(dir, 'bengt-retur.granska'))));
    expect(second.added).toMatchObject({ findings: 1, attachments: 1 });
    expect(second.openConflicts.map((c) => [c.record, c.field, c.local, c.remote])).toEqual([
      [existing.number, 'statement', 'Annas formulering', 'Bengts formulering'],
    ]);

    const merged = await call<Finding[]>('findings.list', { auditId: audit.id });
    expect(merged.map((f) => f.number)).toEqual([existing.number, `${audit.number}-02`, `${audit.number}-03`]);
    expect(merged.find((f) => f.id === a1.id)?.evidence).toBe('Annas belägg');
    expect(merged.find((f) => f.id === b1.id)?.attachmentCount).toBe(1);
    expect(merged.find((f) => f.id === existing.id)?.auditeeResponse).toBe('Enhetens svar');
    // The merged photos are the auditors' bytes.
    const got = await call<Attachment[]>('attachments.list', { ownerType: 'finding', ownerId: a1.id });
    expect(got).toHaveLength(2);

    // Re-importing either package changes nothing.
    const positionBefore = coordinator.database.prepare('SELECT max(seq) AS n FROM change_log').get();
    const again = await importPackage(coordinator.ctx(), fs.readFileSync(path.join(dir, 'anna-retur.granska')));
    expect(again).toMatchObject({ applied: 0, added: {}, changed: {} });
    expect(coordinator.database.prepare('SELECT max(seq) AS n FROM change_log').get()).toEqual(positionBefore);

    // The person keeps both texts; the choice is in the audit trail and the conflict is gone.
    const left = await call<PackageConflict[]>('packages.resolve', { id: second.openConflicts[0]!.id, choice: 'both' });
    expect(left).toEqual([]);
    expect((await call<Finding>('findings.get', { id: existing.id })).statement).toBe('Annas formulering\n\nBengts formulering');
    const trail = await call<{ action: string; after: { choice: string } }[]>('trail.list', { entityId: existing.id, limit: 20 });
    expect(trail.find((t) => t.action === 'conflict_resolved')?.after.choice).toBe('both');
  });

  it("gives two auditors' findings the same final numbers whichever return package is imported first", async () => {
    const { audit } = await conductFixture(coordinator);
    const existing = await addFinding(coordinator, audit.id, { type: 'minor_nc' });
    const pkg = sendPackage(coordinator, [audit.number], path.join(dir, 'order.granska'));
    // A second copy of the coordinator's database, to import the same packages in the other order.
    const twinFile = path.join(dir, 'twin', 'koordinator.sqlite');
    fs.mkdirSync(path.dirname(twinFile), { recursive: true });
    coordinator.database.prepare('VACUUM INTO ?').run(twinFile);
    const twin = backendAt(twinFile);
    const [anna, bengt] = ['anna-order', 'bengt-order'].map((who) => {
      const file = path.join(dir, who, 'order.granska');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.copyFileSync(pkg, file);
      return backendAt(file);
    }) as [ReturnType<typeof backendAt>, ReturnType<typeof backendAt>];
    const a1 = await addFinding(anna, audit.id, { evidence: 'Annas första' });
    const b1 = await addFinding(bengt, audit.id, { evidence: 'Bengts första' });
    const a2 = await addFinding(anna, audit.id, { evidence: 'Annas andra' });
    const annaReturn = fs.readFileSync(returnPackage(anna, path.join(dir, 'anna-order-retur.granska')));
    const bengtReturn = fs.readFileSync(returnPackage(bengt, path.join(dir, 'bengt-order-retur.granska')));

    await importPackage(coordinator.ctx(), annaReturn);
    await importPackage(coordinator.ctx(), bengtReturn);
    await importPackage(twin.ctx(), bengtReturn);
    await importPackage(twin.ctx(), annaReturn);

    const numbers = async (b: ReturnType<typeof backendAt>) =>
      Object.fromEntries((await caller(b)<Finding[]>('findings.list', { auditId: audit.id })).map((f) => [f.id, f.number]));
    const here = await numbers(coordinator);
    expect(await numbers(twin)).toEqual(here);
    // Both first findings claim 02: the one made first keeps it, the other takes the next number
    // nobody claims (Anna's second claims 03). The existing finding keeps its number.
    expect([existing.id, a1.id, a2.id, b1.id].map((id) => here[id])).toEqual([1, 2, 3, 4].map((n) => `${audit.number}-0${n}`));
    // The twin first gave Bengt's finding 02; the audit trail keeps every number it had.
    const trail = await caller(twin)<{ action: string; before: { number: string }; after: { number: string } }[]>('trail.list', { entityId: b1.id, limit: 20 });
    const renumbers = trail.filter((t) => t.action === 'renumber').map((t) => [t.before.number, t.after.number]);
    expect(renumbers).toContainEqual([b1.number, `${audit.number}-02`]);
    expect(renumbers).toContainEqual([`${audit.number}-02`, `${audit.number}-04`]);
  });

  it('refuses, changing nothing: a locked audit, another database, an altered file, a newer format, a file that is no package', async () => {
    const { audit } = await conductFixture(coordinator);
    const pkg = sendPackage(coordinator, [audit.number], path.join(dir, 'refuse.granska'));
    const work = backendAt(pkg);
    await addFinding(work, audit.id, { evidence: 'Från fältet' });
    const ret = fs.readFileSync(returnPackage(work, path.join(dir, 'refuse-retur.granska')));
    const count = () => coordinator.database.prepare('SELECT (SELECT count(*) FROM change_log) + (SELECT count(*) FROM findings) AS n').get();
    const before = count();

    const altered = rezip(ret, (files) => {
      const changes = JSON.parse(strFromU8(files['changes.json']!)) as { fields: Record<string, unknown> }[];
      changes[0]!.fields.evidence = 'Ändrat i efterhand';
      files['changes.json'] = strToU8(JSON.stringify(changes));
    });
    expect(await rejection(importPackage(coordinator.ctx(), altered))).toMatchObject({ code: 'package_refused', params: { reason: 'damaged' } });
    const newer = rezip(ret, (files) => {
      const m = JSON.parse(strFromU8(files['manifest.json']!)) as { formatVersion: number };
      m.formatVersion = 99;
      files['manifest.json'] = strToU8(JSON.stringify(m));
    });
    expect(await rejection(importPackage(coordinator.ctx(), newer))).toMatchObject({ code: 'package_refused', params: { reason: 'newer_format', found: 99 } });
    const truncated = ret.subarray(0, Math.floor(ret.length / 2));
    expect((await rejection(importPackage(coordinator.ctx(), truncated))).code).toMatch(/file_unreadable|package_refused/);
    expect(await rejection(importPackage(coordinator.ctx(), Buffer.from('not a package')))).toMatchObject({ code: 'file_unreadable' });

    const elsewhere = backendAt(path.join(dir, 'annan.sqlite'));
    expect(await rejection(importPackage(elsewhere.ctx(), ret))).toMatchObject({ code: 'package_refused', params: { reason: 'other_database' } });
    expect(await rejection(importPackage(coordinator.ctx(), fs.readFileSync(pkg)))).toMatchObject({
      code: 'package_refused', params: { reason: 'not_return_package' },
    });
    expect(count()).toEqual(before);

    lockAudit(coordinator, audit.id);
    expect(await rejection(importPackage(coordinator.ctx(), ret))).toMatchObject({ code: 'package_refused', params: { reason: 'locked', number: audit.number } });
    expect(count()).toEqual(before);
  });
});

describe('opening a .granska file', () => {
  const dir = tempDir();

  it('opens a database someone renamed to .granska as the database it is, and reopens a package\'s working copy', async () => {
    const renamed = path.join(dir, 'gammal.granska');
    const first = backendAt(renamed);
    const { audit } = await conductFixture(first);
    first.close();
    const again = backendAt(renamed);
    expect(again.databasePath).toBe(renamed);
    const pkg = sendPackage(again, [audit.number], path.join(dir, 'ut.granska'));
    const work = backendAt(pkg);
    const f = await addFinding(work, audit.id, { evidence: 'Sparat i arbetskopian' });
    work.close();
    // Opening the package again continues in the same working copy: nothing typed is lost.
    const reopened = backendAt(pkg);
    expect((await caller(reopened)<Finding>('findings.get', { id: f.id })).evidence).toBe('Sparat i arbetskopian');
  });
});

function rezip(bytes: Buffer, edit: (files: Record<string, Uint8Array>) => void): Buffer {
  const files = unzipSync(bytes);
  edit(files);
  return Buffer.from(zipSync(files));
}
