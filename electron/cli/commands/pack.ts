import type { Command } from 'commander';
import type { PackCliOptions } from '../run/pack';

export function registerPack(program: Command): void {
  program
    .command('pack')
    .summary('certification pack for a period')
    .description(
      'Write what a certification body asks for before a visit, for one period: the audit programme with coverage and approvals, every report issued in the period as signed, the corrective-action register (PDF and XLSX), the management review inputs (ISO 9001 9.3.2; signed with --p12) and a manifest with the SHA-256 of every file.',
    )
    .requiredOption('--db <file>', 'database file')
    .requiredOption('--from <day>', 'first day of the period, YYYY-MM-DD')
    .requiredOption('--to <day>', 'last day of the period, YYYY-MM-DD')
    .requiredOption('--out <dir|file.zip>', 'a new folder, or a .zip file')
    .option('--lang <lang>', 'language of the documents: sv or en', 'sv')
    .option('--p12 <file>', 'signing identity (.p12/.pfx) for the management review inputs')
    .option('--passphrase-env <var>', 'environment variable holding the passphrase of --p12')
    .action(async (opts: PackCliOptions) => {
      const { runPack } = await import('../run/pack');
      await runPack(opts);
    });
}
