import type { AuditStatus, AuditType, TeamRole } from '../../../../../shared/domain/audits';
import { DEFAULT_STANDARD_ID } from '../../../../../shared/domain/standards';
import type { ServiceContext } from '../../../core/context';
import { createAudit, createProgramme, updateProgrammeYear, ensureQuestionBank, generateChecklist } from '../../audits';
import type { DemoKeys } from './index';

/**
 * The demo group's audit programme for the cycle around today (last year, this year, next year):
 * about twenty audits whose status follows their dates (closed and reported behind us, one in
 * progress now, planned and draft ahead), each with criteria, a team, a schedule and a checklist.
 * One plan (internal audit of the internal-audit process) has a team member from the unit above
 * the audited one, with the justification recorded.
 */

interface DemoAudit {
  title: string;
  type?: AuditType;
  /** Years after the cycle's first year and month-day; or days from today, so every status exists whatever the date. */
  when: { year: 0 | 1 | 2; start: string; days?: number } | { fromToday: number; days: number };
  units: string[];
  processes: string[];
  clauses: string[];
  team: [string, TeamRole][];
  other?: { kind: 'law' | 'policy' | 'routine' | 'guideline'; text: string }[];
  externalBody?: string;
  justification?: string;
  scope: string;
}

const CB = 'Nordisk Certifiering AB';

const AUDITS: DemoAudit[] = [
  { title: 'Styrning, ledning och upphandling', when: { year: 0, start: '02-11', days: 3 }, units: ['ks'], processes: ['Styrning och ledning', 'Upphandling och avtalsuppföljning'], clauses: ['4', '5', '6.2', '8.4', '9.3'], team: [['sofia.bergstrom', 'lead'], ['mikael.aberg', 'auditor']], other: [{ kind: 'policy', text: 'Kommunens kvalitetspolicy' }], scope: 'Kommunledningsförvaltningens styrning: mål, uppföljning och ledningens genomgång.' },
  { title: 'Vård och omsorg på särskilt boende', when: { year: 0, start: '03-18', days: 2 }, units: ['aldre'], processes: ['Vård och omsorg på särskilt boende'], clauses: ['7.1.2', '7.2', '8.5', '9.1.2'], team: [['karin.lindqvist', 'lead'], ['per-olof.nyberg', 'auditor']], other: [{ kind: 'law', text: 'Socialtjänstlagen (2001:453)' }, { kind: 'law', text: 'SOSFS 2011:9 Ledningssystem för systematiskt kvalitetsarbete' }], scope: 'Två särskilda boenden: genomförandeplaner, social dokumentation och bemanning.' },
  { title: 'Bygglovshandläggning', when: { year: 0, start: '04-08', days: 2 }, units: ['mbf'], processes: ['Bygglovshandläggning'], clauses: ['8.2', '8.5.1', '8.7', '9.1.1'], team: [['johan.ekstrom', 'lead'], ['elin.sjogren', 'auditor']], other: [{ kind: 'law', text: 'Plan- och bygglagen (2010:900)' }], scope: 'Bygglovsprocessen från ansökan till slutbesked, inklusive handläggningstider.' },
  { title: 'Fjärrvärmeleverans', when: { year: 0, start: '09-16', days: 2 }, units: ['energi'], processes: ['Fjärrvärmeleverans'], clauses: ['6.1', '7.1.3', '7.1.5', '8.5.1', '8.7'], team: [['karin.lindqvist', 'lead'], ['david.nilsson', 'auditor']], scope: 'Produktion och distribution av fjärrvärme, underhåll och mätning.' },
  { title: 'Handläggning av bistånd och utredning av barn och unga', when: { year: 0, start: '10-07', days: 2 }, units: ['ifo'], processes: ['Handläggning av bistånd', 'Barn och unga – utredning'], clauses: ['7.5', '8.2.2', '8.5.1', '10.2'], team: [['johan.ekstrom', 'lead'], ['ingrid.forsberg', 'auditor']], other: [{ kind: 'law', text: 'Socialtjänstlagen (2001:453)' }], scope: 'Myndighetsutövning inom IFO: utredningstider, dokumentation och uppföljning.' },
  { title: 'Certifieringsorganets uppföljande revision', type: 'external_surveillance', when: { year: 0, start: '11-04', days: 2 }, units: ['ks', 'soc', 'bost'], processes: [], clauses: ['4', '5', '9', '10'], team: [['karin.lindqvist', 'lead']], externalBody: CB, scope: 'Årlig uppföljande revision av koncernens ledningssystem.' },
  { title: 'Leverantörsrevision: Omsorgsbemanning i Sjövik AB', type: 'supplier', when: { year: 0, start: '11-25' }, units: [], processes: ['Upphandling och avtalsuppföljning'], clauses: ['8.4.2', '8.4.3'], team: [['per-olof.nyberg', 'lead'], ['amira.haddad', 'auditor']], other: [{ kind: 'guideline', text: 'Avtal om bemanningstjänster inom vård och omsorg' }], scope: 'Leverantörens rutiner för kompetens, introduktion och avvikelser.' },

  { title: 'Hemtjänst', when: { year: 1, start: '02-10', days: 2 }, units: ['aldre'], processes: ['Hemtjänst'], clauses: ['7.1.6', '7.2', '8.1', '8.5', '9.1.2'], team: [['karin.lindqvist', 'lead'], ['per-olof.nyberg', 'auditor']], other: [{ kind: 'routine', text: 'Rutin för planering av hemtjänstinsatser' }], scope: 'Hemtjänstens planering, kontinuitet och dokumentation i tre hemtjänstgrupper.' },
  { title: 'Undervisning och elevhälsa', when: { year: 1, start: '03-17', days: 2 }, units: ['gr'], processes: ['Undervisning i grundskolan', 'Elevhälsa'], clauses: ['7.1.6', '7.3', '8.5.1', '9.1.3'], team: [['johan.ekstrom', 'lead'], ['elin.sjogren', 'auditor']], other: [{ kind: 'law', text: 'Skollagen (2010:800)' }], scope: 'Två grundskolor: planering av undervisning, extra anpassningar och elevhälsoarbete.' },
  { title: 'Kompetensförsörjning', when: { year: 1, start: '04-21' }, units: ['ks'], processes: ['Kompetensförsörjning'], clauses: ['7.1.2', '7.2', '7.3'], team: [['per-olof.nyberg', 'lead'], ['mikael.aberg', 'auditor']], scope: 'Rekrytering, introduktion och kompetensutveckling.' },
  { title: 'Uthyrning och fastighetsförvaltning', when: { year: 1, start: '05-12', days: 2 }, units: ['bost'], processes: ['Uthyrning och kundservice', 'Fastighetsförvaltning och underhåll'], clauses: ['8.2', '8.5.5', '9.1.2', '10.2'], team: [['karin.lindqvist', 'lead'], ['sofia.bergstrom', 'auditor']], scope: 'Bostadskö, felanmälan och planerat underhåll.' },
  { title: 'Miljötillsyn och livsmedelskontroll', when: { year: 1, start: '06-09' }, units: ['mbf'], processes: ['Miljötillsyn', 'Livsmedelskontroll'], clauses: ['7.1.5', '7.5', '8.5.1', '9.1.1'], team: [['karin.lindqvist', 'lead'], ['mikael.aberg', 'auditor']], other: [{ kind: 'law', text: 'Miljöbalken (1998:808)' }], scope: 'Planerad tillsyn och offentlig kontroll, kalibrering av mätutrustning.' },
  { title: 'Avfallsinsamling', when: { year: 1, start: '09-22', days: 2 }, units: ['energi'], processes: ['Avfallsinsamling'], clauses: ['6.1', '8.1', '8.5.4', '9.1.2'], team: [['johan.ekstrom', 'lead'], ['sofia.bergstrom', 'auditor']], scope: 'Hämtning av hushållsavfall och drift av återvinningscentraler.' },
  { title: 'Synpunkter och klagomål', when: { fromToday: -42, days: 2 }, units: ['kval'], processes: ['Synpunkter och klagomål'], clauses: ['9.1.2', '10.2', '10.3'], team: [['amira.haddad', 'lead'], ['elin.sjogren', 'auditor']], scope: 'Hur medborgarnas synpunkter tas emot, utreds och återkopplas.' },
  { title: 'Läkemedelshantering på särskilt boende', when: { fromToday: -1, days: 3 }, units: ['aldre'], processes: ['Vård och omsorg på särskilt boende'], clauses: ['7.1.5', '7.5.3', '8.5.1', '8.5.2', '8.7'], team: [['karin.lindqvist', 'lead'], ['david.nilsson', 'auditor'], ['ingrid.forsberg', 'trainee']], other: [{ kind: 'law', text: 'HSLF-FS 2017:37 om ordination och hantering av läkemedel' }], scope: 'Läkemedelshantering på Solgårdens och Björkhagens särskilda boenden.' },
  { title: 'Internrevision och avvikelsehantering', when: { fromToday: 14, days: 2 }, units: ['kval'], processes: ['Internrevision och avvikelsehantering'], clauses: ['9.2', '10.2'], team: [['per-olof.nyberg', 'lead'], ['ingrid.forsberg', 'auditor']], justification: 'Ingrid Forsberg arbetar på HR inom Kommunledningsförvaltningen, där Kvalitets- och utvecklingsenheten ingår, men har aldrig arbetat med internrevision eller avvikelsehantering och granskar inte sitt eget arbete. Revisionsledaren Per-Olof Nyberg (Miljö- och byggförvaltningen) gör alla bedömningar; Ingrid deltar för sin kunskap om HR-avvikelser.', scope: 'Revisionsprogrammet, revisionernas genomförande och hanteringen av avvikelser.' },

  { title: 'Hemtjänst och särskilt boende', when: { year: 2, start: '02-16', days: 2 }, units: ['aldre'], processes: ['Hemtjänst', 'Vård och omsorg på särskilt boende'], clauses: ['7.1.6', '8.5', '9.1.2'], team: [['karin.lindqvist', 'lead'], ['elin.sjogren', 'auditor']], scope: 'Uppföljning av förra årets revisioner: kontinuitet, planering och dokumentation.' },
  { title: 'Styrning, kompetens och synpunkter', when: { year: 2, start: '03-23', days: 2 }, units: ['ks', 'kval'], processes: ['Styrning och ledning', 'Kompetensförsörjning', 'Synpunkter och klagomål', 'Dokumentstyrning och arkiv', 'Upphandling och avtalsuppföljning'], clauses: ['5.3', '6.2', '6.3', '7.1.1', '7.4', '7.5', '9.3', '10.1'], team: [['amira.haddad', 'lead'], ['david.nilsson', 'auditor']], scope: 'Ledningens styrning, kompetensförsörjning, styrande dokument och hanteringen av synpunkter.' },
  { title: 'Myndighetsutövning inom IFO', when: { year: 2, start: '03-09', days: 2 }, units: ['ifo'], processes: ['Handläggning av bistånd', 'Barn och unga – utredning'], clauses: ['7.5', '8.2', '8.5.1', '9.1.3'], team: [['johan.ekstrom', 'lead'], ['mikael.aberg', 'auditor']], scope: 'Utredningstider och dokumentation i barn- och ungdomsärenden.' },
  { title: 'Omcertifiering av ledningssystemet', type: 'external_recertification', when: { year: 2, start: '05-18', days: 3 }, units: ['ks', 'soc', 'bun', 'mbf', 'bost', 'energi'], processes: [], clauses: ['4', '5', '6', '7', '8', '9', '10'], team: [['karin.lindqvist', 'lead']], externalBody: CB, scope: 'Omcertifiering av koncernens ledningssystem enligt ISO 9001:2015.' },
  { title: 'Fjärrvärme och avfall', when: { year: 2, start: '09-14', days: 2 }, units: ['energi'], processes: ['Fjärrvärmeleverans', 'Avfallsinsamling'], clauses: ['6.1', '7.1.3', '8.5.1', '9.1.1'], team: [['amira.haddad', 'lead'], ['per-olof.nyberg', 'auditor']], scope: 'Driftstörningar, underhållsplanering och kundkommunikation.' },
  { title: 'Skola, skolskjuts och evenemang', when: { year: 2, start: '10-12', days: 2 }, units: ['gr', 'bun', 'turism'], processes: ['Undervisning i grundskolan', 'Elevhälsa', 'Skolskjuts', 'Evenemang och besöksservice'], clauses: ['8.2.1', '8.4', '8.5.1'], team: [['mikael.aberg', 'lead'], ['david.nilsson', 'observer']], scope: 'Undervisning och elevhälsa i uppföljning, samt två lågriskprocesser som granskas en gång per cykel.' },
  { title: 'Miljö, livsmedel och bostäder', when: { year: 2, start: '11-09', days: 3 }, units: ['mbf', 'bost'], processes: ['Miljötillsyn', 'Livsmedelskontroll', 'Uthyrning och kundservice', 'Fastighetsförvaltning och underhåll'], clauses: ['7.1.5', '8.2', '8.5.1', '8.5.5', '9.1.2'], team: [['sofia.bergstrom', 'lead'], ['mikael.aberg', 'auditor']], scope: 'Tillsyn och kontroll samt bostadsbolagets kundprocesser, i uppföljning av revisionerna 2026.' },
];

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => day(new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86_400_000));

/** The status an audit would have by now, from its dates. */
function statusByDate(start: string, end: string, today: string): AuditStatus {
  if (end < addDays(today, -75)) return 'closed';
  if (end < today) return 'reported';
  if (start <= today) return 'in_progress';
  return start <= addDays(today, 200) ? 'planned' : 'draft';
}

export function demoAudits(ctx: ServiceContext, keys: DemoKeys): void {
  const today = day(ctx.now());
  const first = ctx.now().getUTCFullYear() - 1;
  const person = (handle: string) => {
    const id = keys.people.get(`${handle}@sjovik.example`);
    if (!id) throw new Error(`demo person ${handle} is unknown`);
    return id;
  };
  const lookup = (map: Map<string, string>, key: string) => {
    const id = map.get(key);
    if (!id) throw new Error(`demo key ${key} is unknown`);
    return id;
  };

  ensureQuestionBank(ctx, DEFAULT_STANDARD_ID);
  const programme = createProgramme(ctx, {
    title: `Revisionsprogram ${first}–${first + 2}`,
    standardId: DEFAULT_STANDARD_ID,
    cycleStartYear: first,
    cycleYears: 3,
    objectives:
      'Visa att ledningssystemet är ändamålsenligt och förbättras. Varje process granskas så ofta som dess risk kräver, och varje tillämpligt krav i ISO 9001 granskas minst en gång under certifieringscykeln.',
    leadPersonId: person('karin.lindqvist'),
    excludedClauses: ['8.3'],
  });
  const yearObjectives = [
    'Första året i cykeln: processer med hög risk samt styrning och upphandling.',
    'Fokus på verksamhetsnära processer och kundnöjdhet; följa upp förra årets avvikelser.',
    'Inför omcertifieringen: täck kvarvarande krav och processer med låg risk.',
  ];
  // The programme and each year's plan are approved in demo/approvals.ts, once everything exists.
  programme.years.forEach((y, i) => {
    updateProgrammeYear(ctx, {
      id: y.id, revision: y.revision, fields: { objectives: yearObjectives[i] ?? '', leadPersonId: person('karin.lindqvist') },
    });
  });

  const managers = new Map(
    (ctx.db.prepare("SELECT name, email, title, home_unit_id AS unit FROM people WHERE roles_json LIKE '%auditee_manager%'").all() as {
      name: string; email: string; title: string; unit: string;
    }[]).map((m) => [m.unit, m]),
  );

  for (const a of AUDITS) {
    const startDate = 'fromToday' in a.when ? addDays(today, a.when.fromToday) : `${first + a.when.year}-${a.when.start}`;
    const endDate = addDays(startDate, ('days' in a.when ? a.when.days ?? 1 : 1) - 1);
    const unitIds = a.units.map((u) => lookup(keys.units, u));
    const contacts = unitIds.flatMap((u) => {
      const m = managers.get(u);
      return m ? [{ name: m.name, email: m.email, role: m.title }] : [];
    });
    const lead = a.team.find(([, r]) => r === 'lead')?.[0] ?? '';
    const leadName = ctx.db.prepare('SELECT name FROM people WHERE id = ?').pluck().get(person(lead)) as string;
    const audit = createAudit(ctx, {
      title: a.title,
      type: a.type ?? 'internal',
      standardId: DEFAULT_STANDARD_ID,
      unitIds,
      processIds: a.processes.map((p) => lookup(keys.processes, p)),
      clauseNumbers: a.clauses,
      otherCriteria: a.other ?? [],
      scope: a.scope,
      objectives: 'Bedöma om verksamheten uppfyller kraven i revisionskriterierna och om ledningssystemet är effektivt infört och underhållet, samt identifiera förbättringsmöjligheter.',
      auditClient: 'Kommunstyrelsen',
      methods: 'Intervjuer med chefer och medarbetare, granskning av dokument och journaler, observation på plats.',
      sampling: 'Stickprov om fem ärenden per verksamhet, valda slumpvis ur det senaste halvåret.',
      startDate,
      endDate,
      team: a.team.map(([handle, role]) => ({ personId: person(handle), role })),
      schedule: schedule(startDate, endDate, a, leadName),
      auditeeContacts: contacts,
      distribution: [...contacts, { name: 'Karin Lindqvist', email: 'karin.lindqvist@sjovik.example', role: 'Kvalitetssamordnare' }, { name: 'Kommunstyrelsen', email: '', role: 'Uppdragsgivare' }].filter(
        (c, i, all) => all.findIndex((x) => x.name === c.name) === i,
      ),
      impartialityJustification: a.justification ?? '',
      externalBody: a.externalBody ?? '',
    });
    generateChecklist(ctx, { auditId: audit.id, lang: 'sv' });
    const status = statusByDate(startDate, endDate, today);
    // History, not a workflow: the statuses are written as they would stand today. An issued
    // report locks its audit, so reported and closed audits are locked too.
    const locked = status === 'reported' || status === 'closed' ? 1 : 0;
    ctx.db.prepare('UPDATE audits SET status = ?, locked = ? WHERE id = ?').run(status, locked, audit.id);
  }
}

function schedule(start: string, end: string, a: DemoAudit, leadName: string) {
  const place = a.type === 'supplier' ? 'Leverantörens kontor' : 'Enhetens lokaler';
  const entries: {
    day: string; startTime: string; endTime: string; activity: 'opening_meeting' | 'interview' | 'site_visit' | 'document_review' | 'closing_meeting';
    description: string; place: string; participants: string;
  }[] = [
    { day: start, startTime: '08:30', endTime: '09:00', activity: 'opening_meeting', description: 'Syfte, omfattning och upplägg', place, participants: `${leadName ? `${leadName}, ` : ''}revisionsteamet, ansvarig chef` },
    { day: start, startTime: '09:15', endTime: '11:30', activity: 'interview', description: 'Intervju med ansvarig chef och processägare', place, participants: 'Ansvarig chef, processägare' },
    { day: start, startTime: '13:00', endTime: '15:00', activity: 'site_visit', description: 'Rundvandring och samtal med medarbetare', place, participants: 'Medarbetare i verksamheten' },
    { day: end, startTime: '09:00', endTime: '11:00', activity: 'document_review', description: 'Stickprov i ärenden och journaler', place, participants: 'Revisionsteamet' },
    { day: end, startTime: '14:30', endTime: '15:30', activity: 'closing_meeting', description: 'Iakttagelser och fortsatt arbete', place, participants: 'Revisionsteamet, ansvarig chef' },
  ];
  return entries;
}
