import fs from 'node:fs';
import { loadDemo, seedScale, DEMO_ORGANISATION, DEMO_SIGNER, DEMO_SIGNING_PASSPHRASE } from '../../backend/features/app';
import type { ServiceContext } from '../../backend/core/context';
import { fail } from '../exit';
import { openCliBackend } from '../session';
import { askPassphrase } from '../db-passphrase';
import { MIN_DB_PASSPHRASE_LENGTH } from '../../backend/db/cipher';

/** What the demo holds, in the words of the app's sections, so the reader knows what to look at. */
const CREATED: [table: string, label: string][] = [
  ['units', 'units'],
  ['processes', 'processes'],
  ['people', 'people'],
  ['audits', 'audits'],
  ['checklist_items', 'checklist questions'],
  ['findings', 'findings'],
  ['cases', 'corrective-action cases'],
  ['case_actions', 'actions'],
  ['report_revisions', 'signed reports'],
];

export function demoSummary(ctx: ServiceContext): string[] {
  return CREATED.map(([table, label]) => `${(ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number)} ${label}`);
}

export async function runDemo(opts: { db: string; scale?: string; encrypt?: boolean }): Promise<void> {
  const scale = opts.scale === undefined ? 0 : Number(opts.scale);
  if (!Number.isSafeInteger(scale) || scale < 0 || scale > 20_000_000) fail(`--scale takes a whole number of findings from 0 to 20000000, not "${opts.scale}".`);
  if (fs.existsSync(opts.db) && fs.statSync(opts.db).size > 0) {
    // Opening would migrate it; refusing before touching keeps someone's real data as it was.
    fail(`${opts.db} already holds data, so no demo data was added; name a new file.`);
  }
  let passphrase: string | null = null;
  if (opts.encrypt) {
    passphrase = askPassphrase(`the new database ${opts.db}`, { confirm: true });
    if (passphrase.length < MIN_DB_PASSPHRASE_LENGTH) fail(`the passphrase must be at least ${MIN_DB_PASSPHRASE_LENGTH} characters; nothing was written.`);
  }
  const backend = openCliBackend(opts.db, { create: true, passphrase });
  try {
    const ctx = backend.ctx();
    await loadDemo(ctx);
    if (scale > 0) {
      const started = performance.now();
      const added = seedScale(ctx, scale);
      process.stdout.write(`Generated ${added.findings} findings in ${added.audits} historic audits in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
    }
    process.stdout.write(`Demo data for ${DEMO_ORGANISATION} written to ${opts.db}:\n`);
    process.stdout.write(`  ${demoSummary(ctx).join(', ')}.\n`);
    process.stdout.write(`  Reports are signed by the demo identity ${DEMO_SIGNER.name} (passphrase: ${DEMO_SIGNING_PASSPHRASE}), which is on the trusted list.\n`);
  } finally {
    backend.close();
  }
}
