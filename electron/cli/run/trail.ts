import { fill } from '../../../shared/i18n/fill';
import en from '../../../shared/i18n/locales/en/security.json';
import { verifyTrail } from '../../backend/features/app';
import { CliExit } from '../exit';
import { printJson } from '../output';
import { openCliBackend } from '../session';

/** Exit 0 when every entry of the trail holds, 1 naming the first that does not, 2 unreadable (session). */
export function runTrailVerify(opts: { db: string; json?: boolean }): void {
  const backend = openCliBackend(opts.db);
  let result;
  try {
    result = verifyTrail(backend.ctx());
  } finally {
    backend.close();
  }
  if (opts.json) printJson(result);
  else if (result.intact) {
    process.stdout.write(`INTACT — ${fill(en.trail.intact, { rows: result.rows })}\n  ${fill(en.trail.head, { hash: result.headHash })}\n`);
  } else if (result.firstBroken) {
    const b = result.firstBroken;
    const line = fill(en.trail.broken, { seq: b.seq ?? '—', at: b.at, reason: en.trail.reason[b.reason] });
    process.stdout.write(`BROKEN — ${line}\n  Entry id: ${b.id}\n`);
  }
  if (!result.intact) throw new CliExit(1);
}
