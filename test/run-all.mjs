// `npm test`: type checking, lint, the build, then every test project. Stops at the first failure
// so CI's log ends at the cause. With CI=true a missing Chromium or poppler fails the run instead of
// letting the tests that need them skip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REQUIRED_TOOLS = ['/usr/bin/chromium', '/usr/bin/pdfsig', '/usr/bin/pdftotext', '/usr/bin/pdftoppm', '/usr/bin/pdfimages', '/usr/bin/pdfinfo', '/usr/bin/pdffonts', '/usr/bin/qpdf', '/usr/bin/mutool', '/usr/lib/postgresql/15/bin/initdb'];
const missing = REQUIRED_TOOLS.filter((t) => !existsSync(t));
if (missing.length) {
  const line = `Missing test tools: ${missing.join(', ')} (apt-get install chromium poppler-utils qpdf mupdf-tools postgresql).`;
  if (process.env.CI) {
    console.error(`${line} CI requires them.`);
    process.exit(1);
  }
  console.warn(`${line} Tests that need them are skipped, each with its reason.`);
}

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '--config', 'test/lint/eslint.config.mjs', '.']],
  ['build', 'npm', ['run', 'build']],
  ['tests', 'npx', ['vitest', 'run', '--config', 'test/vitest.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(mkdtempSync(join(tmpdir(), 'granska-results-')), 'results.json')}`]],
];

for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (name === 'tests') printTotals(args.find((a) => a.startsWith('--outputFile.json='))?.split('=')[1]);
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}
console.log('\n✔ typecheck, lint, build and all tests passed.');

/** One plain closing line with the counts, the form any CI log reader understands. */
function printTotals(file) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  } catch {
    // No results file means vitest itself failed to start; its own output says why.
  }
}
