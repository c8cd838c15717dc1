import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { packResult, unpackResult } from '../../shared/contract/wire';

/** What a transport does to the packed result: JSON for HTTP, a structured clone for IPC. */
const overJson = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
const overIpc = (x: unknown) => v8.deserialize(v8.serialize(x)) as unknown;

function roundTrip(result: unknown, transport: (x: unknown) => unknown = overJson) {
  const packed = packResult(result);
  return { packed, back: unpackResult(transport(packed.result), transport(packed.tables) as typeof packed.tables) };
}

const row = (i: number) => ({
  id: `finding-${i}`,
  number: `H-2024-0001-${i}`,
  type: i % 3 ? 'observation' : 'minor_nc',
  clauseNumbers: ['8.5.1', String(i % 4)],
  statement: `Brist nummer ${i} gällande läkemedelsgenomgång.`,
  unitId: i % 5 ? 'unit-a' : null,
  year: 2024,
});

describe('results on the wire (HTTP and IPC)', () => {
  it('sends a register page as a table and gives back the same rows, in a fraction of the bytes', () => {
    const page = { total: 1_000_000, offset: 900_000, rows: Array.from({ length: 200 }, (_, i) => row(i)), years: [2024, 2023] };
    for (const transport of [overJson, overIpc]) {
      const { packed, back } = roundTrip(page, transport);
      expect(packed.tables).toEqual([['rows']]);
      expect(back).toEqual(page);
      expect(JSON.stringify(back)).toBe(JSON.stringify(page)); // field order too
    }
    expect(JSON.stringify(packResult(page).result).length).toBeLessThan(JSON.stringify(page).length * 0.6);
  });

  it('packs a list at the top and lists inside lists, and leaves the original result untouched', () => {
    const audits = Array.from({ length: 10 }, (_, i) => ({ id: `a${i}`, findings: Array.from({ length: 9 }, (_, j) => ({ n: j, text: `t${i}.${j}` })) }));
    const frozen = JSON.stringify(audits);
    const { packed, back } = roundTrip({ groups: [{ audits }] });
    expect(packed.tables).toEqual([['groups', 0, 'audits']]);
    expect(back).toEqual({ groups: [{ audits }] });
    expect(JSON.stringify(audits)).toBe(frozen);
    expect(roundTrip(audits).back).toEqual(audits);
  });

  it('sends as they are lists whose records differ in fields or order, hold undefined, or are short', () => {
    const same = Array.from({ length: 10 }, (_, i) => ({ a: i, b: 'x' }));
    const cases: unknown[] = [
      [...same, { b: 'x', a: 1 }],
      [...same, { a: 1 }],
      [...same, { a: 1, b: 'x', c: 2 }],
      [...same, { a: undefined, b: 'x' }],
      [...same, new Date(0)],
      [...same, ['a', 'b']],
      same.slice(0, 3),
      Array.from({ length: 10 }, () => ({})),
      { rows: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] },
    ];
    for (const value of cases) {
      const { packed, back } = roundTrip(value);
      expect(packed.tables).toEqual([]);
      expect(packed.result).toBe(value);
      expect(back).toEqual(overJson(value));
    }
  });

  it('never takes a record that looks like a table for one: only the listed paths are unpacked', () => {
    const lookalike = { length: 1, columns: [{ name: 'a', values: [1] }] };
    expect(roundTrip({ note: lookalike }).back).toEqual({ note: lookalike });
    expect(unpackResult(lookalike, undefined)).toBe(lookalike);
  });

  it('keeps repeated values, nulls and values that are not strings exactly', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ unit: i % 2 ? null : 'u', n: i % 2, flag: i % 3 === 0, when: '2025-01-01' }));
    const { packed, back } = roundTrip(rows);
    expect(packed.tables).toEqual([[]]);
    expect(back).toEqual(rows);
  });
});
