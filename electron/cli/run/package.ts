import fs from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { ImportSummary } from '../../../shared/contract/packages';
import { exportAuditPackage, importPackage, makeReturnPackage } from '../../backend/features/packages/service';
import { CliExit, fail } from '../exit';
import { describeError, printJson } from '../output';
import { openCliBackend } from '../session';

export interface PackageExportOptions { db: string; out: string }
export interface PackageReturnOptions { db: string; out: string }
export interface PackageImportOptions { db: string; json?: boolean }

/** Written beside and renamed into place: a reader never sees half a package. */
function writeAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

export function runPackageExport(numbers: string[], opts: PackageExportOptions): void {
  const backend = openCliBackend(opts.db);
  try {
    const { data, manifest } = exportAuditPackage(backend.ctx(), numbers);
    writeAtomically(opts.out, data);
    process.stdout.write(`Wrote ${opts.out}: ${manifest.audits.map((a) => a.number).join(', ')} (${data.length} bytes).\n`);
  } finally {
    backend.close();
  }
}

export function runPackageReturn(numbers: string[], opts: PackageReturnOptions): void {
  const backend = openCliBackend(opts.db);
  try {
    const { data, changes } = makeReturnPackage(backend.ctx(), { audits: numbers });
    writeAtomically(opts.out, data);
    process.stdout.write(`Wrote ${opts.out}: ${changes} change(s).\n`);
  } finally {
    backend.close();
  }
}

export async function runPackageImport(file: string, opts: PackageImportOptions): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    fail(`cannot read ${file}.`, 2);
  }
  const backend = openCliBackend(opts.db);
  let summary: ImportSummary;
  try {
    summary = await importPackage(backend.ctx(), bytes);
  } catch (err) {
    const code = err instanceof AppError && err.code === 'file_unreadable' ? 2 : 1;
    if (opts.json && err instanceof AppError) printJson({ refused: true, error: err.toPayload() });
    process.stderr.write(`granska: ${describeError(err)}\n`);
    throw new CliExit(code);
  } finally {
    backend.close();
  }
  if (opts.json) printJson(summary);
  else printSummary(summary);
  if (summary.openConflicts.length > 0) throw new CliExit(3);
}

function printSummary(s: ImportSummary): void {
  const counts = (m: Record<string, number>) => Object.entries(m).map(([t, n]) => `${n} ${t}`).join(', ') || 'nothing';
  process.stdout.write(`${s.kind === 'audit' ? 'Audit package' : 'Package'} ${s.packageId} for ${s.audits.join(', ')}\n`);
  process.stdout.write(`Added: ${counts(s.added)}\nChanged: ${counts(s.changed)}\n`);
  if (s.trailEntries > 0) process.stdout.write(`Audit trail: ${s.trailEntries} entr${s.trailEntries === 1 ? 'y' : 'ies'} of the auditor's quoted.\n`);
  if (s.skipped > 0 && s.applied === 0) process.stdout.write(s.kind === 'audit' ? 'Already imported: nothing new.\n' : 'Already merged: nothing new.\n');
  for (const r of s.renumbered) process.stdout.write(`Renumbered ${r.from} → ${r.to}\n`);
  for (const c of s.openConflicts) {
    process.stdout.write(`Conflict ${c.record} ${c.field}: here ${JSON.stringify(c.local)} / arrived ${JSON.stringify(c.remote)}\n`);
  }
  process.stdout.write(
    s.openConflicts.length > 0
      ? `${s.openConflicts.length} conflict(s) wait for a person: open the audit in Granska to choose.\n`
      : s.kind === 'audit'
        ? 'Imported: conduct the audit here, then send the work back with granska package return.\n'
        : 'Merged.\n',
  );
}
