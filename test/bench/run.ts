import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench`: runs every `*.bench.ts` in this folder, one after the other so they do not
 * compete for the CPU. A bench file's default export is an async function that prints its own
 * measurements (times and ratios); benchmarks report, they do not pass or fail. Arguments narrow
 * the run to files whose names contain one of them.
 */
async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  let failed = 0;
  for (const file of files) {
    console.log(`\n▶ ${file}`);
    try {
      const mod = (await import(path.join(__dirname, file))) as { default?: () => Promise<void> | void };
      if (typeof mod.default !== 'function') throw new Error('a bench file must export a default function');
      await mod.default();
    } catch (err) {
      failed += 1;
      console.error(`✖ ${file}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  console.log(`\n${files.length - failed} of ${files.length} benchmark file(s) ran.`);
  return failed ? 1 : 0;
}

void main().then((code) => {
  process.exitCode = code;
});
