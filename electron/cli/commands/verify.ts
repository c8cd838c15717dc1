import type { Command } from 'commander';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .summary('verify a signed report PDF (exit 0 = valid)')
    .description(
      'Verify a signed PDF: signature, signer, signing time, whole-file coverage, trust and (with --db) the issued report. ' +
        'Exit code 0: valid; 1: unsigned, invalid or changed after signing; 2: the file cannot be read.',
    )
    .argument('<file>', 'the PDF to check')
    .option('--db <file>', 'database: trusted certificates, and whether the file is an issued report')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { db?: string; json?: boolean }) => {
      const { runVerify } = await import('../run/verify');
      runVerify(file, opts);
    });
}
