import type { AuditType, Fulfilment, OtherCriterionKind, ScheduleActivity, TeamRole } from '../../../../shared/domain/audits';
import type { Lang } from '../../../../shared/domain/common';
import type { FindingType, RequirementSource } from '../../../../shared/domain/findings';

/**
 * The words printed in reports, in both languages. They live with the PDF code rather than in the
 * renderer's catalogues because the CLI prints reports too, and a report's wording is part of the
 * signed document. Swedish uses "version" for a report's revision: "revision" means the audit.
 */
export interface ReportTexts {
  docType: string;
  auditType: Record<AuditType, string>;
  draft: string;
  draftNote: string;
  revisionWord: string;
  issued: string;
  facts: {
    number: string; revision: string; type: string; client: string; units: string; processes: string; dates: string;
    places: string; lead: string; standard: string; issued: string; organisation: string; externalBody: string;
  };
  fulfilment: Record<Fulfilment, string>;
  fulfilmentHeading: string;
  notStated: string;
  atAGlance: string;
  sections: {
    objectives: string; scope: string; criteria: string; team: string; schedule: string; methods: string; conclusions: string;
    findings: string; strengths: string; diverging: string; notCovered: string; impartiality: string; distribution: string; signature: string;
  };
  none: string;
  noneRecorded: string;
  clause: string;
  clauseTitle: string;
  otherCriteria: string;
  criterionKindHeader: string;
  criterionKind: Record<OtherCriterionKind, string>;
  teamHeading: string;
  auditeesHeading: string;
  name: string;
  role: string;
  unit: string;
  email: string;
  teamRole: Record<TeamRole, string>;
  date: string;
  time: string;
  activity: string;
  place: string;
  participants: string;
  scheduleActivity: Record<ScheduleActivity, string>;
  methods: string;
  sampling: string;
  samplingCaveatTitle: string;
  samplingCaveat: string;
  summary: string;
  conclusion: string;
  findingType: Record<FindingType, string>;
  findingGroup: Record<FindingType, string>;
  noFindings: string;
  requirement: string;
  requirementSource: Record<RequirementSource, string>;
  evidence: string;
  statement: string;
  auditeeResponse: string;
  process: string;
  photos: string;
  /** In place of a stored photo that cannot be decoded. */
  photoUnavailable: string;
  /** Alternative text of a photo in the tagged PDF. */
  photoAlt(fileName: string, finding: string): string;
  otherAttachments(n: number): string;
  supersedes(p: { revision: number; issuedAt: string; reason: string }): string;
  supersedesTitle: string;
  signature: {
    title: string; name: string; role: string; date: string; reason: string; fingerprint: string; note: string;
    /** The audit trail's chain head when the report was signed (issue 14.4). */
    trailHead(hash: string, seq: number): string;
    draftTitle: string; draftNote: string; defaultRole: string;
  };
  defaultReason(number: string, revision: number): string;
  pageOf(page: number, pages: number): string;
  programme: {
    docType: string; title(year: number): string; cycle: string; lead: string; standard: string; year: string; approval: string;
    approvedBy(name: string, date: string): string; notApproved: string; programmeObjectives: string; yearObjectives: string;
    planned: string; number: string; audit: string; scope: string; clauses: string; period: string; status: string; noAudits: string;
    coverage: string; uncoveredClauses: string; unauditedProcesses: string; underAudited: string; coverageComplete: string;
    approvalSection: string; approvalText: string; signatureLine: string; nameLine: string; dateLine: string; printed: string;
    auditsCount(n: number): string; plannedYears(planned: number, required: number): string; statusLabel: Record<string, string>; risk: Record<string, string>;
  };
}

const SV: ReportTexts = {
  docType: 'Revisionsrapport',
  auditType: {
    internal: 'Internrevision',
    supplier: 'Leverantörsrevision',
    external_initial: 'Extern revision – certifiering',
    external_surveillance: 'Extern revision – uppföljning',
    external_recertification: 'Extern revision – omcertifiering',
  },
  draft: 'UTKAST',
  draftNote: 'Utkast för förhandsgranskning – inte utfärdat och inte signerat.',
  revisionWord: 'Version',
  issued: 'Utfärdad',
  facts: {
    number: 'Revisionsnummer', revision: 'Rapportversion', type: 'Revisionstyp', client: 'Uppdragsgivare', units: 'Granskade enheter',
    processes: 'Granskade processer', dates: 'Revisionsdatum', places: 'Platser', lead: 'Revisionsledare', standard: 'Standard',
    issued: 'Utfärdad', organisation: 'Organisation', externalBody: 'Certifieringsorgan',
  },
  fulfilment: {
    full: 'Kraven uppfylls',
    largely: 'Kraven uppfylls i huvudsak',
    partly: 'Kraven uppfylls delvis',
    not: 'Kraven uppfylls inte',
  },
  fulfilmentHeading: 'Samlad bedömning',
  notStated: 'Inte angiven',
  atAGlance: 'Resultat i korthet',
  sections: {
    objectives: 'Revisionens mål', scope: 'Omfattning', criteria: 'Revisionskriterier', team: 'Revisionsteam och deltagare',
    schedule: 'Tider och platser', methods: 'Metoder och urval', conclusions: 'Sammanfattning och slutsatser', findings: 'Revisionsresultat',
    strengths: 'Styrkor', diverging: 'Olösta meningsskiljaktigheter', notCovered: 'Områden som inte omfattades', impartiality: 'Opartiskhet',
    distribution: 'Sändlista', signature: 'Signatur',
  },
  none: '–',
  noneRecorded: 'Inget noterat.',
  clause: 'Avsnitt',
  clauseTitle: 'Rubrik',
  otherCriteria: 'Övriga kriterier',
  criterionKindHeader: 'Typ',
  criterionKind: { law: 'Lag eller förordning', policy: 'Policy', routine: 'Rutin', guideline: 'Riktlinje', contract: 'Avtal', other: 'Övrigt' },
  teamHeading: 'Revisionsteam',
  auditeesHeading: 'Deltagare från den granskade verksamheten',
  name: 'Namn',
  role: 'Roll',
  unit: 'Enhet',
  email: 'E-post',
  teamRole: { lead: 'Revisionsledare', auditor: 'Revisor', observer: 'Observatör', trainee: 'Revisor under utbildning' },
  date: 'Datum',
  time: 'Tid',
  activity: 'Aktivitet',
  place: 'Plats',
  participants: 'Deltagare',
  scheduleActivity: {
    opening_meeting: 'Inledande möte', interview: 'Intervju', site_visit: 'Platsbesök', document_review: 'Dokumentgranskning',
    closing_meeting: 'Avslutande möte', other: 'Övrigt',
  },
  methods: 'Metoder',
  sampling: 'Urval',
  samplingCaveatTitle: 'Om stickprov',
  samplingCaveat:
    'Revisionen har gjorts genom stickprov: ett urval av dokument, register, intervjuer och observationer under begränsad tid. ' +
    'Resultatet beskriver det som granskades. Det kan inte garantera att verksamheten i övrigt uppfyller kraven, och det kan finnas ' +
    'avvikelser som urvalet inte fångade.',
  summary: 'Sammanfattning',
  conclusion: 'Slutsatser',
  findingType: { major_nc: 'Större avvikelse', minor_nc: 'Mindre avvikelse', observation: 'Observation', ofi: 'Förbättringsförslag', strength: 'Styrka' },
  findingGroup: { major_nc: 'Större avvikelser', minor_nc: 'Mindre avvikelser', observation: 'Observationer', ofi: 'Förbättringsförslag', strength: 'Styrkor' },
  noFindings: 'Revisionen ledde inte till några avvikelser, iakttagelser eller förbättringsförslag.',
  requirement: 'Krav',
  requirementSource: { iso: 'ISO-standard', law: 'Lag eller förordning', policy: 'Policy', guideline: 'Riktlinje', routine: 'Rutin' },
  evidence: 'Objektiva belägg',
  statement: 'Konstaterande',
  auditeeResponse: 'Den granskade verksamhetens kommentar',
  process: 'Process',
  photos: 'Bilder',
  photoUnavailable: 'Bilden kan inte visas',
  photoAlt: (fileName, finding) => `Bild ${fileName} till iakttagelse ${finding}`,
  otherAttachments: (n) => (n === 1 ? '1 bilaga av annan typ finns i Granska.' : `${n} bilagor av annan typ finns i Granska.`),
  supersedesTitle: 'Rättad rapport',
  supersedes: ({ revision, issuedAt, reason }) =>
    `Denna version ersätter version ${revision}, utfärdad ${issuedAt}. Skäl till rättelsen: ${reason}`,
  signature: {
    title: 'Elektroniskt signerad',
    name: 'Namn',
    role: 'Roll',
    date: 'Datum och tid',
    reason: 'Skäl',
    fingerprint: 'Certifikatets fingeravtryck (SHA-256)',
    trailHead: (hash, seq) => `Ändringsloggens kedjehuvud: ${hash} (rad ${seq})`,
    note:
      'Signaturen omfattar hela dokumentet. Den kan kontrolleras i Granska (Verifiera), med kommandot granska verify eller i en PDF-läsare. ' +
      'Fingeravtrycket ska stämma med det certifikat som utfärdaren har lämnat.',
    draftTitle: 'Inte signerad',
    draftNote: 'Rapporten signeras elektroniskt av revisionsledaren när den utfärdas.',
    defaultRole: 'Revisionsledare',
  },
  defaultReason: (number, revision) => `Utfärdande av revisionsrapport ${number}, version ${revision}`,
  pageOf: (page, pages) => `Sida ${page} av ${pages}`,
  programme: {
    docType: 'Revisionsprogram',
    title: (year) => `Revisionsprogram ${year}`,
    cycle: 'Certifieringscykel',
    lead: 'Programansvarig',
    standard: 'Standard',
    year: 'År',
    approval: 'Godkännande',
    approvedBy: (name, date) => `Godkänt av ${name} ${date}`,
    notApproved: 'Inte godkänt ännu',
    programmeObjectives: 'Mål för revisionsprogrammet',
    yearObjectives: 'Mål för året',
    planned: 'Planerade revisioner',
    number: 'Nr',
    audit: 'Revision',
    scope: 'Enheter och processer',
    clauses: 'Avsnitt',
    period: 'Period',
    status: 'Status',
    noAudits: 'Inga revisioner är planerade för året.',
    coverage: 'Täckning under cykeln',
    uncoveredClauses: 'Avsnitt som ingen internrevision under cykeln omfattar',
    unauditedProcesses: 'Processer som ingen internrevision under cykeln granskar',
    underAudited: 'Processer som granskas mer sällan än risken kräver',
    coverageComplete: 'Alla tillämpliga avsnitt och processer omfattas av cykelns planerade revisioner.',
    approvalSection: 'Ledningens godkännande',
    approvalText: 'Revisionsprogrammet för året har granskats och godkänts av ledningen.',
    signatureLine: 'Underskrift',
    nameLine: 'Namnförtydligande',
    dateLine: 'Datum',
    printed: 'Utskrivet',
    auditsCount: (n) => (n === 1 ? '1 revision' : `${n} revisioner`),
    plannedYears: (planned, required) => `granskas ${planned} av ${required} år`,
    statusLabel: { draft: 'Utkast', planned: 'Planerad', in_progress: 'Pågår', reported: 'Rapporterad', closed: 'Avslutad' },
    risk: { high: 'hög risk', medium: 'medelhög risk', low: 'låg risk' },
  },
};

const EN: ReportTexts = {
  docType: 'Audit report',
  auditType: {
    internal: 'Internal audit',
    supplier: 'Supplier audit',
    external_initial: 'External audit – initial certification',
    external_surveillance: 'External audit – surveillance',
    external_recertification: 'External audit – recertification',
  },
  draft: 'DRAFT',
  draftNote: 'Draft for preview – not issued and not signed.',
  revisionWord: 'Revision',
  issued: 'Issued',
  facts: {
    number: 'Audit number', revision: 'Report revision', type: 'Type of audit', client: 'Audit client', units: 'Audited units',
    processes: 'Audited processes', dates: 'Audit dates', places: 'Locations', lead: 'Lead auditor', standard: 'Standard', issued: 'Issued',
    organisation: 'Organisation', externalBody: 'Certification body',
  },
  fulfilment: {
    full: 'Requirements fulfilled',
    largely: 'Requirements largely fulfilled',
    partly: 'Requirements partly fulfilled',
    not: 'Requirements not fulfilled',
  },
  fulfilmentHeading: 'Overall conclusion',
  notStated: 'Not stated',
  atAGlance: 'Findings at a glance',
  sections: {
    objectives: 'Audit objectives', scope: 'Audit scope', criteria: 'Audit criteria', team: 'Audit team and participants',
    schedule: 'Dates and locations', methods: 'Methods and sampling', conclusions: 'Summary and conclusions', findings: 'Audit findings',
    strengths: 'Strengths', diverging: 'Unresolved diverging opinions', notCovered: 'Areas not covered', impartiality: 'Impartiality',
    distribution: 'Distribution', signature: 'Signature',
  },
  none: '–',
  noneRecorded: 'None recorded.',
  clause: 'Clause',
  clauseTitle: 'Title',
  otherCriteria: 'Other criteria',
  criterionKindHeader: 'Kind',
  criterionKind: { law: 'Law or regulation', policy: 'Policy', routine: 'Procedure', guideline: 'Guideline', contract: 'Contract', other: 'Other' },
  teamHeading: 'Audit team',
  auditeesHeading: 'Auditee participants',
  name: 'Name',
  role: 'Role',
  unit: 'Unit',
  email: 'Email',
  teamRole: { lead: 'Lead auditor', auditor: 'Auditor', observer: 'Observer', trainee: 'Auditor in training' },
  date: 'Date',
  time: 'Time',
  activity: 'Activity',
  place: 'Location',
  participants: 'Participants',
  scheduleActivity: {
    opening_meeting: 'Opening meeting', interview: 'Interview', site_visit: 'Site visit', document_review: 'Document review',
    closing_meeting: 'Closing meeting', other: 'Other',
  },
  methods: 'Methods',
  sampling: 'Sampling',
  samplingCaveatTitle: 'About sampling',
  samplingCaveat:
    'The audit worked with samples: a selection of documents, records, interviews and observations within limited time. ' +
    'Its results describe what was examined. They cannot guarantee that everything else meets the requirements, and there may be ' +
    'nonconformities that the sample did not reveal.',
  summary: 'Summary',
  conclusion: 'Conclusions',
  findingType: { major_nc: 'Major nonconformity', minor_nc: 'Minor nonconformity', observation: 'Observation', ofi: 'Opportunity for improvement', strength: 'Strength' },
  findingGroup: { major_nc: 'Major nonconformities', minor_nc: 'Minor nonconformities', observation: 'Observations', ofi: 'Opportunities for improvement', strength: 'Strengths' },
  noFindings: 'The audit raised no nonconformities, observations or opportunities for improvement.',
  requirement: 'Requirement',
  requirementSource: { iso: 'ISO standard', law: 'Law or regulation', policy: 'Policy', guideline: 'Guideline', routine: 'Procedure' },
  evidence: 'Objective evidence',
  statement: 'Statement',
  auditeeResponse: 'Auditee response',
  process: 'Process',
  photos: 'Photos',
  photoUnavailable: 'Image could not be shown',
  photoAlt: (fileName, finding) => `Photo ${fileName} for finding ${finding}`,
  otherAttachments: (n) => (n === 1 ? '1 attachment of another type is kept in Granska.' : `${n} attachments of other types are kept in Granska.`),
  supersedesTitle: 'Corrected report',
  supersedes: ({ revision, issuedAt, reason }) =>
    `This revision supersedes revision ${revision}, issued ${issuedAt}. Reason for the correction: ${reason}`,
  signature: {
    title: 'Digitally signed',
    name: 'Name',
    role: 'Role',
    date: 'Date and time',
    reason: 'Reason',
    fingerprint: 'Certificate fingerprint (SHA-256)',
    trailHead: (hash, seq) => `Audit trail head: ${hash} (row ${seq})`,
    note:
      'The signature covers the whole document. Check it in Granska (Verify), with the command granska verify, or in a PDF reader. ' +
      'The fingerprint must match the certificate the issuer has shared.',
    draftTitle: 'Not signed',
    draftNote: 'The lead auditor signs the report electronically when it is issued.',
    defaultRole: 'Lead auditor',
  },
  defaultReason: (number, revision) => `Issue of audit report ${number}, revision ${revision}`,
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  programme: {
    docType: 'Audit programme',
    title: (year) => `Audit programme ${year}`,
    cycle: 'Certification cycle',
    lead: 'Programme lead',
    standard: 'Standard',
    year: 'Year',
    approval: 'Approval',
    approvedBy: (name, date) => `Approved by ${name} on ${date}`,
    notApproved: 'Not approved yet',
    programmeObjectives: 'Objectives of the audit programme',
    yearObjectives: 'Objectives for the year',
    planned: 'Planned audits',
    number: 'No.',
    audit: 'Audit',
    scope: 'Units and processes',
    clauses: 'Clauses',
    period: 'Period',
    status: 'Status',
    noAudits: 'No audits are planned for the year.',
    coverage: 'Coverage over the cycle',
    uncoveredClauses: 'Clauses no internal audit in the cycle covers',
    unauditedProcesses: 'Processes no internal audit in the cycle examines',
    underAudited: 'Processes audited less often than their risk requires',
    coverageComplete: 'Every applicable clause and process is covered by the audits planned in the cycle.',
    approvalSection: "Management's approval",
    approvalText: 'The audit programme for the year has been reviewed and approved by management.',
    signatureLine: 'Signature',
    nameLine: 'Name in print',
    dateLine: 'Date',
    printed: 'Printed',
    auditsCount: (n) => (n === 1 ? '1 audit' : `${n} audits`),
    plannedYears: (planned, required) => `audited in ${planned} of ${required} years`,
    statusLabel: { draft: 'Draft', planned: 'Planned', in_progress: 'In progress', reported: 'Reported', closed: 'Closed' },
    risk: { high: 'high risk', medium: 'medium risk', low: 'low risk' },
  },
};

export function reportTexts(lang: Lang): ReportTexts {
  return lang === 'sv' ? SV : EN;
}

const pad2 = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');

/**
 * `2027-03-14`: both languages read ISO dates, and Swedish writes them so. A calendar day stays as
 * it is; a moment (a timestamp) becomes the local day it fell on.
 */
export function formatDay(value: string | Date | null): string {
  if (!value) return '–';
  if (typeof value === 'string' && value.length <= 10) return value;
  const d = typeof value === 'string' ? new Date(value) : value;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

export function formatPeriod(start: string | null, end: string | null): string {
  if (!start) return '–';
  if (!end || end === start) return start;
  return `${start} – ${end}`;
}

/** Local date and time with the UTC offset, so a reader in another time zone is not misled. */
export function formatDateTime(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '−';
  return `${formatDay(d)} ${pad2(d.getHours())}:${pad2(d.getMinutes())} (UTC${sign}${pad2(offset / 60)}:${pad2(offset % 60)})`;
}
