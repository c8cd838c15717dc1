/** One change as it travels between databases (package files, the team server). See DESIGN.md. */
export interface Change {
  /** UUIDv7, globally unique; applying the same change twice is a no-op. */
  changeId: string;
  /** Hybrid logical clock stamp (hlc.ts). */
  hlc: string;
  /** Node id of the database that made it. */
  node: string;
  table: string;
  /** The row's primary key; composite keys joined with '|'. */
  rowId: string;
  op: 'upsert' | 'delete';
  /** Changed columns → new values (every column on insert). */
  fields: Record<string, unknown>;
  /** The audit the row belongs to; null for organisation-wide rows. */
  auditId: string | null;
}

export type ChangeOrigin = 'local' | 'package' | 'server';
