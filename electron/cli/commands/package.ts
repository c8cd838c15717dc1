import type { Command } from 'commander';
import type { PackageExportOptions, PackageImportOptions, PackageReturnOptions } from '../run/package';

export function registerPackage(program: Command): void {
  const pkg = program
    .command('package')
    .summary('audit packages: send to auditors, merge back')
    .description(
      'Audit packages: one .granska file with everything auditors need to conduct audits offline, and the return package with their work.',
    );
  pkg
    .command('export')
    .summary('cut a package of one or more audits for auditors')
    .argument('<number...>', 'audit numbers, e.g. IR-2027-004')
    .requiredOption('--db <file>', 'database file')
    .requiredOption('--out <file>', 'package to write (.granska)')
    .option('--encrypt', 'encrypt the package for its recipient (AES-256-GCM, key by scrypt); tell them the passphrase another way')
    .option('--passphrase-env <var>', 'environment variable holding the package passphrase (default GRANSKA_PACKAGE_PASSPHRASE, else asked for)')
    .action(async (numbers: string[], opts: PackageExportOptions) => {
      const { runPackageExport } = await import('../run/package');
      runPackageExport(numbers, opts);
    });
  pkg
    .command('return')
    .summary("write the auditor's work on a package as a return package")
    .description(
      "Write the auditor's work as a return package: from the package they opened (its working database sits next to it), or from their own database the package was imported into (only the imported audits' work; name the audits when several packages were imported).",
    )
    .argument('[number...]', 'imported audits whose work to send back (own database only)')
    .requiredOption('--db <file>', 'the package the auditor worked from, or their own database')
    .requiredOption('--out <file>', 'return package to write (.granska)')
    .option('--encrypt', 'encrypt the return package with a passphrase (AES-256-GCM, key by scrypt)')
    .option('--passphrase-env <var>', 'environment variable holding the package passphrase (default GRANSKA_PACKAGE_PASSPHRASE, else asked for)')
    .action(async (numbers: string[], opts: PackageReturnOptions) => {
      const { runPackageReturn } = await import('../run/package');
      runPackageReturn(numbers, opts);
    });
  pkg
    .command('import')
    .summary("merge an auditor's return package, or take an audit package into your own database")
    .description(
      "Merge an auditor's return package into the database its audits came from, or import an audit package from another database into your own to conduct it there. Exit codes: 0 done, 3 done but conflicts wait for a person, 1 refused (nothing changed), 2 unreadable.",
    )
    .argument('<file>', 'return package or audit package (.granska)')
    .requiredOption('--db <file>', 'database file')
    .option('--json', 'print JSON')
    .option('--passphrase-env <var>', 'for an encrypted package: the variable holding its passphrase (default GRANSKA_PACKAGE_PASSPHRASE, else asked for)')
    .action(async (file: string, opts: PackageImportOptions) => {
      const { runPackageImport } = await import('../run/package');
      await runPackageImport(file, opts);
    });
}
