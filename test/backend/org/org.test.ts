import { describe, expect, it } from 'vitest';
import type { Person, Process, Unit } from '../../../shared/domain/org';
import type { AuditTrailEntry } from '../../../shared/contract/app';
import { caller, rejection, testBackend } from '../../helpers/tmp';

describe('organisation services against a real database', () => {
  const backend = testBackend();
  const call = caller(backend);

  it('creates, lists, searches, edits and archives units, writing a trail row for each change', async () => {
    const social = await call<Unit>('units.create', { name: 'Socialförvaltningen', code: 'SOC', kind: 'administration' });
    const care = await call<Unit>('units.create', { name: 'Äldreomsorgen', kind: 'department', parentId: social.id });
    expect(care.parentId).toBe(social.id);
    expect(social.revision).toBe(1);

    expect((await call<Unit[]>('units.list', { search: 'äldre' })).map((u) => u.name)).toEqual(['Äldreomsorgen']);

    const renamed = await call<Unit>('units.update', {
      id: care.id, revision: 1, fields: { name: 'Vård och omsorg', kind: 'department', parentId: social.id },
    });
    expect(renamed).toMatchObject({ name: 'Vård och omsorg', revision: 2 });

    const archived = await call<Unit>('units.archive', { id: care.id, revision: 2, archived: true });
    expect(archived.archived).toBe(true);
    expect((await call<Unit[]>('units.list', {})).map((u) => u.name)).toEqual(['Socialförvaltningen']);
    expect((await call<Unit[]>('units.list', { includeArchived: true })).length).toBe(2);

    const trail = await call<AuditTrailEntry[]>('trail.list', { entityId: care.id });
    expect(trail.map((e) => e.action)).toEqual(['archive', 'update', 'create']);
    expect(trail[1]).toMatchObject({ before: { name: 'Äldreomsorgen' }, after: { name: 'Vård och omsorg' } });
  });

  it('refuses invalid input with field messages and saves nothing', async () => {
    const before = (await call<Unit[]>('units.list', { includeArchived: true })).length;
    const err = await rejection(call('units.create', { name: '   ', kind: 'castle' }));
    expect(err.code).toBe('invalid_input');
    expect(err.params.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'name', message: 'required' }), expect.objectContaining({ path: 'kind', message: 'choose' })]),
    );
    expect((await call<Unit[]>('units.list', { includeArchived: true })).length).toBe(before);
    expect((await call<AuditTrailEntry[]>('trail.list', {})).filter((e) => e.action === 'create').length).toBe(before);
  });

  it('refuses a duplicate unit name and a unit placed under its own child', async () => {
    const dup = await rejection(call('units.create', { name: 'socialförvaltningen', kind: 'unit' }));
    expect(dup.params.issues).toEqual([{ path: 'name', message: 'duplicate' }]);

    const [social] = await call<Unit[]>('units.list', { search: 'Socialförvaltningen' });
    const child = await call<Unit>('units.create', { name: 'IFO', kind: 'department', parentId: social!.id });
    const cycle = await rejection(
      call('units.update', { id: social!.id, revision: social!.revision, fields: { name: social!.name, kind: 'administration', parentId: child.id } }),
    );
    expect(cycle.params.issues).toEqual([{ path: 'parentId', message: 'cycle' }]);
  });

  it('detects a stale edit as a conflict and keeps the newer data', async () => {
    const unit = await call<Unit>('units.create', { name: 'Tekniska kontoret', kind: 'administration' });
    await call('units.update', { id: unit.id, revision: 1, fields: { name: 'Tekniska förvaltningen', kind: 'administration' } });
    const err = await rejection(call('units.update', { id: unit.id, revision: 1, fields: { name: 'Gammalt namn', kind: 'administration' } }));
    expect(err.code).toBe('conflict');
    expect((await call<Unit[]>('units.list', { search: 'Tekniska' }))[0]?.name).toBe('Tekniska förvaltningen');
  });

  it('keeps processes tied to an existing owner unit with a risk level', async () => {
    const [owner] = await call<Unit[]>('units.list', { search: 'Tekniska' });
    const p = await call<Process>('processes.create', { name: 'Gatuunderhåll', ownerUnitId: owner!.id, riskLevel: 'high' });
    expect(p).toMatchObject({ riskLevel: 'high', ownerUnitId: owner!.id });
    const missing = await rejection(call('processes.create', { name: 'Parkskötsel', ownerUnitId: 'nope', riskLevel: 'low' }));
    expect(missing.params.issues).toEqual([{ path: 'ownerUnitId', message: 'not_found' }]);
  });

  it('stores people with normalised email and roles, refusing a bad email', async () => {
    const person = await call<Person>('people.create', { name: 'Åsa Öberg', email: ' Asa.Oberg@Example.SE ', roles: ['auditor', 'auditor', 'audit_lead'] });
    expect(person.email).toBe('asa.oberg@example.se');
    expect(person.roles).toEqual(['auditor', 'audit_lead']);
    const bad = await rejection(call('people.create', { name: 'X', email: 'not-an-email' }));
    expect(bad.params.issues).toEqual([{ path: 'email', message: 'email' }]);
    const dup = await rejection(call('people.create', { name: 'Y', email: 'asa.oberg@example.se' }));
    expect(dup.params.issues).toEqual([{ path: 'email', message: 'duplicate' }]);
  });

  it('names the acting person in the trail once chosen in settings', async () => {
    const [person] = await call<Person[]>('people.list', { search: 'Åsa' });
    await call('app.updateSettings', { currentPersonId: person!.id });
    const unit = await call<Unit>('units.create', { name: 'Kultur och fritid', kind: 'administration' });
    const [entry] = await call<AuditTrailEntry[]>('trail.list', { entityId: unit.id });
    expect(entry?.actor).toBe('Åsa Öberg <asa.oberg@example.se>');
  });

  it('answers an unknown call with not_found', async () => {
    expect((await rejection(call('units.drop', {}))).code).toBe('not_found');
  });
});

describe('language chosen at launch', () => {
  const backend = testBackend();
  it('GRANSKA_LANG outranks the remembered choice, and is ignored when not sv or en', async () => {
    await backend.call('app.updateSettings', { language: 'en' });
    process.env.GRANSKA_LANG = 'sv';
    try {
      expect(backend.info().language).toBe('sv');
      process.env.GRANSKA_LANG = 'de';
      expect(backend.info().language).toBe('en');
    } finally {
      delete process.env.GRANSKA_LANG;
    }
  });
});
