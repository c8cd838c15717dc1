import { addDays, localDay, type CaseDetail, type CaseSource, type CauseCategory } from '../../../../../shared/domain/cases';
import type { ServiceContext } from '../../../core/context';
import { createCase, createCaseFromFinding, updateAnalysis, updateCase, addAction, markImplemented, setActionDone, verifyCase } from '../../cases';
import type { DemoKeys } from './index';

/**
 * The demo group's nonconformity register: a case in every status, some overdue and some due
 * within 14 days whatever day the demo is loaded (dates are counted from today). Runs after the
 * findings step: nonconformities of closed audits have closed cases (an audit closes only then),
 * the reported audit's nonconformity is being worked on, and the one found in the audit under way
 * has no case yet, so the register shows what still needs one.
 */

interface Analysis {
  correction: string;
  whys: string[];
  rootCause: string;
  categories: CauseCategory[];
}

interface Plan {
  description: string;
  owner: string;
  /** Days from today. */
  due: number;
  /** Days from today it was done; absent while not done. */
  done?: number;
}

interface Verdict {
  /** Days from today. */
  on: number;
  effective: boolean;
  evidence: string;
}

interface DemoCase {
  title: string;
  description: string;
  source: CaseSource;
  reference?: string;
  severity: 'major' | 'minor';
  unit: string;
  process?: string;
  clauses: string[];
  owner: string;
  /** Days from today. */
  detected: number;
  due: number;
  analysis?: Analysis;
  /** Rounds of actions, each optionally ending in a verification and, if all done, "implemented". */
  rounds: { actions: Plan[]; implemented?: boolean; verdict?: Verdict }[];
}

const KARIN = 'karin.lindqvist@sjovik.example';
const JOHAN = 'johan.ekstrom@sjovik.example';

const STANDALONE: DemoCase[] = [
  {
    title: 'Anhörig: kvällsmedicinen gavs två timmar för sent',
    description: 'Dottern till en boende på Solgården hörde av sig via e-tjänsten. Kvällsdosen gavs vid 21.45 i stället för 19.30 tre kvällar i rad under en personalbrist.',
    source: 'complaint', reference: 'Synpunkt 2026/412', severity: 'minor', unit: 'aldre', process: 'Vård och omsorg på särskilt boende',
    clauses: ['8.5.1', '7.1.2'], owner: 'lars.ohman@sjovik.example', detected: -52, due: -10,
    analysis: {
      correction: 'Sjuksköterskan kontrollerade att den boende inte tagit skada och anhörig fick återkoppling samma vecka.',
      whys: ['Läkemedel gavs sent.', 'Ingen på kvällspasset hade delegering.', 'Schemat lades utan att delegeringar kontrollerades.'],
      rootCause: '',
      categories: ['competence', 'methods'],
    },
    rounds: [],
  },
  {
    title: 'Oplanerat avbrott i fjärrvärmen i Norrby utan förvarning',
    description: 'Cirka 140 hushåll var utan värme i sex timmar. Kunderna informerades inte förrän avbrottet pågått i tre timmar.',
    source: 'incident', reference: 'Driftstörning 26-031', severity: 'major', unit: 'energi', process: 'Fjärrvärmeleverans',
    clauses: ['8.5.1', '8.2.1'], owner: 'fatima.al-sayed@sjovik.example', detected: -36, due: 20,
    analysis: {
      correction: 'Reservpanna startades och kunderna fick sms när felet upptäcktes i driftcentralen.',
      whys: ['Kunderna fick ingen förvarning.', 'Sms-utskicket kräver en person som inte fanns i tjänst.', 'Jourens instruktion saknar kundkommunikation.', 'Instruktionen skrevs innan sms-tjänsten infördes.'],
      rootCause: 'Jourinstruktionen har inte uppdaterats sedan sms-tjänsten infördes, så ingen i jouren vet att de ska informera kunderna.',
      categories: ['methods', 'communication'],
    },
    rounds: [{ actions: [
      { description: 'Uppdatera jourinstruktionen med kundkommunikation vid avbrott', owner: 'mikael.aberg@sjovik.example', due: 6 },
      { description: 'Ge jouren behörighet till sms-tjänsten', owner: 'fatima.al-sayed@sjovik.example', due: 10, done: -4 },
    ] }],
  },
  {
    title: 'Låg nöjdhet med felanmälan i hyresgästenkäten',
    description: 'Nöjdheten med hur felanmälningar hanteras sjönk från 74 till 58 procent. Fritextsvaren nämner att ingen återkoppling ges.',
    source: 'survey', reference: 'Hyresgästenkät 2026', severity: 'minor', unit: 'bost', process: 'Fastighetsförvaltning och underhåll',
    clauses: ['9.1.2', '8.2.1'], owner: 'gustav.holm@sjovik.example', detected: -95, due: 30,
    analysis: {
      correction: 'Öppna felanmälningar äldre än 30 dagar gicks igenom och hyresgästerna kontaktades.',
      whys: ['Hyresgäster får ingen återkoppling.', 'Systemet skickar inget besked när ärendet avslutas.', 'Funktionen stängdes av vid byte av system.'],
      rootCause: 'Automatisk återkoppling aktiverades aldrig i det nya fastighetssystemet.',
      categories: ['equipment'],
    },
    rounds: [{ actions: [
      { description: 'Aktivera automatiskt besked när en felanmälan avslutas', owner: 'elin.sjogren@sjovik.example', due: -40, done: -41 },
      { description: 'Följ upp nöjdheten med en kort enkät till 100 hyresgäster', owner: 'gustav.holm@sjovik.example', due: -5 },
    ] }],
  },
  {
    title: 'Beslut om bistånd skickades utan besvärshänvisning',
    description: 'Vid egenkontroll av 20 beslut saknade 3 besvärshänvisning. Mallen hade ändrats vid byte av dokumentmall.',
    source: 'self_detected', severity: 'major', unit: 'ifo', process: 'Handläggning av bistånd', clauses: ['8.5.1', '7.5.3'],
    owner: 'maria.johansson@sjovik.example', detected: -70, due: 9,
    analysis: {
      correction: 'De tre berörda brukarna fick nya beslut med besvärshänvisning och ny överklagandetid.',
      whys: ['Besvärshänvisning saknades.', 'Den nya mallen saknade textblocket.', 'Mallen granskades inte före publicering.'],
      rootCause: 'Nya dokumentmallar publiceras utan juridisk granskning.',
      categories: ['methods', 'management'],
    },
    rounds: [{ actions: [
      { description: 'Återställ besvärshänvisningen i beslutsmallen', owner: 'maria.johansson@sjovik.example', due: -50, done: -55 },
      { description: 'Inför granskning av nya mallar av förvaltningsjurist', owner: 'maria.johansson@sjovik.example', due: -10, done: -12 },
    ], implemented: true }],
  },
  {
    title: 'Ledningens genomgång bedömer inte behovet av resurser',
    description: 'Certifieringsorganets revisor noterade att protokollet från ledningens genomgång saknar bedömning av resursbehov (9.3.3).',
    source: 'external_audit', reference: 'Certifieringsrapport 2026-05, avvikelse 2', severity: 'minor', unit: 'ks', process: 'Styrning och ledning',
    clauses: ['9.3.3'], owner: JOHAN, detected: -130, due: 20,
    analysis: {
      correction: 'Resursbehovet togs upp i ett extra ärende på nästa koncernledningsmöte.',
      whys: ['Resursbehov bedömdes inte.', 'Dagordningen för ledningens genomgång saknar punkten.'],
      rootCause: 'Dagordningen följer inte standardens krav på ingående uppgifter.',
      categories: ['management'],
    },
    rounds: [{
      actions: [{ description: 'Lägg till resursbehov i dagordningen för ledningens genomgång', owner: JOHAN, due: -80, done: -85 }],
      implemented: true,
      verdict: { on: -25, effective: false, evidence: 'Protokollet från oktober tar upp punkten men utan beslut eller bedömning; samma brist kvarstår.' },
    }],
  },
  {
    title: 'Fel öppettider för turistbyrån på webbplatsen',
    description: 'Besökare kom till stängd turistbyrå under midsommarveckan. Webbplatsen visade vinterns öppettider.',
    source: 'complaint', reference: 'Synpunkt 2026/233', severity: 'minor', unit: 'turism', process: 'Evenemang och besöksservice',
    clauses: ['7.4', '8.2.1'], owner: 'oskar.wennberg@sjovik.example', detected: -150, due: -90,
    analysis: {
      correction: 'Öppettiderna rättades samma dag och en skylt sattes upp.',
      whys: ['Webbplatsen visade fel tider.', 'Ingen ansvarar för att byta säsongstider.'],
      rootCause: 'Ansvar för säsongsuppdatering av webbplatsen saknades.',
      categories: ['communication'],
    },
    rounds: [{
      actions: [{ description: 'Utse ansvarig och lägg in säsongsbyten i årshjulet', owner: 'oskar.wennberg@sjovik.example', due: -120, done: -125 }],
      implemented: true,
      verdict: { on: -60, effective: true, evidence: 'Öppettiderna byttes i tid till hösten; årshjulet visar ansvarig och datum.' },
    }],
  },
  {
    title: 'Allergiuppgifter nådde inte skolrestaurangen',
    description: 'En elev med nötallergi fick en måltid med nötter. Eleven klarade sig utan allvarlig reaktion.',
    source: 'incident', reference: 'Tillbud 2026-88', severity: 'major', unit: 'gr', process: 'Elevhälsa', clauses: ['8.5.1', '7.4'],
    owner: 'anna.virtanen@sjovik.example', detected: -6, due: 24,
    analysis: {
      correction: 'Skolrestaurangen fick en aktuell lista över elever med specialkost samma dag.',
      whys: ['Köket kände inte till allergin.'],
      rootCause: '',
      categories: [],
    },
    rounds: [],
  },
  {
    title: 'Missade tömningar i glesbygden under två veckor',
    description: 'Fjorton hushåll i Västerby fick inte sina kärl tömda vecka 44 och 45 efter ändrad körtur.',
    source: 'self_detected', severity: 'minor', unit: 'energi', process: 'Avfallsinsamling', clauses: ['8.5.1'],
    owner: 'fatima.al-sayed@sjovik.example', detected: -16, due: 45,
    analysis: {
      correction: 'Extra tömning gjordes och hushållen fick reducerad avgift.',
      whys: ['Hushållen föll bort ur körturen.', 'Körturen ritades om utan kontroll mot kundregistret.'],
      rootCause: 'Körturer ändras utan avstämning mot kundregistret.',
      categories: ['methods', 'equipment'],
    },
    rounds: [{ actions: [{ description: 'Inför kontroll mot kundregistret vid varje ändrad körtur', owner: 'fatima.al-sayed@sjovik.example', due: 40 }] }],
  },
];

/** Cases for audit nonconformities: closed audits' are done; the reported one's is being worked on. */
const FROM_CLOSED_AUDIT = {
  analysis: (): Analysis => ({
    correction: 'Bristen rättades i de granskade fallen direkt efter revisionen.',
    whys: ['Rutinen följdes inte i alla fall.', 'Alla medarbetare kände inte till rutinen.', 'Introduktionen av ny personal tog inte upp rutinen.'],
    rootCause: 'Introduktionen av ny personal omfattade inte rutinen.',
    categories: ['competence', 'methods'],
  }),
  action: 'Uppdatera introduktionen och gå igenom rutinen på arbetsplatsträff',
  evidence: 'Stickprov tre månader efter åtgärden: rutinen följs i samtliga granskade fall.',
};

function person(keys: DemoKeys, email: string): string {
  const id = keys.people.get(email);
  if (!id) throw new Error(`demo person ${email} is missing`);
  return id;
}

function runRounds(ctx: ServiceContext, keys: DemoKeys, start: CaseDetail, rounds: DemoCase['rounds'], today: string): CaseDetail {
  let c = start;
  const day = (n: number) => addDays(today, n);
  for (const round of rounds) {
    for (const a of round.actions) {
      c = addAction(ctx, { id: c.id, revision: c.revision, fields: { description: a.description, ownerId: person(keys, a.owner), dueDate: day(a.due) } });
      const added = c.actions.at(-1);
      if (a.done !== undefined && added) c = setActionDone(ctx, { id: c.id, revision: c.revision, actionId: added.id, doneOn: day(a.done) });
    }
    if (round.implemented) c = markImplemented(ctx, { id: c.id, revision: c.revision });
    if (round.verdict) {
      c = verifyCase(ctx, {
        id: c.id, revision: c.revision,
        fields: { verifiedOn: day(round.verdict.on), verifierId: person(keys, KARIN), effective: round.verdict.effective, evidence: round.verdict.evidence },
      });
    }
  }
  return c;
}

function analyse(ctx: ServiceContext, c: CaseDetail, a: Analysis): CaseDetail {
  return updateAnalysis(ctx, {
    id: c.id, revision: c.revision,
    fields: { correction: a.correction, whys: a.whys, rootCause: a.rootCause, causeCategories: a.categories },
  });
}

interface DemoNonconformity {
  id: string;
  auditStatus: string;
  auditEnd: string | null;
  unitId: string | null;
}

export function demoCases(ctx: ServiceContext, keys: DemoKeys): void {
  const today = localDay(ctx.now());
  const fallbackUnit = keys.units.get('kval') ?? null;

  const ncs = ctx.db
    .prepare(
      `SELECT f.id, a.status AS auditStatus, a.end_date AS auditEnd, f.unit_id AS unitId
       FROM findings f JOIN audits a ON a.id = f.audit_id
       WHERE f.type IN ('major_nc','minor_nc') ORDER BY a.start_date, f.seq`,
    )
    .all() as DemoNonconformity[];
  for (const nc of ncs) {
    // The audit under way is still collecting findings: its nonconformity waits for a case.
    if (nc.auditStatus !== 'closed' && nc.auditStatus !== 'reported') continue;
    const end = nc.auditEnd ?? addDays(today, -60);
    const offset = (d: string) => Math.round((Date.parse(`${d}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    let c = createCaseFromFinding(ctx, {
      findingId: nc.id, ownerId: null, unitId: nc.unitId ? null : fallbackUnit,
      dueDate: nc.auditStatus === 'closed' ? addDays(end, 60) : addDays(today, 25),
    });
    // A unit without a manager of its own: the controller who follows up for the group takes it.
    if (!c.ownerId) {
      c = updateCase(ctx, {
        id: c.id, revision: c.revision,
        fields: {
          title: c.title, description: c.description, source: c.source, sourceReference: c.sourceReference, severity: c.severity,
          unitId: c.unitId, processId: c.processId, clauseNumbers: c.clauseNumbers, ownerId: person(keys, JOHAN),
          detectedOn: c.detectedOn, dueDate: c.dueDate,
        },
      });
    }
    c = analyse(ctx, c, FROM_CLOSED_AUDIT.analysis());
    const owner = ctx.db.prepare('SELECT email FROM people WHERE id = ?').pluck().get(c.ownerId) as string;
    if (nc.auditStatus === 'closed') {
      runRounds(ctx, keys, c, [{
        actions: [{ description: FROM_CLOSED_AUDIT.action, owner, due: offset(addDays(end, 30)), done: offset(addDays(end, 21)) }],
        implemented: true,
        verdict: { on: offset(addDays(end, 45)), effective: true, evidence: FROM_CLOSED_AUDIT.evidence },
      }], today);
    } else {
      runRounds(ctx, keys, c, [{ actions: [{ description: FROM_CLOSED_AUDIT.action, owner, due: -7 }] }], today);
    }
  }

  for (const d of STANDALONE) {
    const unitId = keys.units.get(d.unit);
    if (!unitId) throw new Error(`demo unit ${d.unit} is missing`);
    let c = createCase(ctx, {
      title: d.title, description: d.description, source: d.source, sourceReference: d.reference ?? '', severity: d.severity, unitId,
      processId: d.process ? keys.processes.get(d.process) ?? null : null, clauseNumbers: d.clauses, ownerId: person(keys, d.owner),
      detectedOn: addDays(today, d.detected), dueDate: addDays(today, d.due),
    });
    if (d.analysis) c = analyse(ctx, c, d.analysis);
    runRounds(ctx, keys, c, d.rounds, today);
  }
}
