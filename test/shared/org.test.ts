import { describe, expect, it } from 'vitest';
import { unitAncestry, unitTree, wouldCreateCycle } from '../../shared/domain/org';

const units = [
  { id: 'soc', parentId: null, name: 'Socialförvaltningen' },
  { id: 'aldre', parentId: 'soc', name: 'Äldreomsorgen' },
  { id: 'ifo', parentId: 'soc', name: 'Individ- och familjeomsorgen' },
  { id: 'hem', parentId: 'aldre', name: 'Hemtjänst Norr' },
  { id: 'bost', parentId: null, name: 'Bostadsbolaget' },
];

describe('unit structure rules', () => {
  it('walks a unit up to its root', () => {
    expect(unitAncestry(units, 'hem')).toEqual(['hem', 'aldre', 'soc']);
    expect(unitAncestry(units, 'bost')).toEqual(['bost']);
  });

  it('refuses a parent that would make a loop', () => {
    expect(wouldCreateCycle(units, 'soc', 'hem')).toBe(true);
    expect(wouldCreateCycle(units, 'soc', 'soc')).toBe(true);
    expect(wouldCreateCycle(units, 'hem', 'ifo')).toBe(false);
    expect(wouldCreateCycle(units, 'hem', null)).toBe(false);
  });

  it('orders units as a tree with Swedish alphabetical order among siblings', () => {
    expect(unitTree(units).map((n) => `${'-'.repeat(n.depth)}${n.unit.id}`)).toEqual(['bost', 'soc', '-ifo', '-aldre', '--hem']);
  });
});
