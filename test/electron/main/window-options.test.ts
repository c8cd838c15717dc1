import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainWindowOptions, preloadPath } from '../../../electron/main/window-options';

describe('main window options', () => {
  const preload = preloadPath(path.join('/app', 'dist', 'main'));

  it('points at the bundled preload beside the main bundle', () => {
    expect(preload).toBe(path.join('/app', 'dist', 'preload', 'preload.cjs'));
  });

  it('isolates and sandboxes the renderer, with no Node and web security on', () => {
    const { webPreferences } = mainWindowOptions({ preload, isPackaged: true });
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload,
    });
  });

  it('offers developer tools only in a development build', () => {
    expect(mainWindowOptions({ preload, isPackaged: true }).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions({ preload, isPackaged: false }).webPreferences?.devTools).toBe(true);
  });

  it('is titled Granska and waits for ready-to-show', () => {
    const options = mainWindowOptions({ preload, isPackaged: true });
    expect(options.title).toBe('Granska');
    expect(options.show).toBe(false);
  });
});
