import type { AuditStatus, ChecklistItem, ChecklistResult } from '../../../../../shared/domain/audits';
import type { FindingType, RequirementSource } from '../../../../../shared/domain/findings';
import { storeGeneratedAttachment, answerChecklistItem, listChecklist, createFinding } from '../../conduct';
import type { ServiceContext } from '../../../core/context';
import { DEMO_PHOTOS } from './photos';
import type { DemoKeys } from './index';

/**
 * What the demo group's auditors recorded: every audit that has taken place has its checklist
 * answered (the one under way about two thirds), and findings of every type, some with photos.
 * Runs after the audits step, whose reported and closed audits are already locked; the answers
 * are history written from before the report was issued, so the lock is lifted while they are.
 */

type Photo = keyof typeof DEMO_PHOTOS;

interface DemoFinding {
  type: FindingType;
  clause: string;
  source?: RequirementSource;
  requirement?: string;
  evidence: string;
  statement: string;
  response?: string;
  photo?: [Photo, string];
}

const FINDINGS: Record<string, DemoFinding[]> = {
  'Styrning och ledning': [
    { type: 'strength', clause: '5.1.1', evidence: 'Förvaltningsledningen går igenom måluppfyllelsen varje månad och protokollen visar beslut med ansvariga.', statement: 'Ledningen tar tydligt ansvar för ledningssystemet; uppföljningen är regelbunden och leder till beslut.' },
    { type: 'ofi', clause: '6.2', evidence: 'Verksamhetsplanens mål saknar i flera fall målvärde och datum.', statement: 'Kvalitetsmålen kan göras mätbara med målvärde och tidpunkt, så att uppföljningen blir enklare.' },
  ],
  'Vård och omsorg på särskilt boende': [
    {
      type: 'minor_nc', clause: '7.2',
      requirement: 'ISO 9001:2015 avsnitt 7.2 b: organisationen ska säkerställa att personerna är kompetenta på grundval av lämplig utbildning, träning eller erfarenhet.',
      evidence: 'Introduktionschecklista saknades för 3 av 5 timvikarier som anställdes under sommaren på Solgården. Enhetschefen bekräftade att introduktionen gjordes muntligt.',
      statement: 'Det går inte att visa att timvikarier fått introduktion i delegerade hälso- och sjukvårdsuppgifter innan de arbetat självständigt.',
      response: 'Vi instämmer. Introduktionschecklistan blir obligatorisk i bemanningsplaneringen från den 1 maj och följs upp av enhetschef varje månad.',
    },
    { type: 'observation', clause: '8.5.1', evidence: 'I 2 av 6 granskade genomförandeplaner framgick inte hur den boende medverkat.', statement: 'Genomförandeplanerna är aktuella, men den enskildes delaktighet dokumenteras inte alltid.' },
    { type: 'strength', clause: '9.1.2', evidence: 'Kvartalsvis nöjdhetsenkät; resultatet sitter på anslagstavlan och förbättringar syns i APT-protokollen.', statement: 'Boendena följer systematiskt upp de boendes och anhörigas nöjdhet och återkopplar resultatet synligt.', photo: ['noticeBoard', 'anslagstavla-solgarden.png'] },
  ],
  Bygglovshandläggning: [
    {
      type: 'major_nc', clause: '8.5.1', source: 'law',
      requirement: 'Plan- och bygglagen 9 kap. 27 §: beslut i ärenden om lov ska meddelas inom tio veckor från det att ansökan var fullständig, om tiden inte förlängts.',
      evidence: 'I 4 av 10 granskade ärenden från första halvåret meddelades beslut efter 12–19 veckor utan beslut om förlängd handläggningstid. Avgiften reducerades inte.',
      statement: 'Förvaltningen säkerställer inte att de lagstadgade handläggningstiderna hålls eller förlängs på rätt sätt.',
      response: 'Instämmer. Ärendesystemet larmar från vecka åtta och förlängningsbeslut fattas av bygglovschefen. Avgifterna i de fyra ärendena har reducerats.',
    },
    { type: 'ofi', clause: '8.7', evidence: 'Ofullständiga ansökningar kontrolleras manuellt, vilket tar ungefär en timme per ärende.', statement: 'E-tjänsten kan markera ofullständiga ansökningar automatiskt och spara handläggningstid.' },
  ],
  'Upphandling och avtalsuppföljning': [
    {
      type: 'minor_nc', clause: '8.4.1', source: 'routine',
      requirement: 'Rutin för avtalsuppföljning (KS 2023/114): varje avtal över 1 mnkr ska följas upp enligt sin uppföljningsplan minst en gång per år.',
      evidence: 'För 2 av 5 granskade avtal fanns ingen dokumenterad uppföljning under det senaste året.',
      statement: 'Uppföljningen av externa leverantörer sker inte enligt den fastställda uppföljningsplanen.',
      response: 'Avtalsuppföljningen läggs in i årshjulet och rapporteras till förvaltningsledningen i september.',
    },
    { type: 'observation', clause: '8.4.3', evidence: 'Kraven på leverantörens kvalitetsledning var formulerade olika i avtal från olika år.', statement: 'Kravställningen på leverantörer är inte enhetlig mellan avtalen.' },
  ],
  Fjärrvärmeleverans: [
    { type: 'observation', clause: '7.1.5.2', evidence: 'Kalibreringsintyg för 2 av 6 flödesmätare i värmeverket var äldre än intervallet i underhållsplanen. Mätarna var märkta med nästa kalibreringsdatum.', statement: 'Kalibreringen av mätutrustning följer inte alltid underhållsplanens intervall.', photo: ['gauge', 'manometer-vv2.png'] },
    { type: 'strength', clause: '6.1', evidence: 'Riskanalysen för leveransavbrott reviderades efter vinterns störning; varje risk har åtgärd, ansvarig och datum.', statement: 'Riskhanteringen är levande och kopplad till konkreta åtgärder.' },
  ],
  'Handläggning av bistånd och utredning av barn och unga': [
    {
      type: 'minor_nc', clause: '8.5.1', source: 'law',
      requirement: 'Socialtjänstlagen 11 kap. 1 a §: beslut om att inleda eller inte inleda utredning ska fattas inom fjorton dagar efter att anmälan kommit in.',
      evidence: 'I 2 av 8 granskade anmälningar fattades beslutet efter 17 respektive 21 dagar. Skälen var inte dokumenterade.',
      statement: 'Förhandsbedömningar avslutas inte alltid inom lagstadgad tid, och avsteg dokumenteras inte.',
      response: 'Förhandsbedömningarna följs upp veckovis på ärendedragningen; avsteg ska motiveras i journalen.',
    },
    { type: 'ofi', clause: '10.2', evidence: 'Avvikelser analyseras men orsakerna sammanställs inte över tid.', statement: 'En årlig sammanställning av avvikelsernas orsaker kan visa mönster som enskilda analyser missar.' },
  ],
  'Certifieringsorganets uppföljande revision': [
    {
      type: 'minor_nc', clause: '9.3.3',
      requirement: 'ISO 9001:2015 avsnitt 9.3.3 c: resultatet från ledningens genomgång ska omfatta beslut och åtgärder som rör behov av resurser.',
      evidence: 'Protokollet från ledningens genomgång i mars saknar beslut om resursbehov, trots att bemanningen inom IFO togs upp.',
      statement: 'Ledningens genomgång dokumenterar inte beslut om resursbehov.',
      response: 'Mallen för ledningens genomgång kompletteras med en obligatorisk punkt om resursbehov.',
    },
    { type: 'ofi', clause: '10.3', evidence: 'Förbättringsförslag från medarbetare samlas in på flera olika sätt.', statement: 'Koncernen kan samla förbättringsförslagen i ett gemensamt flöde.' },
  ],
  'Leverantörsrevision: Omsorgsbemanning i Sjövik AB': [
    {
      type: 'minor_nc', clause: '8.4.2', source: 'guideline',
      requirement: 'Avtal om bemanningstjänster, bilaga 2: all personal ska ha genomgått introduktion i beställarens rutiner innan första passet.',
      evidence: 'Leverantören kunde visa introduktionsintyg för 7 av 10 konsulter som arbetat hos kommunen under perioden.',
      statement: 'Leverantören säkerställer inte att all personal har genomgått introduktion innan de arbetar hos kommunen.',
      response: 'Leverantören inför spärr i bokningssystemet för personal utan registrerad introduktion.',
    },
  ],
  Hemtjänst: [
    {
      type: 'minor_nc', clause: '8.5.1',
      requirement: 'ISO 9001:2015 avsnitt 8.5.1: tjänster ska tillhandahållas under styrda förhållanden enligt planerade insatser.',
      evidence: 'Planeringssystemet visar att 3 av 15 granskade besök genomfördes mer än 30 minuter efter planerad tid utan att brukaren informerades.',
      statement: 'Avvikelser från planerade besökstider hanteras inte enligt rutinen för information till brukaren.',
      response: 'Gruppledarna ringer brukaren vid förseningar över 20 minuter; rutinen tas upp på nästa APT.',
    },
    { type: 'observation', clause: '9.1.2', evidence: 'Brukarundersökningen redovisas per förvaltning men inte per hemtjänstgrupp.', statement: 'Resultaten av brukarundersökningen används inte på gruppnivå.' },
    { type: 'strength', clause: '7.1.6', evidence: 'Varje grupp har ett kunskapsombud och en gemensam kunskapsbank med korta instruktionsfilmer.', statement: 'Kunskap delas systematiskt mellan hemtjänstgrupperna.' },
  ],
  'Undervisning och elevhälsa': [
    { type: 'observation', clause: '7.3', evidence: 'Tre av sex intervjuade lärare kände inte till skolans rutin för extra anpassningar.', statement: 'Medvetenheten om rutinen för extra anpassningar varierar bland lärarna.' },
    { type: 'ofi', clause: '9.1.3', evidence: 'Elevhälsans insatser följs upp i enskilda ärenden men analyseras inte samlat.', statement: 'En samlad analys av elevhälsans insatser kan ge underlag för skolans förbättringsarbete.' },
    { type: 'strength', clause: '8.5.1', evidence: 'Skolorna använder gemensamma planeringsmallar med tydlig koppling till kursplanernas centrala innehåll.', statement: 'Undervisningen planeras på ett enhetligt och spårbart sätt.' },
  ],
  Kompetensförsörjning: [
    { type: 'ofi', clause: '7.2', evidence: 'Kompetensinventering görs av varje chef i egna kalkylblad.', statement: 'En gemensam mall för kompetensinventering skulle ge koncernen en samlad bild av kompetensbehoven.' },
  ],
  'Uthyrning och fastighetsförvaltning': [
    {
      type: 'minor_nc', clause: '10.2',
      requirement: 'ISO 9001:2015 avsnitt 10.2.1 b: organisationen ska utvärdera behovet av åtgärder för att eliminera orsakerna till avvikelsen.',
      evidence: '4 av 10 felanmälningar om fukt i badrum avslutades utan orsaksanalys, trots upprepade fel i samma trapphus.',
      statement: 'Återkommande fel analyseras inte för att hitta och åtgärda grundorsaken.',
      response: 'Felanmälningar som återkommer i samma fastighet inom ett år får automatiskt en orsaksanalys.',
    },
    { type: 'strength', clause: '8.2', evidence: 'Hyresgästerna får sms vid varje statusändring i sin felanmälan.', statement: 'Kommunikationen med hyresgästerna om felanmälningar är tydlig och snabb.' },
  ],
  'Miljötillsyn och livsmedelskontroll': [
    {
      type: 'minor_nc', clause: '7.1.5.2',
      requirement: 'ISO 9001:2015 avsnitt 7.1.5.2: mätutrustning ska kontrolleras eller kalibreras med angivna intervall.',
      evidence: 'Två av fyra stickprovstermometrar som används vid livsmedelskontroll saknade dokumenterad kontroll det senaste året.',
      statement: 'Det går inte att visa att mätresultaten vid livsmedelskontroll är tillförlitliga.',
      response: 'Termometrarna kontrolleras mot referenstermometer varje kvartal och kontrollen förs in i loggboken.',
    },
    { type: 'observation', clause: '7.5', evidence: 'Inspektionsrapporterna sparas både i ärendesystemet och på en gemensam filyta.', statement: 'Dubbel lagring av inspektionsrapporter riskerar att olika versioner används.' },
  ],
  Avfallsinsamling: [
    {
      type: 'minor_nc', clause: '8.5.4', source: 'policy',
      requirement: 'Bolagets miljö- och kvalitetspolicy: farligt avfall på återvinningscentralerna ska förvaras inlåst och märkt.',
      evidence: 'Vid besöket på Norrby återvinningscentral stod två omärkta dunkar med spillolja utanför det låsta förrådet.',
      statement: 'Farligt avfall förvarades inte enligt bolagets rutin.',
    },
    { type: 'ofi', clause: '6.1', evidence: 'Riskbedömningen för insamlingen omfattar inte vinterväglag.', statement: 'Riskbedömningen kan kompletteras med säsongsberoende risker.' },
  ],
  'Synpunkter och klagomål': [
    { type: 'observation', clause: '10.2', evidence: 'Klagomål som rör flera förvaltningar registreras hos den första mottagaren och stängs ibland utan svar från övriga.', statement: 'Samordningen av klagomål som berör flera förvaltningar är otydlig.' },
    { type: 'ofi', clause: '9.1.2', evidence: 'Återkopplingstiden mäts men redovisas inte för medborgarna.', statement: 'Att visa svarstiderna öppet kan stärka förtroendet för synpunktshanteringen.' },
  ],
  'Läkemedelshantering på särskilt boende': [
    {
      type: 'minor_nc', clause: '8.5.2', source: 'law',
      requirement: 'HSLF-FS 2017:37 och enhetens läkemedelsrutin: öppnade förpackningar med begränsad hållbarhet ska märkas med brytdatum.',
      evidence: 'I läkemedelsskåpet på avdelning Björken saknade 2 av 9 öppnade flaskor med ögondroppar brytdatum.',
      statement: 'Det går inte att säkerställa att öppnade läkemedel används inom sin hållbarhetstid.',
      photo: ['medicineCabinet', 'lakemedelsskap-bjorken.png'],
    },
    { type: 'observation', clause: '7.5.3', evidence: 'Den utskrivna läkemedelsrutinen i pärmen var en äldre version än den i ledningssystemet.', statement: 'Utskrivna rutiner riskerar att vara inaktuella.' },
  ],
};

const CONFORMING_EVIDENCE = [
  'Rutinen finns i ledningssystemet, är fastställd och reviderad i år. Medarbetarna hittade den utan hjälp.',
  'Protokollen från arbetsplatsträffarna visar att frågan följs upp varje månad; åtgärder har ansvarig och datum.',
  'De granskade stickproven uppfyllde kraven. Dokumentationen var fullständig och signerad.',
  'Ansvarig chef beskrev arbetssättet tydligt och visade underlag i verksamhetssystemet.',
  'Mål och nyckeltal redovisas i verksamhetsplanen och följs upp i tertialrapporterna.',
  'Avvikelser registreras i avvikelsesystemet; de granskade ärendena var analyserade och avslutade.',
  'Ansvar och befogenheter framgår av delegationsordningen och befattningsbeskrivningarna.',
];
const SAMPLED = ['5 av 42 ärenden (jan–jun)', '3 av 12 genomförandeplaner', 'Protokoll från 4 av 11 APT', '6 av 30 avvikelserapporter', '2 av 8 avtal', '10 av 120 signeringslistor'];
const INTERVIEWED = ['Enhetschef och två undersköterskor', 'Processägare och en handläggare', 'Verksamhetschef', 'Kvalitetsutvecklare och nämndsekreterare', 'Driftchef och två drifttekniker', 'Rektor och förstelärare'];

const RESULT_FOR: Record<FindingType, ChecklistResult> = {
  major_nc: 'nonconforming', minor_nc: 'nonconforming', observation: 'observation', ofi: 'conforming', strength: 'conforming',
};

const CONDUCTED: AuditStatus[] = ['in_progress', 'reported', 'closed'];

function answer(ctx: ServiceContext, item: ChecklistItem, result: ChecklistResult, k: number, evidence?: string): void {
  const fields =
    result === 'not_applicable'
      ? { result, evidence: 'Kravet är inte tillämpligt inom revisionens omfattning.' }
      : {
          result,
          evidence: evidence ?? (CONFORMING_EVIDENCE[k % CONFORMING_EVIDENCE.length] as string),
          sampled: k % 3 === 0 ? (SAMPLED[k % SAMPLED.length] as string) : '',
          interviewed: k % 2 === 0 ? (INTERVIEWED[k % INTERVIEWED.length] as string) : '',
        };
  answerChecklistItem(ctx, { id: item.id, revision: item.revision, fields });
}

export function demoConduct(ctx: ServiceContext, _keys: DemoKeys): void {
  const audits = ctx.db
    .prepare(`SELECT id, title, status, locked FROM audits WHERE status IN (${CONDUCTED.map(() => '?').join(',')}) ORDER BY start_date`)
    .all(...CONDUCTED) as { id: string; title: string; status: AuditStatus; locked: number }[];

  audits.forEach((audit, a) => {
    ctx.db.prepare('UPDATE audits SET locked = 0 WHERE id = ?').run(audit.id);
    const items = listChecklist(ctx, { auditId: audit.id });
    const planned = FINDINGS[audit.title] ?? [];
    // The audit under way has answered about half of its questions, and those its findings came from.
    const answeredCount = audit.status === 'in_progress' ? Math.ceil(items.length * 0.5) : items.length;
    const usedItems = new Map<string, DemoFinding>();
    for (const f of planned) {
      const item = items.find((i) => i.clauseNumber === f.clause && !usedItems.has(i.id));
      if (item) usedItems.set(item.id, f);
    }
    items.forEach((item, i) => {
      const k = a * 5 + i;
      const finding = usedItems.get(item.id);
      if (i >= answeredCount && !finding) return;
      const result: ChecklistResult = finding ? RESULT_FOR[finding.type] : k % 11 === 4 ? 'not_applicable' : 'conforming';
      answer(ctx, item, result, k, finding?.evidence);
    });

    for (const f of planned) {
      const itemId = [...usedItems.entries()].find(([, v]) => v === f)?.[0] ?? null;
      const created = createFinding(ctx, {
        auditId: audit.id,
        checklistItemId: itemId,
        lang: 'sv',
        fields: {
          type: f.type,
          clauseNumbers: [f.clause],
          requirementSource: f.source ?? 'iso',
          ...(f.requirement ? { requirement: f.requirement } : {}),
          evidence: f.evidence,
          statement: f.statement,
          auditeeResponse: audit.status === 'in_progress' ? '' : f.response ?? '',
        },
      });
      if (f.photo) {
        const [photo, fileName] = f.photo;
        const data = DEMO_PHOTOS[photo]();
        storeGeneratedAttachment(ctx, { ownerType: 'finding', ownerId: created.id, fileName, data, mime: 'image/png' });
        if (itemId) storeGeneratedAttachment(ctx, { ownerType: 'checklist_item', ownerId: itemId, fileName, data, mime: 'image/png' });
      }
    }
    ctx.db.prepare('UPDATE audits SET locked = ? WHERE id = ?').run(audit.locked, audit.id);
  });
}
