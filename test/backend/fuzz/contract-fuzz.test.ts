import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES, contract } from '../../../shared/contract';
import { AppError, ERROR_CODES } from '../../../shared/errors';
import { testBackend } from '../../helpers/tmp';
import { arbitraryFor } from './zod-arbitrary';

/**
 * Every contract call, fed inputs derived from its own zod schema plus hostile and random values,
 * through the router against a real database holding the demo data (issue 14.1). What a caller may
 * get back: a result, or an AppError with a known code that is not `internal` (an `internal` is a
 * bug a user would see as "something went wrong"). A refused call writes nothing to the audit trail.
 */
const RUNS_PER_CALL = Number(process.env.GRANSKA_FUZZ_RUNS ?? 40);

/** Calls whose fuzzed input names a folder to write into: random names would create folders beside the tests. */
const NOT_FUZZED: Record<string, string> = {
  'backup.setFolder': 'writes automatic backups into the folder named in its input',
  'backup.runNow': 'writes into the folder backup.setFolder chose',
};

describe('the contract under fuzzing', () => {
  const backend = testBackend();
  const trailCount = () => backend.database.prepare('SELECT count(*) FROM audit_trail').pluck().get() as number;

  it('answers every call with a result or a known, non-internal error, and a refusal changes no audit trail', async () => {
    await backend.call('app.loadDemo', {});
    const db = backend.database;
    const tables = db.prepare("SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'id')").pluck().all() as string[];
    const ids = tables.flatMap((t) => db.prepare(`SELECT id FROM "${t}" WHERE typeof(id) = 'text' LIMIT 20`).pluck().all() as string[]);
    for (const [name, why] of Object.entries(NOT_FUZZED)) console.log(`fuzz: ${name} not fuzzed — ${why}`);
    const counts: string[] = [];
    const codes = new Map<string, number>();
    for (const name of CALL_NAMES) {
      if (NOT_FUZZED[name]) continue;
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(arbitraryFor(contract[name].input, { ids }), async (input) => {
          runs++;
          const before = trailCount();
          try {
            await backend.call(name, input);
          } catch (err) {
            if (!(err instanceof AppError)) throw new Error(`${name} threw a non-AppError: ${String(err)}\n${(err as Error).stack ?? ''}`);
            expect(ERROR_CODES).toContain(err.code);
            expect(err.code, `${name} answered internal`).not.toBe('internal');
            expect(trailCount(), `${name} refused (${err.code}) but wrote to the audit trail`).toBe(before);
            codes.set(err.code, (codes.get(err.code) ?? 0) + 1);
          }
        }),
        { numRuns: RUNS_PER_CALL, seed: Number(process.env.GRANSKA_FUZZ_SEED ?? 1414), endOnFailure: true },
      );
      counts.push(`${name}: ${runs}`);
    }
    console.log(`fuzz: inputs per call (seed ${process.env.GRANSKA_FUZZ_SEED ?? 1414})\n  ${counts.join('\n  ')}`);
    console.log(`fuzz: refusals by code ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(counts.length).toBe(CALL_NAMES.length - Object.keys(NOT_FUZZED).length);
  }, 240_000);

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'app.info.', 'APP.INFO', 'trail.list\u0000'])(
    'refuses the unknown call name %j as not_found',
    async (name) => {
      const before = trailCount();
      await expect(backend.call(name, {})).rejects.toMatchObject({ code: 'not_found' });
      expect(trailCount()).toBe(before);
    },
  );
});
