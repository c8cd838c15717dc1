/**
 * Writes real compound files (MS-CFB version 3, 512-byte sectors) for tests: a FAT, a directory
 * with sorted sibling trees, a mini stream for streams under 4096 bytes. olefile and xlrd read what
 * it writes, so the files the macro check is tested with are the structure Office itself uses.
 */
export type CfbTree = { [name: string]: Buffer | CfbTree };

const FREE = 0xffffffff;
const END = 0xfffffffe;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;
const SECTOR = 512;
const MINI = 64;
const CUTOFF = 4096;

interface Node {
  name: string;
  type: 1 | 2 | 5;
  data?: Buffer;
  children: Node[];
  id: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

/** Directory order: shorter names first, then by upper-case code units (MS-CFB 2.6.4). */
function compareNames(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

const sectorsFor = (bytes: number, size: number) => Math.ceil(bytes / size);

export function buildCompoundFile(tree: CfbTree): Buffer {
  const nodes: Node[] = [];
  const make = (name: string, value: Buffer | CfbTree | null, type: 1 | 2 | 5): Node => {
    const node: Node = { name, type, children: [], id: nodes.length, left: NOSTREAM, right: NOSTREAM, child: NOSTREAM, start: END, size: 0 };
    nodes.push(node);
    if (Buffer.isBuffer(value)) node.data = value;
    else if (value) {
      for (const [childName, childValue] of Object.entries(value).sort(([a], [b]) => compareNames(a, b))) {
        node.children.push(make(childName, childValue, Buffer.isBuffer(childValue) ? 2 : 1));
      }
    }
    return node;
  };
  const root = make('Root Entry', tree, 5);
  // Balanced-enough sibling tree: the middle child is the subtree root, halves to the left and right.
  const link = (list: Node[]): number => {
    if (!list.length) return NOSTREAM;
    const mid = Math.floor(list.length / 2);
    const node = list[mid]!;
    node.left = link(list.slice(0, mid));
    node.right = link(list.slice(mid + 1));
    return node.id;
  };
  for (const n of nodes) n.child = link(n.children);

  const streams = nodes.filter((n) => n.type === 2);
  const small = streams.filter((n) => (n.data?.length ?? 0) < CUTOFF);
  const big = streams.filter((n) => (n.data?.length ?? 0) >= CUTOFF);

  // Mini stream and mini FAT.
  const miniFat: number[] = [];
  const miniParts: Buffer[] = [];
  for (const n of small) {
    const data = n.data!;
    n.size = data.length;
    if (!data.length) {
      n.start = END;
      continue;
    }
    const count = sectorsFor(data.length, MINI);
    n.start = miniFat.length;
    for (let i = 0; i < count; i++) miniFat.push(i === count - 1 ? END : miniFat.length + 1);
    const padded = Buffer.alloc(count * MINI);
    data.copy(padded);
    miniParts.push(padded);
  }
  const miniStream = Buffer.concat(miniParts);

  const dirSectors = sectorsFor(nodes.length * 128, SECTOR);
  const miniFatSectors = sectorsFor(miniFat.length * 4, SECTOR);
  const miniStreamSectors = sectorsFor(miniStream.length, SECTOR);
  const bigSectors = big.reduce((sum, n) => sum + sectorsFor(n.data!.length, SECTOR), 0);
  const payload = dirSectors + miniFatSectors + miniStreamSectors + bigSectors;
  let fatSectors = 1;
  while (fatSectors * (SECTOR / 4) < fatSectors + payload) fatSectors++;
  if (fatSectors > 109) throw new Error('test compound file too large for the header DIFAT');

  const fat: number[] = [];
  const chain = (count: number): number => {
    if (!count) return END;
    const start = fat.length;
    for (let i = 0; i < count; i++) fat.push(i === count - 1 ? END : fat.length + 1);
    return start;
  };
  for (let i = 0; i < fatSectors; i++) fat.push(FATSECT);
  const dirStart = chain(dirSectors);
  const miniFatStart = chain(miniFatSectors);
  const miniStreamStart = chain(miniStreamSectors);
  for (const n of big) {
    n.size = n.data!.length;
    n.start = chain(sectorsFor(n.size, SECTOR));
  }
  root.start = miniStream.length ? miniStreamStart : END;
  root.size = miniStream.length;
  while (fat.length < fatSectors * (SECTOR / 4)) fat.push(FREE);

  const header = Buffer.alloc(SECTOR);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header);
  header.writeUInt16LE(0x003e, 0x18);
  header.writeUInt16LE(0x0003, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(fatSectors, 0x2c);
  header.writeUInt32LE(dirStart, 0x30);
  header.writeUInt32LE(CUTOFF, 0x38);
  header.writeUInt32LE(miniFat.length ? miniFatStart : END, 0x3c);
  header.writeUInt32LE(miniFatSectors, 0x40);
  header.writeUInt32LE(END, 0x44);
  header.writeUInt32LE(0, 0x48);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i < fatSectors ? i : FREE, 0x4c + i * 4);

  const fatBytes = Buffer.alloc(fatSectors * SECTOR);
  fat.forEach((v, i) => fatBytes.writeUInt32LE(v >>> 0, i * 4));

  const dir = Buffer.alloc(dirSectors * SECTOR);
  for (let i = nodes.length; i < dirSectors * 4; i++) {
    const e = dir.subarray(i * 128, i * 128 + 128);
    e.writeUInt32LE(NOSTREAM, 0x44);
    e.writeUInt32LE(NOSTREAM, 0x48);
    e.writeUInt32LE(NOSTREAM, 0x4c);
  }
  for (const n of nodes) {
    const e = dir.subarray(n.id * 128, n.id * 128 + 128);
    const name = Buffer.from(`${n.name}\0`, 'utf16le');
    if (name.length > 64) throw new Error(`name too long: ${n.name}`);
    name.copy(e);
    e.writeUInt16LE(name.length, 0x40);
    e[0x42] = n.type;
    e[0x43] = 1; // black
    e.writeUInt32LE(n.left, 0x44);
    e.writeUInt32LE(n.right, 0x48);
    e.writeUInt32LE(n.child, 0x4c);
    e.writeUInt32LE(n.type === 1 ? 0 : n.start, 0x74);
    e.writeUInt32LE(n.type === 1 ? 0 : n.size, 0x78);
  }

  const miniFatBytes = Buffer.alloc(miniFatSectors * SECTOR, 0xff);
  miniFat.forEach((v, i) => miniFatBytes.writeUInt32LE(v >>> 0, i * 4));
  const miniStreamBytes = Buffer.alloc(miniStreamSectors * SECTOR);
  miniStream.copy(miniStreamBytes);
  const bigBytes = big.map((n) => {
    const b = Buffer.alloc(sectorsFor(n.size, SECTOR) * SECTOR);
    n.data!.copy(b);
    return b;
  });
  return Buffer.concat([header, fatBytes, dir, miniFatBytes, miniStreamBytes, ...bigBytes]);
}
