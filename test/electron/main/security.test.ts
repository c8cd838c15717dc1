import { EventEmitter } from 'node:events';
import type { App, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hardenAllWebContents, lockDownSession } from '../../../electron/main/security';

/** Enough of WebContents for the security rules: events plus the window-open handler. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

function hardened(): FakeContents {
  const app = new EventEmitter();
  hardenAllWebContents(app as unknown as App);
  const contents = new FakeContents();
  app.emit('web-contents-created', {}, contents as unknown as WebContents);
  return contents;
}

function fire(contents: FakeContents, event: string, url?: string) {
  const e = { preventDefault: vi.fn() };
  contents.emit(event, e, url);
  return e.preventDefault;
}

describe('every web contents is locked to app://granska/', () => {
  it.each([
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://granska.evil.example/x',
    'javascript:alert(1)',
  ])('prevents navigation to %s', (url) => {
    const contents = hardened();
    expect(fire(contents, 'will-navigate', url)).toHaveBeenCalled();
    expect(fire(contents, 'will-redirect', url)).toHaveBeenCalled();
  });

  it('lets the app navigate within its own pages', () => {
    const contents = hardened();
    expect(fire(contents, 'will-navigate', 'app://granska/index.html#/audits')).not.toHaveBeenCalled();
  });

  it('denies every window.open and opens nothing', () => {
    const contents = hardened();
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://granska/index.html' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const contents = hardened();
    expect(fire(contents, 'will-attach-webview')).toHaveBeenCalled();
  });
});

describe('the session', () => {
  type RequestHandler = (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
  type CheckHandler = (...args: unknown[]) => boolean;
  type BeforeRequest = (d: unknown, cb: (r: { cancel: boolean }) => void) => void;

  function lockedDown() {
    const fake: {
      requestHandler: RequestHandler | null;
      checkHandler: CheckHandler | null;
      beforeRequest: { filter: { urls: string[] }; listener: BeforeRequest } | null;
      setPermissionRequestHandler(h: RequestHandler): void;
      setPermissionCheckHandler(h: CheckHandler): void;
      webRequest: { onBeforeRequest(filter: { urls: string[] }, listener: BeforeRequest): void };
    } = {
      requestHandler: null,
      checkHandler: null,
      beforeRequest: null,
      setPermissionRequestHandler(h) {
        fake.requestHandler = h;
      },
      setPermissionCheckHandler(h) {
        fake.checkHandler = h;
      },
      webRequest: {
        onBeforeRequest(filter, listener) {
          fake.beforeRequest = { filter, listener };
        },
      },
    };
    lockDownSession(fake as unknown as Session);
    return fake;
  }

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies a request for %s',
    (permission) => {
      const session = lockedDown();
      const callback = vi.fn();
      session.requestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    },
  );

  it('answers every permission check with no', () => {
    const session = lockedDown();
    expect(session.checkHandler?.({}, 'media', 'app://granska', {})).toBe(false);
  });

  it('cancels any request for remote content', () => {
    const session = lockedDown();
    expect(session.beforeRequest?.filter.urls).toEqual(
      expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']),
    );
    const callback = vi.fn();
    session.beforeRequest?.listener({ url: 'https://cdn.example/x.js' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });
});
