import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';

/** Strings planted in a photo's metadata; none may reach a stored file or a report. */
export const OWNER_MARK = 'Agneta Owner-of-the-phone';
export const DEVICE_MARK = 'PhoneMaker-X99';
export const XMP_MARK = 'xmp-secret-location-note';
export const IPTC_MARK = 'iptc-byline-karin';

/**
 * A camera JPEG as phones write it: EXIF with a GPS position (Sjövik town hall), device and owner,
 * an orientation tag, XMP and an IPTC block. `noise` makes it compress like a real photo.
 */
export async function phoneJpeg(opts: { width: number; height: number; orientation?: number; noise?: boolean; seed?: number }): Promise<Buffer> {
  const { width, height } = opts;
  const base = opts.noise
    ? sharp({ create: { width, height, channels: 3, background: '#7a8a70', noise: { type: 'gaussian', mean: 120 + ((opts.seed ?? 0) % 20), sigma: 28 } } })
    : sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40 + ((opts.seed ?? 0) % 100), b: 40 } } });
  // a dark block in the top-left corner (as stored), so orientation can be checked by pixels too
  const marker = await sharp({ create: { width: Math.round(width / 4), height: Math.round(height / 4), channels: 3, background: '#000000' } }).png().toBuffer();
  const jpeg = await sharp(await base.composite([{ input: marker, left: 0, top: 0 }]).png().toBuffer())
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: opts.orientation ?? 1 })
    .withExif({
      IFD0: { Make: DEVICE_MARK, Model: `${DEVICE_MARK} Pro`, Artist: OWNER_MARK, Copyright: OWNER_MARK },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 19/1 4521/100', GPSLongitudeRef: 'E', GPSLongitude: '18/1 4/1 1234/100' },
    })
    .withXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>${XMP_MARK}</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>`)
    .toBuffer();
  return withIptc(jpeg, IPTC_MARK);
}

/** Adds an APP13 (Photoshop/IPTC) segment holding a by-line, right after the SOI marker. */
function withIptc(jpeg: Buffer, byline: string): Buffer {
  const text = Buffer.from(byline, 'latin1');
  const iptc = Buffer.concat([Buffer.from([0x1c, 0x02, 0x50, text.length >> 8, text.length & 0xff]), text]);
  const resource = Buffer.concat([Buffer.from('8BIM', 'latin1'), Buffer.from([0x04, 0x04, 0, 0]), u32(iptc.length), iptc, iptc.length % 2 ? Buffer.from([0]) : Buffer.alloc(0)]);
  const body = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]);
  const segment = Buffer.concat([Buffer.from([0xff, 0xed, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

export interface JpegMetadata {
  /** APPn (0xE1–0xEF) and COM segments: where EXIF, XMP, IPTC and comments live. APP0 (JFIF) and APP2 (ICC) are left out. */
  metadataSegments: string[];
  hasExif: boolean;
  hasGps: boolean;
  orientation: number | null;
}

/** Reads a JPEG's marker segments and, in its EXIF, whether IFD0 points to a GPS directory. */
export function jpegMetadata(jpeg: Buffer): JpegMetadata {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  const out: JpegMetadata = { metadataSegments: [], hasExif: false, hasGps: false, orientation: null };
  let pos = 2;
  while (pos + 4 <= jpeg.length) {
    if (jpeg[pos] !== 0xff) throw new Error(`bad marker at ${pos}`);
    const marker = jpeg[pos + 1] as number;
    if (marker === 0xda || marker === 0xd9) break; // image data follows: no metadata after this
    const length = jpeg.readUInt16BE(pos + 2);
    const body = jpeg.subarray(pos + 4, pos + 2 + length);
    if ((marker >= 0xe1 && marker <= 0xef && marker !== 0xe2) || marker === 0xfe) out.metadataSegments.push(`0x${marker.toString(16)}`);
    if (marker === 0xe1 && body.subarray(0, 6).toString('latin1') === 'Exif\0\0') {
      out.hasExif = true;
      const tiff = body.subarray(6);
      const le = tiff.toString('latin1', 0, 2) === 'II';
      const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
      const u32at = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
      const ifd = u32at(4);
      const count = u16(ifd);
      for (let i = 0; i < count; i++) {
        const entry = ifd + 2 + i * 12;
        const tag = u16(entry);
        if (tag === 0x8825) out.hasGps = true;
        if (tag === 0x0112) out.orientation = u16(entry + 8);
      }
    }
    pos += 2 + length;
  }
  return out;
}

/** Every planted mark that occurs in `bytes` (as Latin-1 or UTF-16). */
export function leakedMarks(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  return [OWNER_MARK, DEVICE_MARK, XMP_MARK, IPTC_MARK].filter((m) => text.includes(m) || bytes.includes(Buffer.from(m, 'utf16le')));
}

const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), body, u32(zlib.crc32(body) >>> 0)]);
};

/**
 * The 68-byte reproduction from issue 17: a 1×1 RGBA PNG whose IDAT is not zlib data. pdfkit's PNG
 * reader throws on it from inside a zlib callback, where no try/catch reaches.
 */
export function damagedPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', Buffer.from('not zlib!!!')), chunk('IEND', Buffer.alloc(0))]);
}

/** A real, valid PNG of `w` × `h` white pixels: a few hundred kB that decode to gigabytes. */
export function hugePng(w: number, h: number): Promise<Buffer> {
  return sharp({ create: { width: w, height: h, channels: 3, background: '#ffffff' } }).png({ compressionLevel: 9 }).toBuffer();
}

/** An ISO-BMFF file with a HEIC brand, as iPhones write by default; enough for type detection. */
export function heicHeader(): Buffer {
  const ftyp = Buffer.concat([u32(24), Buffer.from('ftypheic', 'latin1'), u32(0), Buffer.from('mif1heic', 'latin1')]);
  return Buffer.concat([ftyp, u32(16), Buffer.from('mdat', 'latin1'), Buffer.alloc(8, 0x11)]);
}

/** Every image in a PDF in its stored format (`pdfimages -all`): JPEGs stay the JPEGs that were embedded. */
export function extractImages(pdfimages: string, pdf: string, dir: string, run: (tool: string, args: string[]) => { status: number | null; stderr: string }): { file: string; data: Buffer }[] {
  const prefix = path.join(dir, 'img');
  const r = run(pdfimages, ['-all', pdf, prefix]);
  if (r.status !== 0) throw new Error(`pdfimages failed: ${r.stderr}`);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('img'))
    .sort()
    .map((f) => ({ file: f, data: fs.readFileSync(path.join(dir, f)) }));
}

/**
 * A 4000 × 3000 camera-size photo that compresses like one (about 3–4 MB as JPEG): shapes and
 * texture at several scales plus sensor grain, varied by `seed`.
 */
export async function cameraPhoto(seed: number, width = 4000, height = 3000): Promise<Buffer> {
  const layer = (w: number, h: number, sigma: number) =>
    sharp({ create: { width: w, height: h, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 110 + (seed % 5) * 8, sigma } } })
      .png()
      .toBuffer()
      .then((b) => sharp(b).resize(width, height, { kernel: 'cubic' }).raw().toBuffer());
  const [scene, texture] = await Promise.all([layer(Math.ceil(width / 25), Math.ceil(height / 25), 60), layer(Math.ceil(width / 5), Math.ceil(height / 5), 30)]);
  const out = Buffer.alloc(width * height * 3);
  let r = seed * 2654435761;
  for (let i = 0; i < out.length; i++) {
    r = (r * 1103515245 + 12345) >>> 0;
    const grain = ((r >>> 24) % 25) - 12;
    out[i] = Math.max(0, Math.min(255, (scene[i]! + (texture[i]! - 128) * 0.6 + grain) | 0));
  }
  return sharp(out, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).withExif({ IFD0: { Make: DEVICE_MARK, Artist: OWNER_MARK }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 19/1 0/1' } }).toBuffer();
}
