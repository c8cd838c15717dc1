import type { ParsedInputOf } from '../../../../shared/contract';
import type { Lang } from '../../../../shared/domain/common';
import type { ManagementReview } from '../../../../shared/domain/managementReview';
import { AppError } from '../../../../shared/errors';
import { assertRevision, mutate, timestamp, type ServiceContext } from '../../core/context';
import { getSetting } from '../../core/settings';
import type { SignaturePlaceholderOptions } from '../../signing';
import { addAction, createCase } from '../cases';
import { getReview, sha256 } from './records';
import { renderReviewPdf } from './pdf';
import { reviewTexts } from './texts';

/** Whole seconds: the CMS signing time and the printed time must be the same instant. */
const toSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

/**
 * Each decision with an action becomes a corrective-action case of source "management_review",
 * detected on the meeting day, owned by the action's owner, with the action on it. Returns the
 * case numbers by output id. Runs inside the caller's transaction.
 */
function createCases(ctx: ServiceContext, review: ManagementReview): Map<string, string> {
  const numbers = new Map<string, string>();
  for (const o of review.outputs) {
    if (!o.action || o.caseId) continue;
    const c = createCase(ctx, {
      title: o.decision.length > 200 ? `${o.decision.slice(0, 199)}…` : o.decision,
      description: o.decision,
      source: 'management_review',
      sourceReference: review.title.slice(0, 120),
      severity: 'minor',
      unitId: o.unitId ?? '',
      processId: null,
      clauseNumbers: ['9.3.3'],
      ownerId: o.ownerId,
      detectedOn: review.meetingDate,
      dueDate: o.dueDate,
    });
    addAction(ctx, { id: c.id, revision: c.revision, fields: { description: o.action, ownerId: o.ownerId ?? '', dueDate: o.dueDate ?? '' } });
    ctx.db.prepare('UPDATE management_review_outputs SET case_id = ?, updated_at = ?, revision = revision + 1 WHERE id = ?').run(c.id, timestamp(ctx), o.id);
    numbers.set(o.id, c.number);
  }
  return numbers;
}

class RolledBack<T> {
  constructor(readonly value: T) {}
}

/** What `fn` would produce, with everything it wrote rolled back. */
function dryRun<T>(ctx: ServiceContext, fn: () => T): T {
  try {
    ctx.db.transaction(() => {
      throw new RolledBack(fn());
    })();
  } catch (e) {
    if (e instanceof RolledBack) return e.value as T;
    throw e;
  }
  throw new Error('unreachable');
}

export async function previewReview(ctx: ServiceContext, id: string, lang: Lang): Promise<{ fileName: string; pdf: Buffer }> {
  const review = getReview(ctx, id);
  const numbers = review.status === 'draft' ? new Map<string, string>() : null;
  const pdf = await renderReviewPdf(ctx, review, { lang, now: toSecond(ctx.now()), caseNumbers: numbers, signature: null });
  return { fileName: fileNameOf(review, lang), pdf };
}

const fileNameOf = (review: ManagementReview, lang: Lang): string =>
  `${reviewTexts(lang).title} ${review.meetingDate}.pdf`.replace(/[\\/:*?"<>|]/g, '-');

/**
 * Issues the review: checks the identity before any work, learns the case numbers the actions will
 * get (a rolled-back rehearsal), prints and signs the minutes with them, then in one transaction
 * creates the cases, stores the signed bytes and their SHA-256 and locks the review. A change in
 * the meantime (to the review, or another case numbered first) is a conflict with nothing stored.
 */
export async function issueReview(
  ctx: ServiceContext,
  input: Pick<ParsedInputOf<'managementReview.issue'>, 'id' | 'revision' | 'lang'>,
  key: { p12: Buffer; passphrase: string },
): Promise<ManagementReview> {
  const review = getReview(ctx, input.id);
  if (review.revision !== input.revision) throw new AppError('conflict', { id: review.id, expected: input.revision, actual: review.revision });
  if (review.status !== 'draft') throw new AppError('locked', { reason: 'review_issued', id: review.id, title: review.title });
  const [{ inspectIdentity }, { signPdf }] = await Promise.all([import('../../signing/identity-open'), import('../../signing/sign-pdf')]);
  const signingTime = toSecond(ctx.now());
  const signer = inspectIdentity(key.p12, key.passphrase, signingTime);
  const planned = dryRun(ctx, () => createCases(ctx, review));
  const organisation = getSetting(ctx, 'organisationName') ?? '';
  const signature: SignaturePlaceholderOptions = {
    reason: review.title,
    name: signer.subjectName,
    location: organisation,
    contactInfo: signer.email ?? '',
    signingTime,
  };
  const pdf = await renderReviewPdf(ctx, review, { lang: input.lang, now: signingTime, caseNumbers: planned, signature, signerName: signer.subjectName });
  const signed = await signPdf(pdf, key.p12, key.passphrase, { signingTime });
  const hash = sha256(signed);

  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'management_reviews', review.id, review.revision);
    const made = createCases(ctx, review);
    const same = made.size === planned.size && [...made].every(([k, v]) => planned.get(k) === v);
    if (!same) throw new AppError('conflict', { id: review.id, reason: 'case_numbers_taken' });
    const now = timestamp(ctx);
    ctx.db
      .prepare(
        `INSERT INTO management_review_files (review_id, lang, file_name, pdf, size, sha256, issued_at, signer_name, signer_fingerprint, created_at)
         VALUES (?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(review.id, input.lang, fileNameOf(review, input.lang), signed, signed.length, hash, signingTime.toISOString(), signer.subjectName,
        signer.fingerprintSha256, now);
    ctx.db
      .prepare(`UPDATE management_reviews SET status='issued', issued_at=?, issued_by=?, sha256=?, updated_at=?, revision=revision+1 WHERE id=?`)
      .run(signingTime.toISOString(), ctx.actor, hash, now, review.id);
    const issued = getReview(ctx, review.id);
    trail({
      entity: 'management_review', entityId: review.id, action: 'issue',
      after: { sha256: hash, signer: signer.subjectName, cases: Object.fromEntries(made) },
    });
    return issued;
  });
}
