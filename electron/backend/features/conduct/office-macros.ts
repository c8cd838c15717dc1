import { readZipDirectory, readZipEntry, ZipError, type ZipEntry } from '../../zip/zip-directory';
import { CompoundFile, CompoundFileError } from './compound-file';

/**
 * Whether an Office document carries code, decided from what is inside it rather than from its
 * name or its stream names alone: VBA projects (by the `_VBA_PROJECT` header), Excel 4.0 (XLM)
 * macro sheets in .xls (BIFF sheet records and sheet headers) and in .xlsx (macro-sheet parts,
 * content types and relationships), auto-run names, and documents embedded in documents.
 */
export type MacroVerdict = 'macro' | 'encrypted' | null;

const VBA_STORAGES = new Set(['macros', '_vba_project_cur', 'vba']);
/** Embedded documents are looked into this deep; deeper nesting is refused as a whole. */
const MAX_DEPTH = 3;
/** Parts read to find code in an OOXML or ODF package: small XML, capped each. */
const PART_LIMIT = 2 * 1024 * 1024;
const MAX_PARTS_READ = 500;

// BIFF record types (MS-XLS 2.3).
const BOF = 0x0809; // BIFF5, 7 and 8 alike
const BOUNDSHEET = 0x0085;
const NAME = 0x0018;
const FILEPASS = 0x002f;
const SHEET_TYPE_MACRO = 0x01;
const SHEET_TYPE_VBA_MODULE = 0x06;
const SUBSTREAM_MACRO_SHEET = 0x0040;
const SUBSTREAM_VBA_MODULE = 0x0006;
/** Built-in names that run code by themselves: Auto_Open, Auto_Close, Auto_Activate, Auto_Deactivate. */
const AUTO_NAMES = new Set([0x01, 0x02, 0x0a, 0x0b]);

/** The `_VBA_PROJECT` stream starts with Reserved1 = 0x61CC and a zero byte after the version (MS-OVBA 2.3.4.1). */
function isVbaProjectStream(head: Buffer): boolean {
  return head.length >= 7 && head[0] === 0xcc && head[1] === 0x61 && head[4] === 0x00;
}

/**
 * Walks a BIFF5/8 workbook stream record by record. Macro sheets show up twice, in the sheet list
 * (BoundSheet8.dt) and in the sheet's own BOF (dt = 0x40); either is enough, so a file that lies
 * in one place is still caught.
 */
export function biffHasMacros(stream: Buffer): MacroVerdict {
  let encrypted = false;
  const biff8 = stream.length < 6 || stream.readUInt16LE(0) !== BOF || stream.readUInt16LE(4) === 0x0600;
  for (let p = 0; p + 4 <= stream.length; ) {
    const type = stream.readUInt16LE(p);
    const length = stream.readUInt16LE(p + 2);
    const body = stream.subarray(p + 4, Math.min(p + 4 + length, stream.length));
    p += 4 + length;
    if (type === BOF && body.length >= 4) {
      const dt = body.readUInt16LE(2);
      if (dt === SUBSTREAM_MACRO_SHEET || dt === SUBSTREAM_VBA_MODULE) return 'macro';
    } else if (type === FILEPASS) {
      // Records after FILEPASS are encrypted, except BOFs: sheet kinds can no longer be read.
      encrypted = true;
    } else if (encrypted) {
      continue;
    } else if (type === BOUNDSHEET && body.length >= 6) {
      const dt = body[5];
      if (dt === SHEET_TYPE_MACRO || dt === SHEET_TYPE_VBA_MODULE) return 'macro';
    } else if (type === NAME && body.length >= 15) {
      const flags = body.readUInt16LE(0);
      const isProc = (flags & 0x0008) !== 0; // fProc: the name is a command macro
      const isBuiltin = (flags & 0x0020) !== 0;
      // BIFF8 puts an option byte before the characters; a built-in name is one character, its index.
      const firstChar = body[biff8 ? 15 : 14] ?? -1;
      if (isProc || (isBuiltin && AUTO_NAMES.has(firstChar))) return 'macro';
    }
  }
  return encrypted ? 'encrypted' : null;
}

/** Code anywhere in a compound file: a VBA project, a macro storage, or a workbook with XLM sheets. */
export function compoundFileMacros(cf: CompoundFile, depth = 0): MacroVerdict {
  if (depth > MAX_DEPTH) return 'macro';
  let verdict: MacroVerdict = null;
  for (const entry of cf.entries) {
    const lower = entry.name.toLowerCase();
    if (entry.path.some((part) => VBA_STORAGES.has(part.toLowerCase())) || lower === '_vba_project') return 'macro';
    if (entry.type !== 'stream') continue;
    const head = cf.read(entry.path, 8);
    if (head && isVbaProjectStream(head)) return 'macro';
    if (lower === 'workbook' || lower === 'book') {
      const found = biffHasMacros(cf.read(entry.path) ?? Buffer.alloc(0));
      if (found === 'macro') return 'macro';
      verdict ??= found;
    }
    // An OOXML document embedded in an old one (an "Package" stream) is a zip of its own.
    if (head && head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
      const inner = zipMacros(cf.read(entry.path) ?? Buffer.alloc(0), depth + 1);
      if (inner === 'macro') return 'macro';
    }
  }
  return verdict;
}

const MACRO_PART = [
  /(^|\/)vbaproject\.bin$/i,
  /(^|\/)vbadata\.xml$/i,
  /^xl\/(macrosheets|intlmacrosheets)\//i,
  /^(basic|scripts)\//i, // OpenDocument Basic and script libraries
];
const MACRO_DECLARATION = /macroenabled|vbaproject|macrosheet|xlintlmacrosheet|ms-office\.vba|vnd\.sun\.xml\.basic/i;

function readPart(data: Buffer, entry: ZipEntry): Buffer | null {
  try {
    return readZipEntry(data, entry, PART_LIMIT);
  } catch (err) {
    if (err instanceof ZipError && err.reason === 'too_large') return null;
    throw err;
  }
}

/**
 * Code in an OOXML or OpenDocument package: a macro part by name, or declared by content type or
 * relationship (a macro sheet can hide under any part name, but must be declared to be loaded),
 * or an embedded compound file that itself carries code.
 */
export function zipMacros(data: Buffer, depth = 0): MacroVerdict {
  if (depth > MAX_DEPTH) return 'macro';
  const entries = readZipDirectory(data);
  let read = 0;
  for (const entry of entries) {
    if (MACRO_PART.some((re) => re.test(entry.name))) return 'macro';
  }
  for (const entry of entries) {
    const lower = entry.name.toLowerCase();
    const declares = lower === '[content_types].xml' || lower.endsWith('.rels') || lower === 'meta-inf/manifest.xml';
    const embedded = /(^|\/)embeddings\//.test(lower) || lower.endsWith('.bin') || lower.startsWith('object');
    if (!declares && !embedded) continue;
    if (++read > MAX_PARTS_READ) return 'macro';
    const part = readPart(data, entry);
    if (!part) {
      if (declares) return 'macro'; // a declaration file too large to read is not a document anyone wrote by hand
      continue;
    }
    if (declares && MACRO_DECLARATION.test(part.toString('utf8'))) return 'macro';
    if (embedded) {
      const inner = embeddedMacros(part, depth + 1);
      if (inner === 'macro') return 'macro';
    }
  }
  return null;
}

function embeddedMacros(part: Buffer, depth: number): MacroVerdict {
  try {
    if (part.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return zipMacros(part, depth);
    return compoundFileMacros(new CompoundFile(part), depth);
  } catch (err) {
    if (err instanceof CompoundFileError || err instanceof ZipError) return null; // not a document: nothing to run
    throw err;
  }
}
