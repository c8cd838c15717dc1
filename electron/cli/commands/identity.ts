import fs from 'node:fs';
import type { Command } from 'commander';
import { identityCreateInput } from '../../../shared/domain/reports';
import { createSelfSignedIdentity } from '../../backend/signing';
import { CliExit } from '../main';
import { passphraseFromEnv } from './passphrase';

/**
 * `granska identity create`: a self-signed signing identity as a .p12 file, for a lead who signs
 * reports from the command line. The passphrase comes from an environment variable so it never
 * appears in the shell history or the process list.
 */
export function registerIdentity(program: Command): void {
  const identity = program.command('identity').description('Signing identities for reports.');
  identity
    .command('create')
    .description('Create a self-signed signing identity (RSA 2048, SHA-256) as a PKCS#12 file encrypted with a passphrase.')
    .requiredOption('--name <name>', "the signer's name, as printed in reports")
    .requiredOption('--email <email>', "the signer's e-mail address")
    .requiredOption('--org <organisation>', 'the organisation')
    .requiredOption('--out <file>', 'the .p12 file to write')
    .requiredOption('--passphrase-env <var>', 'environment variable holding the passphrase (at least 8 characters)')
    .option('--valid-years <n>', 'years of validity (1–10)', '3')
    .option('--cert <file>', 'also write the public certificate (.pem), for recipients to trust')
    .option('--force', 'overwrite --out if it exists')
    .action((opts: { name: string; email: string; org: string; out: string; passphraseEnv: string; validYears: string; cert?: string; force?: boolean }) => {
      const passphrase = passphraseFromEnv(opts.passphraseEnv);
      const parsed = identityCreateInput.safeParse({
        name: opts.name,
        email: opts.email,
        organisation: opts.org,
        passphrase,
        validYears: Number(opts.validYears),
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) process.stderr.write(`granska: --${flag(String(issue.path[0]))}: ${issue.message}\n`);
        throw new CliExit(1);
      }
      if (fs.existsSync(opts.out) && !opts.force) {
        process.stderr.write(`granska: ${opts.out} exists; use --force to overwrite it.\n`);
        throw new CliExit(1);
      }
      const { p12, info } = createSelfSignedIdentity({
        name: parsed.data.name,
        email: parsed.data.email,
        organisation: parsed.data.organisation,
        passphrase: parsed.data.passphrase,
        validDays: parsed.data.validYears * 365,
      });
      // readable by its owner only: the key is encrypted, but there is no reason to hand it around
      fs.writeFileSync(opts.out, p12, { mode: 0o600 });
      if (opts.cert) fs.writeFileSync(opts.cert, info.certificatePem);
      process.stdout.write(
        [
          `Signing identity created: ${info.subjectName} <${info.email ?? ''}>, ${info.organisation ?? ''}`,
          `SHA-256 fingerprint: ${info.fingerprintSha256}`,
          `Valid until: ${info.notAfter}`,
          `Written to ${opts.out} (private key encrypted with the passphrase)${opts.cert ? `; certificate in ${opts.cert}` : ''}.`,
          'Give recipients the fingerprint (or the certificate) so they can confirm your signatures.',
          '',
        ].join('\n'),
      );
    });
}

const flag = (field: string) => (field === 'organisation' ? 'org' : field === 'validYears' ? 'valid-years' : field === 'passphrase' ? 'passphrase-env' : field);
