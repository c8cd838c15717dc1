import { useEffect, useState } from 'react';
import type { Standard } from '../../../../shared/domain/standards';
import { useStandardStore } from '../audits/standardStore';

/** The clause catalogue of a standard, once loaded (null until then, or if it cannot be read). */
export function useStandard(standardId: string): Standard | null {
  const load = useStandardStore((s) => s.load);
  const known = useStandardStore((s) => s.standards[standardId] ?? null);
  const [, setTried] = useState(false);
  useEffect(() => {
    if (!known) void load(standardId).catch(() => setTried(true));
  }, [known, load, standardId]);
  return known;
}

export function clauseTitle(standard: Standard | null, number: string | null, lang: string): string {
  if (!standard || !number) return '';
  const c = standard.clauses.find((x) => x.number === number);
  return c ? c.title[lang === 'sv' ? 'sv' : 'en'] : '';
}
