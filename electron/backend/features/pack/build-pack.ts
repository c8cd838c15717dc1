import { caseListQuery } from '../../../../shared/domain/cases';
import type { Lang } from '../../../../shared/domain/common';
import { AppError } from '../../../../shared/errors';
import type { ServiceContext } from '../../core/context';
import { programmePdf } from '../reports';
import { exportRegister } from '../cases';
import { getSetting } from '../../core/settings';
import { makeManifest, MANIFEST, SUMS, type PackFile } from './manifest';
import { reviewData } from './review-data';
import { reviewPdf } from './review-pdf';
import { packTexts } from './texts';

export interface PackOptions {
  from: string;
  to: string;
  lang: Lang;
  /** Signs the management review inputs; without it they are an unsigned PDF. */
  signer: { p12: Buffer; passphrase: string } | null;
}

export interface BuiltPack {
  /** Suggested name of the zip or folder. */
  name: string;
  /** Every file including manifest.json and SHA256SUMS, in reading order. */
  files: PackFile[];
}

const FOLDERS: Record<Lang, { programme: string; reports: string; register: string; review: string }> = {
  sv: { programme: '1 Revisionsprogram', reports: '2 Revisionsrapporter', register: '3 Avvikelser och åtgärder', review: '4 Ledningens genomgång' },
  en: { programme: '1 Audit programme', reports: '2 Audit reports', register: '3 Nonconformities and actions', review: '4 Management review' },
};

/**
 * Names that survive every system and unzip tool: no characters Windows forbids, and no diacritics
 * (older unzip tools ignore the zip's UTF-8 flag and would turn "genomgång" into mojibake, after
 * which SHA256SUMS no longer finds the file).
 */
const safe = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|[\\/:*?"<>|]/g, '-')
    .trim();

/**
 * Everything a certification body asks for before a visit, for one period: the programme for each
 * year the period touches (with coverage and approval), every report issued in the period exactly
 * as stored and signed, the corrective-action register as PDF and XLSX, and the management review
 * inputs and the signed minutes of the management reviews held in the period. Nothing is written
 * to the database.
 */
export async function buildPack(ctx: ServiceContext, opts: PackOptions): Promise<BuiltPack> {
  if (opts.from > opts.to) throw new AppError('invalid_input', { issues: [{ path: 'to', message: 'end_before_start' }] });
  const now = new Date(Math.floor(ctx.now().getTime() / 1000) * 1000);
  if (opts.signer) {
    // a wrong passphrase or an expired certificate is refused before any work
    const { inspectIdentity } = await import('../../signing/identity-open');
    inspectIdentity(opts.signer.p12, opts.signer.passphrase, now);
  }
  const folders = Object.fromEntries(Object.entries(FOLDERS[opts.lang]).map(([k, v]) => [k, safe(v)])) as (typeof FOLDERS)['sv'];
  const files: PackFile[] = [];

  const fromYear = Number(opts.from.slice(0, 4));
  const toYear = Number(opts.to.slice(0, 4));
  const years = ctx.db
    .prepare('SELECT y.programme_id AS programmeId, y.year FROM programme_years y WHERE y.year BETWEEN ? AND ? ORDER BY y.year, y.programme_id')
    .all(fromYear, toYear) as { programmeId: string; year: number }[];
  const programmeCount = new Set(years.map((y) => y.programmeId)).size;
  for (const y of years) {
    const { fileName, pdf } = await programmePdf(ctx, { programmeId: y.programmeId, year: y.year, lang: opts.lang });
    const title = programmeCount > 1 ? `${fileName.replace(/\.pdf$/, '')} ${y.programmeId.slice(-6)}.pdf` : fileName;
    files.push({ path: `${folders.programme}/${safe(title)}`, kind: 'programme', data: pdf });
  }

  const reports = ctx.db
    .prepare(
      `SELECT file_name AS fileName, pdf FROM report_revisions
       WHERE substr(issued_at, 1, 10) BETWEEN ? AND ? ORDER BY issued_at, file_name`,
    )
    .all(opts.from, opts.to) as { fileName: string; pdf: Buffer }[];
  for (const r of reports) files.push({ path: `${folders.reports}/${safe(r.fileName)}`, kind: 'report', data: Buffer.from(r.pdf) });

  const query = caseListQuery.parse({});
  for (const format of ['pdf', 'xlsx'] as const) {
    const exported = await exportRegister(ctx, { format, query, lang: opts.lang });
    files.push({ path: `${folders.register}/${safe(exported.fileName)}`, kind: format === 'pdf' ? 'register-pdf' : 'register-xlsx', data: exported.data });
  }

  const organisation = getSetting(ctx, 'organisationName') ?? '';
  const P = packTexts(opts.lang).review;
  const review = await reviewPdf(reviewData(ctx, opts.from, opts.to), {
    lang: opts.lang,
    organisation,
    now,
    signature: opts.signer ? { reason: P.title, name: organisation, location: organisation, signingTime: now } : null,
  });
  let reviewBytes = review;
  if (opts.signer) {
    const { signPdf } = await import('../../signing/sign-pdf');
    reviewBytes = await signPdf(review, opts.signer.p12, opts.signer.passphrase, { signingTime: now });
  }
  files.push({ path: `${folders.review}/${safe(`${P.title} ${opts.from} ${opts.to}.pdf`)}`, kind: 'management-review', data: reviewBytes });
  // the signed minutes of every management review held in the period, exactly as issued
  const minutes = ctx.db
    .prepare(
      `SELECT f.file_name AS fileName, f.pdf FROM management_review_files f JOIN management_reviews r ON r.id = f.review_id
       WHERE r.meeting_date BETWEEN ? AND ? ORDER BY r.meeting_date, f.file_name`,
    )
    .all(opts.from, opts.to) as { fileName: string; pdf: Buffer }[];
  for (const m of minutes) files.push({ path: `${folders.review}/${safe(m.fileName)}`, kind: 'management-review', data: Buffer.from(m.pdf) });

  const { manifest, sums } = makeManifest(files, {
    organisation,
    period: { from: opts.from, to: opts.to },
    createdAt: now.toISOString(),
    managementReviewSigned: opts.signer !== null,
  });
  files.push({ path: MANIFEST, kind: 'management-review', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') });
  files.push({ path: SUMS, kind: 'management-review', data: Buffer.from(sums, 'utf8') });
  const name = safe(`${packTexts(opts.lang).title} ${opts.from} ${opts.to}`);
  return { name, files };
}

/** One zip; the files are already compressed PDFs and XLSX, so they are stored, not deflated again. */
export async function zipPack(pack: BuiltPack): Promise<Buffer> {
  const { zipSync } = await import('fflate');
  const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const f of pack.files) entries[`${pack.name}/${f.path}`] = [new Uint8Array(f.data.buffer, f.data.byteOffset, f.data.byteLength), { level: 0 }];
  return Buffer.from(zipSync(entries, { mtime: new Date('2000-01-01T00:00:00Z') }));
}
