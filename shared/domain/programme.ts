import { z } from 'zod';
import { id, optionalText, requiredText, type RecordMeta } from './common';
import { DEFAULT_STANDARD_ID } from './standards';

/** One year of an audit programme: its own objectives and lead (its approvals: domain/approvals.ts). */
export interface ProgrammeYear extends RecordMeta {
  programmeId: string;
  year: number;
  objectives: string;
  leadPersonId: string | null;
}

/** The audit programme for one certification cycle (ISO 19011 5; ISO 9001 9.2.2 a–b). */
export interface Programme extends RecordMeta {
  title: string;
  standardId: string;
  cycleStartYear: number;
  cycleYears: number;
  objectives: string;
  leadPersonId: string | null;
  /** Clauses the organisation has determined do not apply (ISO 9001 4.3); coverage leaves them out. */
  excludedClauses: string[];
  years: ProgrammeYear[];
}

export const DEFAULT_CYCLE_YEARS = 3;

export const programmeFields = z.object({
  title: requiredText(200),
  standardId: z.string().trim().min(1).max(64).default(DEFAULT_STANDARD_ID),
  cycleStartYear: z.number({ message: 'number' }).int({ message: 'number' }).min(2000, { message: 'invalid' }).max(2100, { message: 'invalid' }),
  cycleYears: z
    .number({ message: 'number' })
    .int({ message: 'number' })
    .min(1, { message: 'invalid' })
    .max(6, { message: 'invalid' })
    .default(DEFAULT_CYCLE_YEARS),
  objectives: optionalText(4000),
  leadPersonId: id.nullable().default(null),
  excludedClauses: z.array(z.string().regex(/^\d+(\.\d+)*$/)).max(200).default([]),
});
export type ProgrammeFields = z.input<typeof programmeFields>;

export const programmeYearFields = z.object({
  objectives: optionalText(4000),
  leadPersonId: id.nullable().default(null),
});

/** The years a cycle spans, first to last. */
export function cycleYearsOf(p: Pick<Programme, 'cycleStartYear' | 'cycleYears'>): number[] {
  return Array.from({ length: p.cycleYears }, (_, i) => p.cycleStartYear + i);
}

/** `2025–2027` (or `2026` for a one-year cycle). */
export function cycleLabel(p: Pick<Programme, 'cycleStartYear' | 'cycleYears'>): string {
  const last = p.cycleStartYear + p.cycleYears - 1;
  return last === p.cycleStartYear ? String(last) : `${p.cycleStartYear}–${last}`;
}

/** The programme whose cycle holds `year`, if any. */
export function programmeForYear<T extends Pick<Programme, 'cycleStartYear' | 'cycleYears'>>(programmes: T[], year: number): T | undefined {
  return programmes.find((p) => year >= p.cycleStartYear && year < p.cycleStartYear + p.cycleYears);
}
