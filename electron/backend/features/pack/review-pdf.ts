import type { Lang } from '../../../../shared/domain/common';
import type { SignaturePlaceholderOptions } from '../../signing';
import { reportTexts, formatDay, formatPeriod } from '../reports';
import type { ReviewInputKey, Trends } from '../../../../shared/domain/managementReview';
import mrSv from '../../../../shared/i18n/locales/sv/managementReview.json';
import mrEn from '../../../../shared/i18n/locales/en/managementReview.json';
import type { PdfWriter } from '../../pdf/writer';
import type { ReviewData } from './review-data';
import { fill, packTexts } from './texts';

/** The meeting's own record, when the inputs are printed as the minutes of a management review. */
export interface ReviewRecord {
  title: string;
  meetingDate: string;
  participants: string[];
  otherParticipants: string;
  /** What the meeting wrote for each input, printed above Granska's data for it. */
  inputs: Record<ReviewInputKey, string>;
  conclusions: string;
  outputs: { kind: string; decision: string; action: string; owner: string; unit: string; due: string; caseNumber: string }[];
  signerName: string | null;
}

/** Chart colours: the brand teal and tones that stay apart in greyscale print. */
const SERIES = { major_nc: '#b3261e', minor_nc: '#e07b39', observation: '#d9b44a', ofi: '#3f8fa3', strength: '#5a9a5e', a: '#005f6e', b: '#b3261e' } as const;

/**
 * The management review inputs (ISO 9001:2015 9.3.2 a–f) as a PDF on the shared writer: every item
 * the standard lists, in its order, with Granska's data where it has some and a plain "take this
 * from …" where it has none, so nothing is silently missing from the review. With a `record` it is
 * the review's minutes: the meeting, its words per input, the 9.3.3 outputs; with `trends`, charts.
 */
export async function reviewPdf(
  data: ReviewData,
  opts: {
    lang: Lang;
    organisation: string;
    now: Date;
    signature: SignaturePlaceholderOptions | null;
    record?: ReviewRecord;
    trends?: Trends;
  },
): Promise<Buffer> {
  const { COLOR, PdfWriter, SIZE } = await import('../../pdf/writer');
  const P = packTexts(opts.lang).review;
  const M = opts.lang === 'sv' ? mrSv : mrEn;
  const T = reportTexts(opts.lang);
  const record = opts.record;
  const period = formatPeriod(data.from, data.to);
  const docType = record ? M.docType : P.docType;
  const title = record ? record.title : P.title;
  const w = new PdfWriter({
    lang: opts.lang,
    title: record ? title : `${P.title} ${period}`,
    author: opts.organisation,
    subject: `${docType}, ${period}`,
    created: opts.now,
    chrome: { headerLeft: opts.organisation, headerRight: period, footerLeft: `${docType} · ${P.printed} ${formatDay(opts.now)}`, pageOf: T.pageOf },
  });
  w.letterhead(opts.organisation, null, docType);
  w.text(title, { bold: true, size: SIZE.h1, color: COLOR.ink, tag: 'H1' });
  w.gap(4);
  if (record) {
    w.facts([
      [M.fields.meetingDate, formatDay(new Date(`${record.meetingDate}T12:00:00Z`))],
      [P.period, period],
      [M.fields.participants, record.participants.join(', ') || '–'],
      ...(record.otherParticipants ? ([[M.fields.otherParticipants, record.otherParticipants]] as [string, string][]) : []),
      [P.printed, formatDay(opts.now)],
    ]);
    w.paragraph(M.intro, '');
  } else {
    w.facts([
      [P.period, period],
      [P.printed, formatDay(opts.now)],
    ]);
    w.paragraph(P.intro, '');
  }
  // the meeting's words for an input come first; Granska's data for it follows
  const said = (key: ReviewInputKey) => {
    const text = record?.inputs[key].trim();
    if (text) w.paragraph(text, '');
  };
  const missing = (source: string, key?: ReviewInputKey) => {
    if (key && record?.inputs[key].trim()) return said(key);
    w.paragraph('', fill(P.notInGranska, { source }));
  };
  const count = (n: number) => String(n);

  w.section('a', P.a.slice(3));
  missing(P.aSource, 'a');
  w.section('b', P.b.slice(3));
  missing(P.bSource, 'b');

  w.section('c', P.c.slice(3), 120);
  w.subheading(P.c1, 20);
  missing(P.c1Source, 'c1');
  w.subheading(P.c2, 20);
  missing(P.c2Source, 'c2');
  w.subheading(P.c3);
  said('c3');
  w.table(
    [
      { header: P.process, width: 3.4, bold: true },
      { header: P.risk, width: 1.6 },
      { header: P.nonconformities, width: 1.5 },
      { header: P.observations, width: 1.6 },
      { header: P.ofis, width: 2.5 },
    ],
    data.processes.map((p) => [p.name, T.programme.risk[p.risk] ?? p.risk, count(p.nonconformities), count(p.observations), count(p.ofis)]),
    { empty: P.noProcessFindings },
  );
  w.subheading(P.c4, 40);
  said('c4');
  w.list(
    [
      fill(P.casesDetected, { count: data.cases.detected }),
      fill(P.casesClosed, { count: data.cases.closed }),
      fill(P.casesOpen, { count: data.cases.open, overdue: data.cases.overdue }),
      fill(P.effectiveness, { effective: data.cases.effective, notEffective: data.cases.notEffective }),
    ],
    { color: COLOR.ink },
  );
  w.gap(6);
  w.subheading(P.c5, 20);
  missing(P.c5Source, 'c5');
  w.subheading(P.c6);
  said('c6');
  w.paragraph(fill(P.programme, { done: data.audits.length, planned: data.plannedInPeriod }), '');
  const auditRows = (list: ReviewData['audits']) =>
    list.map((a) => [
      a.number,
      a.title,
      T.programme.statusLabel[a.status] ?? a.status,
      a.fulfilment ? T.fulfilment[a.fulfilment] : '–',
      `${a.nonconformities} / ${a.observations} / ${a.ofis} / ${a.strengths}`,
    ]);
  const auditColumns = [
    { header: P.audit, width: 1.5, bold: true },
    { header: P.auditTitle, width: 3.1 },
    { header: P.status, width: 1.6 },
    { header: P.fulfilment, width: 2 },
    { header: `${P.nonconformities} / ${P.observations} / ${P.ofis} / ${T.findingGroup.strength}`, width: 2.4 },
  ];
  w.table(auditColumns, auditRows(data.audits), { empty: P.noAudits, size: 8.2 });
  w.subheading(P.c7);
  said('c7');
  w.table(auditColumns, auditRows(data.audits.filter((a) => a.type === 'supplier')), { empty: P.noSupplierAudits, size: 8.2 });

  w.section('d', P.d.slice(3));
  missing(P.dSource, 'd');
  w.section('e', P.e.slice(3));
  said('e');
  w.subheading(P.highRisk, 20);
  w.table(
    [
      { header: P.process, width: 4, bold: true },
      { header: P.status, width: 2 },
    ],
    data.highRisk.map((p) => [p.name, p.audited ? P.audited : P.notAudited]),
    { empty: P.noHighRisk },
  );
  w.section('f', P.f.slice(3));
  said('f');
  if (data.ofis.length) w.list(data.ofis.map((o) => `${o.number}: ${o.statement}`), { color: COLOR.ink });
  else w.paragraph('', P.noOfis);
  if (record) {
    w.section('', M.sections.outputs, 80);
    w.subheading(M.fields.conclusions, 20);
    w.paragraph(record.conclusions, '–');
    w.table(
      [
        { header: M.output.decision, width: 3.6 },
        { header: M.output.action.replace(/\s*\(.*\)$/, ''), width: 3.2 },
        { header: M.output.owner, width: 1.7 },
        { header: M.output.due, width: 1.6 },
        { header: M.output.case, width: 1.8 },
      ],
      record.outputs.map((o) => [`${o.kind}: ${o.decision}`, o.action ? `${o.action}${o.unit ? ` (${o.unit})` : ''}` : '', o.owner, o.due, o.caseNumber]),
      { empty: M.output.none, size: 8.2 },
    );
  }
  if (opts.trends) trendSection(w, opts.trends, opts.lang);
  if (opts.signature) {
    w.gap(10);
    w.text(P.signedNote, { size: SIZE.small, color: COLOR.muted });
  }
  return w.finish(opts.signature);
}


/**
 * Trends as charts, each a Figure whose alt text says what it shows and its numbers, and each
 * followed by the same numbers as a table.
 */
function trendSection(w: PdfWriter, t: Trends, lang: Lang): void {
  const M = (lang === 'sv' ? mrSv : mrEn).trends;
  const T = reportTexts(lang);
  const years = t.years.map(String);
  w.section('', `${M.title} ${fill(M.years, { from: t.fromYear, to: t.toYear })}`, 160);
  const summary = (rows: string[]) => rows.join('; ');

  w.subheading(M.findingsByType, 150);
  const types = ['major_nc', 'minor_nc', 'observation', 'ofi', 'strength'] as const;
  const typeLabel = (k: (typeof types)[number]) => T.findingGroup[k] ?? k;
  w.barChart({
    alt: fill(M.findingsByTypeAlt, { summary: summary(t.findingsByType.map((r) => `${r.year}: ${types.map((k) => `${typeLabel(k)} ${r[k]}`).join(', ')}`)) }),
    categories: years,
    series: types.map((k) => ({ label: typeLabel(k), color: SERIES[k], values: t.findingsByType.map((r) => r[k]) })),
  });
  w.table(
    [{ header: M.year, width: 1, bold: true }, ...types.map((k) => ({ header: typeLabel(k), width: 1.3 }))],
    t.findingsByType.map((r) => [String(r.year), ...types.map((k) => String(r[k]))]),
    { size: 8 },
  );

  const perYearTable = (rows: { name: string; total: number; perYear: Record<number, number> }[], header: string) =>
    w.table(
      [{ header, width: 3, bold: true }, ...t.years.map((y) => ({ header: String(y), width: 1 })), { header: M.total, width: 1 }],
      rows.map((r) => [r.name, ...t.years.map((y) => String(r.perYear[y] ?? 0)), String(r.total)]),
      { empty: M.none, size: 8 },
    );

  w.subheading(M.topClauses, 150);
  if (t.topClauses.length) {
    w.barChart({
      alt: fill(M.topClausesAlt, { summary: summary(t.topClauses.map((c) => `${c.clause}: ${c.total}`)) }),
      categories: t.topClauses.map((c) => c.clause),
      series: [{ label: M.total, color: SERIES.a, values: t.topClauses.map((c) => c.total) }],
    });
  }
  perYearTable(t.topClauses.map((c) => ({ name: c.clause, total: c.total, perYear: c.perYear })), M.clause);

  w.subheading(M.byUnit, 150);
  if (t.byUnit.length) {
    w.barChart({
      alt: fill(M.byUnitAlt, { summary: summary(t.byUnit.map((u) => `${u.unit}: ${u.total}`)) }),
      categories: t.byUnit.map((u) => u.unit || M.noUnit),
      series: [{ label: M.total, color: SERIES.a, values: t.byUnit.map((u) => u.total) }],
    });
  }
  perYearTable(t.byUnit.map((u) => ({ name: u.unit || M.noUnit, total: u.total, perYear: u.perYear })), M.unit);

  w.subheading(M.closure, 150);
  const days = (n: number | null) => (n === null ? '–' : String(n));
  w.barChart({
    alt: fill(M.closureAlt, { summary: summary(t.closure.map((c) => `${c.year}: ${M.closed} ${c.closed}, ${M.median} ${days(c.medianDays)}, ${M.mean} ${days(c.meanDays)}`)) }),
    categories: years,
    series: [
      { label: M.median, color: SERIES.a, values: t.closure.map((c) => c.medianDays ?? 0) },
      { label: M.mean, color: SERIES.ofi, values: t.closure.map((c) => c.meanDays ?? 0) },
    ],
  });
  w.table(
    [{ header: M.year, width: 1, bold: true }, { header: M.closed, width: 1 }, { header: M.median, width: 1 }, { header: M.mean, width: 1 }],
    t.closure.map((c) => [String(c.year), String(c.closed), days(c.medianDays), days(c.meanDays)]),
    { size: 8 },
  );

  w.subheading(M.overdue, 150);
  if (t.overdue.length) {
    w.barChart({
      alt: fill(M.overdueAlt, { summary: summary(t.overdue.map((o) => `${o.at}: ${M.open} ${o.open}, ${M.overdueCount} ${o.overdue}`)) }),
      categories: t.overdue.map((o) => fill(M.quarter, { q: Math.ceil(Number(o.at.slice(5, 7)) / 3), yy: o.at.slice(2, 4) })),
      series: [
        { label: M.open, color: SERIES.a, values: t.overdue.map((o) => o.open) },
        { label: M.overdueCount, color: SERIES.b, values: t.overdue.map((o) => o.overdue) },
      ],
    });
  }
  w.table(
    [{ header: M.at, width: 1.4, bold: true }, { header: M.open, width: 1 }, { header: M.overdueCount, width: 1 }],
    t.overdue.map((o) => [o.at, String(o.open), String(o.overdue)]),
    { empty: M.none, size: 8 },
  );
}
