/**
 * Issued audit reports (ISO 19011 6.5) and what signing them needs: the organisation's signing
 * identities (PKCS#12, stored exactly as imported or created, i.e. encrypted by its passphrase; the
 * app never holds a plain private key at rest) and the certificates it trusts when verifying.
 */
export const sql = `
CREATE TABLE signing_identities (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  subject_name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  issuer_name TEXT NOT NULL DEFAULT '',
  fingerprint TEXT NOT NULL UNIQUE,
  not_before TEXT NOT NULL,
  not_after TEXT NOT NULL,
  self_signed INTEGER NOT NULL DEFAULT 0 CHECK (self_signed IN (0,1)),
  certificate_pem TEXT NOT NULL,
  -- The PKCS#12 file's bytes, encrypted by its own passphrase; the passphrase is never stored.
  p12 BLOB NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE trusted_certificates (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  subject_name TEXT NOT NULL,
  fingerprint TEXT NOT NULL UNIQUE,
  not_after TEXT NOT NULL,
  pem TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1
) STRICT;

-- An issued report is immutable: a correction is a new row with the next revision number.
CREATE TABLE report_revisions (
  id TEXT PRIMARY KEY,
  audit_id TEXT NOT NULL REFERENCES audits(id),
  revision INTEGER NOT NULL CHECK (revision >= 1),
  lang TEXT NOT NULL CHECK (lang IN ('sv','en')),
  file_name TEXT NOT NULL,
  pdf BLOB NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  identity_id TEXT REFERENCES signing_identities(id),
  signer_name TEXT NOT NULL,
  signer_fingerprint TEXT NOT NULL,
  signer_role TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  correction_reason TEXT NOT NULL DEFAULT '',
  summary_json TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  UNIQUE (audit_id, revision)
) STRICT;
CREATE INDEX report_revisions_audit ON report_revisions(audit_id, revision);

-- A correction opened on an issued report: unlocks the audit until the next revision is issued.
CREATE TABLE report_corrections (
  id TEXT PRIMARY KEY,
  audit_id TEXT NOT NULL REFERENCES audits(id),
  after_revision INTEGER NOT NULL,
  reason TEXT NOT NULL,
  started_at TEXT NOT NULL,
  started_by TEXT NOT NULL,
  closed_by_revision_id TEXT REFERENCES report_revisions(id)
) STRICT;
CREATE INDEX report_corrections_audit ON report_corrections(audit_id);
`;
