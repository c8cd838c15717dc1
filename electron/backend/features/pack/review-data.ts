import type { Fulfilment } from '../../../../shared/domain/audits';
import type { ServiceContext } from '../../core/context';

/**
 * What Granska knows that feeds management review (ISO 9001:2015 9.3.2) for one period: audit
 * results (c 6), external providers (c 7, supplier audits), process conformity (c 3, findings per
 * process), nonconformities and corrective actions (c 4), high-risk processes and whether they were
 * audited (e), and opportunities for improvement (f). An audit belongs to the period in which it
 * ended; a case to the period in which it was detected.
 */
export interface ReviewAudit {
  number: string;
  title: string;
  type: string;
  status: string;
  fulfilment: Fulfilment | null;
  nonconformities: number;
  observations: number;
  ofis: number;
  strengths: number;
}

export interface ReviewData {
  from: string;
  to: string;
  audits: ReviewAudit[];
  plannedInPeriod: number;
  processes: { name: string; risk: string; nonconformities: number; observations: number; ofis: number }[];
  cases: { detected: number; closed: number; open: number; overdue: number; effective: number; notEffective: number };
  highRisk: { name: string; audited: boolean }[];
  ofis: { number: string; statement: string }[];
}

const CONDUCTED = `a.status IN ('reported','closed')`;

export function reviewData(ctx: ServiceContext, from: string, to: string): ReviewData {
  const db = ctx.db;
  const audits = db
    .prepare(
      `SELECT a.number, a.title, a.type, a.status, a.fulfilment,
         (SELECT count(*) FROM findings f WHERE f.audit_id = a.id AND f.type IN ('major_nc','minor_nc')) AS nonconformities,
         (SELECT count(*) FROM findings f WHERE f.audit_id = a.id AND f.type = 'observation') AS observations,
         (SELECT count(*) FROM findings f WHERE f.audit_id = a.id AND f.type = 'ofi') AS ofis,
         (SELECT count(*) FROM findings f WHERE f.audit_id = a.id AND f.type = 'strength') AS strengths
       FROM audits a WHERE ${CONDUCTED} AND a.end_date BETWEEN ? AND ? ORDER BY a.end_date, a.number`,
    )
    .all(from, to) as ReviewAudit[];
  const plannedInPeriod = db
    .prepare(`SELECT count(*) FROM audits a WHERE a.status <> 'draft' AND a.end_date BETWEEN ? AND ?`)
    .pluck()
    .get(from, to) as number;
  const processes = db
    .prepare(
      `SELECT p.name, p.risk_level AS risk,
         sum(f.type IN ('major_nc','minor_nc')) AS nonconformities, sum(f.type = 'observation') AS observations, sum(f.type = 'ofi') AS ofis
       FROM findings f JOIN audits a ON a.id = f.audit_id JOIN processes p ON p.id = f.process_id
       WHERE ${CONDUCTED} AND a.end_date BETWEEN ? AND ? AND f.type <> 'strength'
       GROUP BY p.id ORDER BY nonconformities DESC, p.name`,
    )
    .all(from, to) as ReviewData['processes'];
  const count = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
  const cases = {
    detected: count('SELECT count(*) FROM cases WHERE detected_on BETWEEN ? AND ?', from, to),
    closed: count('SELECT count(*) FROM cases WHERE closed_on BETWEEN ? AND ?', from, to),
    open: count(`SELECT count(*) FROM cases WHERE detected_on <= ? AND (closed_on IS NULL OR closed_on > ?)`, to, to),
    overdue: count(`SELECT count(*) FROM cases WHERE detected_on <= ? AND (closed_on IS NULL OR closed_on > ?) AND due_date < ?`, to, to, to),
    effective: count('SELECT count(*) FROM case_verifications WHERE effective = 1 AND verified_on BETWEEN ? AND ?', from, to),
    notEffective: count('SELECT count(*) FROM case_verifications WHERE effective = 0 AND verified_on BETWEEN ? AND ?', from, to),
  };
  const highRisk = (
    db
      .prepare(
        `SELECT p.name, EXISTS (SELECT 1 FROM audit_processes ap JOIN audits a ON a.id = ap.audit_id
           WHERE ap.process_id = p.id AND ${CONDUCTED} AND a.end_date BETWEEN ? AND ?) AS audited
         FROM processes p WHERE p.risk_level = 'high' AND p.archived = 0 ORDER BY p.name`,
      )
      .all(from, to) as { name: string; audited: number }[]
  ).map((r) => ({ name: r.name, audited: r.audited === 1 }));
  const ofis = db
    .prepare(
      `SELECT f.number, f.statement FROM findings f JOIN audits a ON a.id = f.audit_id
       WHERE f.type = 'ofi' AND ${CONDUCTED} AND a.end_date BETWEEN ? AND ? ORDER BY f.number`,
    )
    .all(from, to) as ReviewData['ofis'];
  return { from, to, audits, plannedInPeriod, processes, cases, highRisk, ofis };
}
