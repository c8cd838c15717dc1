import crypto from 'node:crypto';
import type { ParsedInputOf } from '../../../../shared/contract';
import type { Lang } from '../../../../shared/domain/common';
import {
  REVIEW_INPUTS,
  type ManagementReview,
  type ManagementReviewSummary,
  type ReviewInputKey,
  type ReviewOutput,
  type ReviewPrefill,
} from '../../../../shared/domain/managementReview';
import { fill } from '../../../../shared/i18n/fill';
import caseLabelsSv from '../../../../shared/i18n/locales/sv/cases.json';
import caseLabelsEn from '../../../../shared/i18n/locales/en/cases.json';
import { AppError } from '../../../../shared/errors';
import { assertRevision, fieldError, mutate, timestamp, type ServiceContext } from '../../core/context';
import { packTexts, reviewData } from '../pack';
import { reportTexts } from '../reports';
import { reviewTexts } from './texts';

// ---- reading -------------------------------------------------------------------------------------

type ReviewRow = {
  id: string; title: string; meeting_date: string; period_from: string; period_to: string; participants_json: string;
  other_participants: string; conclusions: string; status: 'draft' | 'issued'; issued_at: string | null; issued_by: string | null;
  sha256: string | null; created_at: string; updated_at: string; revision: number;
} & Record<`input_${ReviewInputKey}`, string>;

interface OutputRow {
  id: string; review_id: string; position: number; kind: ReviewOutput['kind']; decision: string; action: string; unit_id: string | null;
  owner_person_id: string | null; due_date: string | null; case_id: string | null; case_number: string | null;
}

function outputsOf(ctx: ServiceContext, reviewId: string): ReviewOutput[] {
  const rows = ctx.db
    .prepare(
      `SELECT o.*, c.number AS case_number FROM management_review_outputs o LEFT JOIN cases c ON c.id = o.case_id
       WHERE o.review_id = ? ORDER BY o.position`,
    )
    .all(reviewId) as OutputRow[];
  return rows.map((r) => ({
    id: r.id, position: r.position, kind: r.kind, decision: r.decision, action: r.action, unitId: r.unit_id, ownerId: r.owner_person_id,
    dueDate: r.due_date, caseId: r.case_id, caseNumber: r.case_number,
  }));
}

export function getReview(ctx: ServiceContext, id: string): ManagementReview {
  const r = ctx.db.prepare('SELECT * FROM management_reviews WHERE id = ?').get(id) as ReviewRow | undefined;
  if (!r) throw new AppError('not_found', { id });
  const fileName = ctx.db.prepare('SELECT file_name FROM management_review_files WHERE review_id = ?').pluck().get(id) as string | undefined;
  return {
    id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision, title: r.title, meetingDate: r.meeting_date,
    periodFrom: r.period_from, periodTo: r.period_to, participantIds: JSON.parse(r.participants_json) as string[],
    otherParticipants: r.other_participants,
    inputs: Object.fromEntries(REVIEW_INPUTS.map((k) => [k, r[`input_${k}`]])) as Record<ReviewInputKey, string>,
    conclusions: r.conclusions, status: r.status, issuedAt: r.issued_at, issuedBy: r.issued_by, sha256: r.sha256,
    fileName: fileName ?? null, outputs: outputsOf(ctx, id),
  };
}

export function listReviews(ctx: ServiceContext): ManagementReviewSummary[] {
  const rows = ctx.db
    .prepare(
      `SELECT r.id, r.title, r.meeting_date, r.period_from, r.period_to, r.status, r.issued_at, r.revision, r.participants_json,
         (SELECT count(*) FROM management_review_outputs o WHERE o.review_id = r.id) AS outputs
       FROM management_reviews r ORDER BY r.meeting_date DESC, r.created_at DESC`,
    )
    .all() as (ReviewRow & { outputs: number })[];
  return rows.map((r) => ({
    id: r.id, title: r.title, meetingDate: r.meeting_date, periodFrom: r.period_from, periodTo: r.period_to, status: r.status,
    issuedAt: r.issued_at, revision: r.revision, outputs: r.outputs, participants: (JSON.parse(r.participants_json) as string[]).length,
  }));
}

// ---- what Granska knows for each input ----------------------------------------------------------------

/**
 * Lines per 9.3.2 input from Granska's data for the period: earlier reviews' actions (a), process
 * results (c3), cases (c4), audits (c6), supplier audits (c7), high-risk processes (e) and
 * opportunities for improvement (f). Inputs Granska has no data for get no lines.
 */
export function prefill(ctx: ServiceContext, from: string, to: string, lang: Lang, before?: string): ReviewPrefill {
  const M = reviewTexts(lang).prefill;
  const T = reportTexts(lang);
  const caseLabels = lang === 'sv' ? caseLabelsSv : caseLabelsEn;
  const data = reviewData(ctx, from, to);
  const previous = ctx.db
    .prepare(
      `SELECT r.title AS review, o.decision, c.number AS "case", c.status FROM management_review_outputs o
       JOIN management_reviews r ON r.id = o.review_id JOIN cases c ON c.id = o.case_id
       WHERE r.status = 'issued' AND r.meeting_date < ? ORDER BY r.meeting_date, o.position`,
    )
    .all(before ?? `${to}~`) as { review: string; decision: string; case: string; status: string }[];
  const lines: ReviewPrefill['lines'] = {};
  lines.a = previous.length
    ? previous.map((p) => fill(M.previous, { ...p, status: (caseLabels.status as Record<string, string>)[p.status] ?? p.status }))
    : [M.previousNone];
  if (data.processes.length) {
    lines.c3 = data.processes.map((p) => fill(M.process, { ...p, process: p.name, risk: T.programme.risk[p.risk] ?? p.risk }));
  }
  const PW = packTexts(lang).review;
  lines.c4 = [
    fill(PW.casesDetected, { count: data.cases.detected }),
    fill(PW.casesClosed, { count: data.cases.closed }),
    fill(PW.casesOpen, { count: data.cases.open, overdue: data.cases.overdue }),
    fill(PW.effectiveness, { effective: data.cases.effective, notEffective: data.cases.notEffective }),
  ];
  lines.c6 = [
    fill(PW.programme, { done: data.audits.length, planned: data.plannedInPeriod }),
    ...data.audits.map((a) => fill(M.audit, { ...a })),
  ];
  const suppliers = data.audits.filter((a) => a.type === 'supplier');
  lines.c7 = suppliers.length ? suppliers.map((a) => fill(M.supplier, { number: a.number, title: a.title, findings: a.nonconformities })) : [M.noSupplier];
  if (data.highRisk.length) lines.e = data.highRisk.map((h) => fill(M.highRisk, { process: h.name, state: h.audited ? PW.audited : PW.notAudited }));
  if (data.ofis.length) lines.f = data.ofis.map((o) => `${o.number}: ${o.statement}`);
  return { from, to, lines };
}

// ---- writing -----------------------------------------------------------------------------------------

type Fields = ParsedInputOf<'managementReview.create'>['fields'];

function checkFields(ctx: ServiceContext, f: Fields): void {
  const person = ctx.db.prepare('SELECT 1 FROM people WHERE id = ?');
  f.participantIds.forEach((p, i) => {
    if (!person.get(p)) throw fieldError(`participantIds.${i}`, 'not_found');
  });
  const unit = ctx.db.prepare('SELECT 1 FROM units WHERE id = ?');
  f.outputs.forEach((o, i) => {
    if (o.unitId && !unit.get(o.unitId)) throw fieldError(`outputs.${i}.unitId`, 'not_found');
    if (o.ownerId && !person.get(o.ownerId)) throw fieldError(`outputs.${i}.ownerId`, 'not_found');
    // the action becomes a case detected at the meeting; it cannot be due before it
    if (o.dueDate && o.dueDate < f.meetingDate) throw fieldError(`outputs.${i}.dueDate`, 'end_before_start');
  });
}

const INPUT_COLUMNS = REVIEW_INPUTS.map((k) => `input_${k}`);

/** Outputs are matched by id, so an unchanged decision is not rewritten and travels as no change. */
function writeOutputs(ctx: ServiceContext, reviewId: string, outputs: Fields['outputs']): void {
  const existing = new Set(ctx.db.prepare('SELECT id FROM management_review_outputs WHERE review_id = ?').pluck().all(reviewId) as string[]);
  const keep = new Set(outputs.map((o) => o.id).filter((i): i is string => !!i && existing.has(i)));
  for (const gone of existing) if (!keep.has(gone)) ctx.db.prepare('DELETE FROM management_review_outputs WHERE id = ?').run(gone);
  const now = timestamp(ctx);
  outputs.forEach((o, i) => {
    const values = [i + 1, o.kind, o.decision, o.action, o.unitId, o.ownerId, o.dueDate];
    if (o.id && keep.has(o.id)) {
      ctx.db
        .prepare(
          `UPDATE management_review_outputs SET position=?, kind=?, decision=?, action=?, unit_id=?, owner_person_id=?, due_date=?,
             updated_at=?, revision=revision+1
           WHERE id=? AND NOT (position IS ? AND kind IS ? AND decision IS ? AND action IS ? AND unit_id IS ? AND owner_person_id IS ? AND due_date IS ?)`,
        )
        .run(...values, now, o.id, ...values);
    } else {
      ctx.db
        .prepare(
          `INSERT INTO management_review_outputs (id, review_id, position, kind, decision, action, unit_id, owner_person_id, due_date,
             created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
        )
        .run(ctx.newId(), reviewId, ...values, now, now);
    }
  });
}

export function createReview(ctx: ServiceContext, f: Fields, lang: Lang = 'sv'): ManagementReview {
  checkFields(ctx, f);
  // inputs left empty start from what Granska knows for the period
  const known = prefill(ctx, f.periodFrom, f.periodTo, lang, f.meetingDate).lines;
  const inputs = Object.fromEntries(REVIEW_INPUTS.map((k) => [k, f.inputs[k] || (known[k] ?? []).join('\n')])) as Record<ReviewInputKey, string>;
  return mutate(ctx, (trail) => {
    const id = ctx.newId();
    const now = timestamp(ctx);
    ctx.db
      .prepare(
        `INSERT INTO management_reviews (id, title, meeting_date, period_from, period_to, participants_json, other_participants,
           ${INPUT_COLUMNS.join(', ')}, conclusions, created_at, updated_at)
         VALUES (?,?,?,?,?,?,?,${INPUT_COLUMNS.map(() => '?').join(',')},?,?,?)`,
      )
      .run(
        id, f.title, f.meetingDate, f.periodFrom, f.periodTo, JSON.stringify([...new Set(f.participantIds)]), f.otherParticipants,
        ...REVIEW_INPUTS.map((k) => inputs[k]), f.conclusions, now, now,
      );
    writeOutputs(ctx, id, f.outputs);
    const created = getReview(ctx, id);
    trail({ entity: 'management_review', entityId: id, action: 'create', after: created });
    return created;
  });
}

function assertDraft(r: ManagementReview): void {
  if (r.status !== 'draft') throw new AppError('locked', { reason: 'review_issued', id: r.id, title: r.title });
}

export function updateReview(ctx: ServiceContext, { id, revision, fields: f }: ParsedInputOf<'managementReview.update'>): ManagementReview {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'management_reviews', id, revision);
    const before = getReview(ctx, id);
    assertDraft(before);
    checkFields(ctx, f);
    ctx.db
      .prepare(
        `UPDATE management_reviews SET title=?, meeting_date=?, period_from=?, period_to=?, participants_json=?, other_participants=?,
           ${INPUT_COLUMNS.map((c) => `${c}=?`).join(', ')}, conclusions=?, updated_at=?, revision=revision+1 WHERE id=?`,
      )
      .run(
        f.title, f.meetingDate, f.periodFrom, f.periodTo, JSON.stringify([...new Set(f.participantIds)]), f.otherParticipants,
        ...REVIEW_INPUTS.map((k) => f.inputs[k]), f.conclusions, timestamp(ctx), id,
      );
    writeOutputs(ctx, id, f.outputs);
    const after = getReview(ctx, id);
    trail({ entity: 'management_review', entityId: id, action: 'update', before, after });
    return after;
  });
}

export function removeReview(ctx: ServiceContext, { id, revision }: ParsedInputOf<'managementReview.remove'>): null {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'management_reviews', id, revision);
    const before = getReview(ctx, id);
    assertDraft(before);
    ctx.db.prepare('DELETE FROM management_review_outputs WHERE review_id = ?').run(id);
    ctx.db.prepare('DELETE FROM management_reviews WHERE id = ?').run(id);
    trail({ entity: 'management_review', entityId: id, action: 'remove', before });
    return null;
  });
}

/** The signed file exactly as issued. */
export function issuedFile(ctx: ServiceContext, id: string): { fileName: string; pdf: Buffer } {
  const row = ctx.db.prepare('SELECT file_name AS fileName, pdf FROM management_review_files WHERE review_id = ?').get(id) as
    | { fileName: string; pdf: Buffer }
    | undefined;
  if (!row) throw new AppError('not_found', { id });
  return { fileName: row.fileName, pdf: Buffer.from(row.pdf) };
}

export const sha256 = (data: Buffer): string => crypto.createHash('sha256').update(data).digest('hex');
