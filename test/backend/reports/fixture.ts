import { encodePng } from '../../../electron/backend/features/app/demo/png';
import type { Audit } from '../../../shared/domain/audits';
import type { Finding, FindingType } from '../../../shared/domain/findings';
import type { Person, Process, Unit } from '../../../shared/domain/org';

export const PASSPHRASE = 'Revisionslösenord-2027 åäö';

export interface ReportFixture {
  audit: Audit;
  findings: Finding[];
  lead: Person;
}

const TYPES: FindingType[] = ['major_nc', 'minor_nc', 'observation', 'ofi', 'strength'];

/** A photo that differs per index, so each is stored (and embedded) on its own. */
export const photo = (i: number, w = 160, h = 120): Buffer =>
  encodePng(w, h, (x, y) => [(x * 3 + i * 37) % 256, (y * 4 + i * 11) % 256, (x + y + i * 53) % 256]);

let counter = 0;

/**
 * An internal audit in progress with a team, schedule, auditees, distribution, the lead's
 * conclusions and `findings` findings of every type (Swedish text, one photo on each of the first
 * `photos`), made through the same calls the app uses (`caller(backend)` in tests).
 */
export type Call = <T = unknown>(name: string, input?: unknown) => Promise<T>;

export async function reportFixture(call: Call, opts: { findings?: number; photos?: number; photoSize?: [number, number] } = {}): Promise<ReportFixture> {
  const n = ++counter;
  await call('app.updateSettings', { organisationName: 'Sjöviks kommunkoncern' });
  const social = await call<Unit>('units.create', { name: `Socialförvaltningen ${n}`, kind: 'administration' });
  const care = await call<Unit>('units.create', { name: `Äldreomsorgen ${n}`, kind: 'department', parentId: social.id });
  const process = await call<Process>('processes.create', { name: `Vård och omsorg på särskilt boende ${n}`, ownerUnitId: care.id, riskLevel: 'high' });
  const lead = await call<Person>('people.create', { name: `Karin Lindqvist ${n}`, email: `karin${n}@sjovik.example`, title: 'Kvalitetssamordnare', roles: ['audit_lead'] });
  const auditor = await call<Person>('people.create', { name: `Per-Olof Nyberg ${n}`, email: `per${n}@sjovik.example`, roles: ['auditor'] });
  let audit = await call<Audit>('audits.create', {
    title: `Läkemedelshantering på särskilt boende ${n}`,
    type: 'internal',
    startDate: '2027-03-10',
    endDate: '2027-03-11',
    clauseNumbers: ['7.1.5', '7.5.3', '8.5.1'],
    unitIds: [care.id],
    processIds: [process.id],
    team: [{ personId: lead.id, role: 'lead' }, { personId: auditor.id, role: 'auditor' }],
    objectives: 'Att bedöma om läkemedelshanteringen uppfyller kraven.',
    scope: 'Solgårdens och Björkhagens särskilda boenden.',
    auditClient: 'Socialnämnden',
    methods: 'Intervjuer, dokumentgranskning och observation.',
    sampling: 'Signeringslistor för tio boende per boende under februari.',
    schedule: [
      { day: '2027-03-10', startTime: '08:30', endTime: '09:00', activity: 'opening_meeting', place: 'Solgården', participants: 'Lars Öhman' },
      { day: '2027-03-11', startTime: '13:00', endTime: '14:00', activity: 'closing_meeting', place: 'Björkhagen' },
    ],
    auditeeContacts: [{ name: 'Lars Öhman', email: 'lars.ohman@sjovik.example', role: 'Verksamhetschef' }],
    distribution: [{ name: 'Lars Öhman', email: 'lars.ohman@sjovik.example', role: 'Verksamhetschef' }, { name: 'Socialnämnden', role: 'Uppdragsgivare' }],
  });
  audit = await call<Audit>('audits.transition', { id: audit.id, revision: audit.revision, to: 'planned' });
  audit = await call<Audit>('audits.transition', { id: audit.id, revision: audit.revision, to: 'in_progress' });

  const findings: Finding[] = [];
  const count = opts.findings ?? 5;
  const [pw, ph] = opts.photoSize ?? [160, 120];
  for (let i = 0; i < count; i++) {
    const type = TYPES[i % TYPES.length] as FindingType;
    const finding = await call<Finding>('findings.create', {
      auditId: audit.id,
      fields: {
        type,
        clauseNumbers: [['7.1.5', '7.5.3', '8.5.1'][i % 3] as string],
        requirement: `Krav ${i + 1}: dokumenterad information ska vara tillgänglig och skyddad.`,
        evidence: `Belägg ${i + 1}: signeringslistan för vecka ${(i % 52) + 1} saknade åtta signaturer; kylskåpet höll 11 °C.`,
        statement: `Konstaterande ${i + 1}: kontrollen av förvaringen är inte säkerställd – åäö ÅÄÖ.`,
      },
    });
    findings.push(finding);
    if (i < (opts.photos ?? 2)) {
      await call('attachments.add', {
        ownerType: 'finding',
        ownerId: finding.id,
        fileName: `foto-${i + 1}.png`,
        contentBase64: photo(i, pw, ph).toString('base64'),
      });
    }
  }
  audit = await call<Audit>('audits.get', { id: audit.id });
  audit = await call<Audit>('reports.saveConclusions', {
    auditId: audit.id,
    revision: audit.revision,
    fields: {
      summary: 'Läkemedelshanteringen fungerar i stort väl; personalen är kunnig.',
      conclusion: 'Verksamheten uppfyller kraven i huvudsak. Två mindre avvikelser ska åtgärdas.',
      fulfilment: 'largely',
      areasNotCovered: 'Nattpersonalens arbete.',
    },
  });
  return { audit, findings, lead };
}
