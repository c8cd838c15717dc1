import fs from 'node:fs';
import { identityCreateInput } from '../../../shared/domain/reports';
import { createSelfSignedIdentity } from '../../backend/signing/identity-create';
import { CliExit, fail } from '../exit';
import { validationText } from '../output';
import { passphraseFromEnv } from './passphrase';

export interface IdentityCreateOptions {
  name: string;
  email: string;
  org: string;
  out: string;
  passphraseEnv: string;
  validYears: string;
  cert?: string;
  force?: boolean;
}

const flag = (field: string) => (field === 'organisation' ? 'org' : field === 'validYears' ? 'valid-years' : field === 'passphrase' ? 'passphrase-env' : field);

export function runIdentityCreate(opts: IdentityCreateOptions): void {
  const passphrase = passphraseFromEnv(opts.passphraseEnv);
  const parsed = identityCreateInput.safeParse({
    name: opts.name,
    email: opts.email,
    organisation: opts.org,
    passphrase,
    validYears: Number(opts.validYears),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) process.stderr.write(`granska: --${flag(String(issue.path[0]))}: ${validationText(issue.message)}\n`);
    throw new CliExit(1);
  }
  if (fs.existsSync(opts.out) && !opts.force) fail(`${opts.out} exists; use --force to overwrite it.`);
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
}
