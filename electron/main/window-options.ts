import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

/** The bundles sit side by side: dist/main/main.cjs and dist/preload/preload.cjs (also inside app.asar). */
export function preloadPath(mainDir: string): string {
  return path.join(mainDir, '..', 'preload', 'preload.cjs');
}

/**
 * The main window. The renderer is treated as untrusted web content: isolated from the preload,
 * sandboxed, no Node, web security on. It reaches the backend only through the bridge the preload
 * exposes. Shown on ready-to-show so people never see a blank white frame.
 */
export function mainWindowOptions(opts: { preload: string; isPackaged: boolean }): BrowserWindowConstructorOptions {
  return {
    title: 'Granska',
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Chromium's built-in PDF viewer (the only plugin Electron has) shows report previews in a blob: frame
      plugins: true,
      devTools: !opts.isPackaged,
    },
  };
}
