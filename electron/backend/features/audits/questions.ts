import { AppError } from '../../../../shared/errors';
import type { ParsedInputOf } from '../../../../shared/contract';
import type { ChecklistItem, Question } from '../../../../shared/domain/audits';
import { compareClauseNumbers, DEFAULT_STANDARD_ID } from '../../../../shared/domain/standards';
import { assertAuditUnlocked, getAudit } from './service';
import { assertRevision, fieldError, mutate, searchClause, timestamp, type ServiceContext } from '../../core/context';
import { loadStandard, loadStarterQuestions } from './standards';

interface QuestionRow {
  id: string; standard_id: string; clause_number: string; text_sv: string; text_en: string; position: number;
  archived: number; created_at: string; updated_at: string; revision: number;
}

const toQuestion = (r: QuestionRow): Question => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision, standardId: r.standard_id,
  clauseNumber: r.clause_number, textSv: r.text_sv, textEn: r.text_en, position: r.position, archived: r.archived === 1,
});

const byClauseThenPosition = (a: Question, b: Question) => compareClauseNumbers(a.clauseNumber, b.clauseNumber) || a.position - b.position;

// ---- the bank ----------------------------------------------------------------------------------

/**
 * The first time a standard's bank is used, and when a new or demo database is made, the bank is
 * filled from the starter questions shipped in resources/question-banks/. Once it holds anything,
 * it is the organisation's own and is never refilled (a removed question stays removed).
 */
export function ensureQuestionBank(ctx: ServiceContext, standardId: string = DEFAULT_STANDARD_ID): number {
  const has = ctx.db.prepare('SELECT 1 FROM questions WHERE standard_id = ? LIMIT 1').get(standardId);
  if (has) return 0;
  const starter = loadStarterQuestions(standardId);
  if (starter.length === 0) return 0;
  return mutate(ctx, (trail) => {
    const now = timestamp(ctx);
    const insert = ctx.db.prepare(
      `INSERT INTO questions (id, standard_id, clause_number, text_sv, text_en, position, created_at, updated_at)
       VALUES (?,?,?,?,?,?,?,?)`,
    );
    const positions = new Map<string, number>();
    for (const q of starter) {
      const position = (positions.get(q.clause) ?? 0) + 1;
      positions.set(q.clause, position);
      insert.run(ctx.newId(), standardId, q.clause, q.text.sv, q.text.en, position, now, now);
    }
    trail({ entity: 'question_bank', entityId: standardId, action: 'seed', after: { questions: starter.length } });
    return starter.length;
  });
}

export function getQuestion(ctx: ServiceContext, id: string): Question {
  const row = ctx.db.prepare('SELECT * FROM questions WHERE id = ?').get(id) as QuestionRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return toQuestion(row);
}

export function listQuestions(ctx: ServiceContext, q: ParsedInputOf<'questions.list'>): Question[] {
  ensureQuestionBank(ctx, q.standardId);
  const where = ['standard_id = ?'];
  const params: string[] = [q.standardId];
  if (!q.includeArchived) where.push('archived = 0');
  if (q.clauseNumber) {
    where.push('clause_number = ?');
    params.push(q.clauseNumber);
  }
  if (q.search) {
    const s = searchClause(['text_sv', 'text_en', 'clause_number'], q.search);
    where.push(s.sql);
    params.push(...s.params);
  }
  const rows = ctx.db.prepare(`SELECT * FROM questions WHERE ${where.join(' AND ')}`).all(...params) as QuestionRow[];
  return rows.map(toQuestion).sort(byClauseThenPosition);
}

function checkClause(standardId: string, clauseNumber: string): void {
  if (!loadStandard(standardId).clauses.some((c) => c.number === clauseNumber)) throw fieldError('clauseNumber', 'not_found');
}

export function createQuestion(ctx: ServiceContext, f: ParsedInputOf<'questions.create'>): Question {
  return mutate(ctx, (trail) => {
    checkClause(f.standardId, f.clauseNumber);
    const id = ctx.newId();
    const now = timestamp(ctx);
    const { n } = ctx.db
      .prepare('SELECT coalesce(max(position), 0) AS n FROM questions WHERE standard_id = ? AND clause_number = ?')
      .get(f.standardId, f.clauseNumber) as { n: number };
    ctx.db
      .prepare(
        `INSERT INTO questions (id, standard_id, clause_number, text_sv, text_en, position, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)`,
      )
      .run(id, f.standardId, f.clauseNumber, f.textSv, f.textEn, n + 1, now, now);
    const created = getQuestion(ctx, id);
    trail({ entity: 'question', entityId: id, action: 'create', after: created });
    return created;
  });
}

export function updateQuestion(ctx: ServiceContext, { id, revision, fields: f }: ParsedInputOf<'questions.update'>): Question {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'questions', id, revision);
    checkClause(f.standardId, f.clauseNumber);
    const before = getQuestion(ctx, id);
    let position = before.position;
    if (before.clauseNumber !== f.clauseNumber || before.standardId !== f.standardId) {
      const { n } = ctx.db
        .prepare('SELECT coalesce(max(position), 0) AS n FROM questions WHERE standard_id = ? AND clause_number = ?')
        .get(f.standardId, f.clauseNumber) as { n: number };
      position = n + 1;
    }
    ctx.db
      .prepare(
        `UPDATE questions SET standard_id=?, clause_number=?, text_sv=?, text_en=?, position=?, updated_at=?, revision=revision+1 WHERE id=?`,
      )
      .run(f.standardId, f.clauseNumber, f.textSv, f.textEn, position, timestamp(ctx), id);
    const after = getQuestion(ctx, id);
    trail({ entity: 'question', entityId: id, action: 'update', before, after });
    return after;
  });
}

export function archiveQuestion(ctx: ServiceContext, input: ParsedInputOf<'questions.archive'>): Question {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'questions', input.id, input.revision);
    const before = getQuestion(ctx, input.id);
    ctx.db
      .prepare('UPDATE questions SET archived=?, updated_at=?, revision=revision+1 WHERE id=?')
      .run(input.archived ? 1 : 0, timestamp(ctx), input.id);
    const after = getQuestion(ctx, input.id);
    trail({ entity: 'question', entityId: input.id, action: input.archived ? 'archive' : 'restore', before, after });
    return after;
  });
}

/** Swaps a question with its neighbour among the same clause's active questions. */
export function moveQuestion(ctx: ServiceContext, { id, direction }: ParsedInputOf<'questions.move'>): Question[] {
  return mutate(ctx, (trail) => {
    const q = getQuestion(ctx, id);
    const siblings = (
      ctx.db
        .prepare('SELECT * FROM questions WHERE standard_id = ? AND clause_number = ? AND archived = 0 ORDER BY position, id')
        .all(q.standardId, q.clauseNumber) as QuestionRow[]
    ).map(toQuestion);
    const i = siblings.findIndex((s) => s.id === id);
    const j = direction === 'up' ? i - 1 : i + 1;
    const other = siblings[j];
    if (i >= 0 && other) {
      [siblings[i], siblings[j]] = [other, q];
      const now = timestamp(ctx);
      const set = ctx.db.prepare('UPDATE questions SET position=?, updated_at=?, revision=revision+1 WHERE id=?');
      siblings.forEach((s, k) => s.position !== k + 1 && set.run(k + 1, now, s.id));
      trail({ entity: 'question', entityId: id, action: 'move', before: { position: q.position }, after: { position: j + 1 } });
    }
    return listQuestions(ctx, { standardId: q.standardId, clauseNumber: q.clauseNumber, search: '', includeArchived: false });
  });
}

// ---- an audit's checklist, as planned ----------------------------------------------------------

interface ChecklistRow {
  id: string; audit_id: string; position: number; clause_number: string | null; question_id: string | null; text: string;
  result: ChecklistItem['result']; evidence: string; sampled: string; interviewed: string;
  created_at: string; updated_at: string; revision: number;
}

const toItem = (r: ChecklistRow): ChecklistItem => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision, auditId: r.audit_id, position: r.position,
  clauseNumber: r.clause_number, questionId: r.question_id, text: r.text, result: r.result, evidence: r.evidence,
  sampled: r.sampled, interviewed: r.interviewed,
});

export function plannedChecklist(ctx: ServiceContext, auditId: string): ChecklistItem[] {
  return (ctx.db.prepare('SELECT * FROM checklist_items WHERE audit_id = ? ORDER BY position, id').all(auditId) as ChecklistRow[]).map(
    toItem,
  );
}

function insertItem(ctx: ServiceContext, auditId: string, position: number, item: { clauseNumber: string | null; questionId: string | null; text: string }) {
  const now = timestamp(ctx);
  const id = ctx.newId();
  ctx.db
    .prepare(
      `INSERT INTO checklist_items (id, audit_id, position, clause_number, question_id, text, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)`,
    )
    .run(id, auditId, position, item.clauseNumber, item.questionId, item.text, now, now);
  return id;
}

const nextPosition = (ctx: ServiceContext, auditId: string) =>
  (ctx.db.prepare('SELECT coalesce(max(position), 0) AS n FROM checklist_items WHERE audit_id = ?').get(auditId) as { n: number }).n + 1;

/**
 * Adds, in clause order, every active bank question for the audit's clauses that the checklist does
 * not already hold, written in `lang`. Running it again after adding clauses adds only what is new;
 * answered or reordered items are left as they are.
 */
export function generateChecklist(ctx: ServiceContext, { auditId, lang }: ParsedInputOf<'checklist.generate'>): ChecklistItem[] {
  return mutate(ctx, (trail) => {
    assertAuditUnlocked(ctx, auditId);
    const audit = getAudit(ctx, auditId);
    ensureQuestionBank(ctx, audit.standardId);
    const present = new Set(plannedChecklist(ctx, auditId).map((i) => i.questionId));
    const wanted = listQuestions(ctx, { standardId: audit.standardId, search: '', includeArchived: false }).filter(
      (q) => audit.clauseNumbers.includes(q.clauseNumber) && !present.has(q.id),
    );
    let position = nextPosition(ctx, auditId);
    for (const q of wanted) {
      insertItem(ctx, auditId, position++, { clauseNumber: q.clauseNumber, questionId: q.id, text: lang === 'sv' ? q.textSv : q.textEn });
    }
    if (wanted.length) trail({ entity: 'audit', entityId: auditId, action: 'checklist_generate', after: { added: wanted.length, lang } });
    return plannedChecklist(ctx, auditId);
  });
}

export function addChecklistItem(ctx: ServiceContext, f: ParsedInputOf<'checklist.add'>): ChecklistItem[] {
  return mutate(ctx, (trail) => {
    assertAuditUnlocked(ctx, f.auditId);
    const audit = getAudit(ctx, f.auditId);
    if (f.clauseNumber && !loadStandard(audit.standardId).clauses.some((c) => c.number === f.clauseNumber)) {
      throw fieldError('clauseNumber', 'not_found');
    }
    if (f.questionId) getQuestion(ctx, f.questionId);
    const id = insertItem(ctx, f.auditId, nextPosition(ctx, f.auditId), f);
    trail({ entity: 'checklist_item', entityId: id, action: 'create', after: { auditId: f.auditId, text: f.text, clauseNumber: f.clauseNumber } });
    return plannedChecklist(ctx, f.auditId);
  });
}

/** Only an item nobody has started answering can go: an answer or evidence is never thrown away. */
export function removeChecklistItem(ctx: ServiceContext, { auditId, id }: ParsedInputOf<'checklist.remove'>): ChecklistItem[] {
  return mutate(ctx, (trail) => {
    assertAuditUnlocked(ctx, auditId);
    const item = plannedChecklist(ctx, auditId).find((i) => i.id === id);
    if (!item) throw new AppError('not_found', { id });
    const linked = ctx.db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='findings'").get()
      ? ctx.db.prepare('SELECT 1 FROM findings WHERE checklist_item_id = ? LIMIT 1').get(id)
      : undefined;
    if (item.result !== 'not_assessed' || item.evidence || item.sampled || item.interviewed || linked) {
      throw new AppError('conflict', { reason: 'checklist_item_answered', id });
    }
    ctx.db.prepare('DELETE FROM checklist_items WHERE id = ?').run(id);
    trail({ entity: 'checklist_item', entityId: id, action: 'delete', before: item });
    return plannedChecklist(ctx, auditId);
  });
}

/** `ids` must name every item of the checklist once, in the new order. */
export function reorderChecklist(ctx: ServiceContext, { auditId, ids }: ParsedInputOf<'checklist.reorder'>): ChecklistItem[] {
  return mutate(ctx, (trail) => {
    assertAuditUnlocked(ctx, auditId);
    const items = plannedChecklist(ctx, auditId);
    const current = new Set(items.map((i) => i.id));
    if (ids.length !== items.length || new Set(ids).size !== ids.length || !ids.every((i) => current.has(i))) {
      throw new AppError('conflict', { reason: 'checklist_changed' });
    }
    const now = timestamp(ctx);
    const set = ctx.db.prepare('UPDATE checklist_items SET position=?, updated_at=?, revision=revision+1 WHERE id=? AND position<>?');
    ids.forEach((id, k) => set.run(k + 1, now, id, k + 1));
    trail({ entity: 'audit', entityId: auditId, action: 'checklist_reorder', before: items.map((i) => i.id), after: ids });
    return plannedChecklist(ctx, auditId);
  });
}
