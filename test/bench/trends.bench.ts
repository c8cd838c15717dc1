import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../../electron/backend/backend';
import { loadDemoData, seedScale } from '../../electron/backend/features/app';
import type { Trends } from '../../shared/domain/managementReview';

/** Register sizes to measure; GRANSKA_BENCH_TRENDS_SCALES="100000" narrows a run. */
const SCALES = (process.env.GRANSKA_BENCH_TRENDS_SCALES ?? '100000,1000000').split(',').map(Number);
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function warm(run: () => unknown): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return median(times);
}

/**
 * The overview's and the minutes' trends on a large register: the time of the whole
 * `managementReview.trends` call against one plain scan of the findings (the least any count over
 * them costs), the same question again on an unchanged database (answered from the cache), and the
 * heap it leaves, which stays flat because SQLite does the counting.
 */
export default async function bench(): Promise<void> {
  for (const findings of SCALES) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-bench-trends-'));
    try {
      const backend = new Backend({ dataDir: dir, transport: 'http', version: 'bench' });
      backend.open(path.join(dir, 'granska.sqlite'));
      loadDemoData(backend.ctx());
      seedScale(backend.ctx(), findings);
      const db = backend.database;
      // the generated history has no dates; give each audit a day in its year so every finding counts
      db.prepare(`UPDATE audits SET end_date = year || '-06-15', start_date = year || '-06-15' WHERE id LIKE 'scale-audit-%'`).run();
      const total = db.prepare('SELECT count(*) FROM findings').pluck().get() as number;
      const scan = await warm(() => db.prepare(`SELECT count(*), sum(length(type)) FROM findings`).get());
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      const span = { fromYear: 2010, toYear: new Date().getFullYear() };
      // every run a different question, so each one counts afresh (the cache keeps only the last answer)
      let run = 0;
      let result: Trends | null = null;
      const counted = await warm(async () => {
        result = (await backend.call('managementReview.trends', { ...span, topClauses: 8 + (run++ % 40) })) as Trends;
      });
      const heapAfter = process.memoryUsage().heapUsed;
      const cached = await warm(() => backend.call('managementReview.trends', { ...span, topClauses: 8 }));
      const rows = result as Trends | null;
      console.log(
        `  ${total.toLocaleString('en')} findings over ${rows?.years.length ?? 0} years: trends counted in ${counted.toFixed(1)} ms = ` +
          `${(counted / scan).toFixed(1)}× one scan of the findings (${scan.toFixed(1)} ms); unchanged database ${cached.toFixed(2)} ms; ` +
          `heap ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB after`,
      );
      backend.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
