import { describe, expect, it } from 'vitest';
import type { AppInfo, AuditTrailEntry } from '../../../shared/contract/app';
import type { Person } from '../../../shared/domain/org';
import { Backend } from '../../../electron/backend/backend';
import { caller, rejection, tempDir, testBackend } from '../../helpers/tmp';

describe('app.updateSettings is all or nothing', () => {
  const backend = testBackend();
  const call = caller(backend);

  it('an unknown person refuses the whole call: name, language and person stay as they were', async () => {
    const karin = await call<Person>('people.create', { name: 'Karin Lindqvist', email: 'karin@example.se' });
    await call('app.updateSettings', { organisationName: 'Sjöviks kommunkoncern', language: 'sv', currentPersonId: karin.id });
    const trailBefore = (await call<AuditTrailEntry[]>('trail.list', {})).length;

    const err = await rejection(
      call('app.updateSettings', { organisationName: 'Kapad AB', language: 'en', currentPersonId: 'no-such-person' }),
    );
    expect(err).toMatchObject({ code: 'not_found', params: { id: 'no-such-person' } });

    const info = await call<AppInfo>('app.info', {});
    expect(info).toMatchObject({ organisationName: 'Sjöviks kommunkoncern', language: 'sv', currentPersonId: karin.id });
    expect((await call<AuditTrailEntry[]>('trail.list', {})).length).toBe(trailBefore);
  });

  it('a valid call changes every part it names', async () => {
    const info = await call<AppInfo>('app.updateSettings', { organisationName: 'Sjöviks kommun', language: 'en', currentPersonId: null });
    expect(info).toMatchObject({ organisationName: 'Sjöviks kommun', language: 'en', currentPersonId: null });
  });
});

describe('app.updateSettings without a database', () => {
  it('refuses a database setting before it touches the remembered language', async () => {
    const dir = tempDir();
    const backend = new Backend({ dataDir: dir, transport: 'http', version: 'test' });
    backend.preferences.update({ language: 'sv' });
    const err = await rejection(backend.call('app.updateSettings', { language: 'en', organisationName: 'X' }));
    expect(err.code).toBe('no_database');
    expect(backend.info().language).toBe('sv');
  });
});
