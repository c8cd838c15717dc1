import type { Command } from 'commander';
import type { ReportOptions } from '../run/report';

export function registerReport(program: Command): void {
  program
    .command('report')
    .summary('write a report PDF; --p12 signs, --docx a Word copy')
    .description(
      'Write an audit report as PDF: an unsigned draft, or (with --p12) issue and sign the next revision, which locks the audit. ' +
        "With --docx, write an editable Word copy instead: of the current issued revision while the audit is locked, else of the draft; the signed PDF remains the record.",
    )
    .argument('<number>', 'audit number, e.g. IR-2027-004')
    .requiredOption('--db <file>', 'database file')
    .requiredOption('--out <file>', 'PDF (or with --docx, .docx) file to write')
    .option('--lang <lang>', 'report language: sv or en', 'sv')
    .option('--p12 <file>', 'signing identity (.p12/.pfx): issue and sign the report')
    .option('--passphrase-env <var>', 'environment variable holding the passphrase of --p12')
    .option('--role <role>', "the signer's role printed in the signature block (default: lead auditor)")
    .option('--reason <text>', 'the reason stated in the signature')
    .option('--revision <n>', 'write this issued revision exactly as it was issued')
    .option('--docx', 'write an editable Word copy (.docx) laid out by the report template')
    .action(async (number: string, opts: ReportOptions) => {
      const { runReport } = await import('../run/report');
      await runReport(number, opts);
    });
}
