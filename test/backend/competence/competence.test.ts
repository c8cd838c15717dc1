import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../electron/backend/features/app/demo';
import type { DeliveredFile } from '../../../shared/contract/files';
import type { AuditTrailEntry } from '../../../shared/contract/app';
import type { Audit } from '../../../shared/domain/audits';
import type { CompetenceProfile, CompetenceRecord, CompetenceRule, CompetenceWarning } from '../../../shared/domain/competence';
import type { Person } from '../../../shared/domain/org';
import { externalTool, run } from '../signing/helpers';
import { caller, rejection, tempDir, testBackend } from '../../helpers/tmp';

const pdftotext = externalTool('pdftotext', 'poppler-utils', true);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('auditor competence records and rules', () => {
  const backend = testBackend({ now: () => new Date('2027-03-01T09:00:00Z') });
  const call = caller(backend);
  let anna: Person;
  let bo: Person;
  let unit: { id: string };

  const plan = (title: string, team: { personId: string; role: string }[], day = '2027-04-06') =>
    call<Audit>('audits.create', { title, type: 'internal', unitIds: [unit.id], clauseNumbers: ['7.2'], startDate: day, endDate: day, team });

  beforeAll(async () => {
    unit = await call<{ id: string }>('units.create', { name: 'Socialförvaltningen', kind: 'administration' });
    anna = await call<Person>('people.create', { name: 'Anna Berg', email: 'anna@example.org' });
    bo = await call<Person>('people.create', { name: 'Bo Ek', email: 'bo@example.org' });
  });

  it('records training with a certificate, derives audits performed, and refuses what is not a certificate', async () => {
    const record = await call<CompetenceRecord>('competence.addRecord', {
      personId: anna.id, course: 'Internrevisorsutbildning ISO 19011', completedOn: '2026-10-12',
      certificate: { fileName: 'intyg.pdf', contentBase64: PDF.toString('base64') },
    });
    expect(record.certificateSha256).toMatch(/^[0-9a-f]{64}$/);
    const file = await call<DeliveredFile>('competence.certificate', { id: record.id });
    expect(Buffer.from(file.base64 ?? '', 'base64').equals(PDF)).toBe(true);

    const refused = await rejection(call('competence.addRecord', {
      personId: anna.id, course: 'X', completedOn: '2026-10-12', certificate: { fileName: 'x.exe', contentBase64: Buffer.from('MZ\x90\x00').toString('base64') },
    }));
    expect(refused.code).toBe('file_type_refused');
    expect((await rejection(call('competence.addRecord', { personId: anna.id, course: '', completedOn: '2026-13-40' }))).code).toBe('invalid_input');

    // A reported internal audit counts; a draft one does not yet.
    const done = await plan('Kompetensförsörjning', [{ personId: anna.id, role: 'auditor' }, { personId: bo.id, role: 'lead' }], '2027-01-12');
    backend.ctx().db.prepare(`UPDATE audits SET status = 'reported' WHERE id = ?`).run(done.id);
    await plan('Ej genomförd', [{ personId: anna.id, role: 'lead' }]);

    const profiles = await call<CompetenceProfile[]>('competence.profiles');
    const annaProfile = profiles.find((p) => p.personId === anna.id);
    expect(annaProfile?.performed).toEqual({ asLead: 0, asAuditor: 1 });
    expect(annaProfile?.records.map((r) => r.course)).toEqual(['Internrevisorsutbildning ISO 19011']);
    expect(profiles.find((p) => p.personId === bo.id)?.performed).toEqual({ asLead: 1, asAuditor: 0 });

    const trail = await call<AuditTrailEntry[]>('trail.list', { entityId: record.id });
    expect(trail.map((e) => [e.entity, e.action])).toEqual([['competence_record', 'create']]);
  });

  it('warns about a plan whose team misses the role rule, and stops warning once the rule is met', async () => {
    await call<CompetenceRule>('competence.setRule', { role: 'lead', courses: ['Internrevisorsutbildning ISO 19011', 'Ledande revisor'], minAuditsPerformed: 2 });
    const audit = await plan('Rekrytering', [{ personId: anna.id, role: 'lead' }, { personId: bo.id, role: 'auditor' }]);

    const warnings = await call<CompetenceWarning[]>('competence.auditWarnings', { id: audit.id });
    expect(warnings).toEqual([
      { personId: anna.id, role: 'lead', kind: 'course', course: 'Ledande revisor', required: 1, actual: 0 },
      { personId: anna.id, role: 'lead', kind: 'audits_performed', course: null, required: 2, actual: 1 },
    ]);
    // The rule is about the role, not the person: Bo as auditor has no rule to meet.
    expect(warnings.some((w) => w.personId === bo.id)).toBe(false);

    // A course finished after the audit starts does not count for it.
    await call('competence.addRecord', { personId: anna.id, course: 'ledande REVISOR', completedOn: '2027-05-01' });
    expect((await call<CompetenceWarning[]>('competence.auditWarnings', { id: audit.id })).map((w) => w.kind)).toEqual(['course', 'audits_performed']);
    await call('competence.addRecord', { personId: anna.id, course: 'Ledande revisor', completedOn: '2027-02-01' });
    expect((await call<CompetenceWarning[]>('competence.auditWarnings', { id: audit.id })).map((w) => w.kind)).toEqual(['audits_performed']);

    // The form asks before saving, with the team as it is being edited.
    const swapped = await call<CompetenceWarning[]>('competence.check', { team: [{ personId: bo.id, role: 'lead' }], onDay: '2027-04-06' });
    expect(swapped.map((w) => [w.kind, w.course])).toEqual([
      ['course', 'Internrevisorsutbildning ISO 19011'], ['course', 'Ledande revisor'], ['audits_performed', null],
    ]);
    expect((await rejection(call('competence.setRule', { role: 'observer', courses: [] }))).code).toBe('invalid_input');
  });

  it('removes a record and its certificate bytes', async () => {
    const [profile] = (await call<CompetenceProfile[]>('competence.profiles')).filter((p) => p.personId === anna.id);
    const withCertificate = profile!.records.find((r) => r.certificateSha256)!;
    await call('competence.removeRecord', { id: withCertificate.id });
    const left = backend.ctx().db.prepare('SELECT COUNT(*) FROM blobs WHERE sha256 = ?').pluck().get(withCertificate.certificateSha256);
    expect(left).toBe(0);
    expect((await rejection(call('competence.certificate', { id: withCertificate.id }))).code).toBe('not_found');
  });
});

describe('the auditor register PDF', () => {
  const dir = tempDir('granska-register-');
  const backend = testBackend({ dir, now: () => new Date('2027-03-01T09:00:00Z') });
  const call = caller(backend);
  beforeAll(() => {
    loadDemoData(backend.ctx());
  });

  it.skipIf(pdftotext.skip)('lists the auditors, their courses, their audits and the rules', async () => {
    expect(pdftotext.path, 'pdftotext (poppler-utils) is required in CI').toBeTruthy();
    const people = await call<Person[]>('people.list', {});
    const lead = people[0]!;
    await call('competence.addRecord', { personId: lead.id, course: 'Internrevisorsutbildning ISO 19011', completedOn: '2025-09-15', note: 'Tre dagar, godkänt prov' });
    await call('competence.setRule', { role: 'lead', courses: ['Internrevisorsutbildning ISO 19011'], minAuditsPerformed: 2 });

    const file = await call<DeliveredFile>('competence.registerPdf', { lang: 'sv' });
    expect(file.fileName).toBe('revisorsforteckning-2027-03-01.pdf');
    const pdf = path.join(dir, 'register.pdf');
    fs.writeFileSync(pdf, Buffer.from(file.base64 ?? '', 'base64'));
    const text = run(pdftotext.path as string, [pdf, '-']).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Revisorsförteckning');
    expect(text).toContain(lead.name);
    expect(text).toContain('Internrevisorsutbildning ISO 19011');
    expect(text).toContain('Tre dagar, godkänt prov');
    expect(text).toContain('Kompetenskrav');
    expect(text).toMatch(/Sida 1 av \d/);
    const profiles = await call<CompetenceProfile[]>('competence.profiles');
    const performers = profiles.filter((p) => p.performed.asLead + p.performed.asAuditor > 0);
    expect(performers.length).toBeGreaterThan(1);
    for (const p of performers) expect(text).toContain(p.name);
  });
});
