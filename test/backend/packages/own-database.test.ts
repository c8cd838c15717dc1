import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { readPackage } from '../../../electron/backend/features/packages/format';
import { importPackage, makeReturnPackage } from '../../../electron/backend/features/packages/service';
import type { AuditTrailEntry, TrailIntegrity } from '../../../shared/contract/app';
import type { ImportSummary, PackageStatus } from '../../../shared/contract/packages';
import type { CaseDetail } from '../../../shared/domain/cases';
import type { Attachment, Finding } from '../../../shared/domain/findings';
import type { Unit } from '../../../shared/domain/org';
import { caller, rejection, tempDir } from '../../helpers/tmp';
import { conductFixture } from '../conduct/fixture';
import { addFinding, backendAt, sendPackage, updateFinding } from './fixture';

const importFile = (b: Backend, file: string) =>
  caller(b)<ImportSummary>('packages.import', { fileName: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64') });

/** Every row of the auditor's own records, to show that taking in a package and sending work back never touches them. */
function ownRows(b: Backend, ownAuditId: string, ownUnitIds: string[]) {
  const db = b.database;
  return {
    audit: db.prepare('SELECT * FROM audits WHERE id = ?').get(ownAuditId),
    findings: db.prepare('SELECT * FROM findings WHERE audit_id = ? ORDER BY id').all(ownAuditId),
    units: db.prepare(`SELECT * FROM units WHERE id IN (${ownUnitIds.map(() => '?').join(',')}) ORDER BY id`).all(...ownUnitIds),
    cases: db.prepare("SELECT * FROM cases WHERE finding_id IS NULL OR finding_id IN (SELECT id FROM findings WHERE audit_id = ?) ORDER BY id").all(ownAuditId),
  };
}

describe("an audit package imported into the auditor's own database", () => {
  const dir = tempDir();
  const coordinator = backendAt(path.join(dir, 'koordinator.sqlite'));
  const auditor = backendAt(path.join(dir, 'revisor', 'min-databas.sqlite'));
  const call = caller(coordinator);
  const mine = caller(auditor);

  it('round trip: the auditor conducts in their own database, only the audit travels back, with findings, photos, cases and trail', async () => {
    // The coordinator's audit, with a nonconformity, its photo and its corrective-action case.
    const { audit, lead } = await conductFixture(coordinator);
    const existing = await addFinding(coordinator, audit.id, { type: 'minor_nc', statement: 'Signeringslistor saknas' }, 1);
    const existingCase = await call<CaseDetail>('cases.createFromFinding', { findingId: existing.id, ownerId: lead.id });

    // The auditor's own database: their own audit of another year, a finding, and a case of the same
    // year as the coordinator's (its number is taken here, so the coordinator's case shows another).
    const own = await conductFixture(auditor, { startDate: '2026-05-04' });
    const ownFinding = await addFinding(auditor, own.audit.id, { type: 'minor_nc', evidence: 'Eget belägg' }, 1);
    await mine('cases.create', {
      title: 'Eget ärende', source: 'complaint', severity: 'minor', unitId: own.care.id, detectedOn: '2027-03-01', clauseNumbers: [],
    });
    const before = ownRows(auditor, own.audit.id, [own.social.id, own.care.id]);

    const pkg = sendPackage(coordinator, [audit.number], path.join(dir, 'IR.granska'));
    const taken = await importFile(auditor, pkg);
    expect(taken.kind).toBe('audit');
    expect(taken.added).toMatchObject({ audits: 1, findings: 1, attachments: 1, cases: 1 });
    expect((await mine<PackageStatus>('packages.status')).adoptedAuditIds).toEqual([audit.id]);
    // The coordinator's finding and photo are in the auditor's database; the auditor works as themselves.
    expect((await mine<Finding[]>('findings.list', { auditId: audit.id })).map((f) => f.number)).toEqual([existing.number]);
    expect(await mine<Attachment[]>('attachments.list', { ownerType: 'finding', ownerId: existing.id })).toHaveLength(1);
    await mine('app.updateSettings', { currentPersonId: lead.id });

    // Importing the same package again adds nothing: no second unit, person or finding.
    const count = () => auditor.database.prepare('SELECT (SELECT count(*) FROM units) AS u, (SELECT count(*) FROM people) AS p, (SELECT count(*) FROM findings) AS f, (SELECT max(seq) FROM change_log) AS pos').get();
    const counted = count();
    const again = await importFile(auditor, pkg);
    expect(again).toMatchObject({ applied: 0, added: {}, changed: {} });
    expect(count()).toEqual(counted);

    // Conducting offline: a new nonconformity with two photos and its case, an action on the
    // coordinator's case, the auditee's response on the existing finding.
    const found = await addFinding(auditor, audit.id, { type: 'minor_nc', evidence: 'Revisorns belägg', statement: 'Rutinen följs inte' }, 2);
    expect(found.number).toMatch(/-P01-[0-9a-f]{4}$/);
    const newCase = await mine<CaseDetail>('cases.createFromFinding', { findingId: found.id, ownerId: lead.id });
    expect(newCase.number).toMatch(/-P01-[0-9a-f]{4}$/);
    const theirs = await mine<CaseDetail>('cases.get', { id: existingCase.id });
    await mine('cases.addAction', { id: theirs.id, revision: theirs.revision, fields: { description: 'Ny signeringslista införs', ownerId: lead.id, dueDate: '2027-05-01' } });
    await updateFinding(auditor, existing.id, { auditeeResponse: 'Enhetens svar' });
    // ... and their own unrelated work at the same time, which must never travel.
    await addFinding(auditor, own.audit.id, { type: 'observation', evidence: 'Annat eget arbete' });
    await mine<Unit>('units.create', { name: 'Revisorns egen enhet', kind: 'department' });

    const ret = makeReturnPackage(auditor.ctx(), { audits: [audit.number] });
    const contents = readPackage(ret.data);
    expect(contents.manifest).toMatchObject({ kind: 'return', audits: [{ id: audit.id }] });
    expect(new Set(contents.changes.map((c) => c.auditId))).toEqual(new Set([audit.id]));
    expect(JSON.stringify(contents.changes)).not.toMatch(/Annat eget arbete|Revisorns egen enhet|Eget ärende/);
    expect(contents.trail.length).toBeGreaterThan(0);
    expect(contents.trail.every((e) => !/Annat eget arbete|Revisorns egen enhet/.test(JSON.stringify(e)))).toBe(true);

    const merged = await importPackage(coordinator.ctx(), ret.data);
    expect(merged.kind).toBe('return');
    expect(merged.added).toMatchObject({ findings: 1, attachments: 2, cases: 1, case_actions: 1 });
    expect(merged.openConflicts).toEqual([]);
    const findings = await call<Finding[]>('findings.list', { auditId: audit.id });
    expect(findings.map((f) => f.number)).toEqual([existing.number, `${audit.number}-02`]);
    expect(findings.find((f) => f.id === existing.id)?.auditeeResponse).toBe('Enhetens svar');
    expect(findings.find((f) => f.id === found.id)?.attachmentCount).toBe(2);
    const arrivedCase = await call<CaseDetail>('cases.get', { id: newCase.id });
    expect(arrivedCase.number).not.toMatch(/-P\d+-/);
    expect(arrivedCase.finding?.number).toBe(`${audit.number}-02`);
    const coordinatorsCase = await call<CaseDetail>('cases.get', { id: existingCase.id });
    expect(coordinatorsCase.number).toBe(existingCase.number);
    expect(coordinatorsCase.actions.map((a) => a.description)).toEqual(['Ny signeringslista införs']);
    // Nothing of the auditor's own reached the coordinator.
    expect(coordinator.database.prepare("SELECT count(*) AS n FROM units WHERE name = 'Revisorns egen enhet'").get()).toEqual({ n: 0 });
    expect(coordinator.database.prepare('SELECT count(*) AS n FROM audits WHERE id = ?').get(own.audit.id)).toEqual({ n: 0 });
    expect(coordinator.database.prepare('SELECT count(*) AS n FROM findings WHERE id = ?').get(ownFinding.id)).toEqual({ n: 0 });

    // The auditor's trail entries are quoted in the coordinator's trail, under their name and time,
    // and the coordinator's hash chain still holds.
    expect(merged.trailEntries).toBe(contents.trail.length);
    const history = await call<AuditTrailEntry[]>('trail.list', { entityId: found.id, limit: 50 });
    const quoted = history.find((e) => e.action === 'create');
    expect(quoted?.actor).toContain(lead.name);
    expect(quoted?.importedFrom).toMatchObject({ databaseId: contents.manifest.fromDatabaseId, packageId: contents.manifest.packageId });
    // The coordinator's own entries are not marked.
    expect((await call<AuditTrailEntry[]>('trail.list', { entityId: existing.id, limit: 50 })).find((e) => e.action === 'create')?.importedFrom).toBeUndefined();
    expect((await call<TrailIntegrity>('trail.verify')).intact).toBe(true);

    // Importing the return again changes nothing, trail included.
    const trailRows = () => coordinator.database.prepare('SELECT count(*) AS n, max(seq) AS s FROM audit_trail').get();
    const rowsBefore = trailRows();
    const twice = await importPackage(coordinator.ctx(), ret.data);
    expect(twice).toMatchObject({ applied: 0, added: {}, changed: {}, trailEntries: 0 });
    expect(trailRows()).toEqual(rowsBefore);

    // The auditor's own records are as they were (the new own finding aside).
    const after = ownRows(auditor, own.audit.id, [own.social.id, own.care.id]);
    expect(after.audit).toEqual(before.audit);
    expect(after.units).toEqual(before.units);
    expect(after.cases).toEqual(before.cases);
    expect(after.findings).toEqual(expect.arrayContaining(before.findings as object[]));
  });

  it('a newer package of the same audit: a statement both sides changed waits for the auditor, and unreturned work still goes back', async () => {
    const dir3 = tempDir();
    const source = backendAt(path.join(dir3, 'källa.sqlite'));
    const target = backendAt(path.join(dir3, 'egen.sqlite'));
    const { audit } = await conductFixture(source);
    const shared = await addFinding(source, audit.id, { type: 'minor_nc', statement: 'Ursprunglig formulering' });
    await importFile(target, sendPackage(source, [audit.number], path.join(dir3, 'första.granska')));
    const early = await addFinding(target, audit.id, { type: 'observation', evidence: 'Före det nya paketet' });
    await updateFinding(target, shared.id, { statement: 'Revisorns formulering' });
    await updateFinding(source, shared.id, { statement: 'Samordnarens formulering' });

    const newer = await importFile(target, sendPackage(source, [audit.number], path.join(dir3, 'andra.granska')));
    expect(newer.openConflicts.map((c) => [c.record, c.field, c.local, c.remote])).toEqual([
      [shared.number, 'statement', 'Revisorns formulering', 'Samordnarens formulering'],
    ]);
    expect((await caller(target)<Finding>('findings.get', { id: shared.id })).statement).toBe('Revisorns formulering');

    const merged = await importPackage(source.ctx(), makeReturnPackage(target.ctx()).data);
    expect(merged.added).toMatchObject({ findings: 1 });
    expect((await caller(source)<Finding>('findings.get', { id: early.id })).evidence).toBe('Före det nya paketet');
  });

  it('a working copy sends its trail entries too, quoted once', async () => {
    const dir4 = tempDir();
    const source = backendAt(path.join(dir4, 'källa.sqlite'));
    const { audit } = await conductFixture(source);
    const work = backendAt(sendPackage(source, [audit.number], path.join(dir4, 'p.granska')));
    const f = await addFinding(work, audit.id, { evidence: 'I arbetskopian' });
    const ret = makeReturnPackage(work.ctx()).data;
    const first = await importPackage(source.ctx(), ret);
    expect(first.trailEntries).toBeGreaterThan(0);
    expect((await caller(source)<AuditTrailEntry[]>('trail.list', { entityId: f.id })).map((e) => e.action)).toContain('create');
    expect((await importPackage(source.ctx(), ret)).trailEntries).toBe(0);
    expect((await caller(source)<TrailIntegrity>('trail.verify')).intact).toBe(true);
  });

  it('refuses, changing nothing, a package whose unit has the name of another unit here, and a return of an audit of its own', async () => {
    const dir2 = tempDir();
    const source = backendAt(path.join(dir2, 'källa.sqlite'));
    const target = backendAt(path.join(dir2, 'mål.sqlite'));
    const { audit, care } = await conductFixture(source);
    await caller(target)('units.create', { name: care.name, kind: 'department' });
    const pkg = sendPackage(source, [audit.number], path.join(dir2, 'p.granska'));
    const position = () => target.database.prepare('SELECT (SELECT max(seq) FROM change_log) AS pos, (SELECT count(*) FROM units) AS units').get();
    const before = position();
    expect(await rejection(importFile(target, pkg))).toMatchObject({ code: 'package_refused', params: { reason: 'unit_name_taken', name: care.name } });
    expect(position()).toEqual(before);

    const own = await conductFixture(target);
    expect(await rejection(caller(target)('packages.return', { auditIds: [own.audit.id] }))).toMatchObject({
      code: 'package_refused', params: { reason: 'not_adopted', number: own.audit.number },
    });
  });
});
