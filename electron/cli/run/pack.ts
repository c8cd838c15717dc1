import fs from 'node:fs';
import path from 'node:path';
import { isoDay } from '../../../shared/domain/common';
import { AppError } from '../../../shared/errors';
import { buildPack, zipPack } from '../../backend/features/pack/build-pack';
import { checkPack } from '../../backend/features/pack/manifest';
import { verifyReportFile } from '../../backend/features/reports';
import { fail } from '../exit';
import { openCliBackend } from '../session';
import { passphraseFromEnv } from './passphrase';

export interface PackCliOptions {
  db: string;
  from: string;
  to: string;
  out: string;
  lang: string;
  p12?: string;
  passphraseEnv?: string;
}

function readP12(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new AppError('file_unreadable', { path: file });
  }
}

/** Writes the folder next to its final name first, so a failure never leaves half a pack behind. */
function writeFolder(out: string, files: { path: string; data: Buffer }[]): void {
  const temp = `${out}.partial-${process.pid}`;
  try {
    for (const f of files) {
      const target = path.join(temp, f.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.data);
    }
    fs.renameSync(temp, out);
  } catch (err) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw err;
  }
}

export async function runPack(opts: PackCliOptions): Promise<void> {
  if (opts.lang !== 'sv' && opts.lang !== 'en') fail('--lang must be sv or en.');
  if (!isoDay.safeParse(opts.from).success) fail(`--from must be a day written YYYY-MM-DD (got ${opts.from}).`);
  if (!isoDay.safeParse(opts.to).success) fail(`--to must be a day written YYYY-MM-DD (got ${opts.to}).`);
  if (opts.from > opts.to) fail('--to must not be before --from.');
  if (opts.p12 && !opts.passphraseEnv) fail('--p12 needs --passphrase-env VAR (the variable holding its passphrase).');
  const zip = opts.out.toLowerCase().endsWith('.zip');
  if (fs.existsSync(opts.out)) fail(`${opts.out} already exists; name a new ${zip ? 'file' : 'folder'}.`);
  const signer = opts.p12 ? { passphrase: passphraseFromEnv(opts.passphraseEnv as string), p12: readP12(opts.p12) } : null;
  const backend = openCliBackend(opts.db);
  try {
    const ctx = backend.ctx();
    const pack = await buildPack(ctx, { from: opts.from, to: opts.to, lang: opts.lang, signer });
    // the pack is checked as a receiver would before it is written: hashes, and every report's signature
    checkPack(new Map(pack.files.map((f) => [f.path, f.data])));
    const reports = pack.files.filter((f) => f.kind === 'report');
    const broken = reports.filter((f) => !verifyReportFile(ctx, f.data, path.basename(f.path)).valid);
    if (broken.length) fail(`these stored reports do not verify, so no pack was written: ${broken.map((f) => f.path).join(', ')}`);
    if (zip) {
      const tmp = `${opts.out}.partial-${process.pid}`;
      fs.writeFileSync(tmp, await zipPack(pack));
      fs.renameSync(tmp, opts.out);
    } else {
      writeFolder(opts.out, pack.files);
    }
    const count = (kind: string) => pack.files.filter((f) => f.kind === kind).length;
    process.stdout.write(
      `Wrote the certification pack ${opts.from} – ${opts.to} to ${opts.out}: ${count('programme')} programme PDF(s), ` +
        `${reports.length} issued report(s) (all verify), the register as PDF and XLSX, the management review inputs` +
        `${signer ? ' (signed)' : ''}, manifest.json and SHA256SUMS.\n`,
    );
  } finally {
    backend.close();
  }
}
