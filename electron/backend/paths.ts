import os from 'node:os';
import path from 'node:path';

declare const __GRANSKA_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __GRANSKA_VERSION__ === 'string' ? __GRANSKA_VERSION__ : '0.0.0-dev';

/**
 * The same folder Electron's `app.getPath('userData')` gives for an app named "Granska", so the
 * desktop app and browser mode find the same database.
 */
export function defaultDataDir(): string {
  if (process.env.GRANSKA_DATA_DIR) return process.env.GRANSKA_DATA_DIR;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Granska');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Granska');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Granska');
}

/**
 * Bundles live in dist/<part>/; the source tree in electron/backend/. Both sit two levels below the
 * project root, which holds resources/ (in a packaged app, resources/ is copied beside app.asar).
 */
export function resourcesDir(): string {
  if (process.env.GRANSKA_RESOURCES) return process.env.GRANSKA_RESOURCES;
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged && !packaged.includes('node_modules')) return path.join(packaged, 'resources');
  return path.resolve(__dirname, '..', '..', 'resources');
}

export function rendererDir(): string {
  return process.env.GRANSKA_RENDERER_DIR ?? path.resolve(__dirname, '..', 'renderer');
}
