import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own lint configuration, run on small files that break one rule each: every rule
// that guards the layout must fail on its violation, and pass on the allowed way to do the same.
const ROOT = path.resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'test', 'lint', 'eslint.config.mjs') });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const crossings = (list: string[]) => list.filter((m) => m.startsWith('granska/boundaries'));

describe('lint keeps the layers and features apart', { timeout: 120_000 }, () => {
  it('refuses the renderer importing the backend', async () => {
    const found = await problems(
      'renderer/src/features/cases/Probe.tsx',
      "import { queryRegister } from '../../../../electron/backend/features/cases';\nexport const probe = queryRegister;\n",
    );
    expect(crossings(found)).toEqual([expect.stringContaining('only through the contract client')]);
  });

  it('refuses the backend and the CLI importing the renderer or electron', async () => {
    const backend = await problems(
      'electron/backend/features/cases/probe.ts',
      "import { catalogues } from '../../../../renderer/src/i18n';\nexport const probe = catalogues;\n",
    );
    expect(crossings(backend)).toEqual([expect.stringContaining('never import the renderer')]);
    const cli = await problems('electron/cli/probe.ts', "import { app } from 'electron';\nexport const probe = app;\n");
    expect(crossings(cli)).toEqual([expect.stringContaining('Only electron/main and electron/preload import electron')]);
    const main = await problems('electron/main/probe.ts', "import { app } from 'electron';\nexport const probe = app;\n");
    expect(crossings(main)).toEqual([]);
  });

  it('lets one feature reach another only through its index', async () => {
    const inside = await problems(
      'electron/backend/features/reports/probe.ts',
      "import { getAudit } from '../audits/service';\nexport const probe = getAudit;\n",
    );
    expect(crossings(inside)).toEqual([expect.stringContaining('only through electron/backend/features/audits/index.ts')]);
    const demo = await problems(
      'electron/backend/features/app/demo/probe.ts',
      "import { createUnit } from '../../org/service';\nexport const probe = createUnit;\n",
    );
    expect(crossings(demo)).toHaveLength(1);
    const viaIndex = await problems(
      'electron/backend/features/reports/probe.ts',
      "import { getAudit } from '../audits';\nimport { LOGO_SETTING } from './logo';\nexport const probe = [getAudit, LOGO_SETTING];\n",
    );
    expect(crossings(viaIndex)).toEqual([]);
  });

  it('refuses shared/ importing anything outside shared/', async () => {
    const found = await problems(
      'shared/domain/probe.ts',
      "import { resourcesDir } from '../../electron/backend/paths';\nimport { z } from 'zod';\nimport { id } from './common';\nexport const probe = [resourcesDir, z, id];\n",
    );
    expect(crossings(found)).toEqual([expect.stringContaining('shared/ imports nothing outside shared/')]);
  });

  it('refuses an import cycle', async () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'electron', 'backend', 'lint-probe-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = (): number => b() + 1;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { c } from './c';\nexport const b = (): number => c() + 1;\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "import { a } from './a';\nexport const c = (): number => a() + 1;\n");
      const [result] = await eslint.lintFiles([path.join(dir, 'a.ts')]);
      expect(result?.messages.map((m) => m.ruleId)).toEqual(['import-x/no-cycle']);
      // Without the closing import there is no loop, and nothing to report.
      fs.writeFileSync(path.join(dir, 'c.ts'), 'export const c = (): number => 1;\n');
      const [clean] = await new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'test', 'lint', 'eslint.config.mjs') }).lintFiles([path.join(dir, 'a.ts')]);
      expect(clean?.messages).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
