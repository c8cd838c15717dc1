import { z } from 'zod';
import { id, isoDay } from './common';
import type { RiskLevel } from './org';

/**
 * Recurring audits (issue 15.6): a process or unit planned "every N months or years" over the
 * programme's cycle. Pure rules here; the service finds what exists and creates the drafts.
 */
export const RECURRENCE_UNITS = ['months', 'years'] as const;
export const RECURRENCE_TARGETS = ['process', 'unit'] as const;

export const recurrenceInput = z.object({
  programmeId: id,
  targetKind: z.enum(RECURRENCE_TARGETS),
  targetId: id,
  every: z.number({ message: 'number' }).int({ message: 'number' }).min(1, { message: 'invalid' }).max(72, { message: 'invalid' }),
  unit: z.enum(RECURRENCE_UNITS),
  firstDate: isoDay,
  leadPersonId: id,
});
export type RecurrenceInput = z.infer<typeof recurrenceInput>;

export interface RecurrenceOccurrence {
  /** The draft's start date. */
  date: string;
  /** The first day of the next occurrence's window: an audit starting before it covers this one. */
  until: string;
  /** The audit already covering this window, if any: then nothing is created for it. */
  existing: { id: string; number: string; title: string; startDate: string | null } | null;
}

export interface RecurrencePreview {
  targetName: string;
  requestedMonths: number;
  /** The interval used: the requested one, or shorter when the process's risk asks for more. */
  intervalMonths: number;
  occurrences: RecurrenceOccurrence[];
  toCreate: number;
}

export interface RecurrenceResult extends RecurrencePreview {
  created: { id: string; number: string; startDate: string }[];
}

/**
 * The longest interval a process's risk allows (9.2.2 a, see AUDIT_INTERVAL): every year for high,
 * every second year for medium, once per cycle for low; a unit has no risk of its own.
 */
export function maxIntervalMonths(risk: RiskLevel | null, cycleYears: number): number {
  if (risk === 'high') return 12;
  if (risk === 'medium') return 24;
  return Math.max(12, cycleYears * 12);
}

/** `2027-01-31` + 1 month = `2027-02-28`: the day is kept where the month has it. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The start of each occurrence from `first` while it lies on or before `lastDay`. */
export function recurrenceDates(first: string, intervalMonths: number, lastDay: string): { date: string; until: string }[] {
  const out: { date: string; until: string }[] = [];
  for (let i = 0; out.length < 200; i++) {
    const date = addMonths(first, i * intervalMonths);
    if (date > lastDay) break;
    out.push({ date, until: addMonths(first, (i + 1) * intervalMonths) });
  }
  return out;
}
