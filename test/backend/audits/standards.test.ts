import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Audit, ChecklistItem } from '../../../shared/domain/audits';
import type { Person } from '../../../shared/domain/org';
import type { Programme } from '../../../shared/domain/programme';
import type { Standard, StandardSummary } from '../../../shared/domain/standards';
import type { CoverageReport } from '../../../shared/contract/audits';
import { caller, rejection, tempDir, testBackend } from '../../helpers/tmp';

/**
 * A second standard is only data: a catalogue (and optionally a question bank) dropped into
 * resources/ works for programmes, plans, checklists and coverage with no code change.
 */
describe('another standard from its catalogue alone', () => {
  const resources = tempDir('granska-resources-');
  const previous = process.env.GRANSKA_RESOURCES;
  beforeAll(() => {
    fs.mkdirSync(path.join(resources, 'standards'), { recursive: true });
    fs.mkdirSync(path.join(resources, 'question-banks'), { recursive: true });
    fs.copyFileSync(path.resolve('resources/standards/iso-9001-2015.json'), path.join(resources, 'standards', 'iso-9001-2015.json'));
    const t = (sv: string, en: string) => ({ sv, en });
    fs.writeFileSync(
      path.join(resources, 'standards', 'iso-14001-2015.json'),
      JSON.stringify({
        id: 'iso-14001-2015',
        name: t('ISO 14001:2015', 'ISO 14001:2015'),
        clauses: [
          { number: '6', title: t('Planering', 'Planning') },
          { number: '6.1', title: t('Åtgärder för att hantera risker och möjligheter', 'Actions to address risks and opportunities') },
          { number: '6.1.2', title: t('Miljöaspekter', 'Environmental aspects') },
          { number: '6.1.3', title: t('Bindande förpliktelser', 'Compliance obligations') },
          { number: '8', title: t('Verksamhet', 'Operation') },
          { number: '8.2', title: t('Beredskap för nödsituationer', 'Emergency preparedness and response') },
        ],
      }),
    );
    fs.writeFileSync(
      path.join(resources, 'question-banks', 'iso-14001-2015.json'),
      JSON.stringify({ standard: 'iso-14001-2015', questions: [{ clause: '6.1.2', text: t('Hur har ni bestämt era betydande miljöaspekter?', 'How did you determine your significant environmental aspects?') }] }),
    );
    process.env.GRANSKA_RESOURCES = resources;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.GRANSKA_RESOURCES;
    else process.env.GRANSKA_RESOURCES = previous;
  });

  const backend = testBackend({ now: () => new Date('2026-11-24T09:00:00Z') });
  const call = caller(backend);

  it('lists it, plans against it, generates its checklist and computes its coverage', async () => {
    expect((await call<StandardSummary[]>('standards.list')).map((s) => s.id)).toEqual(['iso-14001-2015', 'iso-9001-2015']);
    expect((await call<Standard>('standards.get', { id: 'iso-14001-2015' })).clauses).toHaveLength(6);
    expect((await rejection(call('standards.get', { id: '../secrets' }))).code).toBe('not_found');

    const unit = await call<{ id: string }>('units.create', { name: 'Sjövik Energi', kind: 'company' });
    const lead = await call<Person>('people.create', { name: 'David Nilsson', email: 'david@example.org' });
    const programme = await call<Programme>('programme.create', { title: 'Miljörevisioner', standardId: 'iso-14001-2015', cycleStartYear: 2026 });
    // Programmes of different standards may share years.
    await call<Programme>('programme.create', { title: 'Kvalitetsrevisioner', cycleStartYear: 2026 });

    const audit = await call<Audit>('audits.create', {
      title: 'Miljöaspekter', type: 'internal', standardId: 'iso-14001-2015', unitIds: [unit.id], clauseNumbers: ['6.1'],
      startDate: '2027-05-04', endDate: '2027-05-04', team: [{ personId: lead.id, role: 'lead' }],
    });
    // Section 6 holds nothing but 6.1, so taking 6.1 takes the whole section.
    expect(audit).toMatchObject({ programmeId: programme.id, clauseNumbers: ['6', '6.1', '6.1.2', '6.1.3'] });
    const wrong = await rejection(call('audits.create', { ...audit, clauseNumbers: ['8.5'], title: 'x' }));
    expect(wrong.params.issues).toEqual([{ path: 'clauseNumbers.0', message: 'not_found' }]);

    const items = await call<ChecklistItem[]>('checklist.generate', { auditId: audit.id, lang: 'en' });
    expect(items.map((i) => i.text)).toEqual(['How did you determine your significant environmental aspects?']);

    const coverage = await call<CoverageReport>('coverage.get', { programmeId: programme.id });
    expect(coverage.clauses).toEqual(['6.1.2', '6.1.3', '8.2']);
    expect(coverage.gaps.clauses).toEqual(['8.2']);
    expect(coverage.byUnit.rows.find((r) => r.clause === '6.1.2')?.cells[0]).toEqual({ state: 'planned', audits: ['IR-2027-001'] });
  });
});
