import { z } from 'zod';
import { call } from './define';
import type { DeliveredFile } from './files';
import { id } from '../domain/common';

/** A field both sides changed since the package was cut, waiting for a person's decision. */
export interface PackageConflict {
  id: string;
  table: string;
  rowId: string;
  /** The column; '' when a whole record could not be written. */
  field: string;
  /** `choice`: one of a set of values (a finding type), so only one side can be kept; `text`: both may be kept. */
  kind: 'text' | 'choice';
  auditId: string | null;
  auditNumber: string | null;
  /** What a person recognises the record by: a finding's number, a checklist question. */
  record: string;
  /** The value in this database. */
  local: unknown;
  /** The value that arrived. */
  remote: unknown;
  createdAt: string;
}

export interface ImportSummary {
  packageId: string;
  /** `audit`: a package to work from, taken into this database; `return`: an auditor's work merged. */
  kind: 'audit' | 'return';
  audits: string[];
  applied: number;
  skipped: number;
  /** Records added, by table. */
  added: Record<string, number>;
  /** Records changed or removed, by table. */
  changed: Record<string, number>;
  renumbered: { from: string; to: string }[];
  /** The auditor's audit-trail entries quoted into this database's trail. */
  trailEntries: number;
  newConflicts: number;
  /** Every conflict still waiting for these audits (from this import or an earlier one). */
  openConflicts: PackageConflict[];
  /**
   * The audit-trail row this database had when the package was sent, when it is no longer there
   * with the same hash: the history was edited since (issue 14.4). Null when intact or unknown.
   */
  historyEdited: { seq: number; hash: string } | null;
}

/** Whether the open database is a working copy made from a package, and of which audits. */
export interface PackageStatus {
  workingCopy: boolean;
  audits: { id: string; number: string; title: string }[];
  /** Audits imported into this (the auditor's own) database from another database's package. */
  adoptedAuditIds: string[];
}

/** Encrypts the package for its recipient, who must be told the passphrase another way than the file. */
const packagePassphrase = z.string().min(8, { message: 'passphrase_short' }).max(1024, { message: 'too_long' });

/** Audit packages: sending audits to auditors' laptops and merging their work back. */
export const packagesCalls = {
  'packages.status': call<PackageStatus>()(z.object({}).default({})),
  /** "Send to auditor…": the audits and everything needed to conduct them offline, as one .granska file. */
  'packages.export': call<DeliveredFile>()(z.object({ auditIds: z.array(id).min(1), passphrase: packagePassphrase.optional() })),
  /**
   * Merges a return package, or takes an audit package from another database into this one; refusals
   * change nothing. An encrypted package needs its passphrase.
   */
  'packages.import': call<ImportSummary>()(
    z.object({ fileName: z.string().max(500), contentBase64: z.string().min(1), passphrase: z.string().max(1024).optional() }),
  ),
  /**
   * The auditor's work as a return package: in a working copy all of it; in the auditor's own
   * database the work on these imported audits (all imported ones when they came in one package).
   */
  'packages.return': call<DeliveredFile>()(z.object({ auditIds: z.array(id).optional(), passphrase: packagePassphrase.optional() }).default({})),
  'packages.conflicts': call<PackageConflict[]>()(z.object({ auditId: id.optional() }).default({})),
  'packages.resolve': call<PackageConflict[]>()(
    z.object({ id, choice: z.enum(['local', 'remote', 'both']), text: z.string().max(20000).optional() }),
  ),
};
