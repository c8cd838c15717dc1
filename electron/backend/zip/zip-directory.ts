import zlib from 'node:zlib';

/**
 * The central directory of a zip archive (.xlsx, .docx, .odt are zips), read without inflating
 * anything, so the sizes an archive declares can be checked before a byte is decompressed, and
 * single small parts can be read with a hard cap on their inflated size.
 */

export class ZipError extends Error {
  constructor(readonly reason: 'not_zip' | 'too_large' | 'unsupported' | 'damaged') {
    super(`zip: ${reason}`);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As declared by the archive; a hostile archive may lie, so reads are capped as well. */
  uncompressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 100_000;

function findEndRecord(data: Buffer): number {
  const stop = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= stop; i--) if (data.readUInt32LE(i) === EOCD) return i;
  throw new ZipError('not_zip');
}

function zip64Extra(extra: Buffer, want: { size: boolean; compressed: boolean; offset: boolean }) {
  for (let o = 0; o + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(o);
    const len = extra.readUInt16LE(o + 2);
    if (id === 0x0001) {
      let p = o + 4;
      const next = () => {
        if (p + 8 > o + 4 + len) throw new ZipError('damaged');
        const v = Number(extra.readBigUInt64LE(p));
        p += 8;
        return v;
      };
      return { size: want.size ? next() : undefined, compressed: want.compressed ? next() : undefined, offset: want.offset ? next() : undefined };
    }
    o += 4 + len;
  }
  throw new ZipError('damaged');
}

export function readZipDirectory(data: Buffer): ZipEntry[] {
  if (data.length < 22) throw new ZipError('not_zip');
  const end = findEndRecord(data);
  let count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  if (offset === 0xffffffff || count === 0xffff) {
    const locator = end - 20;
    if (locator < 0 || data.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new ZipError('damaged');
    const at = Number(data.readBigUInt64LE(locator + 8));
    if (at + 56 > data.length || data.readUInt32LE(at) !== ZIP64_EOCD) throw new ZipError('damaged');
    count = Number(data.readBigUInt64LE(at + 32));
    offset = Number(data.readBigUInt64LE(at + 48));
  }
  if (count > MAX_ENTRIES) throw new ZipError('too_large');
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL) throw new ZipError('damaged');
    const nameLength = data.readUInt16LE(p + 28);
    const extraLength = data.readUInt16LE(p + 30);
    const commentLength = data.readUInt16LE(p + 32);
    if (p + 46 + nameLength + extraLength > data.length) throw new ZipError('damaged');
    let compressedSize = data.readUInt32LE(p + 20);
    let uncompressedSize = data.readUInt32LE(p + 24);
    let localOffset = data.readUInt32LE(p + 42);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff) {
      const z = zip64Extra(data.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), {
        size: uncompressedSize === 0xffffffff,
        compressed: compressedSize === 0xffffffff,
        offset: localOffset === 0xffffffff,
      });
      uncompressedSize = z.size ?? uncompressedSize;
      compressedSize = z.compressed ?? compressedSize;
      localOffset = z.offset ?? localOffset;
    }
    entries.push({
      name: data.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
      method: data.readUInt16LE(p + 10),
      compressedSize,
      uncompressedSize,
      localOffset,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The total a zip says it inflates to; the check before any import decompresses it. */
export function declaredUncompressedSize(entries: ZipEntry[]): number {
  return entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
}

/** One part's bytes, never more than `maxBytes` inflated, whatever the archive declares. */
export function readZipEntry(data: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.uncompressedSize > maxBytes) throw new ZipError('too_large');
  const p = entry.localOffset;
  if (p + 30 > data.length || data.readUInt32LE(p) !== LOCAL) throw new ZipError('damaged');
  const start = p + 30 + data.readUInt16LE(p + 26) + data.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) throw new ZipError('damaged');
  const raw = data.subarray(start, end);
  if (entry.method === 0) {
    if (raw.length > maxBytes) throw new ZipError('too_large');
    return raw;
  }
  if (entry.method !== 8) throw new ZipError('unsupported');
  try {
    return zlib.inflateRawSync(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipError('too_large');
    throw new ZipError('damaged');
  }
}
