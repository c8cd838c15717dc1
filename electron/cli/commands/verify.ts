import type { Command } from 'commander';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .summary('verify a signed report PDF (0 = valid, trusted)')
    .description(
      'Verify a signed PDF: every signature in it, that nothing was added after the issued signature, the signer certificate ' +
        '(validity at signing time, key usage), trust (the database\'s trusted certificates and --trust files: a signer\'s own ' +
        'certificate or a CA that issued it) and, with --db, whether the file is the current revision of an issued report. ' +
        'Exit code 0: valid and trusted; 1: unsigned, changed, untrusted, superseded or otherwise invalid; 2: a file cannot be read.',
    )
    .argument('<file>', 'the PDF to check')
    .option('--db <file>', 'database: trusted certificates, and whether the file is the current issued report')
    .option('--trust <cert>', 'a trusted certificate (.pem/.crt/.cer; a signer or a CA); repeatable', collect)
    .option('--allow-untrusted', 'exit 0 for an intact file when no trusted certificate is configured at all (printed as such)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { db?: string; json?: boolean; trust?: string[]; allowUntrusted?: boolean }) => {
      const { runVerify } = await import('../run/verify');
      runVerify(file, opts);
    });
}
