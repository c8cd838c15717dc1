import fs from 'node:fs';
import path from 'node:path';
import type { VerificationCheck, VerifyOutcome } from '../../../shared/domain/reports';
import { AppError } from '../../../shared/errors';
import en from '../../../renderer/src/i18n/locales/en/reports.json';
import { verifyReportFile } from '../../backend/services/reports/verify';
import { CliExit } from '../exit';
import { printJson } from '../output';
import { openCliBackend } from '../session';

const MARK: Record<VerificationCheck['state'], string> = { pass: 'ok  ', fail: 'FAIL', warn: 'note', info: '    ' };
const checkTexts = en.verify.checks as Record<string, Record<string, string>>;

/** The app's own English sentence for a check, so the terminal and the Verify page say the same. */
export function describeCheck(check: VerificationCheck): string {
  const template = checkTexts[check.key]?.[check.outcome] ?? `${check.key}: ${check.outcome}`;
  return template.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(check.params[k] ?? ''));
}

function readPdf(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new AppError('file_unreadable', { path: file });
  }
}

function print(outcome: VerifyOutcome): void {
  const lines = [`${outcome.fileName}: ${outcome.valid ? 'VALID — signed and unchanged' : 'INVALID — not signed, or changed after signing'}`];
  for (const check of outcome.checks) lines.push(`  [${MARK[check.state]}] ${describeCheck(check)}`);
  if (outcome.signer) {
    lines.push(`  Signer:       ${[outcome.signer.subjectName, outcome.signer.email, outcome.signer.organisation].filter(Boolean).join(', ')}`);
    lines.push(`  Fingerprint:  ${outcome.signer.fingerprintSha256}`);
  }
  if (outcome.level) lines.push(`  Signature:    ${outcome.level}`);
  if (outcome.signingTime) lines.push(`  Signed at:    ${outcome.signingTime}`);
  if (outcome.reason) lines.push(`  Reason:       ${outcome.reason}`);
  if (outcome.digestSha256) lines.push(`  Signed bytes: SHA-256 ${outcome.digestSha256} (byte range ${outcome.byteRange.join(' ')})`);
  lines.push(`  File:         SHA-256 ${outcome.fileSha256}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * Exit 0 when the signature is valid and covers the whole file, 1 when the file is unsigned,
 * changed or extended after signing, 2 when it cannot be read at all.
 */
export function runVerify(file: string, opts: { db?: string; json?: boolean }): void {
  const pdf = readPdf(file);
  const backend = opts.db ? openCliBackend(opts.db) : null;
  let outcome: VerifyOutcome;
  try {
    outcome = verifyReportFile(backend ? backend.ctx() : null, pdf, path.basename(file));
  } finally {
    backend?.close();
  }
  if (opts.json) printJson(outcome);
  else print(outcome);
  if (!outcome.valid) throw new CliExit(1);
}
