import type { Db } from '../db/open';
import { stmt } from './statements';

/**
 * Which tables travel between databases and how. Attachment bytes (`blobs`) travel beside the
 * changes, addressed by SHA-256; the audit trail, settings, signing identities (private keys) and
 * issued reports stay in the database that made them.
 */
export interface SyncedTable {
  key: string[];
  /** Fields whose meaning a person decides when both sides changed them since the common position. */
  decide: string[];
}

export const SYNCED_TABLES: Record<string, SyncedTable> = {
  units: { key: ['id'], decide: [] },
  processes: { key: ['id'], decide: [] },
  people: { key: ['id'], decide: [] },
  programmes: { key: ['id'], decide: ['objectives'] },
  programme_years: { key: ['id'], decide: ['objectives'] },
  audits: {
    key: ['id'],
    decide: ['scope', 'objectives', 'methods', 'sampling', 'summary', 'conclusion', 'fulfilment', 'diverging_opinions', 'areas_not_covered'],
  },
  audit_units: { key: ['audit_id', 'unit_id'], decide: [] },
  audit_processes: { key: ['audit_id', 'process_id'], decide: [] },
  audit_clauses: { key: ['audit_id', 'clause_number'], decide: [] },
  audit_team: { key: ['audit_id', 'person_id'], decide: [] },
  audit_schedule: { key: ['id'], decide: ['description'] },
  questions: { key: ['id'], decide: ['text_sv', 'text_en'] },
  checklist_items: { key: ['id'], decide: ['result', 'evidence', 'sampled', 'interviewed'] },
  findings: { key: ['id'], decide: ['type', 'requirement', 'evidence', 'statement', 'auditee_response'] },
  finding_clauses: { key: ['finding_id', 'clause_number'], decide: [] },
  attachments: { key: ['id'], decide: [] },
  cases: { key: ['id'], decide: ['description', 'correction', 'root_cause', 'severity'] },
  case_clauses: { key: ['case_id', 'clause_number'], decide: [] },
  case_actions: { key: ['id'], decide: ['description'] },
  case_verifications: { key: ['id'], decide: ['effective', 'evidence'] },
  approvals: { key: ['id'], decide: [] },
  management_reviews: {
    key: ['id'],
    decide: ['input_a', 'input_b', 'input_c1', 'input_c2', 'input_c3', 'input_c4', 'input_c5', 'input_c6', 'input_c7', 'input_d', 'input_e', 'input_f', 'conclusions'],
  },
  management_review_outputs: { key: ['id'], decide: ['decision', 'action'] },
};

/** Fields holding one of a set of values: a person picks one; "keep both" exists only for free text. */
export const CHOICE_FIELDS = new Set(['findings.type', 'checklist_items.result', 'audits.fulfilment', 'cases.severity', 'case_verifications.effective']);

/** Local bookkeeping: each database counts its own edits; conflicts are found by clocks instead. */
export const LOCAL_COLUMNS = new Set(['revision']);

export function isSynced(table: string): boolean {
  return Object.prototype.hasOwnProperty.call(SYNCED_TABLES, table);
}

export function keyValues(table: string, rowId: string): string[] {
  const key = SYNCED_TABLES[table]!.key;
  const parts = key.length === 1 ? [rowId] : rowId.split('|');
  if (parts.length !== key.length) throw new Error('row_id_shape');
  return parts;
}

export function rowIdOf(table: string, row: Record<string, unknown>): string {
  return SYNCED_TABLES[table]!.key.map((k) => String(row[k])).join('|');
}

const one = (db: Db, sql: string, ...params: unknown[]): string | null =>
  ((stmt(db, sql).get(...params) as { a: string | null } | undefined)?.a ?? null);

/** The audit a row belongs to (null for organisation-wide rows): the team server filters on it. */
export function auditIdOf(db: Db, table: string, row: Record<string, unknown>): string | null {
  switch (table) {
    case 'audits':
      return String(row.id);
    case 'audit_units':
    case 'audit_processes':
    case 'audit_clauses':
    case 'audit_team':
    case 'audit_schedule':
    case 'checklist_items':
    case 'findings':
      return row.audit_id == null ? null : String(row.audit_id);
    case 'approvals':
      return row.subject_kind === 'audit_plan' || row.subject_kind === 'report' ? String(row.subject_id) : null;
    case 'finding_clauses':
      return one(db, 'SELECT audit_id AS a FROM findings WHERE id = ?', row.finding_id);
    case 'attachments':
      if (row.owner_type === 'finding') return one(db, 'SELECT audit_id AS a FROM findings WHERE id = ?', row.owner_id);
      if (row.owner_type === 'checklist_item') return one(db, 'SELECT audit_id AS a FROM checklist_items WHERE id = ?', row.owner_id);
      return caseAudit(db, row.owner_id);
    case 'cases':
      return row.finding_id == null ? null : one(db, 'SELECT audit_id AS a FROM findings WHERE id = ?', row.finding_id);
    case 'case_clauses':
    case 'case_actions':
    case 'case_verifications':
      return caseAudit(db, row.case_id);
    default:
      return null;
  }
}

function caseAudit(db: Db, caseId: unknown): string | null {
  return one(db, 'SELECT f.audit_id AS a FROM cases c JOIN findings f ON f.id = c.finding_id WHERE c.id = ?', caseId);
}
