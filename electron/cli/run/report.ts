import fs from 'node:fs';
import type { Lang } from '../../../shared/domain/common';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../../backend/core/context';
import { issueReport, listRevisions, previewDocx, previewReport, revisionBytes, revisionDocx } from '../../backend/features/reports';
import { fail } from '../exit';
import { openCliBackend } from '../session';
import { passphraseFromEnv } from './passphrase';

export interface ReportOptions {
  db: string;
  out: string;
  lang: string;
  p12?: string;
  passphraseEnv?: string;
  role?: string;
  reason?: string;
  revision?: string;
  docx?: boolean;
}

function auditIdOf(ctx: ServiceContext, number: string): string {
  const id = ctx.db.prepare('SELECT id FROM audits WHERE number = ? COLLATE NOCASE').pluck().get(number) as string | undefined;
  if (!id) fail(`no audit has the number ${number}; \`granska audits --db FILE\` lists them.`);
  return id;
}

function readP12(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new AppError('file_unreadable', { path: file });
  }
}

/**
 * The current issued revision of a locked audit (or the one --revision names), else the draft in
 * --lang. A superseded revision is refused by the service: its PDF is the record.
 */
async function writeWordCopy(ctx: ServiceContext, number: string, auditId: string, lang: Lang, opts: ReportOptions): Promise<void> {
  const revisions = listRevisions(ctx, auditId);
  const locked = ctx.db.prepare('SELECT locked FROM audits WHERE id = ?').pluck().get(auditId) === 1;
  const wanted = opts.revision ? revisions.find((r) => String(r.revision) === opts.revision) : locked ? revisions[0] : undefined;
  if (opts.revision && !wanted) fail(`${number} has no issued revision ${opts.revision}.`);
  if (wanted) {
    const copy = await revisionDocx(ctx, wanted.id);
    fs.writeFileSync(opts.out, copy.docx);
    process.stdout.write(`Wrote a Word copy of ${number} revision ${wanted.revision} to ${opts.out}. The signed PDF (SHA-256 ${wanted.sha256}) remains the record.\n`);
    return;
  }
  const copy = await previewDocx(ctx, { auditId, lang });
  fs.writeFileSync(opts.out, copy.docx);
  process.stdout.write(`Wrote a Word copy of the unissued draft of ${number} to ${opts.out}.\n`);
}

/**
 * Without --p12 an unsigned draft (what the app's preview shows); with --p12 the report is issued
 * exactly as in the app: signed, recorded with its SHA-256 as the next revision, and the audit
 * locked. --revision writes an issued revision's stored bytes unchanged.
 */
export async function runReport(number: string, opts: ReportOptions): Promise<void> {
  if (opts.lang !== 'sv' && opts.lang !== 'en') fail('--lang must be sv or en.');
  if (opts.p12 && !opts.passphraseEnv) fail('--p12 needs --passphrase-env VAR (the variable holding its passphrase).');
  if (opts.revision && opts.p12) fail('--revision writes an issued revision as it is; it cannot be combined with --p12.');
  if (opts.docx && opts.p12) fail('--docx writes a Word copy; issue and sign the PDF first (without --docx), then copy it.');
  // Read before anything is issued: a missing passphrase or key file must leave the audit unlocked.
  const key = opts.p12 ? { passphrase: passphraseFromEnv(opts.passphraseEnv as string), p12: readP12(opts.p12) } : null;
  const lang: Lang = opts.lang;
  const backend = openCliBackend(opts.db);
  try {
    const ctx = backend.ctx();
    const auditId = auditIdOf(ctx, number);
    if (opts.docx) {
      await writeWordCopy(ctx, number, auditId, lang, opts);
      return;
    }
    if (opts.revision) {
      const revisions = listRevisions(ctx, auditId);
      const wanted = revisions.find((r) => String(r.revision) === opts.revision);
      if (!wanted) {
        const issued = revisions.map((r) => r.revision).join(', ');
        fail(`${number} has no issued revision ${opts.revision}${issued ? ` (issued: ${issued})` : '; it has not been issued'}.`);
      }
      const { pdf } = revisionBytes(ctx, wanted.id);
      fs.writeFileSync(opts.out, pdf);
      process.stdout.write(`Wrote ${number} revision ${wanted.revision} as issued to ${opts.out} (SHA-256 ${wanted.sha256}).\n`);
      return;
    }
    if (!key) {
      const draft = await previewReport(ctx, { auditId, lang });
      fs.writeFileSync(opts.out, Buffer.from(draft.base64, 'base64'));
      process.stdout.write(`Wrote an unsigned draft of ${number} (${draft.pages} pages) to ${opts.out}. Add --p12 to issue and sign it.\n`);
      return;
    }
    const issued = await issueReport(
      ctx,
      { auditId, auditRevision: null, lang, signerRole: opts.role ?? '', reason: opts.reason ?? '' },
      { p12: key.p12, passphrase: key.passphrase, identityId: null },
    );
    fs.writeFileSync(opts.out, revisionBytes(ctx, issued.id).pdf);
    process.stdout.write(
      [
        `Issued ${number} revision ${issued.revision}, signed by ${issued.signerName}; the audit is now locked.`,
        `SHA-256: ${issued.sha256}`,
        `Signer fingerprint: ${issued.signerFingerprint}`,
        `Written to ${opts.out}.`,
        '',
      ].join('\n'),
    );
  } finally {
    backend.close();
  }
}
