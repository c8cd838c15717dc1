import type { App, Event, Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

/**
 * The renderer shows only our own bundle. Whatever a page tries (a link, `location = …`, a
 * redirect, `window.open`, a <webview>), it cannot leave `app://granska/` or bring a second
 * window or remote page into the app. Nothing is handed to the system browser either: Granska has
 * no external links, so an attempt to open one is a bug or an attack, not a feature.
 */
export function hardenWebContents(contents: WebContents): void {
  const stayInApp = (event: Event, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** App-wide, so every web contents (including ones we never create on purpose) gets the rules. */
export function hardenAllWebContents(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/** Requests for the network that a compromised page might still try; the CSP already forbids them. */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

/**
 * Granska needs no camera, microphone, location, notifications, USB or clipboard-read permission,
 * so every request and every check is answered "no", and no request may leave the machine.
 */
export function lockDownSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (_details, callback) => callback({ cancel: true }));
}
