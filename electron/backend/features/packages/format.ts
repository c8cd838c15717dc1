import crypto from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import type { Change } from '../../sync/change';
import { trailQuoteSchema, type TrailQuote } from './trail';

/**
 * A `.granska` package is a zip (fflate): `manifest.json`, `changes.json`, `blobs/<sha256>` and, in
 * a return package, `trail.json` (the auditor's trail entries, see trail.ts).
 * Zip rather than an SQLite file: one file any tool can list and unpack, that travels by mail or
 * USB stick, whose parts can each be hashed and checked before anything is applied; and a package
 * is a list of changes, not a database, so the same changes can travel to the team server.
 * Photos are stored, not compressed again (they are compressed already); the JSON is deflated.
 */
export const PACKAGE_FORMAT = 'granska-package';
export const PACKAGE_FORMAT_VERSION = 1;
export const PACKAGE_MIME = 'application/vnd.granska.package+zip';

/** A hostile file must not make us unpack gigabytes: every part and the whole are bounded. */
const MAX_PART_BYTES = 200 * 1024 * 1024;
const MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const part = z.object({ name: z.string().min(1).max(200), sha256, size: z.number().int().nonnegative() });

export const manifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.number().int().positive(),
  /** `audit`: cut from the main database for auditors to work from; `return`: their work coming back. */
  kind: z.enum(['audit', 'return']),
  packageId: z.string().min(1),
  createdAt: z.string(),
  createdBy: z.string(),
  /** The main database the audits live in. */
  sourceDatabaseId: z.string().min(1),
  /** The database that wrote this file (the main one for `audit`, a working copy for `return`). */
  fromDatabaseId: z.string().min(1),
  audits: z.array(z.object({ id: z.string(), number: z.string(), title: z.string() })).min(1),
  /** Where the package was cut in the main database: its log position and its clock then. */
  position: z.object({ seq: z.number().int().nonnegative(), hlc: z.string() }),
  /**
   * The main database's audit-trail chain head when the package was cut (a return package carries
   * its audit package's). On import the main database must still hold that row with that hash;
   * if not, its history was edited after the package left (issue 14.4). Absent in older packages.
   */
  trailHead: z.object({ databaseId: z.string().min(1), seq: z.number().int().nonnegative(), hash: sha256 }).optional(),
  parts: z.array(part),
});
export type Manifest = z.infer<typeof manifestSchema>;

export interface PackageContents {
  manifest: Manifest;
  changes: Change[];
  /** SHA-256 → bytes (verified). */
  blobs: Map<string, { data: Buffer; mime: string }>;
  /** A return package's trail entries for its audits (`trail.json`, optional: older packages have none). */
  trail: TrailQuote[];
}

export const hashOf = (data: Uint8Array) => crypto.createHash('sha256').update(data).digest('hex');

export function writePackage(
  manifest: Omit<Manifest, 'parts' | 'format' | 'formatVersion'>,
  changes: Change[],
  blobs: Map<string, { data: Buffer; mime: string }>,
  trail: TrailQuote[] = [],
): Buffer {
  const files: Zippable = {};
  const parts: Manifest['parts'] = [];
  const add = (name: string, data: Uint8Array, level: 0 | 6) => {
    files[name] = [data, { level }];
    parts.push({ name, sha256: hashOf(data), size: data.length });
  };
  add('changes.json', strToU8(JSON.stringify(changes)), 6);
  const mimes: Record<string, string> = {};
  for (const [sha, blob] of blobs) {
    add(`blobs/${sha}`, blob.data, 0);
    mimes[sha] = blob.mime;
  }
  add('blobs.json', strToU8(JSON.stringify(mimes)), 6);
  if (trail.length > 0) add('trail.json', strToU8(JSON.stringify(trail)), 6);
  const full: Manifest = { format: PACKAGE_FORMAT, formatVersion: PACKAGE_FORMAT_VERSION, ...manifest, parts };
  files['manifest.json'] = [strToU8(JSON.stringify(full, null, 2)), { level: 6 }];
  return Buffer.from(zipSync(files));
}

/**
 * Opens and verifies a package: not a package at all is `file_unreadable`; a package that was
 * altered or damaged, or is of a newer format, is `package_refused`. Nothing is written anywhere.
 */
export function readPackage(bytes: Buffer): PackageContents {
  let entries: Record<string, Uint8Array>;
  try {
    let total = 0;
    let tooLarge = false;
    entries = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (f.originalSize > MAX_PART_BYTES || total > MAX_TOTAL_BYTES) tooLarge = true;
        return !tooLarge;
      },
    });
    if (tooLarge) throw new AppError('package_refused', { reason: 'damaged' });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('file_unreadable', { reason: 'package' });
  }
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) throw new AppError('file_unreadable', { reason: 'package' });
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(manifestBytes));
  } catch {
    throw new AppError('package_refused', { reason: 'damaged' });
  }
  const head = z.object({ format: z.literal(PACKAGE_FORMAT), formatVersion: z.number() }).safeParse(raw);
  if (!head.success) throw new AppError('file_unreadable', { reason: 'package' });
  if (head.data.formatVersion > PACKAGE_FORMAT_VERSION) {
    throw new AppError('package_refused', { reason: 'newer_format', found: head.data.formatVersion, supported: PACKAGE_FORMAT_VERSION });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('package_refused', { reason: 'damaged' });
  const manifest = parsed.data;

  // Every part listed is present with its hash, and nothing unlisted was slipped in.
  const listed = new Set(manifest.parts.map((p) => p.name));
  for (const name of Object.keys(entries)) {
    if (name !== 'manifest.json' && !listed.has(name)) throw new AppError('package_refused', { reason: 'damaged' });
  }
  for (const p of manifest.parts) {
    const data = entries[p.name];
    if (!data || data.length !== p.size || hashOf(data) !== p.sha256) throw new AppError('package_refused', { reason: 'damaged' });
  }
  let changes: Change[];
  let mimes: Record<string, string>;
  let trail: TrailQuote[] = [];
  try {
    changes = JSON.parse(strFromU8(entries['changes.json']!)) as Change[];
    mimes = JSON.parse(strFromU8(entries['blobs.json']!)) as Record<string, string>;
    if (!Array.isArray(changes)) throw new Error('shape');
    if (entries['trail.json']) trail = z.array(trailQuoteSchema).parse(JSON.parse(strFromU8(entries['trail.json'])));
  } catch {
    throw new AppError('package_refused', { reason: 'damaged' });
  }
  const blobs = new Map<string, { data: Buffer; mime: string }>();
  for (const p of manifest.parts) {
    if (!p.name.startsWith('blobs/')) continue;
    const sha = p.name.slice('blobs/'.length);
    // The part's name is the content's address: a blob whose bytes are not its name is refused.
    if (sha !== p.sha256 || typeof mimes[sha] !== 'string') throw new AppError('package_refused', { reason: 'damaged' });
    blobs.set(sha, { data: Buffer.from(entries[p.name]!), mime: mimes[sha] });
  }
  return { manifest, changes, blobs, trail };
}

/** Zip files start with `PK\x03\x04`; SQLite files with "SQLite format 3". */
export function looksLikePackage(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}
