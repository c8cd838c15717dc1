import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries derived from a zod (v4) input schema: values shaped like the schema (so
 * calls get past parsing and reach the services), mixed with hostile strings and wholly random
 * values (so parsing itself is attacked). Unknown schema kinds fall back to `fc.anything()`.
 */
const HOSTILE_STRINGS = [
  '', ' ', '__proto__', 'constructor', 'prototype', "'; DROP TABLE audit_trail; --", '../../../../etc/passwd', '..\\..\\windows',
  '%2e%2e%2f', '\u0000', '\u202e', 'NaN', '-1', '1e309', '=HYPERLINK("x")', '<script>alert(1)</script>', 'å'.repeat(5000),
  '2026-02-30', '9999-12-31', '0000-00-00', 'T', '😀', 'null', 'undefined', '{"a":1}',
];

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 200 }));

/** Real record ids, so `id`/`…Id` fields reach the services instead of stopping at not_found. */
export interface FuzzContext {
  ids: string[];
}

export function arbitraryFor(schema: z.ZodType, ctx: FuzzContext, depth = 0, key = ''): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: shaped(schema, ctx, depth, key) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
}

function shaped(schema: z.ZodType, ctx: FuzzContext, depth: number, key: string): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: unknown, k = key) => (depth > 6 ? fc.anything({ maxDepth: 1 }) : arbitraryFor(s as z.ZodType, ctx, depth + 1, k));
  switch (def.type) {
    case 'string':
      return /(?:^id|Id|Ids|^ids)$/.test(key) && ctx.ids.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ctx.ids) }, { weight: 1, arbitrary: hostileString }) : hostileString;
    case 'number':
    case 'int':
      return fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.double(), fc.constantFrom(0, 1, -1, Number.MAX_SAFE_INTEGER, Number.NaN, Infinity));
    case 'bigint':
      return fc.bigInt();
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.date();
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.oneof(fc.constantFrom(...Object.values(def.entries as Record<string, unknown>)), hostileString);
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'optional':
      return fc.option(inner(def.innerType), { nil: undefined });
    case 'nullable':
      return fc.option(inner(def.innerType), { nil: null });
    case 'default':
    case 'prefault':
      return fc.option(inner(def.innerType), { nil: undefined });
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return inner(def.innerType);
    case 'pipe':
      return inner(def.in);
    case 'lazy':
      return inner((def.getter as () => unknown)());
    case 'array':
      return fc.array(inner(def.element), { maxLength: depth > 2 ? 2 : 5 });
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map((s) => inner(s)));
    case 'union':
    case 'discriminatedUnion':
      return fc.oneof(...(def.options as unknown[]).map((s) => inner(s)));
    case 'intersection':
      return fc.tuple(inner(def.left), inner(def.right)).map(([a, b]) => (isObj(a) && isObj(b) ? { ...a, ...b } : a));
    case 'record':
      return fc.dictionary(hostileString, inner(def.valueType), { maxKeys: 4 });
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, inner(v, k)])), { requiredKeys: [] });
    }
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
