import type { Sharp } from 'sharp';
import { assertPixelLimit, DECODE_OPTIONS, imageHeader } from './clean';
import { LOGO_LONGEST_SIDE, REPORT_JPEG_QUALITY, REPORT_LONGEST_SIDE, REPORT_MIN_SIDE, REPORT_PHOTO_BUDGET } from './limits';
import { loadSharp } from './sharp';

declare const prepared: unique symbol;

/**
 * An image made for a PDF by this module: decoded and encoded again by libvips, at most the size
 * the PDF needs, without alpha and without any of the source's metadata. The PDF writer accepts
 * nothing else, so pdfkit never parses a file that came from outside (its PNG reader throws from a
 * zlib callback on damaged data, where no try/catch reaches, and takes the process down).
 */
export interface PreparedImage {
  readonly [prepared]: true;
  /** Identifies the picture: the same key is embedded once however often it is drawn. */
  readonly key: string;
  readonly format: 'jpeg' | 'png';
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

export type ImagePurpose = 'photo' | 'logo';

/** Prepared images of this session, newest last; a preview followed by the issue reuses them. */
const cache = new Map<string, { image: Promise<PreparedImage | null>; bytes: number }>();
const CACHE_BYTES = 64 * 1024 * 1024;
let cachedBytes = 0;

function remember(key: string, image: Promise<PreparedImage | null>): void {
  const entry = { image, bytes: 0 };
  cache.set(key, entry);
  void image.then((img) => {
    if (cache.get(key) !== entry) return;
    entry.bytes = img?.data.length ?? 0;
    cachedBytes += entry.bytes;
    for (const [k, old] of cache) {
      if (cachedBytes <= CACHE_BYTES || k === key) break;
      cache.delete(k);
      cachedBytes -= old.bytes;
    }
  });
}

async function encode(pipeline: () => Sharp, asPhoto: boolean, sourceIsJpeg: boolean): Promise<{ format: 'jpeg' | 'png'; data: Buffer; width: number; height: number }> {
  const jpeg = () => pipeline().jpeg({ quality: REPORT_JPEG_QUALITY }).toBuffer({ resolveWithObject: true });
  if (sourceIsJpeg) {
    const { data, info } = await jpeg();
    return { format: 'jpeg', data, width: info.width, height: info.height };
  }
  // Screenshots and drawings stay crisp as PNG; a photo saved as PNG is far smaller as JPEG.
  const png = await pipeline().png().toBuffer({ resolveWithObject: true });
  if (asPhoto) {
    const j = await jpeg();
    if (j.data.length * 1.5 < png.data.length) return { format: 'jpeg', data: j.data, width: j.info.width, height: j.info.height };
  }
  return { format: 'png', data: png.data, width: png.info.width, height: png.info.height };
}

async function make(key: string, data: Buffer, purpose: ImagePurpose, side: number): Promise<PreparedImage | null> {
  try {
    const sharp = await loadSharp();
    const header = await imageHeader(data);
    assertPixelLimit(header);
    const pipeline = () =>
      sharp(data, DECODE_OPTIONS)
        .rotate()
        .resize(side, side, { fit: 'inside', withoutEnlargement: true })
        // reports are printed on white; without alpha the PDF needs no soft mask
        .flatten({ background: '#ffffff' });
    const out = await encode(pipeline, purpose === 'photo', header.meta.format === 'jpeg');
    return { key: `${purpose}:${side}:${key}`, ...out } as PreparedImage;
  } catch {
    // damaged, too large or not an image: the caller shows a placeholder (or leaves the logo out)
    return null;
  }
}

/**
 * The image to embed for stored bytes `data` (content-addressed by `key`), or null when it cannot
 * be shown. Works from whatever the database holds, so photos stored before metadata was stripped
 * on import reach a report without their EXIF as well.
 */
export function prepareImage(
  key: string,
  data: Buffer,
  purpose: ImagePurpose,
  side = purpose === 'logo' ? LOGO_LONGEST_SIDE : REPORT_LONGEST_SIDE,
): Promise<PreparedImage | null> {
  const id = `${purpose}:${side}:${key}:${data.length}`;
  const hit = cache.get(id);
  if (hit) {
    // move to the newest end
    cache.delete(id);
    cache.set(id, hit);
    return hit.image;
  }
  const image = make(key, data, purpose, side);
  remember(id, image);
  return image;
}

/** Photos sized by the bytes per pixel of their stored files, to choose a size before decoding any. */
async function estimateSide(photos: { key: string; data: Buffer }[]): Promise<number> {
  const seen = new Set<string>();
  const sources: { bpp: number; pixels: number; longest: number }[] = [];
  for (const p of photos) {
    if (seen.has(p.key)) continue;
    seen.add(p.key);
    try {
      const { width, height } = await imageHeader(p.data);
      sources.push({ bpp: p.data.length / (width * height), pixels: width * height, longest: Math.max(width, height) });
    } catch {
      // drawn as a placeholder; weighs nothing
    }
  }
  const estimate = (side: number) => sources.reduce((sum, s) => sum + s.bpp * s.pixels * Math.min(1, side / s.longest) ** 2, 0);
  let side = REPORT_LONGEST_SIDE;
  while (side > REPORT_MIN_SIDE && estimate(side) > REPORT_PHOTO_BUDGET) side -= 8;
  return side;
}

/**
 * A report's photos, at most REPORT_LONGEST_SIDE. When together they would pass the report's
 * budget, all are made smaller alike: the size is estimated from the stored files first (a camera
 * JPEG decodes several times faster at a quarter of its size), then corrected from what came out.
 */
export async function prepareReportPhotos(photos: { key: string; data: Buffer }[]): Promise<(PreparedImage | null)[]> {
  let side = await estimateSide(photos);
  const first = await Promise.all(photos.map((p) => prepareImage(p.key, p.data, 'photo', side)));
  let images = first;
  for (;;) {
    const distinct = new Map(images.filter((i): i is PreparedImage => i !== null).map((i) => [i.key, i.data.length]));
    const total = [...distinct.values()].reduce((a, b) => a + b, 0);
    if (total <= REPORT_PHOTO_BUDGET || side <= REPORT_MIN_SIDE) return images;
    // bytes grow roughly with the pixel count, so with the square of the side
    side = Math.max(REPORT_MIN_SIDE, Math.floor((side * Math.sqrt(REPORT_PHOTO_BUDGET / total) * 0.95) / 8) * 8);
    const smaller = side;
    images = await Promise.all(photos.map((p, i) => (first[i] ? prepareImage(p.key, first[i].data, 'photo', smaller) : null)));
  }
}
