import os from 'node:os';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { Backend, type BackendOptions } from '../backend/backend';
import { APP_VERSION, defaultDataDir, rendererDir } from '../backend/paths';
import { AppError } from '../../shared/errors';
import { APP_ENTRY_URL, installAppProtocol, registerAppScheme } from './app-protocol';
import { chooseDatabaseFile, showAbout, showOpenError } from './dialogs';
import { backUpWithDialog, chooseBackupFolder, restoreWithDialog } from './backup-dialogs';
import { openInSystemViewer, removeOpenedCopies, saveWithDialog } from './files';
import { createCallHandler, registerCallHandler } from './ipc';
import { buildMenuTemplate } from './menu';
import { hardenAllWebContents, lockDownSession } from './security';
import { databaseFromArgs, openAtStartup, pickStartupDatabase } from './startup';
import { chooseLanguage, MAIN_TEXTS, type MainTexts } from './texts';
import { mainWindowOptions, preloadPath } from './window-options';

/** The part of the Backend the main process uses; tests pass a fake. */
export type MainBackend = Pick<Backend, 'open' | 'openOrWait' | 'close' | 'call' | 'preferences' | 'defaultDatabasePath' | 'databasePath' | 'backups'> &
  Partial<Pick<Backend, 'attachmentDownload' | 'attachmentUploadStream'>>;

export interface RunOptions {
  createBackend?: (opts: BackendOptions) => MainBackend;
  /** Folder of the main bundle (dist/main); the preload sits beside it. */
  mainDir?: string;
  argv?: readonly string[];
}

/**
 * Wires Electron to the backend: one window, one IPC channel, one menu. Everything with a rule
 * in it lives in the small modules imported above; this function only connects them.
 * Resolves once the window exists (or at once for a second instance, which just hands over).
 */
export function runGranska(opts: RunOptions = {}): Promise<void> {
  const createBackend = opts.createBackend ?? ((o) => new Backend(o));
  const mainDir = opts.mainDir ?? __dirname;
  const argv = opts.argv ?? process.argv;

  // Before `ready`: scheme privileges and the sandbox are fixed when Chromium starts.
  registerAppScheme(protocol);
  app.enableSandbox();
  // The same data folder as browser mode (and GRANSKA_DATA_DIR for tests), whatever the package is called.
  app.setName('Granska');
  app.setPath('userData', defaultDataDir());

  // A second copy would open the same SQLite file and fight over it; hand over to the first instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }

  hardenAllWebContents(app);

  let mainWindow: BrowserWindow | null = null;
  let menuLanguage: string | null = null;

  const backend = createBackend({
    dataDir: app.getPath('userData'),
    transport: 'electron',
    version: APP_VERSION,
    automaticBackups: true,
    host: {
      chooseDatabaseFile: (mode) => chooseDatabaseFile(dialog, mainWindow, mode, texts(), documentsDir()),
      saveFile: (name, data) => saveWithDialog(dialog, mainWindow, name, data, documentsDir()),
      openAttachment: async (name, data) => {
        await openInSystemViewer(shell, app.getPath('temp'), name, data);
      },
      chooseFolder: () => chooseBackupFolder(dialog, mainWindow, language(), backend.backups.folder),
    },
  });

  function language() {
    return chooseLanguage(backend.preferences.read().language, app.getLocale());
  }

  function texts(): MainTexts {
    return MAIN_TEXTS[language()];
  }

  function documentsDir(): string {
    try {
      return app.getPath('documents');
    } catch {
      return os.homedir(); // some Linux desktops have no Documents folder
    }
  }

  /** Rebuilt only when the language differs from the menu's, so calling it often is cheap. */
  function refreshMenu(): void {
    const lang = language();
    if (lang === menuLanguage) return;
    menuLanguage = lang;
    const template = buildMenuTemplate(
      MAIN_TEXTS[lang],
      {
        newDatabase: () => void openChosenDatabase('new'),
        openDatabase: () => void openChosenDatabase('open'),
        backUp: () =>
          void backUpWithDialog({ dialog, parent: mainWindow, lang: language(), backups: backend.backups, databasePath: backend.databasePath, defaultDir: documentsDir() }),
        restore: () => void restoreChosenBackup(),
        about: () => void showAbout(dialog, mainWindow, texts(), APP_VERSION),
      },
      { devTools: !app.isPackaged, isMac: process.platform === 'darwin' },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  /** File > New / Open: the previous database stays open if the chosen one cannot be opened. */
  async function openChosenDatabase(mode: 'new' | 'open'): Promise<void> {
    const file = await chooseDatabaseFile(dialog, mainWindow, mode, texts(), documentsDir());
    if (!file) return;
    try {
      backend.openOrWait(file);
    } catch (err) {
      logUnexpected(err);
      await showOpenError(dialog, mainWindow, texts(), err, file);
      return;
    }
    // The renderer holds state for the old database; starting it afresh is simpler and always right.
    mainWindow?.webContents.reload();
  }

  /** File > Restore: after a restore the renderer starts afresh, as after opening another database. */
  async function restoreChosenBackup(): Promise<void> {
    const outcome = await restoreWithDialog({
      dialog,
      parent: mainWindow,
      lang: language(),
      backups: backend.backups,
      databasePath: backend.databasePath,
      defaultDir: backend.backups.folder,
    });
    if (outcome === 'restored') mainWindow?.webContents.reload();
  }

  registerCallHandler(
    ipcMain,
    createCallHandler({
      backend,
      mainContents: () => mainWindow?.webContents ?? null,
      // The renderer changes the language through app.updateSettings; the menu follows.
      afterCall: (name) => {
        if (name === 'app.updateSettings') refreshMenu();
      },
    }),
  );

  function createWindow(): void {
    const win = new BrowserWindow(mainWindowOptions({ preload: preloadPath(mainDir), isPackaged: app.isPackaged }));
    mainWindow = win;
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    void win.loadURL(APP_ENTRY_URL);
  }

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (!mainWindow && app.isReady()) createWindow();
  });

  // Closing the database checkpoints the WAL, so the file is complete on its own (e.g. on a USB stick).
  // Attachment copies opened in a viewer do not outlive the app.
  app.on('will-quit', () => {
    backend.close();
    removeOpenedCopies(app.getPath('temp'));
  });

  return app.whenReady().then(async () => {
    removeOpenedCopies(app.getPath('temp')); // left behind by a crash or a viewer that held them
    lockDownSession(session.defaultSession);
    // Attachment bytes stream both ways through the app's own scheme (no base64 over IPC) when the backend has them.
    installAppProtocol(
      protocol,
      rendererDir(),
      backend.attachmentDownload ? (id) => backend.attachmentDownload!(id) : undefined,
      backend.attachmentUploadStream ? (meta, body, size) => backend.attachmentUploadStream!(meta, body, size) : undefined,
    );
    refreshMenu();
    const file = pickStartupDatabase({
      fromArgs: databaseFromArgs(argv),
      lastDatabase: backend.preferences.read().lastDatabase,
      defaultPath: backend.defaultDatabasePath,
    });
    // An encrypted database waits for its passphrase, which the renderer's passphrase screen asks for.
    await openAtStartup({ open: (f) => backend.openOrWait(f) }, file, backend.defaultDatabasePath, async (err, failed, fallback) => {
      logUnexpected(err);
      await showOpenError(dialog, null, texts(), err, failed, fallback ? texts().dialogs.fallbackToDefault(fallback) : undefined);
    });
    createWindow();
  });
}

function logUnexpected(err: unknown): void {
  if (!(err instanceof AppError)) console.error('Granska:', err);
}
