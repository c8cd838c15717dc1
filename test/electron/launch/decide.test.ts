import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  browserArgs,
  decideAfterExit,
  decideLaunch,
  electronArgs,
  electronBinaryPath,
  hasDisplay,
  isForcedBrowser,
  NATIVE_BINDING_ENV,
  nativeCachePaths,
  rebuildManifest,
  shouldPrepareNative,
  shouldTryDownload,
} from '../../../electron/launch/decide.mjs';

const NO_BINARY = 'Electron could not start here (its binary could not be downloaded); starting Granska in browser mode instead.';

describe('finding the Electron binary', () => {
  const dir = path.join('/p', 'node_modules', 'electron');

  it('is missing when the package was installed without its download', () => {
    const io = {
      readText: () => {
        throw new Error('ENOENT');
      },
      exists: () => false,
    };
    expect(electronBinaryPath(dir, io)).toBeNull();
  });

  it('is missing when path.txt names a file that is not there', () => {
    expect(electronBinaryPath(dir, { readText: () => 'electron', exists: () => false })).toBeNull();
  });

  it('is dist/<path.txt> once downloaded', () => {
    const binary = path.join(dir, 'dist', 'electron');
    expect(electronBinaryPath(dir, { readText: () => 'electron\n', exists: (f) => f === binary })).toBe(binary);
  });
});

describe('the launch decision', () => {
  const ready = {
    forced: false,
    binaryPath: '/e/electron',
    display: true,
    native: { ok: true as const, bindingPath: '/cache/better_sqlite3.node' },
  };

  it('picks browser mode with the clear message when the binary is missing', () => {
    expect(decideLaunch({ ...ready, binaryPath: null, native: null })).toEqual({ mode: 'browser', message: NO_BINARY });
  });

  it('tries the download only when the binary is missing and Electron was not ruled out', () => {
    expect(shouldTryDownload({ forced: false, binaryPath: null })).toBe(true);
    expect(shouldTryDownload({ forced: false, binaryPath: '/e/electron' })).toBe(false);
    expect(shouldTryDownload({ forced: true, binaryPath: null })).toBe(false);
  });

  it('honours GRANSKA_FORCE_BROWSER=1 before anything else', () => {
    expect(isForcedBrowser({ GRANSKA_FORCE_BROWSER: '1' })).toBe(true);
    expect(isForcedBrowser({ GRANSKA_FORCE_BROWSER: '0' })).toBe(false);
    expect(isForcedBrowser({})).toBe(false);
    const decision = decideLaunch({ ...ready, forced: true });
    expect(decision).toMatchObject({ mode: 'browser', message: expect.stringContaining('GRANSKA_FORCE_BROWSER=1') });
    expect(shouldPrepareNative({ forced: true, binaryPath: '/e/electron', display: true })).toBe(false);
  });

  it('picks browser mode on a Linux machine without a display', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
    expect(decideLaunch({ ...ready, display: false, native: null })).toMatchObject({
      mode: 'browser',
      message: expect.stringMatching(/^Electron could not start here \(no graphical display/),
    });
  });

  it('picks browser mode, saying why, when better-sqlite3 could not be rebuilt for Electron', () => {
    const decision = decideLaunch({
      ...ready,
      native: { ok: false, reason: "Electron's headers could not be downloaded (no internet access)" },
    });
    expect(decision).toEqual({
      mode: 'browser',
      message:
        "Electron could not start here (better-sqlite3 could not be rebuilt for Electron: Electron's headers could not be downloaded (no internet access)); starting Granska in browser mode instead.",
    });
  });

  it('starts Electron with the Electron build of better-sqlite3 when everything is in place', () => {
    expect(decideLaunch(ready)).toEqual({
      mode: 'electron',
      binaryPath: '/e/electron',
      env: { [NATIVE_BINDING_ENV]: '/cache/better_sqlite3.node' },
    });
    expect(NATIVE_BINDING_ENV).toBe('GRANSKA_SQLITE_NATIVE_BINDING');
  });
});

describe('after Electron exits', () => {
  it('falls back to browser mode when it died while starting', () => {
    expect(decideAfterExit({ code: 1, signal: null, elapsedMs: 800 })).toMatchObject({
      mode: 'browser',
      message: expect.stringContaining('it exited with code 1'),
    });
    expect(decideAfterExit({ code: null, signal: 'SIGTRAP', elapsedMs: 800 })).toMatchObject({ mode: 'browser' });
    expect(decideAfterExit({ code: null, signal: null, elapsedMs: 5, spawnError: 'EACCES' })).toMatchObject({
      mode: 'browser',
      message: expect.stringContaining('EACCES'),
    });
  });

  it('does nothing more when the person closed the app or pressed Ctrl+C', () => {
    expect(decideAfterExit({ code: 0, signal: null, elapsedMs: 500 })).toBeNull();
    expect(decideAfterExit({ code: 1, signal: null, elapsedMs: 3_600_000 })).toBeNull();
    expect(decideAfterExit({ code: null, signal: 'SIGINT', elapsedMs: 500 })).toBeNull();
  });
});

describe('processes and paths', () => {
  it('keeps the Electron build of better-sqlite3 away from the Node build', () => {
    const paths = nativeCachePaths('/p', '39.8.10', '12.11.1');
    expect(paths.bindingPath.endsWith(path.join('build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(paths.bindingPath.startsWith(path.join('/p', 'node_modules', 'better-sqlite3'))).toBe(false);
    expect(paths.root).toContain('39.8.10');
    expect(paths.root).toContain('12.11.1');
  });

  it('asks @electron/rebuild for the SQLite module that is really installed, the encrypting alias included', () => {
    const installed = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../node_modules/better-sqlite3/package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    expect(installed.name).toBe('better-sqlite3-multiple-ciphers');
    const manifest = rebuildManifest(installed.name, installed.version);
    expect(manifest.dependencies['better-sqlite3']).toBe(`npm:better-sqlite3-multiple-ciphers@${installed.version}`);
    // The plain module keeps a plain version, as before.
    expect(rebuildManifest('better-sqlite3', '12.4.1').dependencies['better-sqlite3']).toBe('12.4.1');
  });

  it('forwards the person’s arguments to Electron and to browser mode', () => {
    expect(electronArgs('/p', ['--db', 'x.sqlite'])).toEqual(['/p', '--db', 'x.sqlite']);
    expect(browserArgs('/p/dist/cli/granska.cjs', ['--db', 'x.sqlite'])).toEqual([
      '/p/dist/cli/granska.cjs',
      'serve',
      '--db',
      'x.sqlite',
    ]);
  });
});
