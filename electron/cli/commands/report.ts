import fs from 'node:fs';
import type { Command } from 'commander';
import { LANGS, type Lang } from '../../../shared/domain/common';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../../backend/services/context';
import { issueReport, listRevisions, previewReport, revisionBytes } from '../../backend/services/reports/issue';
import { CliExit } from '../main';
import { openCliBackend } from '../session';
import { passphraseFromEnv } from './passphrase';

function auditIdOf(ctx: ServiceContext, number: string): string {
  const id = ctx.db.prepare('SELECT id FROM audits WHERE number = ? COLLATE NOCASE').pluck().get(number) as string | undefined;
  if (!id) throw new AppError('not_found', { audit: number });
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
 * `granska report NUMBER`: without --p12 an unsigned draft (what the app's preview shows); with
 * --p12 the report is issued exactly as in the app: signed, recorded with its SHA-256 as the next
 * revision, and the audit locked. --revision writes an issued revision's stored bytes unchanged.
 */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Write an audit report as PDF: an unsigned draft, or (with --p12) issue and sign the next revision.')
    .argument('<number>', 'audit number, e.g. IR-2027-004')
    .requiredOption('--db <file>', 'database file')
    .requiredOption('--out <file>', 'PDF file to write')
    .option('--lang <lang>', 'report language: sv or en', 'sv')
    .option('--p12 <file>', 'signing identity (.p12/.pfx): issue and sign the report')
    .option('--passphrase-env <var>', 'environment variable holding the passphrase of --p12')
    .option('--role <role>', "the signer's role printed in the signature block (default: lead auditor)")
    .option('--reason <text>', 'the reason stated in the signature')
    .option('--revision <n>', 'write this issued revision exactly as it was issued')
    .action(
      async (
        number: string,
        opts: { db: string; out: string; lang: string; p12?: string; passphraseEnv?: string; role?: string; reason?: string; revision?: string },
      ) => {
        if (!(LANGS as readonly string[]).includes(opts.lang)) {
          process.stderr.write(`granska: --lang must be one of ${LANGS.join(', ')}.\n`);
          throw new CliExit(1);
        }
        if (opts.p12 && !opts.passphraseEnv) {
          process.stderr.write('granska: --p12 needs --passphrase-env VAR (the variable holding its passphrase).\n');
          throw new CliExit(1);
        }
        const lang = opts.lang as Lang;
        const backend = openCliBackend(opts.db);
        try {
          const ctx = backend.ctx();
          const auditId = auditIdOf(ctx, number);
          if (opts.revision) {
            const wanted = listRevisions(ctx, auditId).find((r) => String(r.revision) === opts.revision);
            if (!wanted) throw new AppError('not_found', { audit: number, revision: opts.revision });
            const { pdf } = revisionBytes(ctx, wanted.id);
            fs.writeFileSync(opts.out, pdf);
            process.stdout.write(`Wrote ${number} revision ${wanted.revision} as issued to ${opts.out} (SHA-256 ${wanted.sha256}).\n`);
            return;
          }
          if (!opts.p12) {
            const draft = await previewReport(ctx, { auditId, lang });
            fs.writeFileSync(opts.out, Buffer.from(draft.base64, 'base64'));
            process.stdout.write(`Wrote an unsigned draft of ${number} (${draft.pages} pages) to ${opts.out}. Add --p12 to issue and sign it.\n`);
            return;
          }
          const passphrase = passphraseFromEnv(opts.passphraseEnv as string);
          const issued = await issueReport(
            ctx,
            { auditId, auditRevision: null, lang, signerRole: opts.role ?? '', reason: opts.reason ?? '' },
            { p12: readP12(opts.p12), passphrase, identityId: null },
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
      },
    );
}
