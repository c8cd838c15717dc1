/**
 * A PDF object reader: a tokenizer that knows literal strings (nested parentheses, escapes), hex
 * strings, names, comments and stream data, and a scan of the file's indirect objects. Text inside
 * a string or a stream is never read as a key, so a signing reason that says "/ByteRange [0 1 2 3]"
 * is just a reason. Only what the signature verifier needs: no filters, no encryption.
 */
import { readStringBytes } from './pdf-string';

export type PdfValue =
  | { type: 'name'; value: string }
  | { type: 'string'; bytes: Buffer; start: number; end: number; hex: boolean }
  | { type: 'number'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'null' }
  | { type: 'ref'; num: number; gen: number }
  | { type: 'array'; items: PdfValue[] }
  | { type: 'dict'; entries: Map<string, PdfValue>; start: number; end: number };

export type PdfDict = Extract<PdfValue, { type: 'dict' }>;

export interface PdfObject {
  num: number;
  gen: number;
  /** Offset of the "N G obj" header. */
  offset: number;
  /** Offset just after "endobj" (or where the object stopped being readable). */
  end: number;
  /** Where the object's value starts; values are kept only for signature objects and read again on demand. */
  valueOffset: number;
  /** The value, for objects that hold a signature dictionary; null otherwise (see `valueOf`). */
  value: PdfValue | null;
}

export interface PdfTrailer {
  offset: number;
  dict: PdfDict;
}

export interface PdfStructure {
  src: Buffer;
  /** Every indirect object in file order; a later one with the same number replaces an earlier one (incremental updates). */
  objects: PdfObject[];
  trailers: PdfTrailer[];
}

/** Hostile nesting ("[[[[…") must not exhaust the stack. */
const MAX_DEPTH = 64;

/** Byte classes (PDF 32000-1, 7.2.2): 1 white-space, 2 delimiter; a table, because the lexer asks for every byte. */
const CLASS = new Uint8Array(256);
for (const c of [0x20, 0x0a, 0x0d, 0x09, 0x0c, 0x00]) CLASS[c] = 1;
for (const c of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[c] = 2;
const isWhite = (c: number): boolean => CLASS[c] === 1;
const isDelim = (c: number): boolean => CLASS[c] === 2;
/** Neither white-space nor a delimiter: part of a name, number or keyword. */
const isRegular = (c: number): boolean => CLASS[c] === 0;

type Token =
  | { kind: 'value'; value: PdfValue }
  | { kind: 'open_dict' | 'close_dict' | 'open_array' | 'close_array' | 'eof' }
  | { kind: 'keyword'; word: string }
  | { kind: 'int'; value: number };

export class PdfLexer {
  pos: number;
  /** Where the token last returned by next() starts. */
  tokenStart = 0;

  constructor(
    readonly src: Buffer,
    start = 0,
  ) {
    this.pos = start;
  }

  private skipWhite(): void {
    const src = this.src;
    while (this.pos < src.length) {
      const c = src[this.pos] as number;
      if (isWhite(c)) this.pos++;
      else if (c === 0x25 /* % */) {
        while (this.pos < src.length && src[this.pos] !== 0x0a && src[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  next(): Token {
    for (;;) {
      this.skipWhite();
      const src = this.src;
      this.tokenStart = this.pos;
      if (this.pos >= src.length) return { kind: 'eof' };
      const start = this.pos;
      const c = src[start] as number;
      if (c === 0x28 /* ( */) {
        const end = literalStringEnd(src, start);
        const bytes = end > 0 ? readStringBytes(src, start) : null;
        this.pos = end > 0 ? end : src.length;
        return { kind: 'value', value: { type: 'string', bytes: bytes ?? Buffer.alloc(0), start, end: this.pos, hex: false } };
      }
      if (c === 0x3c /* < */) {
        if (src[start + 1] === 0x3c) {
          this.pos += 2;
          return { kind: 'open_dict' };
        }
        const close = src.indexOf(0x3e, start + 1);
        this.pos = close < 0 ? src.length : close + 1;
        const bytes = close < 0 ? null : readStringBytes(src, start);
        return { kind: 'value', value: { type: 'string', bytes: bytes ?? Buffer.alloc(0), start, end: this.pos, hex: true } };
      }
      if (c === 0x3e /* > */) {
        this.pos += src[start + 1] === 0x3e ? 2 : 1;
        if (src[start + 1] === 0x3e) return { kind: 'close_dict' };
        continue;
      }
      if (c === 0x5b) {
        this.pos++;
        return { kind: 'open_array' };
      }
      if (c === 0x5d) {
        this.pos++;
        return { kind: 'close_array' };
      }
      if (c === 0x2f /* / */) {
        this.pos++;
        while (this.pos < src.length && isRegular(src[this.pos] as number)) this.pos++;
        const rawName = src.toString('latin1', start + 1, this.pos);
        const value = rawName.includes('#') ? rawName.replace(/#([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : rawName;
        return { kind: 'value', value: { type: 'name', value } };
      }
      if (isDelim(c)) {
        // a stray ")", "{" or "}": not meaningful in the objects we read
        this.pos++;
        continue;
      }
      // numbers are read from the bytes: most tokens in a PDF are numbers, and strings for them cost time
      let i = start;
      if (c === 0x2b || c === 0x2d) i++;
      let value = 0;
      let digits = 0;
      while (i < src.length && (src[i] as number) >= 0x30 && (src[i] as number) <= 0x39) {
        value = value * 10 + ((src[i] as number) - 0x30);
        digits++;
        i++;
      }
      if (digits > 0 && digits < 16 && (i >= src.length || isWhite(src[i] as number) || isDelim(src[i] as number))) {
        this.pos = i;
        return { kind: 'int', value: c === 0x2d ? -value : value };
      }
      while (this.pos < src.length && !isWhite(src[this.pos] as number) && !isDelim(src[this.pos] as number)) this.pos++;
      const word = src.toString('latin1', start, this.pos);
      if (/^[+-]?(\d+\.\d*|\.\d+|\d+)$/.test(word)) return { kind: 'value', value: { type: 'number', value: Number(word) } };
      if (word === 'true' || word === 'false') return { kind: 'value', value: { type: 'bool', value: word === 'true' } };
      if (word === 'null') return { kind: 'value', value: { type: 'null' } };
      return { kind: 'keyword', word };
    }
  }

  /** After an integer: " G R" (a reference) read from the bytes without moving, or null. */
  private peekRef(): { gen: number; end: number } | null {
    const src = this.src;
    let i = this.pos;
    const white = () => {
      const from = i;
      while (i < src.length && isWhite(src[i] as number)) i++;
      return i > from;
    };
    if (!white()) return null;
    let gen = 0;
    const digitsFrom = i;
    while (i < src.length && (src[i] as number) >= 0x30 && (src[i] as number) <= 0x39 && i - digitsFrom < 10) gen = gen * 10 + ((src[i++] as number) - 0x30);
    if (i === digitsFrom || !white() || src[i] !== 0x52 /* R */) return null;
    const after = src[i + 1];
    if (after !== undefined && !isWhite(after) && !isDelim(after)) return null;
    return { gen, end: i + 1 };
  }

  /** Reads one direct object (resolving "N G R"), or null when the next token does not start one. */
  readValue(depth = 0): PdfValue | null {
    const tok = this.next();
    return this.valueFrom(tok, this.tokenStart, depth);
  }

  private valueFrom(tok: Token, tokStart: number, depth: number): PdfValue | null {
    if (depth > MAX_DEPTH) return null;
    switch (tok.kind) {
      case 'value':
        return tok.value;
      case 'int': {
        const ref = tok.value >= 0 ? this.peekRef() : null;
        if (ref) {
          this.pos = ref.end;
          return { type: 'ref', num: tok.value, gen: ref.gen };
        }
        return { type: 'number', value: tok.value };
      }
      case 'open_array': {
        const items: PdfValue[] = [];
        for (;;) {
          const at = this.pos;
          const t = this.next();
          if (t.kind === 'close_array' || t.kind === 'eof') return { type: 'array', items };
          const v = this.valueFrom(t, this.tokenStart, depth + 1);
          if (!v) {
            if (t.kind === 'keyword' && (t.word === 'endobj' || t.word === 'stream')) {
              this.pos = at;
              return { type: 'array', items };
            }
            continue;
          }
          items.push(v);
        }
      }
      case 'open_dict': {
        const entries = new Map<string, PdfValue>();
        for (;;) {
          const at = this.pos;
          const t = this.next();
          if (t.kind === 'close_dict' || t.kind === 'eof') return { type: 'dict', entries, start: tokStart, end: this.pos };
          if (t.kind === 'value' && t.value.type === 'name') {
            const key = t.value.value;
            const v = this.readValue(depth + 1);
            // the first definition of a key counts, as in most readers
            if (v && !entries.has(key)) entries.set(key, v);
            continue;
          }
          if (t.kind === 'keyword' && (t.word === 'endobj' || t.word === 'stream')) {
            this.pos = at;
            return { type: 'dict', entries, start: tokStart, end: at };
          }
          // a value where a key belongs: skip it whole, so its contents are never taken for keys
          this.valueFrom(t, this.tokenStart, depth + 1);
        }
      }
      default:
        return null;
    }
  }
}

/** The offset after the ")" that closes the literal string opening at `start`, or -1. */
function literalStringEnd(src: Buffer, start: number): number {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === 0x5c) i++;
    else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return i + 1;
  }
  return -1;
}

const ENDSTREAM = Buffer.from('endstream');

/** Skips stream data: by a direct /Length when it lands on "endstream", else to the next "endstream". */
function skipStream(src: Buffer, lexer: PdfLexer, dict: PdfDict): void {
  let pos = lexer.pos;
  if (src[pos] === 0x0d) pos++;
  if (src[pos] === 0x0a) pos++;
  const length = dict.entries.get('Length');
  if (length?.type === 'number' && Number.isSafeInteger(length.value) && length.value >= 0) {
    const after = new PdfLexer(src, pos + length.value);
    const tok = after.next();
    if (tok.kind === 'keyword' && tok.word === 'endstream') {
      lexer.pos = after.pos;
      return;
    }
  }
  const end = src.indexOf(ENDSTREAM, pos);
  lexer.pos = end < 0 ? src.length : end + ENDSTREAM.length;
}

/** Whether a value holds a dictionary `keep` accepts, at any depth. */
function holds(v: PdfValue | null, keep: (d: PdfDict) => boolean, depth = 0): boolean {
  if (!v || depth > 16) return false;
  if (v.type === 'dict') {
    if (keep(v)) return true;
    for (const child of v.entries.values()) if (holds(child, keep, depth + 1)) return true;
  } else if (v.type === 'array') {
    for (const child of v.items) if (holds(child, keep, depth + 1)) return true;
  }
  return false;
}

/**
 * Reads every indirect object and trailer dictionary, in file order. Only the values of objects
 * holding a dictionary `keep` accepts are kept; a file of a million objects must not be held in memory.
 */
export function scanPdf(src: Buffer, keep: (d: PdfDict) => boolean = () => true): PdfStructure {
  const objects: PdfObject[] = [];
  const trailers: PdfTrailer[] = [];
  const lexer = new PdfLexer(src);
  // the last two integers seen at top level: "N G obj"
  let prev: { value: number; at: number } | null = null;
  let prev2: { value: number; at: number } | null = null;
  for (;;) {
    const tok = lexer.next();
    const at = lexer.tokenStart;
    if (tok.kind === 'eof') break;
    if (tok.kind === 'int') {
      prev2 = prev;
      prev = { value: tok.value, at };
      continue;
    }
    if (tok.kind === 'keyword' && tok.word === 'obj' && prev && prev2) {
      const object: PdfObject = { num: prev2.value, gen: prev.value, offset: prev2.at, end: lexer.pos, valueOffset: lexer.pos, value: null };
      const value = lexer.readValue();
      if (holds(value, keep)) object.value = value;
      const afterValue = lexer.pos;
      const next = lexer.next();
      if (next.kind === 'keyword' && next.word === 'stream' && value?.type === 'dict') {
        skipStream(src, lexer, value);
        const close = lexer.next();
        if (!(close.kind === 'keyword' && close.word === 'endobj')) lexer.pos = afterValue;
      } else if (!(next.kind === 'keyword' && next.word === 'endobj')) {
        lexer.pos = afterValue;
      }
      object.end = lexer.pos;
      objects.push(object);
    } else if (tok.kind === 'keyword' && tok.word === 'trailer') {
      const dict = lexer.readValue();
      if (dict?.type === 'dict') trailers.push({ offset: at, dict });
    } else if (tok.kind === 'keyword' && tok.word === 'stream') {
      // stream data outside any object we understood: step over it rather than read it as objects
      const end = src.indexOf(ENDSTREAM, lexer.pos);
      lexer.pos = end < 0 ? src.length : end + ENDSTREAM.length;
    }
    prev = null;
    prev2 = null;
  }
  return { src, objects, trailers };
}

// ---- small readers ---------------------------------------------------------------------------------

export const nameOf = (v: PdfValue | undefined): string | null => (v?.type === 'name' ? v.value : null);
export const numberOf = (v: PdfValue | undefined): number | null => (v?.type === 'number' ? v.value : null);
export const stringOf = (v: PdfValue | undefined): Extract<PdfValue, { type: 'string' }> | null => (v?.type === 'string' ? v : null);

/** An object's value: kept from the scan, or read again from its offset. */
export function valueOf(structure: PdfStructure, o: PdfObject): PdfValue | null {
  return o.value ?? new PdfLexer(structure.src, o.valueOffset).readValue();
}

/** The object a reference points to, as defined last before `limit` (incremental updates replace objects). */
export function resolve(structure: PdfStructure, v: PdfValue | undefined, limit = Infinity): PdfValue | undefined {
  if (v?.type !== 'ref') return v;
  let found: PdfObject | undefined;
  for (const o of structure.objects) if (o.num === v.num && o.gen === v.gen && o.end <= limit) found = o;
  return found ? (valueOf(structure, found) ?? undefined) : undefined;
}
