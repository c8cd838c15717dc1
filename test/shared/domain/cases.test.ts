import { describe, expect, it } from 'vitest';
import {
  addDays,
  allowedNextStatuses,
  canTransitionCase,
  caseFields,
  caseNumber,
  clauseMatches,
  dueState,
  localDay,
  matchesDueFilter,
  nextDueDate,
  statusAfterActionsChanged,
  statusAfterVerification,
  isResolved,
} from '../../../shared/domain/cases';
import { lookupChoice, normaliseLabel, parseClauseList, parseDayText, suggestMapping } from '../../../shared/domain/case-import';

const none = { actions: 0, openActions: 0 };
const planned = { actions: 2, openActions: 1 };
const allDone = { actions: 2, openActions: 0 };

describe('corrective-action status rules', () => {
  it('walks open → action planned → implemented → closed, and only with the actions that make it true', () => {
    expect(canTransitionCase('open', 'action_planned', planned)).toEqual({ ok: true });
    expect(canTransitionCase('open', 'action_planned', none)).toEqual({ ok: false, reason: 'no_open_actions' });
    expect(canTransitionCase('action_planned', 'implemented', planned)).toEqual({ ok: false, reason: 'actions_open' });
    expect(canTransitionCase('action_planned', 'implemented', none)).toEqual({ ok: false, reason: 'no_actions' });
    expect(canTransitionCase('action_planned', 'implemented', allDone)).toEqual({ ok: true });
    expect(canTransitionCase('implemented', 'closed', allDone)).toEqual({ ok: true });
    expect(canTransitionCase('implemented', 'reopened', allDone)).toEqual({ ok: true });
  });

  it('refuses skipping steps and any change to a closed case', () => {
    expect(canTransitionCase('open', 'implemented', allDone)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(canTransitionCase('open', 'closed', allDone)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(canTransitionCase('action_planned', 'closed', allDone)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(canTransitionCase('reopened', 'closed', allDone)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(allowedNextStatuses('closed')).toEqual([]);
    for (const to of ['open', 'action_planned', 'implemented', 'reopened'] as const) {
      expect(canTransitionCase('closed', to, planned).ok).toBe(false);
    }
  });

  it('a verification decides between closed (effective) and reopened (not effective); reopened goes back to planning', () => {
    expect(statusAfterVerification(true)).toBe('closed');
    expect(statusAfterVerification(false)).toBe('reopened');
    expect(canTransitionCase('reopened', 'action_planned', { actions: 3, openActions: 1 })).toEqual({ ok: true });
    expect(canTransitionCase('reopened', 'action_planned', { actions: 2, openActions: 0 })).toEqual({ ok: false, reason: 'no_open_actions' });
    expect(isResolved('closed')).toBe(true);
    for (const s of ['open', 'action_planned', 'implemented', 'reopened', null] as const) expect(isResolved(s)).toBe(false);
  });

  it('moves by itself when the actions change', () => {
    expect(statusAfterActionsChanged('open', { actions: 1, openActions: 1 }, false)).toBe('action_planned');
    expect(statusAfterActionsChanged('reopened', { actions: 3, openActions: 1 }, true)).toBe('action_planned');
    // An action found not done after all: the case is no longer implemented.
    expect(statusAfterActionsChanged('implemented', { actions: 2, openActions: 1 }, false)).toBe('action_planned');
    // All done does not imply implemented: someone confirms it.
    expect(statusAfterActionsChanged('action_planned', allDone, false)).toBe('action_planned');
    // The only planned action removed: back to where it was before planning.
    expect(statusAfterActionsChanged('action_planned', none, false)).toBe('open');
    expect(statusAfterActionsChanged('action_planned', none, true)).toBe('reopened');
    expect(statusAfterActionsChanged('closed', planned, false)).toBe('closed');
  });
});

describe('due dates', () => {
  const today = '2026-11-24';

  it('is overdue the day after the due date, and due soon within 14 days', () => {
    expect(dueState('open', '2026-11-23', today)).toBe('overdue');
    expect(dueState('open', '2026-11-24', today)).toBe('due_soon');
    expect(dueState('action_planned', '2026-12-08', today)).toBe('due_soon');
    expect(dueState('action_planned', '2026-12-09', today)).toBe('ok');
    expect(dueState('open', null, today)).toBe('none');
    expect(dueState('closed', '2020-01-01', today)).toBe('closed');
  });

  it('answers to the earliest open action, else to the case date; a closed case to none', () => {
    const actions = [
      { dueDate: '2026-12-20', doneOn: null },
      { dueDate: '2026-11-01', doneOn: '2026-10-30' },
      { dueDate: '2026-12-05', doneOn: null },
    ];
    expect(nextDueDate({ status: 'action_planned', dueDate: '2027-01-31' }, actions)).toBe('2026-12-05');
    expect(nextDueDate({ status: 'implemented', dueDate: '2027-01-31' }, [{ dueDate: '2026-11-01', doneOn: '2026-10-30' }])).toBe('2027-01-31');
    expect(nextDueDate({ status: 'open', dueDate: null }, [])).toBeNull();
    expect(nextDueDate({ status: 'closed', dueDate: '2026-01-01' }, actions)).toBeNull();
  });

  it('counts calendar days across month and year ends, and takes today from the local clock', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2028-02-20', 10)).toBe('2028-03-01');
    expect(localDay(new Date(2026, 10, 24, 23, 59))).toBe('2026-11-24');
    expect(localDay(new Date(2026, 10, 25, 0, 1))).toBe('2026-11-25');
  });

  it('filters by timeliness', () => {
    expect(matchesDueFilter('overdue', 'overdue_or_soon')).toBe(true);
    expect(matchesDueFilter('due_soon', 'overdue')).toBe(false);
    expect(matchesDueFilter('closed', 'not_closed')).toBe(false);
    expect(matchesDueFilter('none', 'not_closed')).toBe(true);
  });
});

describe('numbers, clauses and fields', () => {
  it('numbers cases AV-year-sequence with three digits', () => {
    expect(caseNumber(2026, 12)).toBe('AV-2026-012');
    expect(caseNumber(2027, 1234)).toBe('AV-2027-1234');
  });

  it('matches a clause and its sub-clauses only', () => {
    expect(clauseMatches('8.5', '8.5.1')).toBe(true);
    expect(clauseMatches('8.5', '8.5')).toBe(true);
    expect(clauseMatches('8.5', '8.50')).toBe(false);
    expect(clauseMatches('8', '10.2')).toBe(false);
  });

  it('accepts an empty due date from a form and refuses a made-up day', () => {
    const base = { title: 'Klagomål om matleverans', source: 'complaint', severity: 'minor', unitId: 'u1', detectedOn: '2026-11-02' };
    expect(caseFields.parse({ ...base, dueDate: '' }).dueDate).toBeNull();
    const bad = caseFields.safeParse({ ...base, dueDate: '2026-02-30' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['dueDate'], message: 'day' });
  });
});

describe('reading an existing register', () => {
  it('maps headers by exact name first, then by a contained word, longest first', () => {
    const columns = ['Löpnr', 'Datum', 'Ansvarig', 'Åtgärdsansvarig', 'Beskrivning av avvikelsen', 'Enhet/Bolag', 'Rubrik'].map((name, index) => ({ name, index }));
    const mapping = suggestMapping(columns, {
      reference: ['nr', 'löpnr'], title: ['rubrik'], description: ['beskrivning'], source: ['källa'], severity: [], unit: ['enhet'], process: [],
      clauses: [], owner: ['ansvarig'], detectedOn: ['datum'], dueDate: [], status: [], correction: [], rootCause: [], action: [],
      actionOwner: ['åtgärdsansvarig'], actionDue: [], closedOn: [],
    });
    expect(mapping).toMatchObject({ reference: 0, detectedOn: 1, owner: 2, actionOwner: 3, description: 4, unit: 5, title: 6 });
    expect(mapping.source).toBeUndefined();
  });

  it('reads dates, clause lists and labels the way registers write them', () => {
    expect(parseDayText('2026-03-05')).toBe('2026-03-05');
    expect(parseDayText('2026/3/5 14:10')).toBe('2026-03-05');
    expect(parseDayText('20260305')).toBe('2026-03-05');
    expect(parseDayText('2026-02-30')).toBeNull();
    expect(parseDayText('5 mars')).toBeNull();
    expect(parseClauseList('ISO 9001:2015 8.5.1; 7.2, 7.2')).toEqual(['8.5.1', '7.2']);
    expect(normaliseLabel(' Klart senast: ')).toBe('klartsenast');
    expect(lookupChoice('ÅTGÄRD PLANERAD', new Map([['åtgärdplanerad', 'action_planned']]))).toBe('action_planned');
    expect(lookupChoice('', new Map([['', 'x']]))).toBeNull();
  });
});
