import { z } from 'zod';
import { call } from './define';
import type { DeliveredFile } from './files';
import { id, isoDay, LANGS } from '../domain/common';
import {
  reviewFields,
  reviewUpdate,
  trendsQuery,
  type ManagementReview,
  type ManagementReviewSummary,
  type ReviewPrefill,
  type Trends,
} from '../domain/managementReview';

const lang = z.enum(LANGS, { message: 'choose' });
const revision = z.number().int().min(1);

/** Management review (ISO 9001 9.3): the meeting record, its signed PDF, and the trends it looks at. */
export const managementReviewCalls = {
  'managementReview.list': call<ManagementReviewSummary[]>()(z.object({}).default({})),
  'managementReview.get': call<ManagementReview>()(z.object({ id })),
  /** What Granska knows for each 9.3.2 input of a period, as lines a new review starts from. */
  'managementReview.prefill': call<ReviewPrefill>()(
    z.object({ from: isoDay, to: isoDay, lang }).refine((v) => v.from <= v.to, { message: 'end_before_start', path: ['to'] }),
  ),
  /** A new draft; inputs left empty are filled from Granska's data for the period. */
  'managementReview.create': call<ManagementReview>()(z.object({ lang, fields: reviewFields })),
  'managementReview.update': call<ManagementReview>()(reviewUpdate),
  'managementReview.remove': call<null>()(z.object({ id, revision })),
  /** The unsigned PDF as it would be issued now, for reading before signing. */
  'managementReview.preview': call<DeliveredFile>()(z.object({ id, lang })),
  /** Signs and stores the PDF, turns the outputs' actions into cases, and locks the review. */
  'managementReview.issue': call<ManagementReview>()(
    z.object({
      id,
      revision,
      lang,
      identityId: id,
      /** Never trimmed: a passphrase is exactly what was typed. */
      passphrase: z.string().min(1, { message: 'required' }).max(1024, { message: 'too_long' }),
    }),
  ),
  /** The issued PDF exactly as signed. */
  'managementReview.pdf': call<DeliveredFile>()(z.object({ id })),
  'managementReview.trends': call<Trends>()(trendsQuery),
};
