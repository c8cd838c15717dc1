import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES = path.resolve(__dirname, '..', '..', 'shared', 'i18n', 'locales');

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function load(lang: string): Record<string, unknown> {
  const dir = path.join(LOCALES, lang);
  return Object.fromEntries(
    fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown]),
  );
}

describe('translation catalogues', () => {
  const sv = load('sv');
  const en = load('en');

  it('have the same namespaces in Swedish and English', () => {
    expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort());
  });

  it('have every key in both languages, and no empty text', () => {
    const svKeys = new Set(keys(sv));
    const enKeys = new Set(keys(en));
    expect([...svKeys].filter((k) => !enKeys.has(k)), 'only in Swedish').toEqual([]);
    expect([...enKeys].filter((k) => !svKeys.has(k)), 'only in English').toEqual([]);
    const empty = keys(sv).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], sv) === '');
    expect(empty).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const k of keys(en)) {
      const get = (o: unknown) => k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o);
      expect(vars(get(sv)), k).toEqual(vars(get(en)));
    }
  });

  it('translate every error code the backend can send', async () => {
    const { ERROR_CODES } = await import('../../shared/errors');
    const errors = (sv.common as { errors: Record<string, string> }).errors;
    for (const code of ERROR_CODES) expect(errors[code], code).toBeTruthy();
  });
});
