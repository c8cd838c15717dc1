import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../electron/cli/main';
import type { AuditSummaryJson } from '../../electron/cli/run/audits';
import { tempDir } from '../helpers/tmp';

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await run(args), out };
  } finally {
    spy.mockRestore();
  }
}

describe('granska demo and granska audits', () => {
  it('makes a programme of about twenty audits in every status, with one justified impartiality case', async () => {
    const db = path.join(tempDir(), 'demo.sqlite');
    expect((await cli(['demo', '--db', db])).code).toBe(0);
    const { code, out } = await cli(['audits', '--db', db, '--json']);
    expect(code).toBe(0);
    const audits = JSON.parse(out) as AuditSummaryJson[];
    expect(audits.length).toBeGreaterThanOrEqual(18);
    expect(new Set(audits.map((a) => a.status))).toEqual(new Set(['draft', 'planned', 'in_progress', 'reported', 'closed']));
    expect(new Set(audits.map((a) => a.type))).toEqual(new Set(['internal', 'external_surveillance', 'external_recertification', 'supplier']));
    for (const a of audits) {
      expect(a.number).toMatch(/^(IR|EX|LR)-\d{4}-\d{3}$/);
      expect(a.clauses.length, a.number).toBeGreaterThan(0);
      expect(a.team.filter((m) => m.role === 'lead'), a.number).toHaveLength(1);
      expect(a.startDate! <= a.endDate!, a.number).toBe(true);
    }
    const conflicted = audits.filter((a) => a.impartialityWarnings.length > 0);
    expect(conflicted).toHaveLength(1);
    expect(conflicted[0]?.impartialityJustification).not.toBe('');
    expect(conflicted[0]?.impartialityWarnings[0]).toMatchObject({ person: 'Ingrid Forsberg', kind: 'own_unit', unit: 'Kvalitets- och utvecklingsenheten' });

    const text = await cli(['audits', '--db', db]);
    expect(text.out).toMatch(/IR-\d{4}-009 +planned .*! impartiality \(2\)/);
    expect(text.out).toContain(`${audits.length} audits`);
  });
});
