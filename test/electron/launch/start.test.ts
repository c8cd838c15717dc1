// `npm start` itself, as a person on this kind of machine would run it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { electronBinaryPath } from '../../../electron/launch/decide.mjs';
import { tempDir } from '../../helpers/tmp';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const electronDir = path.join(root, 'node_modules', 'electron');
const binary = electronBinaryPath(electronDir, { readText: (f) => fs.readFileSync(f, 'utf8'), exists: fs.existsSync });

/** Runs the launcher until browser mode prints its address (or it ends), then stops it. */
function launch(env: Record<string, string>, args: string[]): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'electron/launch/start.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`launcher did not reach browser mode in time; output:\n${out}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (/Open: http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(out)) child.kill('SIGINT');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ out, code });
    });
  });
}

if (binary) console.warn(`Electron binary present (${binary}): the "binary missing" fallback test is skipped.`);

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'granska.cjs'))) {
    const r = spawnSync(process.execPath, [path.join(root, 'electron/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('node electron/build.mjs failed');
  }
}, 120_000);

describe('npm start', () => {
  it('starts browser mode with GRANSKA_FORCE_BROWSER=1, on the database given with --db', async () => {
    const dir = tempDir('granska-start-');
    const db = path.join(dir, 'given.sqlite');
    const { out } = await launch({ GRANSKA_FORCE_BROWSER: '1', GRANSKA_DATA_DIR: dir }, ['--db', db]);
    expect(out).toContain('starting Granska in browser mode');
    expect(out).toMatch(/Open: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(fs.existsSync(db)).toBe(true);
  });

  it.skipIf(binary !== null)('falls back to browser mode with one clear line when the Electron binary is missing', async () => {
    const dir = tempDir('granska-start-');
    // No real download attempt from a test run; the electron installer honours this.
    const { out } = await launch({ GRANSKA_DATA_DIR: dir, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, []);
    const lines = out.split('\n');
    expect(lines).toContain(
      'Electron could not start here (its binary could not be downloaded); starting Granska in browser mode instead.',
    );
    expect(out).toMatch(/Open: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });
});
