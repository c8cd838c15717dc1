/**
 * A reader for Microsoft compound files (MS-CFB: .doc, .xls, .ppt, .msi), written for hostile
 * input: every sector number is range-checked, every chain stops at a sector seen before, and the
 * directory tree is walked with a visited set, so a crafted file ends in `CompoundFileError`, never
 * in a loop or an allocation larger than the file. No dependency does this for Node without also
 * pulling in a whole spreadsheet library.
 */

export class CompoundFileError extends Error {}

const SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const MAX_REG_SECT = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECT = 0xffffffff;
const NO_STREAM = 0xffffffff;

export interface CompoundEntry {
  /** Names from the root down, e.g. ['Macros', 'VBA', 'dir']; the root storage itself is not listed. */
  path: string[];
  name: string;
  type: 'storage' | 'stream';
  size: number;
}

interface RawEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

export class CompoundFile {
  private readonly sectorSize: number;
  private readonly miniSectorSize: number;
  private readonly miniCutoff: number;
  private readonly fat: number[];
  private readonly raw: RawEntry[];
  private miniFat: number[] | null = null;
  private miniStream: Buffer | null = null;
  private readonly entryIds = new Map<string, number>();
  readonly entries: CompoundEntry[];

  constructor(private readonly data: Buffer) {
    if (data.length < 512 || !data.subarray(0, 8).equals(SIGNATURE)) throw new CompoundFileError('not a compound file');
    const sectorShift = data.readUInt16LE(0x1e);
    const miniShift = data.readUInt16LE(0x20);
    if ((sectorShift !== 9 && sectorShift !== 12) || miniShift !== 6) throw new CompoundFileError('bad sector size');
    this.sectorSize = 1 << sectorShift;
    this.miniSectorSize = 1 << miniShift;
    this.miniCutoff = data.readUInt32LE(0x38);
    this.fat = this.readFat();
    const dirBytes = this.readChain(data.readUInt32LE(0x30), this.fat, (n) => this.sector(n), Number.MAX_SAFE_INTEGER);
    this.raw = [];
    for (let off = 0; off + 128 <= dirBytes.length; off += 128) this.raw.push(this.parseEntry(dirBytes.subarray(off, off + 128)));
    if (this.raw[0]?.type !== 5) throw new CompoundFileError('no root entry');
    this.entries = this.walk();
  }

  private get sectorCount(): number {
    return Math.max(0, Math.floor((this.data.length - this.sectorSize) / this.sectorSize) + 1);
  }

  private sector(n: number): Buffer {
    const start = (n + 1) * this.sectorSize;
    if (n > MAX_REG_SECT || start >= this.data.length) throw new CompoundFileError('sector out of range');
    return this.data.subarray(start, Math.min(start + this.sectorSize, this.data.length));
  }

  /** The FAT sector list: 109 entries in the header, the rest in the DIFAT chain. */
  private readFat(): number[] {
    const fatSectors: number[] = [];
    for (let i = 0; i < 109; i++) fatSectors.push(this.data.readUInt32LE(0x4c + i * 4));
    let difat = this.data.readUInt32LE(0x44);
    const seen = new Set<number>();
    while (difat <= MAX_REG_SECT) {
      if (seen.has(difat) || seen.size > this.sectorCount) throw new CompoundFileError('DIFAT loop');
      seen.add(difat);
      const s = this.sector(difat);
      const per = this.sectorSize / 4 - 1;
      for (let i = 0; i < per; i++) fatSectors.push(s.readUInt32LE(i * 4));
      difat = s.readUInt32LE(per * 4);
    }
    const fat: number[] = [];
    for (const n of fatSectors) {
      if (n > MAX_REG_SECT) continue;
      const s = this.sector(n);
      for (let i = 0; i + 4 <= s.length; i += 4) fat.push(s.readUInt32LE(i));
      if (fat.length > this.sectorCount * 2 + 1024) break; // more FAT than the file has sectors: the rest is junk
    }
    return fat;
  }

  private readChain(start: number, table: number[], read: (n: number) => Buffer, limit: number): Buffer {
    const parts: Buffer[] = [];
    const seen = new Set<number>();
    let total = 0;
    for (let n = start; n !== END_OF_CHAIN && n !== FREE_SECT; n = table[n] ?? END_OF_CHAIN) {
      if (n > MAX_REG_SECT || seen.has(n)) throw new CompoundFileError('broken sector chain');
      seen.add(n);
      const part = read(n);
      parts.push(part);
      total += part.length;
      if (total >= limit) break;
    }
    const all = Buffer.concat(parts);
    return limit < all.length ? all.subarray(0, limit) : all;
  }

  private parseEntry(b: Buffer): RawEntry {
    const nameLength = Math.min(b.readUInt16LE(0x40), 64);
    const name = b.subarray(0, Math.max(0, nameLength - 2)).toString('utf16le');
    return {
      name,
      type: b[0x42] ?? 0,
      left: b.readUInt32LE(0x44),
      right: b.readUInt32LE(0x48),
      child: b.readUInt32LE(0x4c),
      start: b.readUInt32LE(0x74),
      // Version 3 files keep garbage in the high half; a size beyond the file is refused when read.
      size: this.sectorSize === 512 ? b.readUInt32LE(0x78) : Number(b.readBigUInt64LE(0x78)),
    };
  }

  /** Depth-first over the red-black sibling trees, each entry at most once. */
  private walk(): CompoundEntry[] {
    const out: CompoundEntry[] = [];
    const seen = new Set<number>([0]);
    const stack: { id: number; parent: string[] }[] = [];
    const push = (id: number, parent: string[]) => {
      if (id === NO_STREAM) return;
      if (id >= this.raw.length || seen.has(id)) throw new CompoundFileError('bad directory tree');
      seen.add(id);
      stack.push({ id, parent });
    };
    push(this.raw[0]!.child, []);
    while (stack.length) {
      const { id, parent } = stack.pop()!;
      const e = this.raw[id]!;
      push(e.left, parent);
      push(e.right, parent);
      if (e.type !== 1 && e.type !== 2) continue;
      const path = [...parent, e.name];
      out.push({ path, name: e.name, type: e.type === 1 ? 'storage' : 'stream', size: e.size });
      this.entryIds.set(path.join('/').toLowerCase(), id);
      if (e.type === 1) push(e.child, path);
    }
    return out;
  }

  /** A stream's bytes, or null when there is no stream at that path (names compare case-blind, as in Office). */
  read(path: string[], limit = Number.MAX_SAFE_INTEGER): Buffer | null {
    const id = this.entryIds.get(path.join('/').toLowerCase());
    const e = id === undefined ? undefined : this.raw[id];
    if (!e || e.type !== 2) return null;
    if (e.size > this.data.length) throw new CompoundFileError('stream larger than the file');
    const want = Math.min(e.size, limit);
    if (e.size < this.miniCutoff) {
      const mini = this.loadMini();
      return this.readChain(e.start, mini.fat, (n) => {
        const start = n * this.miniSectorSize;
        if (start >= mini.stream.length) throw new CompoundFileError('mini sector out of range');
        return mini.stream.subarray(start, start + this.miniSectorSize);
      }, want);
    }
    return this.readChain(e.start, this.fat, (n) => this.sector(n), want);
  }

  private loadMini(): { fat: number[]; stream: Buffer } {
    if (!this.miniFat || !this.miniStream) {
      const miniFatBytes = this.readChain(this.data.readUInt32LE(0x3c), this.fat, (n) => this.sector(n), Number.MAX_SAFE_INTEGER);
      this.miniFat = [];
      for (let i = 0; i + 4 <= miniFatBytes.length; i += 4) this.miniFat.push(miniFatBytes.readUInt32LE(i));
      const root = this.raw[0]!;
      if (root.size > this.data.length) throw new CompoundFileError('mini stream larger than the file');
      this.miniStream = root.start > MAX_REG_SECT ? Buffer.alloc(0) : this.readChain(root.start, this.fat, (n) => this.sector(n), root.size);
    }
    return { fat: this.miniFat, stream: this.miniStream };
  }
}
