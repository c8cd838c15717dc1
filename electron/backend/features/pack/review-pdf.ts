import type { Lang } from '../../../../shared/domain/common';
import type { SignaturePlaceholderOptions } from '../../signing';
import { reportTexts, formatDay, formatPeriod } from '../reports';
import type { ReviewData } from './review-data';
import { fill, packTexts } from './texts';

/**
 * The management review inputs (ISO 9001:2015 9.3.2 a–f) as a PDF on the shared writer: every item
 * the standard lists, in its order, with Granska's data where it has some and a plain "take this
 * from …" where it has none, so nothing is silently missing from the review.
 */
export async function reviewPdf(
  data: ReviewData,
  opts: { lang: Lang; organisation: string; now: Date; signature: SignaturePlaceholderOptions | null },
): Promise<Buffer> {
  const { COLOR, PdfWriter, SIZE } = await import('../../pdf/writer');
  const P = packTexts(opts.lang).review;
  const T = reportTexts(opts.lang);
  const period = formatPeriod(data.from, data.to);
  const w = new PdfWriter({
    lang: opts.lang,
    title: `${P.title} ${period}`,
    author: opts.organisation,
    subject: `${P.docType}, ${period}`,
    created: opts.now,
    chrome: { headerLeft: opts.organisation, headerRight: period, footerLeft: `${P.docType} · ${P.printed} ${formatDay(opts.now)}`, pageOf: T.pageOf },
  });
  w.letterhead(opts.organisation, null, P.docType);
  w.text(P.title, { bold: true, size: SIZE.h1, color: COLOR.ink, tag: 'H1' });
  w.gap(4);
  w.facts([
    [P.period, period],
    [P.printed, formatDay(opts.now)],
  ]);
  w.paragraph(P.intro, '');
  const missing = (source: string) => w.paragraph('', fill(P.notInGranska, { source }));
  const count = (n: number) => String(n);

  w.section('a', P.a.slice(3));
  missing(P.aSource);
  w.section('b', P.b.slice(3));
  missing(P.bSource);

  w.section('c', P.c.slice(3), 120);
  w.subheading(P.c1, 20);
  missing(P.c1Source);
  w.subheading(P.c2, 20);
  missing(P.c2Source);
  w.subheading(P.c3);
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
  missing(P.c5Source);
  w.subheading(P.c6);
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
  w.table(auditColumns, auditRows(data.audits.filter((a) => a.type === 'supplier')), { empty: P.noSupplierAudits, size: 8.2 });

  w.section('d', P.d.slice(3));
  missing(P.dSource);
  w.section('e', P.e.slice(3));
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
  if (data.ofis.length) w.list(data.ofis.map((o) => `${o.number}: ${o.statement}`), { color: COLOR.ink });
  else w.paragraph('', P.noOfis);
  if (opts.signature) {
    w.gap(10);
    w.text(P.signedNote, { size: SIZE.small, color: COLOR.muted });
  }
  return w.finish(opts.signature);
}
