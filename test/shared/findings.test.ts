import { describe, expect, it } from 'vitest';
import {
  checklistProgress,
  findingCompletenessIssues,
  findingFields,
  findingStatus,
  findingTypeForResult,
  formatBytes,
  isNonconformity,
} from '../../shared/domain/findings';
import { findingNumber } from '../../shared/domain/audits';

describe('finding rules', () => {
  it('numbers findings after their audit', () => {
    expect(findingNumber('IR-2027-004', 3)).toBe('IR-2027-004-03');
  });

  it('suggests a type from the checklist answer, and none when nothing was assessed', () => {
    expect(findingTypeForResult('nonconforming')).toBe('minor_nc');
    expect(findingTypeForResult('observation')).toBe('observation');
    expect(findingTypeForResult('conforming')).toBe('ofi');
    expect(findingTypeForResult('not_assessed')).toBeNull();
    expect(findingTypeForResult('not_applicable')).toBeNull();
  });

  it('keeps nonconformities open until their corrective action is closed; other types have no status', () => {
    expect(isNonconformity('major_nc')).toBe(true);
    expect(isNonconformity('strength')).toBe(false);
    expect(findingStatus('minor_nc', false)).toBe('open');
    expect(findingStatus('major_nc', true)).toBe('closed');
    expect(findingStatus('observation', true)).toBe('n/a');
  });

  it('asks a nonconformity for requirement, evidence and statement, other findings for a statement', () => {
    expect(findingCompletenessIssues({ type: 'minor_nc', requirement: ' ', evidence: '', statement: '' })).toEqual([
      'requirement', 'evidence', 'statement',
    ]);
    expect(findingCompletenessIssues({ type: 'strength', requirement: '', evidence: '', statement: 'Bra rutiner.' })).toEqual([]);
    const parsed = findingFields.safeParse({ type: 'major_nc', clauseNumbers: ['7.5.3'], requirement: 'Krav', statement: 'Brist' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['evidence', 'required']]);
  });

  it('counts progress as questions with any answer other than not assessed', () => {
    const p = checklistProgress([{ result: 'conforming' }, { result: 'not_applicable' }, { result: 'not_assessed' }]);
    expect(p).toMatchObject({ total: 3, answered: 2, percent: 66 });
    expect(p.byResult.conforming).toBe(1);
    expect(checklistProgress([]).percent).toBe(0);
  });

  it('writes sizes for people', () => {
    expect(formatBytes(25 * 1024 * 1024)).toEqual({ value: 25, unit: 'MB' });
    expect(formatBytes(1536)).toEqual({ value: 2, unit: 'kB' });
    expect(formatBytes(12)).toEqual({ value: 12, unit: 'B' });
  });
});
