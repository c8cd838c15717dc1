import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { verdictReason, type VerificationCheck, type VerifyOutcome } from '../../../shared/domain/reports';
import { AppError } from '../../../shared/errors';
import { fill } from '../../../shared/i18n/fill';
import en from '../../../shared/i18n/locales/en/reports.json';
import { verifyReportFile } from '../../backend/features/reports';
import { CliExit } from '../exit';
import { printJson } from '../output';
import { openCliBackend } from '../session';

const MARK: Record<VerificationCheck['state'], string> = { pass: 'ok  ', fail: 'FAIL', warn: 'note', info: '    ' };
const checkTexts = en.verify.checks as Record<string, Record<string, string>>;
const headlines = en.verify.headline as Record<string, string>;

/** The app's own English sentence for a check, so the terminal and the Verify page say the same. */
export function describeCheck(check: VerificationCheck): string {
  return fill(checkTexts[check.key]?.[check.outcome] ?? `${check.key}: ${check.outcome}`, check.params);
}

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new AppError('file_unreadable', { path: file });
  }
}

/** A .pem (one or more certificates) or a DER .cer/.crt; anything else is refused by name. */
function readTrusted(file: string): string[] {
  const bytes = readFile(file);
  const pems = bytes.toString('latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [bytes];
  try {
    return pems.map((pem) => new X509Certificate(pem).toString());
  } catch {
    throw new AppError('file_unreadable', { reason: 'not_certificate', path: file });
  }
}

type Verdict = 'valid' | 'accepted' | 'untrusted' | 'invalid';

function headline(outcome: VerifyOutcome, verdict: Verdict): string {
  const reason = verdictReason(outcome.checks);
  const label = { valid: 'VALID', accepted: 'ACCEPTED WITHOUT TRUST (--allow-untrusted)', untrusted: 'NOT TRUSTED', invalid: 'INVALID' }[verdict];
  return `${label} — ${fill(headlines[verdict] ?? verdict, { reason: reason ? describeCheck(reason) : '' })}`;
}

function print(outcome: VerifyOutcome, verdict: Verdict): void {
  const lines = [`${outcome.fileName}: ${headline(outcome, verdict)}`];
  for (const check of outcome.checks) lines.push(`  [${MARK[check.state]}] ${describeCheck(check)}`);
  if (outcome.signer) {
    lines.push(`  Signer:       ${[outcome.signer.subjectName, outcome.signer.email, outcome.signer.organisation].filter(Boolean).join(', ')}`);
    lines.push(`  Fingerprint:  ${outcome.signer.fingerprintSha256}`);
    lines.push(`  Certificate:  valid ${outcome.signer.notBefore} to ${outcome.signer.notAfter}`);
  }
  if (outcome.level) lines.push(`  Signature:    ${outcome.level}`);
  if (outcome.signingTime) lines.push(`  Signed at:    ${outcome.signingTime}`);
  if (outcome.reason) lines.push(`  Reason:       ${outcome.reason}`);
  if (outcome.digestSha256) lines.push(`  Signed bytes: SHA-256 ${outcome.digestSha256} (byte range ${outcome.byteRange.join(' ')})`);
  lines.push(`  Signatures:   ${outcome.signatures.length}`);
  lines.push(`  File:         SHA-256 ${outcome.fileSha256}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export interface VerifyOptions {
  db?: string;
  json?: boolean;
  trust?: string[];
  allowUntrusted?: boolean;
}

/**
 * Exit 0 only when the file is valid: intact, nothing after the issued signature, a trusted signer
 * whose certificate was valid and meant for signing, and (with --db) the current revision. With
 * --allow-untrusted, 0 also when all of that holds except that no certificate is trusted at all.
 * 1 for everything else; 2 when a file cannot be read.
 */
export function runVerify(file: string, opts: VerifyOptions): void {
  const pdf = readFile(file);
  const extra = (opts.trust ?? []).flatMap(readTrusted);
  const backend = opts.db ? openCliBackend(opts.db) : null;
  let outcome: VerifyOutcome;
  try {
    outcome = verifyReportFile(backend ? backend.ctx() : null, pdf, path.basename(file), extra);
  } finally {
    backend?.close();
  }
  const accepted = outcome.verdict === 'untrusted' && opts.allowUntrusted === true;
  const verdict: Verdict = accepted ? 'accepted' : outcome.verdict;
  if (opts.json) printJson({ ...outcome, acceptedWithoutTrust: accepted });
  else print(outcome, verdict);
  if (verdict !== 'valid' && verdict !== 'accepted') throw new CliExit(1);
}
