import { useEffect, useState } from 'react';
import type { AuditSummary } from '../../../../shared/domain/audits';
import type { CaseSummary } from '../../../../shared/domain/cases';
import { FINDING_TYPES, localDay, type FindingType } from '../../../../shared/domain/schema-free';
import type { Programme } from '../../../../shared/domain/programme';
import type { CoverageReport } from '../../../../shared/contract/audits';
import { api } from '../../api/client';

export interface Readiness {
  year: number;
  programme: Programme | null;
  coverage: CoverageReport | null;
  audits: AuditSummary;
  cases: CaseSummary;
  findingsThisYear: Record<FindingType, number>;
}

/** The programme whose cycle holds `year`, else the latest one. */
export function programmeFor(programmes: Programme[], year: number): Programme | null {
  const inCycle = programmes.find((p) => year >= p.cycleStartYear && year < p.cycleStartYear + p.cycleYears);
  return inCycle ?? [...programmes].sort((a, b) => b.cycleStartYear - a.cycleStartYear)[0] ?? null;
}

/** Everything the overview shows, from the calls the feature pages use themselves. */
async function fetchReadiness(): Promise<Readiness> {
  const year = new Date().getFullYear();
  const [programmes, audits, cases, ...counts] = await Promise.all([
    api()['programme.list']({}),
    api()['audits.summary']({ year, today: localDay(new Date()) }),
    api()['cases.summary']({}),
    ...FINDING_TYPES.map((t) => api()['findings.register']({ types: [t], year, limit: 1 })),
  ]);
  const programme = programmeFor(programmes, year);
  const coverage = programme ? await api()['coverage.get']({ programmeId: programme.id, year: null }) : null;
  const findingsThisYear = Object.fromEntries(FINDING_TYPES.map((t, i) => [t, counts[i]?.total ?? 0])) as Record<FindingType, number>;
  return { year, programme, coverage, audits, cases, findingsThisYear };
}

interface Early {
  pending: Promise<Readiness>;
  at: number;
  /** The answer, once it is in: the overview's first draw shows it rather than a loader. */
  ready?: Readiness;
}
let early: Early | null = null;
let prefetched = false;

/**
 * When the app starts on the overview, its figures are asked for at start-up, alongside the
 * organisation, rather than once the page is drawn (once per start; the overview takes the answer
 * if it is fresh).
 */
export function prefetchReadiness(): Promise<unknown> | null {
  if (prefetched) return null;
  prefetched = true;
  const taken: Early = { pending: fetchReadiness(), at: Date.now() };
  taken.pending.then(
    (readiness) => (taken.ready = readiness),
    () => undefined, // the overview, when it takes this, reports a failure
  );
  early = taken;
  return taken.pending;
}

function takeEarly(): Early | null {
  const taken = early && Date.now() - early.at < 10_000 ? early : null;
  early = null;
  return taken;
}

/**
 * Everything the overview shows, from the calls the feature pages use themselves, so the numbers
 * here always agree with what a person finds when they click through.
 */
export function useReadiness(): { data: Readiness | null; error: unknown } {
  const [taken] = useState(takeEarly);
  const [data, setData] = useState<Readiness | null>(taken?.ready ?? null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (taken?.ready) return;
    let live = true;
    (taken?.pending ?? fetchReadiness()).then(
      (readiness) => live && setData(readiness),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [taken]);
  return { data, error };
}
