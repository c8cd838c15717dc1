import crypto from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import type { ParsedInputOf } from '../../../../shared/contract';
import {
  attachmentKindOfMime,
  DEFAULT_ATTACHMENT_LIMIT,
  MAX_ATTACHMENT_LIMIT,
  MIN_ATTACHMENT_LIMIT,
  type Attachment,
  type AttachmentContent,
  type AttachmentLimit,
  type AttachmentOwnerType,
} from '../../../../shared/domain/findings';
import { assertAuditUnlocked } from '../audits';
import { mutate, timestamp, type ServiceContext, type TrailWriter } from '../../core/context';
import { cleanImage, DECODABLE_IMAGE_TYPES } from '../../images/clean';
import { detectAcceptedFileType, detectAcceptedType, extensionForMime, viewerFileName } from './file-types';
import type { ReceivedFile } from './upload';
import { getSetting, setSetting } from '../../core/settings';
import { visibleName } from '../../../../shared/domain/file-names';

export const ATTACHMENT_LIMIT_KEY = 'attachmentLimitBytes';

interface AttachmentRow {
  id: string; sha256: string; owner_type: AttachmentOwnerType; owner_id: string; file_name: string; created_at: string;
  mime: string; size: number;
}

const SELECT = `SELECT a.*, b.mime, b.size FROM attachments a JOIN blobs b ON b.sha256 = a.sha256`;

const toAttachment = (r: AttachmentRow): Attachment => ({
  id: r.id, ownerType: r.owner_type, ownerId: r.owner_id, fileName: r.file_name, mime: r.mime,
  kind: attachmentKindOfMime(r.mime), size: r.size, sha256: r.sha256, createdAt: r.created_at,
});

export function attachmentLimit(ctx: ServiceContext): AttachmentLimit {
  const stored = Number(getSetting(ctx, ATTACHMENT_LIMIT_KEY));
  const limitBytes =
    Number.isInteger(stored) && stored >= MIN_ATTACHMENT_LIMIT && stored <= MAX_ATTACHMENT_LIMIT ? stored : DEFAULT_ATTACHMENT_LIMIT;
  return { limitBytes, defaultBytes: DEFAULT_ATTACHMENT_LIMIT, minBytes: MIN_ATTACHMENT_LIMIT, maxBytes: MAX_ATTACHMENT_LIMIT };
}

export function setAttachmentLimit(ctx: ServiceContext, { limitBytes }: ParsedInputOf<'attachments.setLimit'>): AttachmentLimit {
  setSetting(ctx, ATTACHMENT_LIMIT_KEY, limitBytes === DEFAULT_ATTACHMENT_LIMIT ? null : String(limitBytes));
  return attachmentLimit(ctx);
}

/**
 * The audit an attachment's owner belongs to, so a locked audit refuses new and removed files
 * just as it refuses edited text. Cases (corrective actions) live on after the report is issued.
 */
function ownerAuditId(ctx: ServiceContext, ownerType: AttachmentOwnerType, ownerId: string): string | null {
  if (ownerType === 'case') {
    const hasCases = ctx.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases'").get();
    if (!hasCases || !ctx.db.prepare('SELECT 1 FROM cases WHERE id = ?').get(ownerId)) throw new AppError('not_found', { id: ownerId });
    return null;
  }
  const table = ownerType === 'finding' ? 'findings' : 'checklist_items';
  const row = ctx.db.prepare(`SELECT audit_id FROM ${table} WHERE id = ?`).get(ownerId) as { audit_id: string } | undefined;
  if (!row) throw new AppError('not_found', { id: ownerId });
  return row.audit_id;
}

function assertOwnerWritable(ctx: ServiceContext, ownerType: AttachmentOwnerType, ownerId: string): void {
  const auditId = ownerAuditId(ctx, ownerType, ownerId);
  if (auditId) assertAuditUnlocked(ctx, auditId);
}

/**
 * What can be refused before a byte of an upload is received: an owner that does not exist or is
 * locked, a declared size over the limit. Returns the limit the bytes are then counted against.
 */
export function assertCanAttach(ctx: ServiceContext, ownerType: AttachmentOwnerType, ownerId: string, declaredSize: number | null): number {
  const { limitBytes } = attachmentLimit(ctx);
  if (declaredSize !== null && declaredSize > limitBytes) throw new AppError('file_too_large', { limit: limitBytes });
  assertOwnerWritable(ctx, ownerType, ownerId);
  return limitBytes;
}

/** A person's name for the file without folders, controls or bidi overrides; what they see in lists. */
export function cleanFileName(name: string): string {
  const base = visibleName(name).split(/[\\/]/).pop() ?? name;
  return base.trim().slice(0, 200) || 'bilaga';
}

function decodeBase64(text: string): Buffer {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw new AppError('file_unreadable', {});
  return Buffer.from(clean, 'base64');
}

export function getAttachment(ctx: ServiceContext, id: string): Attachment {
  const row = ctx.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as AttachmentRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return toAttachment(row);
}

export function listAttachments(ctx: ServiceContext, q: ParsedInputOf<'attachments.list'>): Attachment[] {
  const rows = ctx.db
    .prepare(`${SELECT} WHERE a.owner_type = ? AND a.owner_id = ? ORDER BY a.created_at, a.id`)
    .all(q.ownerType, q.ownerId) as AttachmentRow[];
  return rows.map(toAttachment);
}

/**
 * Checks size and content type before anything is written, then stores the bytes once per
 * SHA-256 (the same photo attached to a question and its finding takes space once).
 */
export async function addAttachment(ctx: ServiceContext, input: ParsedInputOf<'attachments.add'>): Promise<Attachment> {
  const { limitBytes } = attachmentLimit(ctx);
  // Checked on the encoded length first so an oversized upload is never decoded into memory twice.
  if (Math.floor((input.contentBase64.length * 3) / 4) - 2 > limitBytes) throw new AppError('file_too_large', { limit: limitBytes });
  return addAttachmentBytes(ctx, input, decodeBase64(input.contentBase64));
}

/**
 * The same, for bytes that arrived as they are (the streamed upload route): no base64 string, so
 * a 25 MB photo costs its 25 MB buffer and the cleaned copy, not four times that in strings.
 */
export async function addAttachmentBytes(
  ctx: ServiceContext,
  input: Pick<ParsedInputOf<'attachments.add'>, 'ownerType' | 'ownerId' | 'fileName'>,
  data: Buffer,
): Promise<Attachment> {
  const { limitBytes } = attachmentLimit(ctx);
  if (data.length > limitBytes) throw new AppError('file_too_large', { limit: limitBytes });
  assertOwnerWritable(ctx, input.ownerType, input.ownerId);
  const type = await detectAcceptedType(data, input.fileName);
  const stored = type.kind === 'image' ? await cleanPhoto(data, type.mime, type.ext) : data;

  return storeAttachment(ctx, { ownerType: input.ownerType, ownerId: input.ownerId, fileName: input.fileName, data: stored, mime: type.mime });
}

/**
 * The same, for an upload streamed to a file (`receiveUpload`): a photo is cleaned by libvips
 * reading the file, other files are read once into one buffer of their exact size, and the hash
 * taken while the bytes arrived is used as it is. The caller removes the file afterwards.
 */
export async function addAttachmentFile(
  ctx: ServiceContext,
  input: Pick<ParsedInputOf<'attachments.add'>, 'ownerType' | 'ownerId' | 'fileName'>,
  file: ReceivedFile,
): Promise<Attachment> {
  const { limitBytes } = attachmentLimit(ctx);
  if (file.size > limitBytes) throw new AppError('file_too_large', { limit: limitBytes });
  assertOwnerWritable(ctx, input.ownerType, input.ownerId);
  const { type, data } = await detectAcceptedFileType(file.path, input.fileName);
  const owner = { ownerType: input.ownerType, ownerId: input.ownerId, fileName: input.fileName, mime: type.mime };
  if (data) return storeAttachment(ctx, { ...owner, data, sha256: file.sha256 });
  return storeAttachment(ctx, { ...owner, data: await cleanPhoto(file.path, type.mime, type.ext) });
}

/**
 * A photo is decoded in full and stored as a new file without metadata (no GPS position, camera
 * or owner), turned the way the camera said. What cannot be decoded here is refused, so nothing
 * stored can stop a report later. HEIC cannot be decoded by the bundled libvips (HEVC is patented
 * and left out of its builds), so it cannot be cleaned either.
 */
async function cleanPhoto(data: Buffer | string, mime: string, ext: string): Promise<Buffer> {
  if (!DECODABLE_IMAGE_TYPES.has(mime)) throw new AppError('file_type_refused', { type: ext, reason: 'image_format' });
  return (await cleanImage(data, mime)).data;
}

interface StoredFile {
  ownerType: AttachmentOwnerType;
  ownerId: string;
  fileName: string;
  data: Buffer;
  mime: string;
  /** Known already when it was taken while the bytes arrived. */
  sha256?: string;
}

/** Past this size a file's pages would push every page out of SQLite's cache (16 MB) anyway. */
const LARGE_WRITE = 8 * 1024 * 1024;

/**
 * Writes a large file with SQLite's page cache held small: its pages are written once and not read
 * again soon, and a full cache of them would add the cache's size to the peak memory of the upload
 * (measured +69 MB against +54 MB for a 25 MB insert on a fresh connection).
 */
function withSmallCache<T>(ctx: ServiceContext, bytes: number, write: () => T): T {
  if (bytes < LARGE_WRITE) return write();
  const size = ctx.db.pragma('cache_size', { simple: true }) as number;
  ctx.db.pragma('cache_size = -2000');
  try {
    return write();
  } finally {
    ctx.db.pragma(`cache_size = ${Math.trunc(size)}`);
  }
}

function storeAttachment(ctx: ServiceContext, f: StoredFile): Attachment {
  const sha256 = f.sha256 ?? crypto.createHash('sha256').update(f.data).digest('hex');
  return mutate(ctx, (trail) => {
    // Checked again inside the transaction: the audit may have been locked while the type was detected.
    assertOwnerWritable(ctx, f.ownerType, f.ownerId);
    const now = timestamp(ctx);
    withSmallCache(ctx, f.data.length, () =>
      ctx.db
        .prepare('INSERT OR IGNORE INTO blobs (sha256, data, size, mime, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(sha256, f.data, f.data.length, f.mime, now),
    );
    const id = ctx.newId();
    ctx.db
      .prepare('INSERT INTO attachments (id, sha256, owner_type, owner_id, file_name, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, sha256, f.ownerType, f.ownerId, cleanFileName(f.fileName), now);
    const created = getAttachment(ctx, id);
    trail({ entity: 'attachment', entityId: id, action: 'create', after: created });
    return created;
  });
}

/**
 * For files Granska made itself (demo photos), whose type is known: synchronous, so it can run
 * inside a caller's transaction. Anything from outside goes through `addAttachment` and its checks.
 */
export function storeGeneratedAttachment(ctx: ServiceContext, f: StoredFile): Attachment {
  return storeAttachment(ctx, f);
}

/**
 * Deletes stored bytes once nothing refers to them: no attachment link and not the organisation's
 * logo or a competence certificate (they share the store, so a photo identical to one must not take it along).
 */
export function dropBlobIfUnused(ctx: ServiceContext, sha256: string): void {
  ctx.db
    .prepare(
      `DELETE FROM blobs WHERE sha256 = ?
         AND NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = ?)
         AND NOT EXISTS (SELECT 1 FROM competence_records WHERE certificate_sha256 = ?)
         AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'logoSha256' AND value = ?)`,
    )
    .run(sha256, sha256, sha256, sha256);
}

/** Drops one link; the bytes go too once nothing refers to them any more. */
function unlink(ctx: ServiceContext, trail: TrailWriter, attachment: Attachment): void {
  ctx.db.prepare('DELETE FROM attachments WHERE id = ?').run(attachment.id);
  dropBlobIfUnused(ctx, attachment.sha256);
  trail({ entity: 'attachment', entityId: attachment.id, action: 'delete', before: attachment });
}

export function removeAttachment(ctx: ServiceContext, { id }: ParsedInputOf<'attachments.remove'>): { id: string } {
  return mutate(ctx, (trail) => {
    const attachment = getAttachment(ctx, id);
    assertOwnerWritable(ctx, attachment.ownerType, attachment.ownerId);
    unlink(ctx, trail, attachment);
    return { id };
  });
}

/** For a service that deletes the owner itself, inside its own transaction. */
export function removeAttachmentsOf(ctx: ServiceContext, trail: TrailWriter, ownerType: AttachmentOwnerType, ownerId: string): void {
  for (const a of listAttachments(ctx, { ownerType, ownerId })) unlink(ctx, trail, a);
}

export function attachmentBytes(ctx: ServiceContext, id: string): { attachment: Attachment; data: Buffer } {
  const attachment = getAttachment(ctx, id);
  const row = ctx.db.prepare('SELECT data FROM blobs WHERE sha256 = ?').get(attachment.sha256) as { data: Buffer } | undefined;
  if (!row) throw new AppError('not_found', { id });
  return { attachment, data: row.data };
}

export function attachmentContent(ctx: ServiceContext, id: string): AttachmentContent {
  const { attachment, data } = attachmentBytes(ctx, id);
  // Downloaded under this name: the detected type's extension, never the uploader's.
  return { fileName: attachmentViewerName(attachment), mime: attachment.mime, base64: data.toString('base64') };
}

/** How much of a blob one read brings into memory. */
export const ATTACHMENT_CHUNK = 1024 * 1024;

/**
 * An attachment's bytes a chunk at a time, for streaming to a browser or a window: substr() on the
 * blob hands over one slice per read, so JavaScript never holds the whole file (better-sqlite3 has
 * no incremental blob handle; SQLite reads the slice's pages from its cache).
 */
export function attachmentChunks(ctx: ServiceContext, id: string): { attachment: Attachment; fileName: string; size: number; chunks: () => Generator<Buffer> } {
  const attachment = getAttachment(ctx, id);
  const size = ctx.db.prepare('SELECT length(data) FROM blobs WHERE sha256 = ?').pluck().get(attachment.sha256) as number | undefined;
  if (size === undefined) throw new AppError('not_found', { id });
  const slice = ctx.db.prepare('SELECT substr(data, ?, ?) FROM blobs WHERE sha256 = ?').pluck();
  return {
    attachment,
    fileName: attachmentViewerName(attachment),
    size,
    *chunks() {
      for (let at = 0; at < size; at += ATTACHMENT_CHUNK) yield slice.get(at + 1, ATTACHMENT_CHUNK, attachment.sha256) as Buffer;
    },
  };
}

/** The name for the system viewer's temporary copy: ends with what the content is. */
export function attachmentViewerName(attachment: Attachment): string {
  return viewerFileName(attachment.fileName, extensionForMime(attachment.mime));
}
