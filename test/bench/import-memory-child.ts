// One import in a fresh process, so its peak memory (maxRSS) is its own. Run by import-memory.bench.ts.
import fs from 'node:fs';
import path from 'node:path';
import { readImportFile } from '../../electron/backend/features/cases/import';

async function main(): Promise<void> {
  const [file, mode] = process.argv.slice(2) as [string, string];
  const base64 = fs.readFileSync(file).toString('base64');
  // Modules loaded and the input decoded before the clock starts: both runs pay the same for them.
  await import('papaparse');
  await import('exceljs');
  const start = performance.now();
  let outcome: string;
  if (mode === 'baseline') {
    outcome = `decoded ${Buffer.from(base64, 'base64').length} bytes`;
  } else {
    try {
      const { table } = await readImportFile(path.basename(file), base64);
      outcome = `${table.rows.length} rows`;
    } catch (err) {
      const e = err as { code?: string; params?: { reason?: string } };
      outcome = `refused ${e.code ?? String(err)}${e.params?.reason ? `/${e.params.reason}` : ''}`;
    }
  }
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, outcome }));
}

void main();
