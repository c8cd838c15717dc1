import type { Lang } from '../../../../shared/domain/common';
import type { ManagementReview } from '../../../../shared/domain/managementReview';
import type { ServiceContext } from '../../core/context';
import { getSetting } from '../../core/settings';
import type { SignaturePlaceholderOptions } from '../../signing';
import { reviewData, reviewPdf } from '../pack';
import { trends } from './trends';
import { reviewTexts } from './texts';

/**
 * The minutes: the pack's 9.3.2 inputs document (Granska's data per input) with the meeting's own
 * words beside each input, the 9.3.3 outputs with their cases, and the trends of the last years up
 * to the end of the period. `caseNumbers` null: the cases exist (issued) and carry their numbers.
 */
export async function renderReviewPdf(
  ctx: ServiceContext,
  review: ManagementReview,
  opts: { lang: Lang; now: Date; caseNumbers: Map<string, string> | null; signature: SignaturePlaceholderOptions | null; signerName?: string },
): Promise<Buffer> {
  const M = reviewTexts(opts.lang);
  const name = (table: 'people' | 'units', id: string | null) =>
    id ? ((ctx.db.prepare(`SELECT name FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? '') : '';
  const toYear = Number(review.periodTo.slice(0, 4));
  return reviewPdf(reviewData(ctx, review.periodFrom, review.periodTo), {
    lang: opts.lang,
    organisation: getSetting(ctx, 'organisationName') ?? '',
    now: opts.now,
    signature: opts.signature,
    record: {
      title: review.title,
      meetingDate: review.meetingDate,
      participants: review.participantIds.map((p) => name('people', p)).filter(Boolean),
      otherParticipants: review.otherParticipants,
      inputs: review.inputs,
      conclusions: review.conclusions,
      outputs: review.outputs.map((o) => ({
        kind: M.kind[o.kind],
        decision: o.decision,
        action: o.action,
        owner: name('people', o.ownerId),
        unit: name('units', o.unitId),
        due: o.dueDate ?? '',
        caseNumber: o.caseNumber ?? opts.caseNumbers?.get(o.id) ?? '',
      })),
      signerName: opts.signerName ?? null,
    },
    trends: trends(ctx, { toYear, topClauses: 8 }),
  });
}
