import type { Finding } from '../../../shared/domain/findings';
import { listFindings } from '../../backend/features/conduct';
import type { ServiceContext } from '../../backend/core/context';
import { fail } from '../exit';
import { printJson } from '../output';
import { openCliBackend } from '../session';

export interface FindingLine {
  number: string;
  auditNumber: string;
  type: Finding['type'];
  clauses: string[];
  statement: string;
  status: Finding['status'];
}

export interface FindingsOptions {
  db: string;
  audit?: string;
  json?: boolean;
}

/** Every finding (or one audit's), oldest audit first, as the audit lead's batch work wants them. */
export function findingLines(ctx: ServiceContext, auditNumber?: string): FindingLine[] {
  let auditIds: string[];
  if (auditNumber) {
    const row = ctx.db.prepare('SELECT id FROM audits WHERE number = ? COLLATE NOCASE').get(auditNumber) as { id: string } | undefined;
    if (!row) fail(`no audit has the number ${auditNumber}; \`granska audits --db FILE\` lists them.`);
    auditIds = [row.id];
  } else {
    auditIds = ctx.db
      .prepare('SELECT id FROM audits a WHERE EXISTS (SELECT 1 FROM findings f WHERE f.audit_id = a.id) ORDER BY a.year, a.number')
      .pluck()
      .all() as string[];
  }
  return auditIds.flatMap((auditId) =>
    listFindings(ctx, { auditId }).map((f) => ({
      number: f.number, auditNumber: f.auditNumber, type: f.type, clauses: f.clauseNumbers, statement: f.statement, status: f.status,
    })),
  );
}

export function runFindings(opts: FindingsOptions): void {
  const backend = openCliBackend(opts.db);
  try {
    const lines = findingLines(backend.ctx(), opts.audit);
    if (opts.json) {
      printJson(lines);
      return;
    }
    for (const l of lines) {
      const statement = l.statement.replace(/\s+/g, ' ');
      process.stdout.write(
        `${l.number.padEnd(16)} ${l.type.padEnd(12)} ${l.status.padEnd(7)} ${l.clauses.join(', ').padEnd(14)} ${statement.length > 80 ? `${statement.slice(0, 79)}…` : statement}\n`,
      );
    }
    process.stdout.write(`${lines.length} finding(s).\n`);
  } finally {
    backend.close();
  }
}
