import type { Metadata, Sharp, SharpOptions } from 'sharp';
import { AppError } from '../../../shared/errors';
import { MAX_IMAGE_MEGAPIXELS, MAX_IMAGE_PIXELS, OPTIMISED_JPEG_MAX_PIXELS, STORED_JPEG_QUALITY } from './limits';
import { loadSharp } from './sharp';

/** The image formats Granska decodes; anything else is refused before it is stored. */
export const DECODABLE_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

export interface CleanImage {
  data: Buffer;
  mime: string;
  width: number;
  height: number;
}

/** Abort on damaged or truncated pixel data, not on the harmless warnings some cameras cause. */
export const DECODE_OPTIONS = { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS } as const satisfies SharpOptions;

const damaged = () => new AppError('file_unreadable', { reason: 'image' });

/** Width, height and the pixels a full decode would produce (every frame of an animation). `data` may be a file's path. */
export async function imageHeader(data: Buffer | string, animated = false): Promise<{ meta: Metadata; width: number; height: number; pixels: number }> {
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    // the header only: no pixels yet, so the size can be judged before any memory is spent
    meta = await sharp(data, { failOn: 'error', limitInputPixels: false, animated }).metadata();
  } catch {
    throw damaged();
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (!width || !height) throw damaged();
  return { meta, width, height, pixels: width * height * (animated ? (meta.pages ?? 1) : 1) };
}

/** Refuses an image whose decoded size would pass the limit, naming its size. */
export function assertPixelLimit(h: { width: number; height: number; pixels: number }): void {
  if (h.pixels > MAX_IMAGE_PIXELS) {
    throw new AppError('file_too_large', {
      reason: 'pixels',
      width: h.width,
      height: h.height,
      megapixels: Math.round(h.pixels / 100_000) / 10,
      limit: MAX_IMAGE_MEGAPIXELS,
    });
  }
}

const ENCODE: Record<string, (s: Sharp, pixels: number) => Sharp> = {
  'image/jpeg': (s, pixels) => s.jpeg({ quality: STORED_JPEG_QUALITY, optimiseCoding: pixels <= OPTIMISED_JPEG_MAX_PIXELS }),
  'image/png': (s) => s.png(),
  'image/webp': (s) => s.webp({ quality: STORED_JPEG_QUALITY }),
  'image/gif': (s) => s.gif(),
};

/**
 * The guarded step every image passes before it is stored: the header is read and the size checked,
 * then every pixel is decoded (a damaged or truncated file fails here, in libvips' threads, never in
 * the PDF writer) and encoded again in the same format. The new file carries no metadata at all —
 * no GPS position, camera, owner, XMP or IPTC — and the camera's orientation is applied to the
 * pixels, so the photo stands the right way up without its EXIF tag. Given a file's path, libvips
 * reads the file itself, so the original never has to be in memory as one buffer.
 */
export async function cleanImage(data: Buffer | string, mime: string): Promise<CleanImage> {
  const encode = ENCODE[mime];
  if (!encode) throw new AppError('file_type_refused', { type: mime.replace(/^image\//, ''), reason: 'image_format' });
  const animated = mime === 'image/gif' || mime === 'image/webp';
  const header = await imageHeader(data, animated);
  assertPixelLimit(header);
  const sharp = await loadSharp();
  const oriented = header.meta.orientation !== undefined && header.meta.orientation !== 1 && !(animated && (header.meta.pages ?? 1) > 1);
  try {
    let pipeline = sharp(data, { ...DECODE_OPTIONS, animated });
    if (oriented) pipeline = pipeline.rotate();
    const { data: out, info } = await encode(pipeline, header.pixels).toBuffer({ resolveWithObject: true });
    return { data: out, mime, width: info.width, height: info.pageHeight ?? info.height };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw damaged();
  }
}
