import { z } from 'zod';
import { id, optionalText, requiredText, type RecordMeta } from './common';

export const UNIT_KINDS = ['administration', 'company', 'department', 'unit'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const PERSON_ROLES = ['auditor', 'audit_lead', 'auditee_manager'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export interface Unit extends RecordMeta {
  name: string;
  code: string;
  kind: UnitKind;
  parentId: string | null;
  description: string;
  archived: boolean;
}

export interface Process extends RecordMeta {
  name: string;
  description: string;
  ownerUnitId: string;
  riskLevel: RiskLevel;
  archived: boolean;
}

export interface Person extends RecordMeta {
  name: string;
  email: string;
  title: string;
  roles: PersonRole[];
  homeUnitId: string | null;
  archived: boolean;
}

export const unitFields = z.object({
  name: requiredText(120),
  code: z.string().trim().max(16, { message: 'too_long' }).default(''),
  kind: z.enum(UNIT_KINDS, { message: 'choose' }),
  parentId: id.nullable().default(null),
  description: optionalText(2000),
});
export type UnitFields = z.input<typeof unitFields>;

export const processFields = z.object({
  name: requiredText(160),
  description: optionalText(2000),
  ownerUnitId: z.string({ message: 'required' }).min(1, { message: 'required' }),
  riskLevel: z.enum(RISK_LEVELS, { message: 'choose' }),
});
export type ProcessFields = z.input<typeof processFields>;

export const personFields = z.object({
  name: requiredText(120),
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'email' })),
  title: optionalText(120),
  roles: z.array(z.enum(PERSON_ROLES)).default([]),
  homeUnitId: id.nullable().default(null),
});
export type PersonFields = z.input<typeof personFields>;

export const listQuery = z
  .object({
    search: z.string().trim().max(200).default(''),
    includeArchived: z.boolean().default(false),
  })
  .default({ search: '', includeArchived: false });

export const updateOf = <T extends z.ZodObject>(fields: T) =>
  z.object({ id, revision: z.number().int().min(1), fields });

export const archiveInput = z.object({ id, revision: z.number().int().min(1), archived: z.boolean() });

/** Unit ids from `unitId` up to the root; used for impartiality and for coverage roll-ups. */
export function unitAncestry(units: Pick<Unit, 'id' | 'parentId'>[], unitId: string): string[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain: string[] = [];
  let current = byId.get(unitId);
  while (current && !chain.includes(current.id)) {
    chain.push(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return chain;
}

/** True when making `parentId` the parent of `unitId` would close a loop. */
export function wouldCreateCycle(units: Pick<Unit, 'id' | 'parentId'>[], unitId: string, parentId: string | null): boolean {
  if (!parentId) return false;
  return unitAncestry(units, parentId).includes(unitId);
}

/** Units in tree order (each parent followed by its children, names alphabetical) with their depth. */
export function unitTree<T extends Pick<Unit, 'id' | 'parentId' | 'name'>>(units: T[]): { unit: T; depth: number }[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, T[]>();
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: { unit: T; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'sv'))) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
