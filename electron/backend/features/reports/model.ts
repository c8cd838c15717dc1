import { isExternalAudit, type Audit, type Contact, type ScheduleEntry, type TeamRole } from '../../../../shared/domain/audits';
import type { Lang } from '../../../../shared/domain/common';
import { FINDING_TYPES, type FindingType, type RequirementSource } from '../../../../shared/domain/findings';
import { compareClauseNumbers } from '../../../../shared/domain/standards';
import { printedApprovals, type PrintedApprovals } from '../approvals';
import { getAudit, loadStandard } from '../audits';
import type { ServiceContext } from '../../core/context';
import { getSetting } from '../../core/settings';
import type { PreparedImage } from '../../images/report-image';
import { readLogo } from './logo';
import { formatDateTime, formatDay, formatPeriod, type ReportTexts } from './texts';
import { readTemplate } from './template';
import type { ReportTemplate } from '../../../../shared/domain/report-templates';

/** Everything a report prints, gathered once; the layout reads nothing else. */
export interface ReportModel {
  lang: Lang;
  organisation: string;
  logo: { key: string; data: Buffer } | null;
  /** The logo as the PDF embeds it, set by the layout before it draws; null when it cannot be shown. */
  logoImage?: PreparedImage | null;
  audit: Pick<
    Audit,
    | 'number' | 'title' | 'type' | 'startDate' | 'endDate' | 'objectives' | 'scope' | 'methods' | 'sampling' | 'summary' | 'conclusion'
    | 'fulfilment' | 'divergingOpinions' | 'areasNotCovered' | 'impartialityJustification' | 'externalBody' | 'auditClient'
  > & { external: boolean };
  standardName: string;
  units: string[];
  processes: string[];
  places: string[];
  leadName: string;
  criteria: { number: string; title: string }[];
  otherCriteria: Audit['otherCriteria'];
  team: { name: string; role: TeamRole; title: string; unit: string }[];
  auditees: Contact[];
  schedule: ScheduleEntry[];
  distribution: Contact[];
  findings: ReportFinding[];
  /** null for a draft. */
  revision: number | null;
  issuedAt: Date;
  supersedes: { revision: number; issuedAt: string; reason: string } | null;
  signature: ReportSignature | null;
  /** The recorded decisions on the audit plan and on the report (issue 15.2). */
  approvals?: PrintedApprovals;
  /** Which sections appear, in what order, and the organisation's cover text and footer. */
  template: ReportTemplate;
}

export interface ReportSignature {
  name: string;
  role: string;
  reason: string;
  fingerprint: string;
  time: Date;
  /**
   * The audit trail's last link when the report was signed: printed in the report, so a later
   * edit of the history in the database file no longer matches what the signed report states.
   */
  trailHead?: { seq: number; hash: string };
}

export interface ReportPhoto {
  /** SHA-256 of the bytes: the same photo on two findings is embedded once. */
  key: string;
  data: Buffer;
  name: string;
  /** The photo as the PDF embeds it, set by the layout before it draws; null when it cannot be shown. */
  image?: PreparedImage | null;
}

export interface ReportFinding {
  number: string;
  type: FindingType;
  clauses: { number: string; title: string }[];
  requirementSource: RequirementSource;
  requirement: string;
  evidence: string;
  statement: string;
  unit: string;
  process: string;
  auditeeResponse: string;
  photos: ReportPhoto[];
  otherAttachments: number;
}

/** pdfkit draws JPEG and PNG; other attachments are counted, not drawn. */
const DRAWABLE = new Set(['image/jpeg', 'image/png']);

interface FindingRow {
  id: string; number: string; type: FindingType; requirement_source: RequirementSource; requirement: string; evidence: string;
  statement: string; unit: string | null; process: string | null; auditee_response: string; clauses: string | null;
}

interface AttachmentRow { owner_id: string; file_name: string; sha256: string; mime: string; data: Buffer }

function names(ctx: ServiceContext, table: 'units' | 'processes', ids: string[]): string[] {
  const stmt = ctx.db.prepare(`SELECT name FROM ${table} WHERE id = ?`).pluck();
  return ids
    .map((id) => stmt.get(id) as string | undefined)
    .filter((n): n is string => !!n)
    .sort((a, b) => a.localeCompare(b, 'sv'));
}

export interface ModelOptions {
  lang: Lang;
  revision: number | null;
  issuedAt: Date;
  supersedes?: ReportModel['supersedes'];
  signature?: ReportSignature | null;
  /** A template other than the saved one (the template editor's preview, a revision's own). */
  template?: ReportTemplate;
}

/** Reads the audit, its findings and photos and the organisation's name and logo into one model. */
export function buildReportModel(ctx: ServiceContext, auditId: string, opts: ModelOptions): ReportModel {
  const audit = getAudit(ctx, auditId);
  const lang = opts.lang;
  let standardName = audit.standardId;
  let clauseTitle = (n: string) => n;
  try {
    const standard = loadStandard(audit.standardId);
    standardName = standard.name[lang];
    const titles = new Map(standard.clauses.map((c) => [c.number, c.title[lang]]));
    clauseTitle = (n) => titles.get(n) ?? '';
  } catch {
    // a catalogue removed since the audit was planned: numbers without titles still identify the clauses
  }

  const person = ctx.db.prepare('SELECT p.name, p.title, u.name AS unit FROM people p LEFT JOIN units u ON u.id = p.home_unit_id WHERE p.id = ?');
  const team = audit.team.map((m) => {
    const p = person.get(m.personId) as { name: string; title: string; unit: string | null } | undefined;
    return { name: p?.name ?? '?', role: m.role, title: p?.title ?? '', unit: p?.unit ?? '' };
  });

  const rows = ctx.db
    .prepare(
      `SELECT f.id, f.number, f.type, f.requirement_source, f.requirement, f.evidence, f.statement, f.auditee_response,
         u.name AS unit, p.name AS process,
         (SELECT group_concat(fc.clause_number, ' ') FROM finding_clauses fc WHERE fc.finding_id = f.id) AS clauses
       FROM findings f LEFT JOIN units u ON u.id = f.unit_id LEFT JOIN processes p ON p.id = f.process_id
       WHERE f.audit_id = ? ORDER BY f.seq`,
    )
    .all(auditId) as FindingRow[];
  const attachments = ctx.db
    .prepare(
      `SELECT a.owner_id, a.file_name, b.sha256, b.mime, b.data FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
       WHERE a.owner_type = 'finding' AND a.owner_id IN (SELECT id FROM findings WHERE audit_id = ?)
       ORDER BY a.created_at, a.id`,
    )
    .all(auditId) as AttachmentRow[];
  const byFinding = new Map<string, AttachmentRow[]>();
  for (const a of attachments) byFinding.set(a.owner_id, [...(byFinding.get(a.owner_id) ?? []), a]);

  const findings: ReportFinding[] = rows.map((r) => {
    const files = byFinding.get(r.id) ?? [];
    const photos = files.filter((f) => DRAWABLE.has(f.mime)).map((f) => ({ key: f.sha256, data: f.data, name: f.file_name }));
    return {
      number: r.number,
      type: r.type,
      clauses: (r.clauses ? r.clauses.split(' ').filter(Boolean) : []).sort(compareClauseNumbers).map((n) => ({ number: n, title: clauseTitle(n) })),
      requirementSource: r.requirement_source,
      requirement: r.requirement,
      evidence: r.evidence,
      statement: r.statement,
      unit: r.unit ?? '',
      process: r.process ?? '',
      auditeeResponse: r.auditee_response,
      photos,
      otherAttachments: files.length - photos.length,
    };
  });
  // grouped by type in the order of severity, numbered order within a type
  findings.sort((a, b) => FINDING_TYPES.indexOf(a.type) - FINDING_TYPES.indexOf(b.type));

  const places = [...new Set(audit.schedule.map((s) => s.place.trim()).filter(Boolean))];

  return {
    lang,
    organisation: getSetting(ctx, 'organisationName') ?? '',
    logo: readLogo(ctx),
    audit: {
      number: audit.number, title: audit.title, type: audit.type, startDate: audit.startDate, endDate: audit.endDate,
      objectives: audit.objectives, scope: audit.scope, methods: audit.methods, sampling: audit.sampling, summary: audit.summary,
      conclusion: audit.conclusion, fulfilment: audit.fulfilment, divergingOpinions: audit.divergingOpinions,
      areasNotCovered: audit.areasNotCovered, impartialityJustification: audit.impartialityJustification,
      externalBody: audit.externalBody, auditClient: audit.auditClient, external: isExternalAudit(audit.type),
    },
    standardName,
    units: names(ctx, 'units', audit.unitIds),
    processes: names(ctx, 'processes', audit.processIds),
    places,
    leadName: team.find((m) => m.role === 'lead')?.name ?? '',
    criteria: audit.clauseNumbers.map((n) => ({ number: n, title: clauseTitle(n) })),
    otherCriteria: audit.otherCriteria,
    team,
    auditees: audit.auditeeContacts,
    schedule: audit.schedule,
    distribution: audit.distribution,
    findings,
    revision: opts.revision,
    issuedAt: opts.issuedAt,
    supersedes: opts.supersedes ?? null,
    signature: opts.signature ?? null,
    approvals: printedApprovals(
      ctx,
      [
        { kind: 'audit_plan', id: auditId },
        { kind: 'report', id: auditId },
      ],
      lang,
      formatDay,
    ),
    template: opts.template ?? readTemplate(ctx),
  };
}

/**
 * The report's facts table, one row a fact, the same in the PDF and the Word copy; `more` (the
 * overall conclusion in the Word copy) stands after the standard.
 */
export function factRows(m: ReportModel, T: ReportTexts, more: [string, string][] = []): [string, string][] {
  const a = m.audit;
  const rows: [string, string][] = [
    [T.facts.number, a.number],
    [T.facts.revision, m.revision === null ? T.draft : `${m.revision}`],
    [T.facts.type, T.auditType[a.type]],
    [T.facts.organisation, m.organisation],
    [T.facts.client, a.auditClient],
    [T.facts.units, m.units.join(', ')],
    [T.facts.processes, m.processes.join(', ')],
    [T.facts.dates, formatPeriod(a.startDate, a.endDate)],
    [T.facts.places, m.places.join(', ')],
    [T.facts.lead, m.leadName],
    [T.facts.standard, m.standardName],
    ...more,
  ];
  if (a.external && a.externalBody) rows.push([T.facts.externalBody, a.externalBody]);
  if (m.revision !== null) rows.push([T.facts.issued, formatDateTime(m.signature?.time ?? m.issuedAt)]);
  return rows;
}

/** The audit schedule as a table, its columns and relative widths the same in the PDF and the Word copy. */
export function scheduleTable(m: ReportModel, T: ReportTexts) {
  const columns = [
    { header: T.date, width: 1.75 },
    { header: T.time, width: 1.85 },
    { header: T.activity, width: 3.3 },
    { header: T.place, width: 2.4 },
    { header: T.participants, width: 2.6 },
  ];
  const rows = m.schedule.map((s) => [
    s.day,
    [s.startTime, s.endTime].filter(Boolean).join('–'),
    [T.scheduleActivity[s.activity], s.description].filter(Boolean).join(': '),
    s.place,
    s.participants,
  ]);
  return { columns, rows };
}
