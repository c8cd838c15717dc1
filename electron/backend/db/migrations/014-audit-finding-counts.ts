/**
 * How many findings each audit has, kept exact by triggers on findings, so the unfiltered
 * register's size and where each audit's rows begin are read from ten thousand small rows instead
 * of counting a million index entries after every change. Derived and local: never synchronised
 * (it is recomputed from the findings it counts).
 */
export const sql = `
CREATE TABLE audit_finding_counts (
  audit_id TEXT PRIMARY KEY,
  findings INTEGER NOT NULL
) WITHOUT ROWID, STRICT;

INSERT INTO audit_finding_counts (audit_id, findings) SELECT audit_id, count(*) FROM findings GROUP BY audit_id;

CREATE TRIGGER audit_finding_counts_ai AFTER INSERT ON findings BEGIN
  INSERT INTO audit_finding_counts (audit_id, findings) VALUES (new.audit_id, 1)
    ON CONFLICT (audit_id) DO UPDATE SET findings = findings + 1;
END;

CREATE TRIGGER audit_finding_counts_ad AFTER DELETE ON findings BEGIN
  UPDATE audit_finding_counts SET findings = findings - 1 WHERE audit_id = old.audit_id;
END;

CREATE TRIGGER audit_finding_counts_au AFTER UPDATE OF audit_id ON findings WHEN new.audit_id IS NOT old.audit_id BEGIN
  UPDATE audit_finding_counts SET findings = findings - 1 WHERE audit_id = old.audit_id;
  INSERT INTO audit_finding_counts (audit_id, findings) VALUES (new.audit_id, 1)
    ON CONFLICT (audit_id) DO UPDATE SET findings = findings + 1;
END;
`;
