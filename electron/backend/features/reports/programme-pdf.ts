import type { ParsedInputOf } from '../../../../shared/contract';
import { auditLead, auditYear, isExternalAudit } from '../../../../shared/domain/audits';
import { cycleLabel } from '../../../../shared/domain/programme';
import { AppError } from '../../../../shared/errors';
import { approvalSummary, printedApprovals } from '../approvals';
import { listAudits, programmeCoverage, getProgramme, loadStandard } from '../audits';
import type { ServiceContext } from '../../core/context';
import { getSetting } from '../../core/settings';
import { prepareImage } from '../../images/report-image';
import { runPdfJob } from '../../pdf/crash-guard';
import { readLogo } from './logo';
import { formatDay, formatPeriod, reportTexts } from './texts';

/**
 * One year of the audit programme on paper, for management to approve (ISO 9001 9.2.2; ISO 19011
 * 5.5): objectives, the planned audits with scope, criteria, timing and lead, what the cycle still
 * leaves uncovered, and the approval, recorded or with lines to sign.
 */
export function programmePdf(ctx: ServiceContext, input: ParsedInputOf<'reports.programmePdf'>): Promise<{ fileName: string; pdf: Buffer }> {
  return runPdfJob(() => writeProgramme(ctx, input));
}

async function writeProgramme(ctx: ServiceContext, { programmeId, year, lang }: ParsedInputOf<'reports.programmePdf'>): Promise<{ fileName: string; pdf: Buffer }> {
  // pdfkit loads on first use, so opening the app does not wait for it.
  const { COLOR, PdfWriter, SIZE } = await import('../../pdf/writer');
  const T = reportTexts(lang);
  const P = T.programme;
  const programme = getProgramme(ctx, programmeId);
  const yearRow = programme.years.find((y) => y.year === year);
  if (!yearRow) throw new AppError('not_found', { programmeId, year });
  const standard = (() => {
    try {
      return loadStandard(programme.standardId);
    } catch {
      return null;
    }
  })();
  const clauseTitle = (n: string) => standard?.clauses.find((c) => c.number === n)?.title[lang] ?? '';
  const personName = (id: string | null) =>
    id ? ((ctx.db.prepare('SELECT name FROM people WHERE id = ?').pluck().get(id) as string | undefined) ?? '') : '';
  const unitName = ctx.db.prepare('SELECT name FROM units WHERE id = ?').pluck();
  const processName = ctx.db.prepare('SELECT name FROM processes WHERE id = ?').pluck();
  const audits = listAudits(ctx, { year, search: '' }).filter(
    (a) => a.programmeId === programme.id || (a.programmeId === null && a.standardId === programme.standardId && auditYear(a) === year),
  );
  const organisation = getSetting(ctx, 'organisationName') ?? '';
  const now = new Date(Math.floor(ctx.now().getTime() / 1000) * 1000);
  const standardName = standard?.name[lang] ?? programme.standardId;
  const title = P.title(year);

  const w = new PdfWriter({
    lang,
    title: `${title} – ${programme.title}`,
    author: organisation,
    subject: `${programme.title}, ${cycleLabel(programme)}`,
    created: now,
    landscape: true,
    chrome: {
      headerLeft: organisation,
      headerRight: `${title} · ${programme.title}`,
      footerLeft: `${title} · ${P.printed} ${formatDay(now)}`,
      pageOf: T.pageOf,
    },
  });

  const logo = readLogo(ctx);
  w.letterhead(organisation, logo && (await prepareImage(logo.key, logo.data, 'logo')), `${P.docType} · ${year}`);
  w.label(`${P.docType} · ${standardName}`, w.left, w.width, COLOR.brand);
  w.gap(2);
  w.text(title, { bold: true, size: SIZE.h1, color: COLOR.ink, tag: 'H1' });
  w.gap(3);
  const cycle = `${P.cycle} ${cycleLabel(programme)}`;
  w.text(programme.title.includes(cycleLabel(programme)) ? programme.title : `${programme.title} · ${cycle}`, { size: 10.5, color: COLOR.muted });
  w.gap(12);
  w.facts([
    [P.year, String(year)],
    [P.cycle, cycleLabel(programme)],
    [P.standard, standardName],
    [P.lead, personName(yearRow.leadPersonId ?? programme.leadPersonId)],
    [P.planned, P.auditsCount(audits.length)],
    [P.approval, approvalSummary(ctx, 'programme_year', yearRow.id, lang, formatDay)],
  ]);

  let n = 0;
  const section = (text: string, keep?: number) => w.section(String(++n), text, keep);
  section(P.programmeObjectives);
  w.paragraph(programme.objectives, T.noneRecorded);
  section(P.yearObjectives);
  w.paragraph(yearRow.objectives, T.noneRecorded);

  section(P.planned, 80);
  w.table(
    [
      { header: P.number, width: 1.35, bold: true },
      { header: P.audit, width: 3 },
      { header: P.scope, width: 3.2 },
      { header: P.clauses, width: 2 },
      { header: P.period, width: 2 },
      { header: T.facts.lead, width: 1.7 },
      { header: P.status, width: 1.45 },
    ],
    audits.map((a) => [
      a.number,
      isExternalAudit(a.type) || a.type === 'supplier' ? `${a.title} (${T.auditType[a.type]})` : a.title,
      [...a.unitIds.map((id) => unitName.get(id) as string | undefined), ...a.processIds.map((id) => processName.get(id) as string | undefined)]
        .filter(Boolean)
        .join(', '),
      a.clauseNumbers.join(', '),
      formatPeriod(a.startDate, a.endDate),
      personName(auditLead(a)),
      P.statusLabel[a.status] ?? a.status,
    ]),
    { empty: P.noAudits, size: 8.2 },
  );

  section(P.coverage, 60);
  const coverage = programmeCoverage(ctx, { programmeId, year: null });
  const gaps = coverage.gaps;
  const risk = ctx.db.prepare('SELECT name FROM processes WHERE id = ?').pluck();
  if (!gaps.clauses.length && !gaps.processes.length && !gaps.underAudited.length) {
    w.paragraph(P.coverageComplete, '');
  } else {
    if (gaps.clauses.length) {
      w.subheading(P.uncoveredClauses, 20);
      w.paragraph(gaps.clauses.map((c) => `${c} ${clauseTitle(c)}`.trim()).join('\n'), '');
    }
    if (gaps.processes.length) {
      w.subheading(P.unauditedProcesses, 20);
      w.paragraph(gaps.processes.map((id) => (risk.get(id) as string | undefined) ?? id).join('\n'), '');
    }
    if (gaps.underAudited.length) {
      w.subheading(P.underAudited, 20);
      w.paragraph(
        gaps.underAudited
          .map((g) => `${(risk.get(g.processId) as string | undefined) ?? g.processId} (${P.risk[g.riskLevel]}): ${P.plannedYears(g.planned, g.required)}`)
          .join('\n'),
        '',
      );
    }
  }

  section(P.approvalSection, 150);
  w.paragraph(P.approvalText, '');
  // Every recorded decision on the programme and this year's plan, then lines to sign by hand.
  const approvals = printedApprovals(
    ctx,
    [
      { kind: 'programme', id: programme.id },
      { kind: 'programme_year', id: yearRow.id },
    ],
    lang,
    formatDay,
  );
  w.table(approvals.columns, approvals.rows, { empty: approvals.empty, size: 8.6 });
  w.gap(26);
  const colW = (w.width - 24) / 3;
  const y = w.y;
  [P.signatureLine, P.nameLine, P.dateLine].forEach((label, i) => {
    const x = w.left + i * (colW + 12);
    w.rule(y, x, x + colW, COLOR.ink, 0.7);
    w.y = y + 4;
    w.label(label, x, colW);
  });
  w.y = y + 20;

  const pdf = await w.finish(null);
  return { fileName: `${P.title(year)}.pdf`, pdf };
}
