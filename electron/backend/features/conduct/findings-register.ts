import type { ParsedInputOf } from '../../../../shared/contract';
import { findingStatus, type FindingRegisterPage, type FindingSummary } from '../../../../shared/domain/findings';
import type { ServiceContext } from '../../core/context';
import { splitClauses, statusSql, type FindingRow } from './findings';

/** How much of a statement a register row carries; the full text is one `findings.get` away. */
const STATEMENT_PREVIEW = 280;

/**
 * What a person types, as an FTS5 query: every word must occur, each as a prefix ("läkemedel"
 * finds "läkemedelslistan"). Words are quoted, so FTS operators typed by accident do nothing.
 */
export function ftsQuery(search: string): string | null {
  const words = search.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereClause(ctx: ServiceContext, q: ParsedInputOf<'findings.register'>): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (q.search) {
    const match = ftsQuery(q.search);
    const number = `f.number LIKE ? ESCAPE '\\'`;
    if (match) {
      where.push(`(f.rowid IN (SELECT rowid FROM findings_fts WHERE findings_fts MATCH ?) OR ${number})`);
      params.push(match);
    } else {
      where.push(number);
    }
    params.push(`%${escapeLike(q.search.toUpperCase())}%`);
  }
  if (q.types.length) {
    where.push(`f.type IN (${q.types.map(() => '?').join(',')})`);
    params.push(...q.types);
  }
  if (q.clause) {
    where.push(
      `EXISTS (SELECT 1 FROM finding_clauses fc WHERE fc.finding_id = f.id AND (fc.clause_number = ? OR fc.clause_number LIKE ? ESCAPE '\\'))`,
    );
    params.push(q.clause, `${escapeLike(q.clause)}.%`);
  }
  if (q.unitId) {
    where.push(`f.unit_id IN (WITH RECURSIVE below(id) AS (SELECT ? UNION SELECT u.id FROM units u JOIN below b ON u.parent_id = b.id)
      SELECT id FROM below)`);
    params.push(q.unitId);
  }
  if (q.processId) {
    where.push('f.process_id = ?');
    params.push(q.processId);
  }
  if (q.status) {
    where.push(`${statusSql(ctx)} = ?`);
    params.push(q.status);
  }
  if (q.year !== null) {
    where.push('a.year = ?');
    params.push(q.year);
  }
  if (q.auditId) {
    where.push('f.audit_id = ?');
    params.push(q.auditId);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/**
 * The findings register across every audit: filtered and searched in SQLite, then one page of
 * rows with the total, so the list scrolls through 100 000 findings without holding them all.
 */
export function findingRegister(ctx: ServiceContext, q: ParsedInputOf<'findings.register'>): FindingRegisterPage {
  const w = whereClause(ctx, q);
  const from = 'FROM findings f JOIN audits a ON a.id = f.audit_id';
  const total = (ctx.db.prepare(`SELECT count(*) AS n ${from} ${w.sql}`).get(...w.params) as { n: number }).n;
  // Two steps: first the page's rowids, sorted through the (audit_id, seq) index without touching
  // the wide rows, then the columns for just those rows. Sorting whole rows made a deep page take
  // seconds at 100 000 findings; this takes a fraction of a second.
  // Unfiltered (or by year or audit only), walking audits by (year, number) and each audit's findings
  // by seq gives the order for free; CROSS JOIN is SQLite's way of fixing that loop order. With
  // filters on the findings themselves, the planner's own choice (an index on them, then a sort) wins.
  const inIndexOrder = !q.search && !q.types.length && !q.clause && !q.unitId && !q.processId && !q.status;
  const pageFrom = inIndexOrder ? 'FROM audits a CROSS JOIN findings f ON f.audit_id = a.id' : from;
  const pageIds = ctx.db
    .prepare(`SELECT f.rowid ${pageFrom} ${w.sql} ORDER BY a.year DESC, a.number DESC, f.seq LIMIT ? OFFSET ?`)
    .pluck()
    .all(...w.params, q.limit, q.offset) as number[];
  const rows = pageIds.length
    ? (ctx.db
        .prepare(
          `SELECT f.id, f.number, f.audit_id, a.number AS audit_number, a.year AS year, f.type, f.requirement_source,
             substr(f.statement, 1, ${STATEMENT_PREVIEW}) AS statement, f.unit_id, f.process_id, f.created_at,
             (SELECT group_concat(fc.clause_number, ' ') FROM finding_clauses fc WHERE fc.finding_id = f.id) AS clauses,
             ${statusSql(ctx)} AS status
           ${from} WHERE f.rowid IN (${pageIds.map(() => '?').join(',')})
           ORDER BY a.year DESC, a.number DESC, f.seq`,
        )
        .all(...pageIds) as Pick<
        FindingRow,
        'id' | 'number' | 'audit_id' | 'audit_number' | 'year' | 'type' | 'requirement_source' | 'statement' | 'unit_id' | 'process_id' | 'created_at' | 'clauses' | 'status'
      >[])
    : [];
  const years = ctx.db
    .prepare('SELECT a.year FROM audits a WHERE EXISTS (SELECT 1 FROM findings f WHERE f.audit_id = a.id) GROUP BY a.year ORDER BY a.year DESC')
    .pluck()
    .all() as number[];
  return {
    total,
    offset: q.offset,
    years,
    rows: rows.map(
      (r): FindingSummary => ({
        id: r.id, number: r.number, auditId: r.audit_id, auditNumber: r.audit_number, year: r.year, type: r.type,
        clauseNumbers: splitClauses(r.clauses), requirementSource: r.requirement_source, statement: r.statement,
        unitId: r.unit_id, processId: r.process_id, status: findingStatus(r.type, r.status === 'closed'), createdAt: r.created_at,
      }),
    ),
  };
}
