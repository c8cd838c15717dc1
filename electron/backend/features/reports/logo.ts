import crypto from 'node:crypto';
import type { Logo } from '../../../../shared/contract/reports';
import { MAX_LOGO_BYTES } from '../../../../shared/domain/reports';
import { AppError } from '../../../../shared/errors';
import { mutate, timestamp, type ServiceContext } from '../../core/context';
import { detectAcceptedType, dropBlobIfUnused } from '../conduct';
import { getSetting } from '../../core/settings';
import { cleanImage } from '../../images/clean';

export const LOGO_SETTING = 'logoSha256';
const LOGO_TYPES = new Set(['image/png', 'image/jpeg']);

/** The organisation's logo for report headers; null when none is set (or its bytes are gone). */
export function readLogo(ctx: ServiceContext): { key: string; data: Buffer; mime: string } | null {
  const sha = getSetting(ctx, LOGO_SETTING);
  if (!sha) return null;
  const row = ctx.db.prepare('SELECT data, mime FROM blobs WHERE sha256 = ?').get(sha) as { data: Buffer; mime: string } | undefined;
  return row ? { key: sha, data: row.data, mime: row.mime } : null;
}

export function getLogo(ctx: ServiceContext): Logo | null {
  const logo = readLogo(ctx);
  return logo ? { mime: logo.mime, base64: logo.data.toString('base64'), sha256: logo.key } : null;
}

/** A blob the logo no longer needs goes, unless an attachment still refers to it. */
function dropUnused(ctx: ServiceContext, sha: string | null): void {
  if (!sha) return;
  dropBlobIfUnused(ctx, sha);
}

function writeSetting(ctx: ServiceContext, value: string | null): void {
  if (value === null) ctx.db.prepare('DELETE FROM settings WHERE key = ?').run(LOGO_SETTING);
  else ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(LOGO_SETTING, value);
}

/**
 * PNG or JPEG only, judged by content, at most 2 MB; decoded in full and stored without its
 * metadata, so a damaged logo is refused here instead of stopping every report.
 */
export async function setLogo(ctx: ServiceContext, input: { fileName: string; contentBase64: string }): Promise<Logo> {
  const upload = Buffer.from(input.contentBase64, 'base64');
  if (upload.length > MAX_LOGO_BYTES) throw new AppError('file_too_large', { limit: MAX_LOGO_BYTES });
  const type = await detectAcceptedType(upload, input.fileName);
  if (!LOGO_TYPES.has(type.mime)) throw new AppError('file_type_refused', { type: type.ext, reason: 'logo' });
  const { data } = await cleanImage(upload, type.mime);
  const sha = crypto.createHash('sha256').update(data).digest('hex');
  mutate(ctx, (trail) => {
    const before = getSetting(ctx, LOGO_SETTING);
    ctx.db
      .prepare('INSERT OR IGNORE INTO blobs (sha256, data, size, mime, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(sha, data, data.length, type.mime, timestamp(ctx));
    writeSetting(ctx, sha);
    if (before !== sha) dropUnused(ctx, before);
    trail({ entity: 'setting', entityId: LOGO_SETTING, action: 'update', before, after: sha });
  });
  return { mime: type.mime, base64: data.toString('base64'), sha256: sha };
}

export function removeLogo(ctx: ServiceContext): null {
  mutate(ctx, (trail) => {
    const before = getSetting(ctx, LOGO_SETTING);
    if (!before) return;
    writeSetting(ctx, null);
    dropUnused(ctx, before);
    trail({ entity: 'setting', entityId: LOGO_SETTING, action: 'update', before, after: null });
  });
  return null;
}
