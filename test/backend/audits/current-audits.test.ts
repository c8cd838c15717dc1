import { describe, expect, it } from 'vitest';
import type { Audit } from '../../../shared/domain/audits';
import { loadDemoData } from '../../../electron/backend/features/app';
import { caller, testBackend } from '../../helpers/tmp';

describe('the audits the overview asks for', () => {
  const backend = testBackend();
  const call = caller(backend);

  it('are exactly the year’s audits plus those still ahead, the same the overview picked from every audit', async () => {
    loadDemoData(backend.ctx());
    const all = await call<Audit[]>('audits.list', {});
    for (const [year, from] of [[2026, '2026-09-01'], [2027, '2027-03-15'], [2030, '2026-01-01']] as const) {
      const current = await call<Audit[]>('audits.list', { current: { year, from } });
      const expected = all.filter((a) => a.year === year || (a.endDate ?? a.startDate ?? '') >= from);
      expect(current.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
      expect(current.length).toBeLessThan(all.length);
    }
    expect((await call<Audit[]>('audits.list', { current: { year: 2026, from: '1.1.2026' } }).catch((e: { code: string }) => e.code))).toBe('invalid_input');
  });
});
