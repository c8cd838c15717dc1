import type { Audit } from '../../../shared/domain/audits';
import type { Person, Process, Unit } from '../../../shared/domain/org';
import type { Standard } from '../../../shared/domain/standards';

const meta = { createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', revision: 1, archived: false };

export const units: Unit[] = [
  { ...meta, id: 'soc', name: 'Socialförvaltningen', code: 'SOC', kind: 'administration', parentId: null, description: '' },
  { ...meta, id: 'aldre', name: 'Äldreomsorgen', code: 'ÄO', kind: 'department', parentId: 'soc', description: '' },
  { ...meta, id: 'mbf', name: 'Miljö- och byggförvaltningen', code: 'MBF', kind: 'administration', parentId: null, description: '' },
];
export const processes: Process[] = [{ ...meta, id: 'hemtjanst', name: 'Hemtjänst', description: '', ownerUnitId: 'aldre', riskLevel: 'high' }];
export const people: Person[] = [
  { ...meta, id: 'amira', name: 'Amira Haddad', email: 'a@x.se', title: '', roles: ['auditor'], homeUnitId: 'soc' },
  { ...meta, id: 'per', name: 'Per-Olof Nyberg', email: 'p@x.se', title: '', roles: ['auditor'], homeUnitId: 'mbf' },
];

const c = (number: string, en: string, sv = en) => ({ number, title: { en, sv } });
export const standard: Standard = {
  id: 'iso-9001-2015',
  name: { en: 'ISO 9001:2015', sv: 'ISO 9001:2015' },
  clauses: [
    c('7', 'Support', 'Stöd'), c('7.1', 'Resources', 'Resurser'), c('7.1.1', 'General', 'Allmänt'), c('7.1.2', 'People', 'Personal'),
    c('7.2', 'Competence', 'Kompetens'), c('9', 'Performance evaluation', 'Utvärdering av prestanda'), c('9.2', 'Internal audit', 'Internrevision'),
  ],
};

export const audit = (over: Partial<Audit> = {}): Audit => ({
  id: 'a1', createdAt: meta.createdAt, updatedAt: meta.updatedAt, revision: 3, number: 'IR-2027-004', year: 2027, title: 'Hemtjänst',
  type: 'internal', status: 'draft', programmeId: null, standardId: 'iso-9001-2015', unitIds: ['aldre'], processIds: [], clauseNumbers: ['9.2'],
  otherCriteria: [], scope: '', objectives: '', auditClient: '', methods: '', sampling: '', startDate: '2027-03-02', endDate: '2027-03-03',
  team: [{ personId: 'per', role: 'lead' }], schedule: [], auditeeContacts: [], distribution: [], impartialityJustification: '',
  externalBody: '', summary: '', conclusion: '', fulfilment: null, divergingOpinions: '', areasNotCovered: '', locked: false, ...over,
});
