import type { Localized } from './common';

/**
 * A management-system standard as data (`resources/standards/<id>.json`): adding ISO 14001 or
 * ISO 45001 is a new file, never new code. Clauses are listed in document order, parents first.
 */
export interface StandardClause {
  number: string;
  title: Localized;
}

export interface Standard {
  id: string;
  name: Localized;
  clauses: StandardClause[];
}

export interface StandardSummary {
  id: string;
  name: Localized;
}

export const DEFAULT_STANDARD_ID = 'iso-9001-2015';

/** Clause numbers sort as numbers part by part: 4.1, 4.2, …, 7.1.5.1, 10.3; a parent before its children. */
export function compareClauseNumbers(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export function sortClauseNumbers(numbers: Iterable<string>): string[] {
  return [...new Set(numbers)].sort(compareClauseNumbers);
}

/** `7.1.5` → `7.1`; a section (`7`) has none. */
export function clauseParent(number: string): string | null {
  const i = number.lastIndexOf('.');
  return i < 0 ? null : number.slice(0, i);
}

/** True when `number` is `ancestor` itself or lies anywhere below it. */
export function isWithinClause(number: string, ancestor: string): boolean {
  return number === ancestor || number.startsWith(`${ancestor}.`);
}

/** Clauses that have no sub-clause in the catalogue: the rows a coverage matrix counts. */
export function leafClauses(clauses: Pick<StandardClause, 'number'>[]): string[] {
  const numbers = clauses.map((c) => c.number);
  return numbers.filter((n) => !numbers.some((m) => m !== n && isWithinClause(m, n)));
}

/** `number` and every clause below it, in catalogue order. */
export function clauseWithDescendants(clauses: Pick<StandardClause, 'number'>[], number: string): string[] {
  return clauses.map((c) => c.number).filter((n) => isWithinClause(n, number));
}

/**
 * Brings a picked set of clauses into its one canonical form: a parent is in the set exactly when
 * every clause below it is, so "the whole of 7.1" and "each of 7.1.1 … 7.1.6" are stored alike.
 * Numbers the catalogue does not know are dropped.
 */
export function normaliseClauseSelection(clauses: Pick<StandardClause, 'number'>[], picked: Iterable<string>): string[] {
  const known = new Set(clauses.map((c) => c.number));
  const leaves = new Set(leafClauses(clauses));
  const chosen = new Set<string>();
  for (const p of picked) {
    if (!known.has(p)) continue;
    for (const n of clauseWithDescendants(clauses, p)) if (leaves.has(n)) chosen.add(n);
  }
  const out: string[] = [];
  for (const c of clauses) {
    const below = clauseWithDescendants(clauses, c.number).filter((n) => leaves.has(n));
    if (below.length > 0 && below.every((n) => chosen.has(n))) out.push(c.number);
  }
  return sortClauseNumbers(out);
}

export interface ClauseNode {
  number: string;
  title: Localized;
  children: ClauseNode[];
}

/** The catalogue as a tree, for pickers. */
export function clauseTree(clauses: StandardClause[]): ClauseNode[] {
  const roots: ClauseNode[] = [];
  const byNumber = new Map<string, ClauseNode>();
  for (const c of [...clauses].sort((a, b) => compareClauseNumbers(a.number, b.number))) {
    const node: ClauseNode = { number: c.number, title: c.title, children: [] };
    byNumber.set(c.number, node);
    let parent = clauseParent(c.number);
    while (parent !== null && !byNumber.has(parent)) parent = clauseParent(parent);
    const parentNode = parent === null ? undefined : byNumber.get(parent);
    if (parentNode) parentNode.children.push(node);
    else roots.push(node);
  }
  return roots;
}
