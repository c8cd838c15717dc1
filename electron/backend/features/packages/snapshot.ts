import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/open';
import type { Change } from '../../sync/change';
import { LOCAL_COLUMNS, rowIdOf } from '../../sync/tables';

type Row = Record<string, unknown>;

/**
 * Everything an auditor needs to conduct the audits offline, as upserts in an order the working
 * copy's foreign keys accept: the organisation's units and processes (a finding may name any of
 * them), the people and programme the audits refer to, the questions behind the checklist, the
 * audits with their plan, checklist, findings and attachments, and the corrective-action cases of
 * those findings with their actions and verifications (so a follow-up made offline updates the
 * case the coordinator holds). All stamped with the cut's clock.
 */
export function snapshotChanges(db: Db, auditIds: string[], hlc: string, node: string): Change[] {
  const ids = auditIds.map(() => '?').join(',');
  const all = (sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as Row[];
  const audits = all(`SELECT * FROM audits WHERE id IN (${ids})`, ...auditIds);
  const byAudit = (table: string) => all(`SELECT * FROM ${table} WHERE audit_id IN (${ids})`, ...auditIds);
  const findings = all(`SELECT * FROM findings WHERE audit_id IN (${ids}) ORDER BY seq`, ...auditIds);
  const items = all(`SELECT * FROM checklist_items WHERE audit_id IN (${ids}) ORDER BY position`, ...auditIds);
  const team = byAudit('audit_team');
  const findingIds = `SELECT id FROM findings WHERE audit_id IN (${ids})`;
  const cases = all(`SELECT * FROM cases WHERE finding_id IN (${findingIds}) ORDER BY year, seq`, ...auditIds);
  const caseIds = `SELECT id FROM cases WHERE finding_id IN (${findingIds})`;
  const caseActions = all(`SELECT * FROM case_actions WHERE case_id IN (${caseIds})`, ...auditIds);
  const caseVerifications = all(`SELECT * FROM case_verifications WHERE case_id IN (${caseIds})`, ...auditIds);
  const programmes = all(
    `SELECT * FROM programmes WHERE id IN (SELECT programme_id FROM audits WHERE id IN (${ids}))`,
    ...auditIds,
  );
  // The plan and report approvals travel with the audit, so the auditor sees what was approved.
  const approvals = all(
    `SELECT * FROM approvals WHERE subject_kind IN ('audit_plan', 'report') AND subject_id IN (${ids}) ORDER BY decided_at`,
    ...auditIds,
  );
  const personIds = new Set<string>([
    ...team.map((t) => String(t.person_id)),
    ...approvals.map((a) => String(a.approver_person_id)),
    ...programmes.map((p) => p.lead_person_id).filter((x): x is string => typeof x === 'string'),
    ...[...cases, ...caseActions].map((c) => c.owner_person_id).filter((x): x is string => typeof x === 'string'),
    ...caseVerifications.map((v) => String(v.verifier_person_id)),
  ]);
  const people = all('SELECT * FROM people').filter((p) => personIds.has(String(p.id)));
  const questions = all(
    `SELECT * FROM questions WHERE id IN (SELECT question_id FROM checklist_items WHERE audit_id IN (${ids}))`,
    ...auditIds,
  );
  const attachments = all(
    `SELECT * FROM attachments WHERE (owner_type = 'finding' AND owner_id IN (SELECT id FROM findings WHERE audit_id IN (${ids})))
       OR (owner_type = 'checklist_item' AND owner_id IN (SELECT id FROM checklist_items WHERE audit_id IN (${ids})))
       OR (owner_type = 'case' AND owner_id IN (${caseIds}))`,
    ...auditIds,
    ...auditIds,
    ...auditIds,
  );
  const auditOf = (table: string, r: Row): string | null => {
    if (table === 'audits') return String(r.id);
    if (table === 'approvals') return String(r.subject_id);
    if ('audit_id' in r) return String(r.audit_id);
    if (table === 'finding_clauses') return String(findings.find((f) => f.id === r.finding_id)?.audit_id ?? null);
    const caseAudit = (caseId: unknown) => auditOf('cases', cases.find((c) => c.id === caseId) ?? {});
    if (table === 'cases') return r.finding_id ? auditOf('finding_clauses', { finding_id: r.finding_id }) : null;
    if (table === 'case_clauses' || table === 'case_actions' || table === 'case_verifications') return caseAudit(r.case_id);
    if (table === 'attachments') {
      if (r.owner_type === 'case') return caseAudit(r.owner_id);
      const owner = [...findings, ...items].find((x) => x.id === r.owner_id);
      return owner ? String(owner.audit_id) : null;
    }
    return null;
  };
  const groups: [string, Row[]][] = [
    ['units', unitsParentFirst(all('SELECT * FROM units'))],
    ['people', people],
    ['processes', all('SELECT * FROM processes')],
    ['programmes', programmes],
    ['questions', questions],
    ['audits', audits],
    ['audit_units', byAudit('audit_units')],
    ['audit_processes', byAudit('audit_processes')],
    ['audit_clauses', byAudit('audit_clauses')],
    ['audit_team', team],
    ['audit_schedule', byAudit('audit_schedule')],
    ['checklist_items', items],
    ['findings', findings],
    ['finding_clauses', all(`SELECT * FROM finding_clauses WHERE finding_id IN (${findingIds})`, ...auditIds)],
    ['cases', cases],
    ['case_clauses', all(`SELECT * FROM case_clauses WHERE case_id IN (${caseIds})`, ...auditIds)],
    ['case_actions', caseActions],
    ['case_verifications', caseVerifications],
    ['attachments', attachments],
    ['approvals', approvals],
  ];
  const changes: Change[] = [];
  for (const [table, rows] of groups) {
    for (const r of rows) {
      const fields = Object.fromEntries(Object.entries(r).filter(([k]) => !LOCAL_COLUMNS.has(k)));
      changes.push({ changeId: uuidv7(), hlc, node, table, rowId: rowIdOf(table, r), op: 'upsert', fields, auditId: auditOf(table, r) });
    }
  }
  return changes;
}

function unitsParentFirst(units: Row[]): Row[] {
  const done = new Set<unknown>();
  const out: Row[] = [];
  let rest = units;
  while (rest.length > 0) {
    const ready = rest.filter((u) => u.parent_id == null || done.has(u.parent_id) || !units.some((x) => x.id === u.parent_id));
    if (ready.length === 0) return [...out, ...rest];
    for (const u of ready) {
      done.add(u.id);
      out.push(u);
    }
    rest = rest.filter((u) => !done.has(u.id));
  }
  return out;
}
