/**
 * How a call's result crosses the loopback HTTP transport. A list of records that all have the same
 * fields, in the same order (a register page's rows, a list of audits), is sent as a table: each
 * field's values once per column, and a column of few distinct values (a unit, a type, a status) as
 * those values and indexes. A page of 200 findings is 25 kB instead of 82 kB, and stringifying,
 * encoding, sending, decoding and parsing it all take less time. The renderer's client turns the
 * tables back into records (for either transport: the envelope is one type), so every call still
 * answers its contract's type. Electron IPC sends records as they are: its structured clone of a
 * page costs about what packing and unpacking it would, so there packing would only add work.
 *
 * Which values were packed travels beside the result as paths (never as a marker inside the data),
 * so no record, whatever its fields, can be mistaken for a table.
 */

/** Where a table sits in a result: property names and array indexes from the top. */
export type WirePath = (string | number)[];

/**
 * A packed list, column by column: each field's values in record order, or, when few distinct
 * values repeat (a unit, a type, a status), those values once and each record's index into them.
 */
export interface WireTable {
  length: number;
  columns: WireColumn[];
}
export type WireColumn = { name: string; values: unknown[] } | { name: string; distinct: (string | null)[]; index: number[] };

/** Below this many records a table saves little and costs a walk; sent as they are. */
const MIN_ROWS = 8;
/** A column is sent as distinct values and indexes when at most this share of its values differ (1/8). */
const DISTINCT_SHARE = 8;
/** Tables are looked for this deep (a page's rows are at depth 1); deeper values travel as they are. */
const MAX_DEPTH = 4;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The shared field names when every element is a plain object with exactly the first one's fields in
 * the same order and none is undefined (JSON would drop the field, a table could not), else null.
 */
function columnsOf(list: unknown[]): string[] | null {
  if (list.length < MIN_ROWS || !isPlainObject(list[0])) return null;
  const columns = Object.keys(list[0]);
  if (columns.length === 0) return null;
  for (const item of list) {
    if (!isPlainObject(item)) return null;
    let i = 0;
    for (const key in item) {
      if (key !== columns[i] || item[key] === undefined) return null;
      i++;
    }
    if (i !== columns.length) return null;
  }
  return columns;
}

/**
 * A column of repeated strings as its distinct values and indexes, or null when too many differ
 * (given up early: most columns of unique values show it within their first few records).
 */
function repeated(list: Record<string, unknown>[], name: string): { distinct: (string | null)[]; index: number[] } | null {
  const limit = Math.max(2, list.length / DISTINCT_SHARE);
  const seen = new Map<string | null, number>();
  const index = new Array<number>(list.length);
  let previous: unknown = undefined;
  let previousIndex = -1;
  for (let r = 0; r < list.length; r++) {
    const v = list[r]![name];
    // Sorted pages repeat a value in runs (the audit, its year): no lookup for those.
    if (v === previous) {
      index[r] = previousIndex;
      continue;
    }
    if (v !== null && typeof v !== 'string') return null;
    let i = seen.get(v);
    if (i === undefined) {
      if (seen.size >= limit) return null;
      i = seen.size;
      seen.set(v, i);
    }
    index[r] = i;
    previous = v;
    previousIndex = i;
  }
  return { distinct: [...seen.keys()], index };
}

function toTable(list: Record<string, unknown>[], names: string[]): WireTable {
  const columns = names.map((name): WireColumn => {
    const packed = repeated(list, name);
    if (packed) return { name, ...packed };
    const values = new Array<unknown>(list.length);
    for (let r = 0; r < list.length; r++) values[r] = list[r]![name];
    return { name, values };
  });
  return { length: list.length, columns };
}

/**
 * The result as it goes on the wire, and where its tables are. The result itself is never changed
 * (the backend may keep it cached): only the objects on the way to a table are copied.
 */
export function packResult(result: unknown): { result: unknown; tables: WirePath[] } {
  const tables: WirePath[] = [];
  const walk = (value: unknown, path: WirePath): unknown => {
    if (Array.isArray(value)) {
      const columns = columnsOf(value);
      if (columns) {
        tables.push(path);
        return toTable(value as Record<string, unknown>[], columns);
      }
      if (path.length >= MAX_DEPTH) return value;
      let copy: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === null || typeof item !== 'object') continue;
        const packed = walk(item, [...path, i]);
        if (packed !== item) (copy ??= value.slice())[i] = packed;
      }
      return copy ?? value;
    }
    if (!isPlainObject(value) || path.length >= MAX_DEPTH) return value;
    let copy: Record<string, unknown> | null = null;
    for (const key in value) {
      const item = value[key];
      if (item === null || typeof item !== 'object') continue;
      const packed = walk(item, [...path, key]);
      if (packed !== item) (copy ??= { ...value })[key] = packed;
    }
    return copy ?? value;
  };
  return { result: walk(result, []), tables };
}

function fromTable(table: WireTable): Record<string, unknown>[] {
  const names = table.columns.map((c) => c.name);
  const values = table.columns.map((c) => ('values' in c ? c.values : null));
  const distinct = table.columns.map((c) => ('index' in c ? c.distinct : null));
  const index = table.columns.map((c) => ('index' in c ? c.index : null));
  const list = new Array<Record<string, unknown>>(table.length);
  for (let r = 0; r < table.length; r++) {
    const item: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) {
      const plain = values[c];
      item[names[c]!] = plain ? plain[r] : distinct[c]![index[c]![r]!];
    }
    list[r] = item;
  }
  return list;
}

/**
 * The result its call promised, from what arrived: each listed table back into records. `result`
 * is a fresh copy (parsed JSON, a structured clone) and is changed in place.
 */
export function unpackResult(result: unknown, tables: readonly WirePath[] | undefined): unknown {
  if (!tables?.length) return result;
  let top = result;
  for (const path of tables) {
    if (path.length === 0) {
      top = fromTable(top as WireTable);
      continue;
    }
    let parent = top as Record<string | number, unknown>;
    for (let i = 0; i < path.length - 1; i++) parent = parent[path[i]!] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    parent[last] = fromTable(parent[last] as WireTable);
  }
  return top;
}

/** The request header by which a client of the loopback server asks for tables (IPC sends records as they are). */
export const WIRE_HEADER = 'x-granska-wire';
export const WIRE_TABLES = 'tables';
