import { AppError } from '../../../../shared/errors';
import type { ParsedInputOf } from '../../../../shared/contract';
import type { ChecklistItem } from '../../../../shared/domain/audits';
import type { ChecklistEntry, FindingType } from '../../../../shared/domain/findings';
import { assertAuditUnlocked } from '../audits';
import { assertRevision, mutate, timestamp, type ServiceContext } from '../../core/context';

interface ChecklistItemRow {
  id: string; audit_id: string; position: number; clause_number: string | null; question_id: string | null; text: string;
  result: ChecklistItem['result']; evidence: string; sampled: string; interviewed: string;
  created_at: string; updated_at: string; revision: number;
}

const toItem = (r: ChecklistItemRow): ChecklistItem => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision,
  auditId: r.audit_id, position: r.position, clauseNumber: r.clause_number, questionId: r.question_id, text: r.text,
  result: r.result, evidence: r.evidence, sampled: r.sampled, interviewed: r.interviewed,
});

function withLinks(ctx: ServiceContext, items: ChecklistItem[]): ChecklistEntry[] {
  if (items.length === 0) return [];
  const auditId = (items[0] as ChecklistItem).auditId;
  const counts = new Map(
    (
      ctx.db
        .prepare(
          `SELECT a.owner_id AS id, count(*) AS n FROM attachments a
           JOIN checklist_items c ON c.id = a.owner_id
           WHERE a.owner_type = 'checklist_item' AND c.audit_id = ? GROUP BY a.owner_id`,
        )
        .all(auditId) as { id: string; n: number }[]
    ).map((r) => [r.id, r.n]),
  );
  const findings = ctx.db
    .prepare('SELECT id, number, type, checklist_item_id AS itemId FROM findings WHERE audit_id = ? AND checklist_item_id IS NOT NULL ORDER BY seq')
    .all(auditId) as { id: string; number: string; type: FindingType; itemId: string }[];
  return items.map((item) => ({
    ...item,
    attachmentCount: counts.get(item.id) ?? 0,
    findings: findings.filter((f) => f.itemId === item.id).map(({ id, number, type }) => ({ id, number, type })),
  }));
}

export function getChecklistItem(ctx: ServiceContext, id: string): ChecklistItem {
  const row = ctx.db.prepare('SELECT * FROM checklist_items WHERE id = ?').get(id) as ChecklistItemRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return toItem(row);
}

export function getChecklistEntry(ctx: ServiceContext, id: string): ChecklistEntry {
  return withLinks(ctx, [getChecklistItem(ctx, id)])[0] as ChecklistEntry;
}

export function listChecklist(ctx: ServiceContext, { auditId }: ParsedInputOf<'checklist.list'>): ChecklistEntry[] {
  if (!ctx.db.prepare('SELECT 1 FROM audits WHERE id = ?').get(auditId)) throw new AppError('not_found', { id: auditId });
  const rows = ctx.db.prepare('SELECT * FROM checklist_items WHERE audit_id = ? ORDER BY position, id').all(auditId) as ChecklistItemRow[];
  return withLinks(ctx, rows.map(toItem));
}

const COLUMNS = { result: 'result', evidence: 'evidence', sampled: 'sampled', interviewed: 'interviewed' } as const;

/**
 * Autosave of one answer. Only the fields sent are written, so two quick saves of different
 * fields cannot undo each other; the revision still guards against a stale screen. The trail
 * records just what changed, which keeps a day of keystroke-paced saves small.
 */
export function answerChecklistItem(ctx: ServiceContext, { id, revision, fields }: ParsedInputOf<'checklist.update'>): ChecklistEntry {
  return mutate(ctx, (trail) => {
    const before = getChecklistItem(ctx, id);
    assertAuditUnlocked(ctx, before.auditId);
    assertRevision(ctx, 'checklist_items', id, revision);
    const changed = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter(
      (k) => fields[k] !== undefined && fields[k] !== before[k],
    );
    if (changed.length === 0) return getChecklistEntry(ctx, id);
    const sets = changed.map((k) => `${COLUMNS[k]} = ?`).join(', ');
    ctx.db
      .prepare(`UPDATE checklist_items SET ${sets}, updated_at = ?, revision = revision + 1 WHERE id = ?`)
      .run(...changed.map((k) => fields[k] as string), timestamp(ctx), id);
    trail({
      entity: 'checklist_item',
      entityId: id,
      action: 'update',
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, fields[k]])),
    });
    return getChecklistEntry(ctx, id);
  });
}
