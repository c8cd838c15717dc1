import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.GRANSKA_CHROMIUM ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'granska.cjs');

/** Why end-to-end tests cannot run here, or null when they can. In CI a reason is a failure. */
export function e2eUnavailableReason(): string | null {
  if (!fs.existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;
  if (!fs.existsSync(CLI) || !fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    return 'the app is not built (npm run build)';
  }
  return null;
}

/** Use as `describe.skipIf(skipE2E())`: prints why, and refuses to skip in CI. */
export function skipE2E(): boolean {
  const reason = e2eUnavailableReason();
  if (!reason) return false;
  if (process.env.CI) throw new Error(`End-to-end tests cannot run in CI: ${reason}`);
  console.warn(`Skipping end-to-end tests: ${reason}`);
  return true;
}

export interface RunningApp {
  page: Page;
  browser: Browser;
  /** Address with the token, as the CLI printed it. */
  url: string;
  dbFile: string;
  dataDir: string;
  server: ChildProcess;
  /** Opens `hash` (e.g. '#/organisation/units') in the given language, token included. */
  open(hash?: string, lang?: 'sv' | 'en'): Promise<void>;
  /** Runs the `granska` CLI against this app's database. */
  cli(args: string[]): { status: number | null; stdout: string; stderr: string };
  stop(): Promise<void>;
}

/**
 * Starts browser mode exactly as a user would (`granska serve`) on a fresh temporary database,
 * optionally filled with demo data, and opens it in Debian's Chromium.
 */
export async function startApp(
  opts: {
    demo?: boolean;
    /** With `demo`: that many generated findings as well (`granska demo --scale`). */
    demoScale?: number;
    /** An existing database to open instead of a fresh one; it is left where it is on stop(). */
    db?: string;
    lang?: 'sv' | 'en';
    encryptWith?: string;
  } = {},
): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-e2e-'));
  const dbFile = opts.db ?? path.join(dataDir, 'e2e.sqlite');
  const env = { ...process.env, GRANSKA_DATA_DIR: dataDir };
  if (opts.demo && !opts.db) {
    const scale = opts.demoScale ? ['--scale', String(opts.demoScale)] : [];
    const r = spawnSync(process.execPath, [CLI, 'demo', '--db', dbFile, ...scale], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`granska demo failed: ${r.stderr}`);
  }
  if (opts.encryptWith) {
    // Encrypted before the app starts; the passphrase is given to this command only, not to `serve`.
    const r = spawnSync(process.execPath, [CLI, 'encrypt', '--db', dbFile], { env: { ...env, GRANSKA_DB_PASSPHRASE: opts.encryptWith }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`granska encrypt failed: ${r.stderr}`);
  }
  const server = spawn(process.execPath, [CLI, 'serve', '--db', dbFile, '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`granska serve printed no address: ${out}${err}`)), 20_000);
    server.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    server.once('exit', (code) => reject(new Error(`granska serve exited (${code}): ${err}`)));
  });

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: opts.lang === 'en' ? 'en-GB' : 'sv-SE' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.error('[page error]', e.message));

  const app: RunningApp = {
    page,
    browser,
    url,
    dbFile,
    dataDir,
    server,
    open: async (hash = '#/', lang = opts.lang ?? 'sv') => {
      await page.goto(`${url}&lang=${lang}${hash}`);
      await page.waitForLoadState('networkidle');
    },
    cli: (args) => {
      const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    stop: async () => {
      await browser.close().catch(() => undefined);
      server.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 100));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

/** A call through the same loopback API the page uses, for the premises a test needs. */
export async function apiCall<T>(app: RunningApp, name: string, input: unknown): Promise<T> {
  const url = new URL(app.url);
  const response = await fetch(`${url.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-granska-token': url.searchParams.get('token') ?? '' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; result?: T; error?: unknown };
  if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body.error)}`);
  return body.result as T;
}
