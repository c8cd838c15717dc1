import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security';
import {
  APP_ENTRY_URL,
  createAppProtocolHandler,
  isAppUrl,
  registerAppScheme,
  resolveAppFile,
} from '../../../electron/main/app-protocol';
import { tempDir } from '../../helpers/tmp';

// A renderer folder with a page and a script, and a secret file right beside it (outside it).
const base = tempDir('granska-protocol-');
const root = path.join(base, 'renderer');
fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Granska</title>');
fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("granska")');
fs.writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');

const handler = createAppProtocolHandler(root);
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// scheme registration', () => {
  it('registers app as a standard, secure scheme that supports fetch', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('app:// protocol handler', () => {
  it('serves the renderer page with the Content-Security-Policy header', async () => {
    const res = await get(APP_ENTRY_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<title>Granska</title>');
  });

  it('serves index.html for the bare origin and scripts with a script type', async () => {
    expect(await (await get('app://granska/')).text()).toContain('Granska');
    const js = await get('app://granska/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    'app://granska/..%2Fsecret.txt',
    'app://granska/assets/..%2F..%2Fsecret.txt',
    'app://granska/%2e%2e/secret.txt',
    'app://granska/%2E%2E%2Fsecret.txt',
    'app://granska/assets/..%5C..%5Csecret.txt',
    'app://granska/..\\secret.txt',
    'app://granska/assets/%00.js',
    'app://granska/%E0%A4%A', // broken percent-encoding
  ])('never serves a file outside the renderer folder for %s', async (url) => {
    const res = await get(url);
    // 403 when the handler sees the escape; 404 when URL parsing already folded `%2e%2e` into the path.
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('TOP SECRET');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses other hosts and other schemes', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403);
    expect((await get('app://granska.evil.example/index.html')).status).toBe(403);
    expect((await get('https://granska/index.html')).status).toBe(403);
  });

  it('answers a missing file with 404, still with the CSP', async () => {
    const res = await get('app://granska/nope.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('is read-only', async () => {
    expect((await get('app://granska/index.html', 'POST')).status).toBe(405);
  });
});

describe('resolveAppFile', () => {
  it('maps our URLs into the folder and nothing else', () => {
    expect(resolveAppFile(root, 'app://granska/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppFile(root, 'app://granska/assets/')).toBe(path.join(root, 'assets', 'index.html'));
    expect(resolveAppFile(root, 'app://granska/a%20b.png')).toBe(path.join(root, 'a b.png'));
    expect(resolveAppFile(root, 'file:///etc/passwd')).toBeNull();
  });

  it.each([
    'app://granska/..%2Fsecret.txt',
    'app://granska/assets/..%2F..%2Fsecret.txt',
    'app://granska/..%5Csecret.txt',
    'app://granska/..\\secret.txt',
    'app://granska/%2e%2e%2fsecret.txt',
    'app://granska/x%00.js',
    'app://granska/%E0%A4%A',
    'app://granska/C:%5CWindows%5Cwin.ini',
    'app://granska/C:/Windows/win.ini',
    'app://granska/index.html:secret',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  // Absolute paths and double encoding: whatever the URL, the answer is a file inside the folder or nothing.
  it.each([
    ['app://granska//etc/passwd', 'etc/passwd'],
    ['app://granska/%2Fetc%2Fpasswd', 'etc/passwd'],
    ['app://granska/%252e%252e%252fsecret.txt', '%2e%2e%2fsecret.txt'], // decoded once: a literal name, still inside
  ])('keeps %s inside the folder', (url, inside) => {
    expect(resolveAppFile(root, url)).toBe(path.join(root, inside));
  });

  it('holds with Windows path rules too: drives, UNC shares and backslashes stay out', () => {
    const winRoot = 'C:\\Program Files\\Granska\\resources\\app.asar\\dist\\renderer';
    const win = (url: string) => resolveAppFile(winRoot, url, path.win32);
    expect(win('app://granska/assets/app.js')).toBe(`${winRoot}\\assets\\app.js`);
    for (const url of [
      'app://granska/..%5C..%5Csecret.txt',
      'app://granska/C:%5CWindows%5Cwin.ini',
      'app://granska/D:secret.txt',
      'app://granska/%5C%5Cserver%5Cshare%5Cx',
      'app://granska/%2e%2e%5csecret.txt',
    ]) {
      const file = win(url);
      if (file !== null) expect(path.win32.relative(winRoot, file).startsWith('..'), url).toBe(false);
      if (file !== null) expect(file.startsWith(`${winRoot}\\`), url).toBe(true);
    }
    expect(win('app://granska/C:%5CWindows%5Cwin.ini')).toBeNull();
    expect(win('app://granska/..%5Csecret.txt')).toBeNull();
  });

  it('recognises only app://granska/ as ours', () => {
    expect(isAppUrl('app://granska/index.html#/audits')).toBe(true);
    expect(isAppUrl('app://granska.evil/index.html')).toBe(false);
    expect(isAppUrl('app://granska')).toBe(false);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});
