import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { applyChanges, changesSince } from '../../../electron/backend/sync/journal';
import { resolveClaims } from '../../../electron/backend/sync/number-claims';
import type { Finding } from '../../../shared/domain/findings';
import { caller, tempDir, testBackend } from '../../helpers/tmp';
import { conductFixture } from '../conduct/fixture';

const fields = { type: 'ofi', clauseNumbers: ['8.5.1'], requirement: 'Krav', evidence: 'Belägg', statement: 'Förbättring' };

/** Everything `from` knows reaches `to`, as the team server would carry it (already known changes are skipped). */
const pass = (from: Backend, to: Backend) => applyChanges(to.ctx(), changesSince(from.database, 0).changes, { origin: 'server' });

const numbers = (b: Backend, auditId: string) =>
  b.database.prepare('SELECT id, number FROM findings WHERE audit_id = ? ORDER BY id').all(auditId) as { id: string; number: string }[];

describe('readable numbers on main databases that synchronise with each other', () => {
  const dir = tempDir();

  // Three laptops work offline on the same audit, then meet in different orders: each sees a
  // different set of findings in between, and all must end with the same numbers, none twice.
  for (const [label, order] of [
    ['a→b, b→c, c→a', [[0, 1], [1, 2], [2, 0]]],
    ['c→b, a→c, b→a', [[2, 1], [0, 2], [1, 0]]],
    ['b→a, a→c, c→b', [[1, 0], [0, 2], [2, 1]]],
  ] as const) {
    it(`agrees on every finding's number after meeting in the order ${label}`, async () => {
      const laptops = ['a', 'b', 'c'].map((n) => testBackend({ dir: `${dir}/${label.replace(/\W+/g, '')}/${n}` }));
      const [a, b, c] = laptops as [Backend, Backend, Backend];
      const { audit } = await conductFixture(a);
      pass(a, b);
      pass(a, c);
      const made: Record<string, Finding[]> = { a: [], b: [], c: [] };
      for (const [name, l, count] of [['a', a, 2], ['b', b, 1], ['c', c, 2]] as const) {
        for (let i = 0; i < count; i++) made[name]!.push(await caller(l)<Finding>('findings.create', { auditId: audit.id, lang: 'sv', fields }));
      }
      // A deleted finding keeps its claim: deleting it moves no other number.
      await caller(c)('findings.delete', { id: made.c![0]!.id, revision: made.c![0]!.revision });
      expect(made.a!.map((f) => f.number)).toEqual(made.c!.map((f) => f.number)); // the same numbers, made twice

      for (const [from, to] of order) pass(laptops[from]!, laptops[to]!);
      for (const from of laptops) for (const to of laptops) if (from !== to) pass(from, to);

      const here = numbers(a, audit.id);
      expect(here).toHaveLength(4);
      expect(new Set(here.map((f) => f.number)).size).toBe(4);
      expect(numbers(b, audit.id)).toEqual(here);
      expect(numbers(c, audit.id)).toEqual(here);
      // The first finding made anywhere keeps its number; the old number of any that moved is in the trail.
      expect(here.find((f) => f.id === made.a![0]!.id)?.number).toBe(made.a![0]!.number);
      for (const l of laptops) {
        for (const f of here) {
          const own = Object.values(made).flat().find((m) => m.id === f.id)!;
          const trail = l.database
            .prepare("SELECT before_json FROM audit_trail WHERE entity_id = ? AND action = 'renumber'")
            .all(f.id) as { before_json: string }[];
          if (own.number !== f.number && made[['a', 'b', 'c'][laptops.indexOf(l)]!]!.some((m) => m.id === f.id)) {
            expect(trail.map((t) => JSON.parse(t.before_json).number)).toContain(own.number);
          }
        }
      }

      // A finding made after meeting takes a number nobody has, the same everywhere.
      const later = await caller(b)<Finding>('findings.create', { auditId: audit.id, lang: 'sv', fields });
      for (const from of laptops) for (const to of laptops) if (from !== to) pass(from, to);
      expect(numbers(a, audit.id).find((f) => f.id === later.id)?.number).toBe(later.number);
      expect(new Set(numbers(c, audit.id).map((f) => f.number)).size).toBe(5);
      expect(numbers(c, audit.id)).toEqual(numbers(b, audit.id));
    });
  }

  it('decides from the claims alone, in whatever order they are listed', () => {
    const claims = [
      { rowId: 'x', seq: 4, hlc: '2026-12-04T05:00:00.000Z-0000-aaaaaaaaaaaaaaaa' },
      { rowId: 'y', seq: 4, hlc: '2026-12-04T04:00:00.000Z-0000-bbbbbbbbbbbbbbbb' },
      { rowId: 'z', seq: 5, hlc: '2026-12-04T06:00:00.000Z-0000-aaaaaaaaaaaaaaaa' },
      { rowId: 'w', seq: 4, hlc: '2026-12-04T04:00:00.000Z-0000-bbbbbbbbbbbbbbbb' },
    ];
    const want = new Map([['w', 4], ['z', 5], ['y', 6], ['x', 7]]);
    for (const listed of [claims, [...claims].reverse(), [claims[2]!, claims[0]!, claims[3]!, claims[1]!]]) {
      expect(resolveClaims(listed, [])).toEqual(want);
    }
    // A number held by an issued report is never given to anyone else.
    expect(resolveClaims([{ rowId: 'x', seq: 2, hlc: 'h' }], [2]).get('x')).toBe(3);
  });
});
