import type { ApprovalSubject } from '../../../../shared/domain/approvals';
import type { Lang } from '../../../../shared/domain/common';
import { fill } from '../../../../shared/i18n/fill';
import sv from '../../../../shared/i18n/locales/sv/approvals.json';
import en from '../../../../shared/i18n/locales/en/approvals.json';
import type { ServiceContext } from '../../core/context';
import { approvalStatus } from './service';

const WORDS = { sv, en } as const;

/** What a PDF prints about approvals: a table of every decision and a one-line summary per subject. */
export interface PrintedApprovals {
  title: string;
  columns: { header: string; width: number; bold?: boolean }[];
  rows: string[][];
  empty: string;
}

/**
 * Every decision on the given subjects, oldest first, as table rows for the shared PDF writer. A
 * decision whose subject changed since is marked, so paper never claims more than stands.
 * `day` formats a timestamp the way the calling PDF prints dates.
 */
export function printedApprovals(
  ctx: ServiceContext,
  subjects: { kind: ApprovalSubject; id: string; label?: string }[],
  lang: Lang,
  day: (iso: string) => string,
): PrintedApprovals {
  const W = WORDS[lang];
  const P = W.pdf;
  const rows = subjects.flatMap((s) =>
    approvalStatus(ctx, { subjectKind: s.kind, subjectId: s.id })
      .history.slice()
      .reverse()
      .map((a) => [
        s.label ?? W.subject[s.kind],
        a.stale && a.decision === 'approved' ? `${W.decision[a.decision]} (${P.stale})` : W.decision[a.decision],
        a.approverName,
        day(a.decidedAt),
        a.comment,
      ]),
  );
  return {
    title: P.title,
    columns: [
      { header: P.subject, width: 2.1, bold: true },
      { header: P.decision, width: 1.9 },
      { header: P.approver, width: 2 },
      { header: P.date, width: 1.7 },
      { header: P.comment, width: 3.6 },
    ],
    rows,
    empty: P.none,
  };
}

/** "Approved by Karin Lindqvist, 2026-12-10", or why not, for a facts row. */
export function approvalSummary(ctx: ServiceContext, kind: ApprovalSubject, id: string, lang: Lang, day: (iso: string) => string): string {
  const P = WORDS[lang].pdf;
  const status = approvalStatus(ctx, { subjectKind: kind, subjectId: id });
  const last = status.history[0];
  if (!last) return P.notApproved;
  const params = { name: last.approverName, date: day(last.decidedAt) };
  if (status.state === 'returned') return fill(P.returnedBy, params);
  return fill(status.state === 'stale' ? P.staleSummary : P.approvedBy, params);
}
