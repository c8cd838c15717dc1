/**
 * A minimal ASN.1 reader/writer that works on byte offsets. node-forge re-encodes what it parses,
 * which silently changes bytes we must hash or compare exactly (signed attributes, issuer names),
 * so everything that is verified or copied is handled as raw slices of the original buffer.
 */

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

export interface DerNode {
  /** First identifier octet; high-tag-number forms keep 0x1f in the low bits. */
  tag: number;
  constructed: boolean;
  start: number;
  contentStart: number;
  contentEnd: number;
  /** Exclusive; for indefinite lengths this includes the end-of-contents octets. */
  end: number;
}

export class DerError extends Error {}

/** Reads the element at `offset`; BER indefinite lengths are accepted because some signers emit them. */
export function readNode(buf: Buffer, offset = 0, limit = buf.length, depth = 0): DerNode {
  if (depth > 64) throw new DerError('nesting too deep');
  let pos = offset;
  const at = (i: number): number => {
    if (i >= limit) throw new DerError('truncated');
    return buf[i] as number;
  };
  const tag = at(pos++);
  if ((tag & 0x1f) === 0x1f) {
    while (at(pos++) & 0x80);
  }
  const constructed = (tag & 0x20) !== 0;
  const first = at(pos++);
  if (first === 0x80) {
    if (!constructed) throw new DerError('indefinite length on primitive');
    const contentStart = pos;
    let child = contentStart;
    while (!(at(child) === 0 && at(child + 1) === 0)) {
      child = readNode(buf, child, limit, depth + 1).end;
    }
    return { tag, constructed, start: offset, contentStart, contentEnd: child, end: child + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new DerError('length too large');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + at(pos++);
  }
  const contentEnd = pos + length;
  if (contentEnd > limit) throw new DerError('truncated');
  return { tag, constructed, start: offset, contentStart: pos, contentEnd, end: contentEnd };
}

export function children(buf: Buffer, node: DerNode): DerNode[] {
  if (!node.constructed) throw new DerError('not constructed');
  const out: DerNode[] = [];
  let pos = node.contentStart;
  while (pos < node.contentEnd) {
    const child = readNode(buf, pos, node.contentEnd);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`expected ${what}`);
  return node;
}

export function raw(buf: Buffer, node: DerNode): Buffer {
  return buf.subarray(node.start, node.end);
}

export function content(buf: Buffer, node: DerNode): Buffer {
  return buf.subarray(node.contentStart, node.contentEnd);
}

export function decodeOid(bytes: Buffer): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (parts.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        parts.push(first, value - first * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join('.');
}

export function decodeTime(buf: Buffer, node: DerNode): Date {
  const text = content(buf, node).toString('latin1');
  const m =
    node.tag === TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?Z$/.exec(text);
  if (!m) throw new DerError('unsupported time');
  let year = Number(m[1]);
  // RFC 5280: two-digit years 50..99 are 19xx
  if (node.tag === TAG.UTC_TIME) year += year >= 50 ? 1900 : 2000;
  const millis = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), millis));
}

export function decodeString(buf: Buffer, node: DerNode): string {
  const bytes = content(buf, node);
  switch (node.tag) {
    case TAG.UTF8_STRING:
      return bytes.toString('utf8');
    case TAG.BMP_STRING:
      return Buffer.from(bytes).swap16().toString('utf16le');
    case TAG.UNIVERSAL_STRING: {
      let out = '';
      for (let i = 0; i + 3 < bytes.length; i += 4) out += String.fromCodePoint(bytes.readUInt32BE(i));
      return out;
    }
    default:
      return bytes.toString('latin1');
  }
}

// ---- writing -------------------------------------------------------------------------------

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

export const sequence = (...parts: Buffer[]): Buffer => tlv(TAG.SEQUENCE, ...parts);

/** DER orders SET OF members by their encodings; verifiers that re-encode (EU DSS) depend on it. */
export const setOf = (...parts: Buffer[]): Buffer => tlv(TAG.SET, ...[...parts].sort(Buffer.compare));

export const octetString = (bytes: Buffer): Buffer => tlv(TAG.OCTET_STRING, bytes);

export const derNull = (): Buffer => Buffer.from([TAG.NULL, 0]);

export function smallInteger(value: number): Buffer {
  if (value < 0 || value > 127) throw new RangeError('smallInteger only encodes 0..127');
  return tlv(TAG.INTEGER, Buffer.from([value]));
}

export function oid(dotted: string): Buffer {
  const nums = dotted.split('.').map(Number);
  const [a = 0, b = 0, ...rest] = nums;
  const out: number[] = [];
  for (const n of [a * 40 + b, ...rest]) {
    const chunk: number[] = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(TAG.OID, Buffer.from(out));
}

export function encodeTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  const pad = (n: number): string => String(n).padStart(2, '0');
  const body = `${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(
    date.getUTCMinutes(),
  )}${pad(date.getUTCSeconds())}Z`;
  // RFC 5652 signing-time: UTCTime for 1950..2049, GeneralizedTime otherwise
  if (year >= 1950 && year < 2050) return tlv(TAG.UTC_TIME, Buffer.from(pad(year % 100) + body, 'latin1'));
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(String(year).padStart(4, '0') + body, 'latin1'));
}

/** Context-specific tag number `n`, constructed. */
export const contextTag = (n: number): number => 0xa0 | n;

export function readOid(buf: Buffer, node: DerNode | undefined): string {
  return decodeOid(content(buf, expectTag(node, TAG.OID, 'OID')));
}
