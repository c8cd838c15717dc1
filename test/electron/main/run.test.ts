// The main process wired together, with Electron replaced by fakes: what a person (or an attacker
// in the renderer) would meet when the app starts.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { BackendOptions } from '../../../electron/backend/backend';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security';
import { tempDir } from '../../helpers/tmp';

class FakeWebContents extends EventEmitter {
  reload = vi.fn();
  setWindowOpenHandler = vi.fn();
}

class FakeWindow extends EventEmitter {
  static created: FakeWindow[] = [];
  webContents = new FakeWebContents();
  loadURL = vi.fn(async () => {});
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = vi.fn(() => false);
  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super();
    FakeWindow.created.push(this);
  }
}

function makeElectron(opts: { locale: string; gotLock?: boolean; temp?: string }) {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: vi.fn(),
    setName: vi.fn(),
    setPath: vi.fn(),
    getPath: vi.fn((name: string) => (name === 'temp' && opts.temp ? opts.temp : `/fake/${name}`)),
    getLocale: vi.fn(() => opts.locale),
    requestSingleInstanceLock: vi.fn(() => opts.gotLock ?? true),
    quit: vi.fn(),
    isReady: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
  });
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
  return {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: vi.fn() },
    shell: { openPath: vi.fn(async (_file: string) => '') },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: session },
    Menu: { buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => ({ template })), setApplicationMenu: vi.fn() },
    dialog: {
      showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/docs/ny' })),
      showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/docs/chosen.sqlite'] })),
      showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
    },
  };
}

const h = vi.hoisted(() => ({ electron: null as unknown as ReturnType<typeof makeElectron> }));
vi.mock('electron', () => ({
  get app() {
    return h.electron.app;
  },
  get BrowserWindow() {
    return h.electron.BrowserWindow;
  },
  get ipcMain() {
    return h.electron.ipcMain;
  },
  get protocol() {
    return h.electron.protocol;
  },
  get session() {
    return h.electron.session;
  },
  get Menu() {
    return h.electron.Menu;
  },
  get dialog() {
    return h.electron.dialog;
  },
  get shell() {
    return h.electron.shell;
  },
}));

const { runGranska } = await import('../../../electron/main/run');

function fakeBackend(
  prefs: { language: 'sv' | 'en' | null; lastDatabase: string | null },
  open: (file: string) => void = () => {},
) {
  const captured: { opts: BackendOptions | null } = { opts: null };
  const backend = {
    open: vi.fn(open),
    // The real openOrWait opens a plain file at once; the fake records it as an open.
    openOrWait: vi.fn((file: string) => backend.open(file)),
    close: vi.fn(),
    call: vi.fn(async (name: string, input: unknown) => ({ name, input })),
    preferences: { read: () => prefs, update: vi.fn() },
    defaultDatabasePath: '/fake/userData/granska.sqlite',
    databasePath: '/fake/userData/granska.sqlite',
    backups: {
      folder: '/fake/userData/backups',
      backupTo: vi.fn(async () => ({ version: 5, bytes: 1024 })),
      restoreFrom: vi.fn(async () => ({ version: 5, bytes: 1024, keptAs: '/fake/userData/granska.sqlite.x.bak' })),
    },
  };
  const createBackend = (opts: BackendOptions) => {
    captured.opts = opts;
    return backend as never;
  };
  return { backend, captured, createBackend };
}

const mainDir = path.join('/app', 'dist', 'main');

async function start(
  opts: {
    locale?: string;
    language?: 'sv' | 'en' | null;
    lastDatabase?: string | null;
    open?: (file: string) => void;
    gotLock?: boolean;
    temp?: string;
  } = {},
) {
  h.electron = makeElectron({ locale: opts.locale ?? 'en-US', gotLock: opts.gotLock ?? true, ...(opts.temp ? { temp: opts.temp } : {}) });
  const prefs = { language: opts.language ?? null, lastDatabase: opts.lastDatabase ?? null };
  const fake = fakeBackend(prefs, opts.open);
  await runGranska({ createBackend: fake.createBackend, mainDir, argv: ['electron', '.'] });
  const win = FakeWindow.created.at(-1);
  const ipc = h.electron.ipcMain.handle.mock.calls[0]?.[1] as
    ((e: unknown, name: unknown, input: unknown) => Promise<unknown>) | undefined;
  const menu = () => (h.electron.Menu.buildFromTemplate.mock.calls.at(-1)?.[0] ?? []) as MenuItemConstructorOptions[];
  return { ...fake, prefs, win, ipc, menu, electron: h.electron };
}

const menuItem = (menu: MenuItemConstructorOptions[], top: number, index: number) =>
  (menu[top]?.submenu as MenuItemConstructorOptions[])[index] as MenuItemConstructorOptions;

beforeEach(() => {
  FakeWindow.created = [];
});

describe('starting the app', () => {
  it('opens one sandboxed, isolated window on app://granska with the bundled preload', async () => {
    const { win } = await start();
    expect(FakeWindow.created).toHaveLength(1);
    expect(win?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: path.join('/app', 'dist', 'preload', 'preload.cjs'),
    });
    expect(win?.loadURL).toHaveBeenCalledWith('app://granska/index.html');
    expect(win?.show).not.toHaveBeenCalled();
    win?.emit('ready-to-show');
    expect(win?.show).toHaveBeenCalled();
  });

  it('registers the privileged scheme, serves it with the CSP, sandboxes and locks down the session', async () => {
    const { electron } = await start();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    const [scheme, handler] = electron.protocol.handle.mock.calls[0] as unknown as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const response = await handler(new Request('app://granska/..%2F..%2Fetc%2Fpasswd'));
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const permissionCallback = vi.fn();
    const requestHandler = electron.session.defaultSession.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      ...a: unknown[]
    ) => void;
    requestHandler({}, 'media', permissionCallback);
    expect(permissionCallback).toHaveBeenCalledWith(false);
  });

  it('hardens every web contents that is created', async () => {
    const { electron } = await start();
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    const preventDefault = vi.fn();
    contents.emit('will-navigate', { preventDefault }, 'https://evil.example/');
    expect(preventDefault).toHaveBeenCalled();
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (d: { url: string }) => unknown;
    expect(openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('deletes attachment copies opened in a viewer when the app quits, and those a crash left behind at start', async () => {
    const temp = tempDir();
    const leftover = path.join(temp, 'granska-open', 'old', 'gammal.pdf');
    fs.mkdirSync(path.dirname(leftover), { recursive: true });
    fs.writeFileSync(leftover, '%PDF');
    const { captured, backend, electron } = await start({ temp });
    expect(fs.existsSync(leftover)).toBe(false);

    await captured.opts?.host?.openAttachment?.('foto.png', Buffer.from('png bytes'));
    const opened = electron.shell.openPath.mock.calls[0]?.[0] ?? '';
    expect(opened.startsWith(path.join(temp, 'granska-open'))).toBe(true);
    expect(fs.readFileSync(opened, 'utf8')).toBe('png bytes');

    electron.app.emit('will-quit');
    expect(backend.close).toHaveBeenCalled();
    expect(fs.existsSync(opened)).toBe(false);
    expect(fs.readdirSync(path.join(temp, 'granska-open'))).toEqual([]);
  });

  it('opens the remembered database, with the user data folder for preferences', async () => {
    const { backend, captured } = await start({ lastDatabase: __filename });
    expect(backend.open).toHaveBeenCalledWith(__filename);
    expect(captured.opts).toMatchObject({ dataDir: '/fake/userData', transport: 'electron' });
  });

  it('explains a database from a newer version in the system language, then opens the default one', async () => {
    const newer = new AppError('unsupported_version', { found: 7, supported: 3 });
    const { backend, electron } = await start({
      locale: 'en-GB',
      lastDatabase: __filename,
      open: (file) => {
        if (file === __filename) throw newer;
      },
    });
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'error',
        message: expect.stringContaining(
          'This database was created by a newer version of Granska (schema 7; this version supports 3). It has not been changed.',
        ),
      }),
    );
    expect(backend.open.mock.calls.map((c) => c[0])).toEqual([__filename, '/fake/userData/granska.sqlite']);
  });

  it('hands over to the running instance when it is not the first', async () => {
    const { electron } = await start({ gotLock: false });
    expect(electron.app.quit).toHaveBeenCalled();
    expect(FakeWindow.created).toHaveLength(0);
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { electron, win } = await start();
    win?.isMinimized.mockReturnValue(true);
    electron.app.emit('second-instance');
    expect(win?.restore).toHaveBeenCalled();
    expect(win?.focus).toHaveBeenCalled();
  });
});

describe('IPC', () => {
  it('serves our window and refuses any other sender', async () => {
    const { ipc, win, backend, electron } = await start();
    expect(electron.ipcMain.handle.mock.calls[0]?.[0]).toBe(IPC_CHANNEL);
    const ok = await ipc?.({ sender: win?.webContents, senderFrame: { url: 'app://granska/index.html' } }, 'app.info', {});
    expect(ok).toEqual({ ok: true, result: { name: 'app.info', input: {} } });
    const stranger = await ipc?.(
      { sender: new FakeWebContents(), senderFrame: { url: 'app://granska/index.html' } },
      'app.info',
      {},
    );
    expect(stranger).toEqual({ ok: false, error: { code: 'forbidden', params: {} } });
    const remote = await ipc?.({ sender: win?.webContents, senderFrame: { url: 'https://evil.example/' } }, 'app.info', {});
    expect(remote).toEqual({ ok: false, error: { code: 'forbidden', params: {} } });
    expect(backend.call).toHaveBeenCalledOnce();
  });

  it('gives the backend a host whose file choice goes through the native dialog', async () => {
    const { captured, electron } = await start();
    expect(await captured.opts?.host?.chooseDatabaseFile('new')).toBe('/docs/ny.sqlite');
    expect(electron.dialog.showSaveDialog).toHaveBeenCalled();
    expect(await captured.opts?.host?.chooseDatabaseFile('open')).toBe('/docs/chosen.sqlite');
  });
});

describe('menu', () => {
  it('is Swedish when the saved language is sv', async () => {
    const { menu } = await start({ language: 'sv', locale: 'en-US' });
    expect(menu().map((m) => m.label)).toEqual(['Arkiv', 'Redigera', 'Visa', 'Hjälp']);
  });

  it('is Swedish on a Swedish system with no saved choice, English otherwise', async () => {
    expect((await start({ locale: 'sv-SE' })).menu()[0]?.label).toBe('Arkiv');
    expect((await start({ locale: 'de-DE' })).menu()[0]?.label).toBe('File');
  });

  it('follows a language change made in the renderer', async () => {
    const { menu, ipc, win, prefs } = await start({ language: 'sv' });
    expect(menu()[0]?.label).toBe('Arkiv');
    prefs.language = 'en';
    await ipc?.({ sender: win?.webContents, senderFrame: { url: 'app://granska/index.html' } }, 'app.updateSettings', {
      language: 'en',
    });
    expect(menu()[0]?.label).toBe('File');
  });

  it('File > Open opens the chosen database and reloads the renderer', async () => {
    const { menu, backend, win } = await start();
    (menuItem(menu(), 0, 1).click as () => void)();
    await vi.waitFor(() => expect(win?.webContents.reload).toHaveBeenCalled());
    expect(backend.open).toHaveBeenLastCalledWith('/docs/chosen.sqlite');
  });

  it('File > Open keeps the current database and says why when the file cannot be opened', async () => {
    const { menu, win, electron } = await start({
      language: 'sv',
      open: (file) => {
        if (file === '/docs/chosen.sqlite') throw new AppError('file_unreadable', { path: file });
      },
    });
    (menuItem(menu(), 0, 1).click as () => void)();
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalled());
    const [, options] = electron.dialog.showMessageBox.mock.calls[0] as unknown as [unknown, { title: string; message: string }];
    expect(options.title).toBe('Databasen kunde inte öppnas');
    expect(options.message).toMatch(/kunde inte öppnas som en Granska-databas/);
    expect(win?.webContents.reload).not.toHaveBeenCalled();
  });
});

describe('backups from the menu', () => {
  it('backs up daily in the app, and the backup folder is chosen in a folder dialog', async () => {
    const { captured, electron } = await start();
    expect(captured.opts?.automaticBackups).toBe(true);
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/docs/kopior'] });
    expect(await captured.opts?.host?.chooseFolder?.()).toBe('/docs/kopior');
    expect(electron.dialog.showOpenDialog).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ properties: ['openDirectory', 'createDirectory'], defaultPath: '/fake/userData/backups' }),
    );
  });

  it('File > Back up… writes to the chosen file', async () => {
    const { menu, backend } = await start({ language: 'sv' });
    expect(menuItem(menu(), 0, 3).label).toBe('Säkerhetskopiera…');
    (menuItem(menu(), 0, 3).click as () => void)();
    await vi.waitFor(() => expect(backend.backups.backupTo).toHaveBeenCalledWith('/docs/ny.sqlite'));
  });

  it('File > Restore… restores the chosen backup and starts the renderer afresh', async () => {
    const { menu, backend, win } = await start();
    expect(menuItem(menu(), 0, 4).label).toBe('Restore…');
    (menuItem(menu(), 0, 4).click as () => void)();
    await vi.waitFor(() => expect(win?.webContents.reload).toHaveBeenCalled());
    expect(backend.backups.restoreFrom).toHaveBeenCalledWith('/docs/chosen.sqlite');
  });
});
