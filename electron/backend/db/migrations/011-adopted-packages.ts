/**
 * Audit packages imported into an auditor's own database (not opened as a working copy), and the
 * trail entries other databases' people wrote that arrived here in return packages. Local
 * bookkeeping: none of it travels (no capture triggers).
 *
 * - `adopted_packages`: each audit package taken in, with the log and trail positions right after
 *   it was applied: the auditor's own work on its audits comes after them.
 * - `adopted_audits`: which package an audit here came from last (its return is cut from it), and
 *   the main database it belongs to; new findings and cases in these audits are numbered
 *   provisionally, as in a working copy, so the main database gives the final numbers.
 * - `imported_trail`: trail rows quoted from another database (by their id there), so a package
 *   imported twice adds them once, and a reader can tell where each came from.
 */
export const sql = `
CREATE TABLE adopted_packages (
  package_id TEXT PRIMARY KEY,
  source_database_id TEXT NOT NULL,
  manifest_json TEXT NOT NULL,
  start_seq INTEGER NOT NULL,
  trail_start INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
) STRICT;

CREATE TABLE adopted_audits (
  audit_id TEXT PRIMARY KEY,
  package_id TEXT NOT NULL REFERENCES adopted_packages(package_id),
  source_database_id TEXT NOT NULL
) STRICT;

CREATE TABLE imported_trail (
  origin_id TEXT PRIMARY KEY,
  trail_id TEXT NOT NULL UNIQUE,
  from_database_id TEXT NOT NULL,
  package_id TEXT NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;
`;
