import fs from 'node:fs';
import { AppError } from '../../../shared/errors';
import { fill } from '../../../shared/i18n/fill';
import en from '../../../shared/i18n/locales/en/security.json';
import type { ImportSummary } from '../../../shared/contract/packages';
import { exportAuditPackage, importPackage, makeReturnPackage } from '../../backend/features/packages/service';
import { CliExit, fail } from '../exit';
import { describeError, printJson } from '../output';
import { openCliBackend } from '../session';
import { askPassphrase, PACKAGE_PASSPHRASE_ENV } from '../db-passphrase';
import { isEncryptedPackage, MIN_PACKAGE_PASSPHRASE_LENGTH, sealPackage } from '../../backend/features/packages/envelope';
import type { Manifest } from '../../backend/features/packages/format';

export interface PackageExportOptions { db: string; out: string; encrypt?: boolean; passphraseEnv?: string }
export interface PackageReturnOptions { db: string; out: string; encrypt?: boolean; passphraseEnv?: string }
export interface PackageImportOptions { db: string; json?: boolean; passphraseEnv?: string }

/** The recipient's passphrase, asked for (twice) before any work, so a typo cannot lock them out. */
function sealer(opts: { out: string; encrypt?: boolean; passphraseEnv?: string }): (zip: Buffer) => Buffer {
  if (!opts.encrypt) return (zip) => zip;
  const passphrase = askPassphrase(`the package ${opts.out}`, { env: opts.passphraseEnv ?? PACKAGE_PASSPHRASE_ENV, confirm: true });
  if (passphrase.length < MIN_PACKAGE_PASSPHRASE_LENGTH) fail(`the package passphrase must be at least ${MIN_PACKAGE_PASSPHRASE_LENGTH} characters; nothing was written.`);
  return (zip) => sealPackage(zip, passphrase);
}

/** The head a package states for the audit trail, for the terminal. */
function headLine(manifest: Manifest): string {
  return manifest.trailHead ? `Audit trail head: ${manifest.trailHead.hash} (row ${manifest.trailHead.seq}).\n` : '';
}

/** Written beside and renamed into place: a reader never sees half a package. */
function writeAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

export function runPackageExport(numbers: string[], opts: PackageExportOptions): void {
  const backend = openCliBackend(opts.db);
  try {
    const seal = sealer(opts);
    const { data, manifest } = exportAuditPackage(backend.ctx(), numbers);
    const file = seal(data);
    writeAtomically(opts.out, file);
    process.stdout.write(
      `Wrote ${opts.out}: ${manifest.audits.map((a) => a.number).join(', ')} (${file.length} bytes${opts.encrypt ? ', encrypted' : ''}).\n${headLine(manifest)}`,
    );
  } finally {
    backend.close();
  }
}

export function runPackageReturn(numbers: string[], opts: PackageReturnOptions): void {
  const backend = openCliBackend(opts.db);
  try {
    const seal = sealer(opts);
    const { data, changes } = makeReturnPackage(backend.ctx(), { audits: numbers });
    writeAtomically(opts.out, seal(data));
    process.stdout.write(`Wrote ${opts.out}: ${changes} change(s)${opts.encrypt ? ', encrypted' : ''}.\n`);
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
  const passphrase = isEncryptedPackage(bytes) ? askPassphrase(file, { env: opts.passphraseEnv ?? PACKAGE_PASSPHRASE_ENV }) : null;
  const backend = openCliBackend(opts.db);
  let summary: ImportSummary;
  try {
    summary = await importPackage(backend.ctx(), bytes, passphrase);
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
  if (summary.historyEdited) {
    process.stderr.write(
      `granska: warning: ${fill(en.packages.historyEdited, { seq: summary.historyEdited.seq })}\n`,
    );
  }
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
