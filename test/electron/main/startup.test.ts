import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors';
import { databaseFromArgs, openAtStartup, pickStartupDatabase } from '../../../electron/main/startup';

describe('the database opened at start', () => {
  const defaultPath = '/data/granska.sqlite';

  it('is the one used last, while it exists', () => {
    expect(pickStartupDatabase({ fromArgs: null, lastDatabase: '/usb/kommun.sqlite', defaultPath, exists: () => true })).toBe(
      '/usb/kommun.sqlite',
    );
  });

  it('is the default when the last one is gone (a USB stick not plugged in) or there is none', () => {
    expect(pickStartupDatabase({ fromArgs: null, lastDatabase: '/usb/kommun.sqlite', defaultPath, exists: () => false })).toBe(
      defaultPath,
    );
    expect(pickStartupDatabase({ fromArgs: null, lastDatabase: null, defaultPath, exists: () => true })).toBe(defaultPath);
  });

  it('is the one given with --db, before anything remembered', () => {
    expect(databaseFromArgs(['/opt/electron', '.', '--db', '/x/a.sqlite'])).toBe('/x/a.sqlite');
    expect(databaseFromArgs(['--no-sandbox', '--db=/x/b.sqlite'])).toBe('/x/b.sqlite');
    expect(databaseFromArgs(['.', '--inspect'])).toBeNull();
    expect(pickStartupDatabase({ fromArgs: 'rel.sqlite', lastDatabase: '/usb/k.sqlite', defaultPath, exists: () => true })).toBe(
      path.resolve('rel.sqlite'),
    );
  });
});

describe('opening at start', () => {
  it('falls back to the default database after telling the person why', async () => {
    const newer = new AppError('unsupported_version', { found: 7, supported: 3 });
    const backend = {
      open: vi.fn((file: string) => {
        if (file === '/usb/new.sqlite') throw newer;
      }),
    };
    const report = vi.fn(async () => {});
    expect(await openAtStartup(backend, '/usb/new.sqlite', '/data/granska.sqlite', report)).toBe('/data/granska.sqlite');
    expect(report).toHaveBeenCalledWith(newer, '/usb/new.sqlite', '/data/granska.sqlite');
    expect(backend.open.mock.calls.map((c) => c[0])).toEqual(['/usb/new.sqlite', '/data/granska.sqlite']);
  });

  it('does not retry the same file when the default itself fails', async () => {
    const backend = {
      open: vi.fn(() => {
        throw new AppError('file_unreadable', {});
      }),
    };
    const report = vi.fn(async () => {});
    expect(await openAtStartup(backend, '/data/granska.sqlite', '/data/granska.sqlite', report)).toBeNull();
    expect(backend.open).toHaveBeenCalledOnce();
    expect(report).toHaveBeenCalledWith(expect.any(AppError), '/data/granska.sqlite', null);
  });
});
