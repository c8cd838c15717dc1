import { createHash } from 'node:crypto';
import { AppError } from '../../../../shared/errors';

/**
 * The pack's table of contents and seal: the SHA-256 and size of every file, so the receiver can
 * check that nothing was changed or left out (`sha256sum -c SHA256SUMS` needs no Granska at all).
 */
export const PACK_FORMAT = 'granska-certification-pack';
export const PACK_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const SUMS = 'SHA256SUMS';

export type PackFileKind = 'programme' | 'report' | 'register-pdf' | 'register-xlsx' | 'management-review';

export interface PackFile {
  path: string;
  kind: PackFileKind;
  data: Buffer;
}

export interface PackManifest {
  format: typeof PACK_FORMAT;
  version: number;
  organisation: string;
  period: { from: string; to: string };
  createdAt: string;
  managementReviewSigned: boolean;
  files: { path: string; kind: PackFileKind; size: number; sha256: string }[];
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export function makeManifest(files: PackFile[], meta: Omit<PackManifest, 'format' | 'version' | 'files'>): { manifest: PackManifest; sums: string } {
  const entries = files.map((f) => ({ path: f.path, kind: f.kind, size: f.data.length, sha256: sha256(f.data) }));
  const manifest: PackManifest = { format: PACK_FORMAT, version: PACK_VERSION, ...meta, files: entries };
  const sums = entries.map((e) => `${e.sha256}  ${e.path}\n`).join('');
  return { manifest, sums };
}

/**
 * Checks a pack as it arrived: a manifest of this format and version, and every file it lists
 * present with the recorded size and hash, and no file it does not list. Refuses with the first
 * problem; a pack that passes is exactly what was made.
 */
export function checkPack(files: Map<string, Buffer>): PackManifest {
  const raw = files.get(MANIFEST);
  if (!raw) throw new AppError('file_unreadable', { reason: 'pack_manifest_missing' });
  let manifest: PackManifest;
  try {
    manifest = JSON.parse(raw.toString('utf8')) as PackManifest;
  } catch {
    throw new AppError('file_unreadable', { reason: 'pack_manifest_unreadable' });
  }
  if (manifest.format !== PACK_FORMAT || manifest.version !== PACK_VERSION || !Array.isArray(manifest.files)) {
    throw new AppError('file_unreadable', { reason: 'pack_format', format: String(manifest.format), version: String(manifest.version) });
  }
  const listed = new Set([MANIFEST, SUMS]);
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const data = files.get(entry.path);
    if (!data) throw new AppError('file_unreadable', { reason: 'pack_file_missing', path: entry.path });
    if (data.length !== entry.size || sha256(data) !== entry.sha256) {
      throw new AppError('file_unreadable', { reason: 'pack_file_changed', path: entry.path });
    }
  }
  const extra = [...files.keys()].find((p) => !listed.has(p));
  if (extra) throw new AppError('file_unreadable', { reason: 'pack_file_unlisted', path: extra });
  return manifest;
}
