import type { ServiceContext } from '../../../core/context';
import { TREND_COUNTS_FROM_FINDINGS } from '../../../db/migrations/014-trend-counts';
import * as caseRegister from '../../../db/migrations/013-case-register';
import * as caseRegisterRows from '../../../db/migrations/020-case-register-rows';

/** Findings per generated audit: about what a large municipal audit yields, so pages span a few audits. */
export const SCALE_FINDINGS_PER_AUDIT = 100;
/** A word in about one finding in 50 000: what "search for a rare word" means in the bench. */
export const SCALE_RARE_WORD = 'ögondroppar';
/** The years generated audits fall in, oldest first: a decade of history before the demo's own years. */
const FIRST_YEAR = 2010;
const YEARS = 15;

const WORDS = ['signeringslista', 'avvikelserapport', 'genomförandeplan', 'introduktion', 'kalibrering', 'läkemedelsgenomgång', 'åtgärdsplan',
  'journalföring', 'delegering', 'brandskydd', 'egenkontroll', 'riskanalys', 'kompetensplan'];
const CLAUSES = ['4.4.1', '6.1.2', '7.1.5', '7.2', '7.5.3', '8.2.2', '8.4.1', '8.5.1', '8.7', '9.1.3', '10.2.1'];

/**
 * Adds `findings` generated findings (and the historic audits holding them) to a database that
 * already holds the demo: the same numbers, words and spread on every run, so benchmarks compare.
 * Generated inside SQLite in one transaction from a counter, with the full-text index and the
 * trends' counts filled in one bulk pass each rather than row by row through the triggers.
 */
export function seedScale(ctx: ServiceContext, findings: number): { audits: number; findings: number } {
  const db = ctx.db;
  const audits = Math.ceil(findings / SCALE_FINDINGS_PER_AUDIT);
  const units = db.prepare('SELECT id FROM units ORDER BY rowid').pluck().all() as string[];
  const processes = db.prepare('SELECT id FROM processes ORDER BY rowid').pluck().all() as string[];
  if (!units.length || !processes.length) throw new Error('seedScale needs the demo organisation first');
  const pick = (list: string[], col: string) => `CASE ${col} % ${list.length} ${list.map((id, k) => `WHEN ${k} THEN '${id}'`).join(' ')} END`;
  const word = (col: string) => `CASE ${col} % ${WORDS.length} ${WORDS.map((w, k) => `WHEN ${k} THEN '${w}'`).join(' ')} END`;
  const stamp = "'2025-01-01T00:00:00.000Z'";
  db.transaction(() => {
    // The full-text triggers give way to one bulk rebuild; the change journal's capture triggers give
    // way too: generated history is like data from before the journal, not changes to send anyone.
    const triggers = db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (
           (tbl_name = 'findings' AND name LIKE 'findings_a_') OR name LIKE 'trend_finding%' OR name IN ('sync_audits_ai', 'sync_findings_ai', 'sync_finding_clauses_ai'))`,
      )
      .all() as { name: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${audits - 1})
       INSERT INTO audits (id, number, year, seq, title, type, status, created_at, updated_at)
       SELECT printf('scale-audit-%06d', i), printf('H-%d-%04d', ${FIRST_YEAR} + i % ${YEARS}, 1000 + i / ${YEARS}), ${FIRST_YEAR} + i % ${YEARS},
              1000 + i / ${YEARS}, 'Internrevision ' || ${word('i')}, 'internal', 'closed', ${stamp}, ${stamp}
       FROM n`,
    ).run();
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${findings - 1})
       INSERT INTO findings (id, audit_id, seq, number, type, requirement, evidence, statement, unit_id, process_id, created_at, updated_at)
       SELECT printf('scale-finding-%07d', i), printf('scale-audit-%06d', i / ${SCALE_FINDINGS_PER_AUDIT}), i % ${SCALE_FINDINGS_PER_AUDIT} + 1,
         printf('H-%d-%04d-%02d', ${FIRST_YEAR} + (i / ${SCALE_FINDINGS_PER_AUDIT}) % ${YEARS}, 1000 + (i / ${SCALE_FINDINGS_PER_AUDIT}) / ${YEARS}, i % ${SCALE_FINDINGS_PER_AUDIT} + 1),
         CASE i % 5 WHEN 0 THEN 'major_nc' WHEN 1 THEN 'minor_nc' WHEN 2 THEN 'observation' WHEN 3 THEN 'ofi' ELSE 'strength' END,
         'Rutin för ' || ${word('i')},
         'Granskade ' || (i % 20) || ' akter om ' || ${word('i / 7')} || '.' ||
           CASE WHEN i % 50000 = 17 THEN ' ${SCALE_RARE_WORD[0]!.toUpperCase()}${SCALE_RARE_WORD.slice(1)} förvarades i rumstemperatur.' ELSE '' END,
         'Brist nummer ' || i || ' gällande ' || ${word('i / 3')} || '.',
         ${pick(units, 'i / 11')}, ${pick(processes, 'i / 13')}, ${stamp}, ${stamp}
       FROM n`,
    ).run();
    db.prepare(
      `INSERT INTO finding_clauses (finding_id, clause_number)
       SELECT id, ${`CASE rowid % ${CLAUSES.length} ${CLAUSES.map((c, k) => `WHEN ${k} THEN '${c}'`).join(' ')} END`} FROM findings WHERE id LIKE 'scale-finding-%'`,
    ).run();
    db.prepare("INSERT INTO findings_fts(findings_fts) VALUES ('rebuild')").run();
    // the trends' kept counts likewise, counted afresh in one pass
    for (const [table, fresh] of Object.entries(TREND_COUNTS_FROM_FINDINGS)) {
      db.exec(`DELETE FROM ${table}`);
      db.exec(`INSERT INTO ${table} ${fresh}`);
    }
    for (const t of triggers) db.exec(t.sql);
  })();
  db.exec('ANALYZE');
  return { audits, findings };
}

const CASE_SOURCES = ['internal_audit', 'external_audit', 'complaint', 'incident', 'survey', 'self_detected'];
const CASE_STATUSES = ['open', 'action_planned', 'implemented', 'reopened', 'closed'];

/**
 * Adds `cases` generated corrective-action cases (with one or two actions each, and clauses) to a
 * database holding the demo: the same rows on every run. Due dates repeat (a few hundred distinct
 * days), so the register's orders have many ties. Generated inside SQLite in one transaction; the
 * register and search triggers give way to one bulk fill each from the same SQL (migration 013), and
 * the change journal's capture triggers give way, as for findings.
 */
export function seedScaleCases(ctx: ServiceContext, cases: number): { cases: number } {
  const db = ctx.db;
  const units = db.prepare('SELECT id FROM units ORDER BY rowid').pluck().all() as string[];
  const processes = db.prepare('SELECT id FROM processes ORDER BY rowid').pluck().all() as string[];
  const people = db.prepare('SELECT id FROM people ORDER BY rowid').pluck().all() as string[];
  if (!units.length || !processes.length || !people.length) throw new Error('seedScaleCases needs the demo organisation first');
  const pick = (list: string[], col: string) => `CASE (${col}) % ${list.length} ${list.map((id, k) => `WHEN ${k} THEN '${id}'`).join(' ')} END`;
  const word = (col: string) => `CASE ${col} % ${WORDS.length} ${WORDS.map((w, k) => `WHEN ${k} THEN '${w}'`).join(' ')} END`;
  const stamp = "'2025-01-01T00:00:00.000Z'";
  const day = (col: string) => `date('2015-01-01', '+' || (${col}) || ' days')`;
  db.transaction(() => {
    const triggers = db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (name IN ('sync_cases_ai', 'sync_case_actions_ai', 'sync_case_clauses_ai')
           OR name LIKE 'case\\_register\\_%' ESCAPE '\\' OR name LIKE 'cases\\_fts\\_%' ESCAPE '\\')`,
      )
      .all() as { name: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    // An index built once from sorted rows is many times faster than one kept row by row.
    const indexes = db
      .prepare("SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('cases', 'case_actions', 'case_clauses', 'case_register')")
      .all() as { name: string; sql: string; tbl_name: string }[];
    for (const x of indexes) db.exec(`DROP INDEX ${x.name}`);
    const before = db.prepare('SELECT coalesce(max(rowid), 0) FROM cases').pluck().get() as number;
    const rebuild = (tables: string[]) => {
      for (const x of indexes.filter((i) => tables.includes(i.tbl_name))) db.exec(x.sql);
    };
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${cases - 1})
       INSERT INTO cases (id, number, year, seq, title, description, source, unit_id, process_id, owner_person_id, detected_on, due_date, status,
                          closed_on, created_at, updated_at)
       SELECT printf('scale-case-%07d', i), printf('AV-%d-%06d', ${FIRST_YEAR} + i % ${YEARS}, 100000 + i), ${FIRST_YEAR} + i % ${YEARS}, 100000 + i,
         'Avvikelse ' || i || ' i ' || ${word('i')}, 'Upptäckt vid ' || ${word('i / 7')} || '.' ||
           CASE WHEN i % 50000 = 17 THEN ' ${SCALE_RARE_WORD[0]!.toUpperCase()}${SCALE_RARE_WORD.slice(1)} saknades.' ELSE '' END,
         CASE i % 6 ${CASE_SOURCES.map((s, k) => `WHEN ${k} THEN '${s}'`).join(' ')} END,
         ${pick(units, 'i / 3')}, CASE WHEN i % 4 = 0 THEN NULL ELSE ${pick(processes, 'i / 5')} END,
         CASE WHEN i % 9 = 0 THEN NULL ELSE ${pick(people, 'i / 2')} END,
         ${day('i % 4000')}, CASE WHEN i % 7 = 0 THEN NULL ELSE ${day('i % 4000 + 30')} END,
         CASE i % 5 ${CASE_STATUSES.map((s, k) => `WHEN ${k} THEN '${s}'`).join(' ')} END,
         CASE WHEN i % 5 = 4 THEN ${day('i % 4000 + 60')} END, ${stamp}, ${stamp}
       FROM n`,
    ).run();
    db.prepare(
      `INSERT INTO case_actions (id, case_id, position, description, owner_person_id, due_date, done_on, created_at, updated_at)
       SELECT 'scale-action-' || c.id || '-' || k.k, c.id, k.k, 'Åtgärd ' || k.k, ${pick(people, 'c.rowid + k.k')},
         date(c.detected_on, '+' || (20 * k.k + c.rowid % 40) || ' days'),
         CASE WHEN c.status IN ('implemented', 'closed') OR (k.k = 1 AND c.rowid % 3 = 0) THEN date(c.detected_on, '+10 days') END, ${stamp}, ${stamp}
       FROM cases c, (SELECT 1 AS k UNION ALL SELECT 2) k
       WHERE c.id LIKE 'scale-case-%' AND c.status <> 'open' AND (k.k = 1 OR c.rowid % 2 = 0)`,
    ).run();
    db.prepare(
      `INSERT INTO case_clauses (case_id, clause_number)
       SELECT id, ${`CASE rowid % ${CLAUSES.length} ${CLAUSES.map((c, k) => `WHEN ${k} THEN '${c}'`).join(' ')} END`} FROM cases WHERE id LIKE 'scale-case-%'`,
    ).run();
    // The register's fill reads each case's actions by index.
    rebuild(['cases', 'case_actions', 'case_clauses']);
    db.prepare(`INSERT OR REPLACE INTO case_register (${caseRegisterRows.COLUMNS}) ${caseRegisterRows.SOURCE} WHERE c.rowid > ?)`).run(before);
    db.prepare(`INSERT INTO cases_fts(rowid, text) ${caseRegister.TEXT} WHERE c.rowid > ?`).run(before);
    rebuild(['case_register']);
    for (const t of triggers) db.exec(t.sql);
  })();
  db.exec('ANALYZE');
  return { cases };
}

/**
 * Gives the audits `seedScale` generated what a conducted audit has: a start and end day in its
 * year, one unit, one process, two clauses and a lead, the same on every run. Then the trends count
 * every generated finding (in the year its audit ended) and a programme over those years has a full
 * coverage matrix, as a register with ten years of real audits would.
 */
export function planScaleAudits(ctx: ServiceContext): { audits: number } {
  const db = ctx.db;
  const units = db.prepare('SELECT id FROM units ORDER BY rowid').pluck().all() as string[];
  const processes = db.prepare('SELECT id FROM processes ORDER BY rowid').pluck().all() as string[];
  const people = db.prepare('SELECT id FROM people ORDER BY rowid').pluck().all() as string[];
  if (!units.length || !processes.length || !people.length) throw new Error('planScaleAudits needs the demo organisation first');
  const pick = (list: string[], col: string) => `CASE (${col}) % ${list.length} ${list.map((id, k) => `WHEN ${k} THEN '${id}'`).join(' ')} END`;
  const SCALE = "id LIKE 'scale-audit-%'";
  const i = 'CAST(substr(id, 13) AS INTEGER)';
  let audits = 0;
  db.transaction(() => {
    const triggers = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('sync_audits_au', 'sync_audit_units_ai', 'sync_audit_processes_ai', 'sync_audit_clauses_ai', 'sync_audit_team_ai')")
      .all() as { name: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    audits = db
      .prepare(
        `UPDATE audits SET start_date = date(year || '-01-10', '+' || (${i} * 7 % 330) || ' days'),
           end_date = date(year || '-01-10', '+' || (${i} * 7 % 330 + ${i} % 3) || ' days') WHERE ${SCALE}`,
      )
      .run().changes;
    db.prepare(`INSERT INTO audit_units (audit_id, unit_id) SELECT id, ${pick(units, i)} FROM audits WHERE ${SCALE}`).run();
    db.prepare(`INSERT INTO audit_processes (audit_id, process_id) SELECT id, ${pick(processes, `${i} / 2`)} FROM audits WHERE ${SCALE}`).run();
    db.prepare(
      `INSERT INTO audit_clauses (audit_id, clause_number)
       SELECT id, ${`CASE ${i} % ${CLAUSES.length} ${CLAUSES.map((c, k) => `WHEN ${k} THEN '${c}'`).join(' ')} END`} FROM audits WHERE ${SCALE}
       UNION SELECT id, ${`CASE (${i} + 5) % ${CLAUSES.length} ${CLAUSES.map((c, k) => `WHEN ${k} THEN '${c}'`).join(' ')} END`} FROM audits WHERE ${SCALE}`,
    ).run();
    db.prepare(`INSERT INTO audit_team (audit_id, person_id, role) SELECT id, ${pick(people, i)}, 'lead' FROM audits WHERE ${SCALE}`).run();
    for (const t of triggers) db.exec(t.sql);
  })();
  db.exec('ANALYZE');
  return { audits };
}
