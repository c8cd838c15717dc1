import type { Handlers } from '../../router';
import { identityForSigning } from '../reports';
import { createReview, getReview, issuedFile, listReviews, prefill, removeReview, updateReview } from './records';
import { issueReview, previewReview } from './issue';
import { trends } from './trends';

type ManagementReviewCall =
  | 'managementReview.list' | 'managementReview.get' | 'managementReview.prefill' | 'managementReview.create' | 'managementReview.update'
  | 'managementReview.remove' | 'managementReview.preview' | 'managementReview.issue' | 'managementReview.pdf' | 'managementReview.trends';

export const managementReviewHandlers: Handlers<ManagementReviewCall> = {
  'managementReview.list': (_i, b) => listReviews(b.ctx()),
  'managementReview.get': (i, b) => getReview(b.ctx(), i.id),
  'managementReview.prefill': (i, b) => prefill(b.ctx(), i.from, i.to, i.lang),
  'managementReview.create': (i, b) => createReview(b.ctx(), i.fields, i.lang),
  'managementReview.update': (i, b) => updateReview(b.ctx(), i),
  'managementReview.remove': (i, b) => removeReview(b.ctx(), i),
  'managementReview.preview': async (i, b) => {
    const { fileName, pdf } = await previewReview(b.ctx(), i.id, i.lang);
    return b.deliverFile(fileName, 'application/pdf', pdf);
  },
  'managementReview.issue': async (i, b) => {
    const ctx = b.ctx();
    const p12 = await identityForSigning(ctx, i.identityId, i.passphrase);
    return issueReview(ctx, i, { p12, passphrase: i.passphrase });
  },
  'managementReview.pdf': (i, b) => {
    const { fileName, pdf } = issuedFile(b.ctx(), i.id);
    return b.deliverFile(fileName, 'application/pdf', pdf);
  },
  'managementReview.trends': (q, b) => trends(b.ctx(), q),
};
