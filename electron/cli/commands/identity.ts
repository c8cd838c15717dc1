import type { Command } from 'commander';
import type { IdentityCreateOptions } from '../run/identity';

/**
 * `granska identity create`: a self-signed signing identity as a .p12 file, for a lead who signs
 * reports from the command line. The passphrase comes from an environment variable so it never
 * appears in the shell history or the process list.
 */
export function registerIdentity(program: Command): void {
  const identity = program
    .command('identity')
    .summary('create a signing identity (.p12 file)')
    .description('Signing identities for reports.');
  identity
    .command('create')
    .summary('create a self-signed signing identity as a .p12 file')
    .description('Create a self-signed signing identity (RSA 2048, SHA-256) as a PKCS#12 file encrypted with a passphrase.')
    .requiredOption('--name <name>', "the signer's name, as printed in reports")
    .requiredOption('--email <email>', "the signer's e-mail address")
    .requiredOption('--org <organisation>', 'the organisation')
    .requiredOption('--out <file>', 'the .p12 file to write')
    .requiredOption('--passphrase-env <var>', 'environment variable holding the passphrase (at least 8 characters)')
    .option('--valid-years <n>', 'years of validity (1–10)', '3')
    .option('--cert <file>', 'also write the public certificate (.pem), for recipients to trust')
    .option('--force', 'overwrite --out if it exists')
    .action(async (opts: IdentityCreateOptions) => {
      const { runIdentityCreate } = await import('../run/identity');
      runIdentityCreate(opts);
    });
}
