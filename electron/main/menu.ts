import type { MenuItemConstructorOptions } from 'electron';
import type { MainTexts } from './texts';

export interface MenuActions {
  newDatabase: () => void;
  openDatabase: () => void;
  backUp: () => void;
  restore: () => void;
  about: () => void;
}

export interface MenuOptions {
  /** Developer tools only in a development build; a packaged app has no way to open them. */
  devTools: boolean;
  /** macOS puts Quit and About in the application menu, named after the app. */
  isMac: boolean;
}

/**
 * The application menu as plain data, so the labels and the structure are tested without Electron.
 * Standard roles keep the platform's shortcuts and behaviour; labels are given explicitly because
 * Electron's role labels are English only.
 */
export function buildMenuTemplate(texts: MainTexts, actions: MenuActions, opts: MenuOptions): MenuItemConstructorOptions[] {
  const m = texts.menu;
  const about: MenuItemConstructorOptions = { label: m.about, click: () => actions.about() };
  const quit: MenuItemConstructorOptions = { role: 'quit', label: m.quit };

  const appMenu: MenuItemConstructorOptions[] = opts.isMac
    ? [
        {
          label: 'Granska',
          submenu: [
            about,
            { type: 'separator' },
            { role: 'hide', label: m.hide },
            { role: 'hideOthers', label: m.hideOthers },
            { role: 'unhide', label: m.unhide },
            { type: 'separator' },
            quit,
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: m.file,
    submenu: [
      { label: m.newDatabase, accelerator: 'CmdOrCtrl+N', click: () => actions.newDatabase() },
      { label: m.openDatabase, accelerator: 'CmdOrCtrl+O', click: () => actions.openDatabase() },
      { type: 'separator' },
      { label: m.backUp, click: () => actions.backUp() },
      { label: m.restore, click: () => actions.restore() },
      ...(opts.isMac ? [] : ([{ type: 'separator' }, quit] as MenuItemConstructorOptions[])),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: m.edit,
    submenu: [
      { role: 'undo', label: m.undo },
      { role: 'redo', label: m.redo },
      { type: 'separator' },
      { role: 'cut', label: m.cut },
      { role: 'copy', label: m.copy },
      { role: 'paste', label: m.paste },
      { type: 'separator' },
      { role: 'selectAll', label: m.selectAll },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: m.view,
    submenu: [
      { role: 'reload', label: m.reload },
      ...(opts.devTools ? ([{ role: 'toggleDevTools', label: m.toggleDevTools }] as MenuItemConstructorOptions[]) : []),
      { type: 'separator' },
      { role: 'resetZoom', label: m.resetZoom },
      { role: 'zoomIn', label: m.zoomIn },
      { role: 'zoomOut', label: m.zoomOut },
      { type: 'separator' },
      { role: 'togglefullscreen', label: m.toggleFullScreen },
    ],
  };

  const help: MenuItemConstructorOptions = { role: 'help', label: m.help, submenu: opts.isMac ? [] : [about] };
  // On macOS "About" already sits in the app menu; an empty Help menu still gets the system search field.
  return [...appMenu, file, edit, view, help];
}
