import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { API_PREFIX, TOKEN_HEADER } from '../../shared/security';
import type { BackupStatus } from '../../shared/contract/backup';
import type { CasePage } from '../../shared/domain/cases';
import type { FindingRegisterPage } from '../../shared/domain/findings';
import { e2eUnavailableReason, startApp, type RunningApp } from '../helpers/e2e';
import { median } from './timing';

/**
 * Browser mode in Debian's headless Chromium, as a person meets it:
 * - the overview's first meaningful paint (its figures drawn from real data) on the demo database,
 *   against a blank page loaded in the same browser, each load in a fresh context (nothing cached);
 * - the findings register on a million findings: jumps to far positions (as dragging the scrollbar
 *   does, and End/Home) until the rows at that place are drawn with their own content, checked
 *   against `findings.register` at that offset, and the page's JS heap before and after a sweep
 *   through the whole register.
 */

const ROOT = path.resolve(__dirname, '../..');
const RENDERER = path.join(ROOT, 'dist/renderer/index.html');
/** The register's size; GRANSKA_BENCH_CHROMIUM_SCALE=100000 narrows a run. */
const SCALE = Number(process.env.GRANSKA_BENCH_CHROMIUM_SCALE ?? 1_000_000);
/** An already seeded database to reuse while iterating (left in place); else one is seeded. */
const REUSE_DB = process.env.GRANSKA_BENCH_CHROMIUM_DB;
/**
 * Other builds of the renderer (e.g. main's, `vite build --outDir DIR`; several separated by
 * commas) to load interleaved with this one, so a change is compared at the same machine load.
 */
const BASELINES = (process.env.GRANSKA_BENCH_CHROMIUM_BASELINE ?? '').split(',').filter(Boolean);
/** Cold loads of each page; GRANSKA_BENCH_CHROMIUM_LOADS=25 steadies a comparison on a busy machine. */
const LOADS = Number(process.env.GRANSKA_BENCH_CHROMIUM_LOADS ?? 9);
const JUMPS = 20;
const SWEEP_STEPS = 400;
const VIEWPORT = { width: 1400, height: 900 };

/** tsx keeps function names by wrapping them in `__name(...)`; functions sent into the page need it there. */
const NAME_SHIM = { content: 'globalThis.__name = (f) => f;' };

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The newest modification time under `dir` (source files only). */
function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (/\.(tsx?|css|json|html)$/.test(e.name)) t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

/** `npm run bench` builds only the Node side: a renderer older than its sources would measure old code. */
function ensureRendererBuilt(): void {
  const built = fs.existsSync(RENDERER) ? fs.statSync(RENDERER).mtimeMs : 0;
  if (built >= Math.max(newest(path.join(ROOT, 'renderer')), newest(path.join(ROOT, 'shared')))) return;
  console.log('  the renderer is older than its sources: npm run build:renderer');
  const r = spawnSync('npm', ['run', 'build:renderer'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:renderer failed:\n${r.stdout}\n${r.stderr}`);
}

const tokenOf = (app: RunningApp) => new URL(app.url).searchParams.get('token') ?? '';
const origin = (app: RunningApp) => new URL(app.url).origin;

async function call<T>(app: RunningApp, name: string, input: unknown): Promise<T> {
  const r = await fetch(`${origin(app)}${API_PREFIX}${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: tokenOf(app) },
    body: JSON.stringify(input),
  });
  const body = (await r.json()) as { ok: boolean; result: T; error?: unknown };
  if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body.error)}`);
  return body.result;
}

// ---- the overview's first meaningful paint ---------------------------------------------------

/**
 * Runs in every new document before its own scripts: notes the frame in which an element matching
 * `selector` first holds a digit (real figures, not the shell or a spinner), in ms since navigation
 * started.
 */
function watchForContent(selector: string): void {
  const w = window as unknown as { __meaningful?: number };
  const ready = () => {
    const el = document.querySelector(selector);
    return !!el && /\d/.test(el.textContent ?? '') && el.getBoundingClientRect().height > 0;
  };
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    // the frame that draws it
    requestAnimationFrame(() => (w.__meaningful = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

interface Load {
  meaningful: number;
  domContentLoaded: number;
  firstContentfulPaint: number;
  /** When the last API answer that arrived before the content did. */
  lastApi: number;
  /** When the boot's first call (app.info) was answered, and when the overview's own calls went out. */
  appInfo: number;
  overviewAsked: number;
  apiCalls: number;
  /** JavaScript fetched before the content was drawn. */
  jsBefore: number;
  jsFiles: string[];
  /** All JavaScript after the network went quiet (the charts load after the overview has drawn). */
  jsTotal: number;
}

async function load(browser: Browser, url: string, selector: string): Promise<Load> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB' });
  try {
    await context.addInitScript(NAME_SHIM);
    await context.addInitScript(watchForContent, selector);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __meaningful?: number }).__meaningful !== undefined);
    await page.waitForLoadState('networkidle');
    return await page.evaluate(() => {
      const meaningful = (window as unknown as { __meaningful: number }).__meaningful;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const js = res.filter((r) => new URL(r.name).pathname.endsWith('.js'));
      const api = res.filter((r) => new URL(r.name).pathname.startsWith('/api/') && r.responseEnd <= meaningful);
      const early = js.filter((r) => r.responseEnd <= meaningful);
      return {
        meaningful,
        domContentLoaded: nav.domContentLoadedEventEnd,
        firstContentfulPaint: fcp,
        lastApi: Math.max(0, ...api.map((r) => r.responseEnd)),
        appInfo: api.find((r) => r.name.includes('/api/app.info'))?.responseEnd ?? NaN,
        overviewAsked: api.find((r) => r.name.includes('/api/programme.list'))?.startTime ?? NaN,
        apiCalls: api.length,
        jsBefore: early.reduce((n, r) => n + r.decodedBodySize, 0),
        jsFiles: early.map((r) => new URL(r.name).pathname.split('/').pop() ?? ''),
        jsTotal: js.reduce((n, r) => n + r.decodedBodySize, 0),
      };
    });
  } finally {
    await context.close();
  }
}

/** A blank HTML page from a plain local HTTP server: what loading any page costs this browser. */
async function blankServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body><p id="blank">0</p></body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** `startApp` serving the renderer in `dir` (GRANSKA_RENDERER_DIR, read by `granska serve`). */
async function startWithRenderer(dir: string): Promise<RunningApp> {
  const before = process.env.GRANSKA_RENDERER_DIR;
  process.env.GRANSKA_RENDERER_DIR = dir;
  try {
    return await startApp({ demo: true, lang: 'en' });
  } finally {
    if (before === undefined) delete process.env.GRANSKA_RENDERER_DIR;
    else process.env.GRANSKA_RENDERER_DIR = before;
  }
}

async function firstPaint(): Promise<void> {
  console.log(`\nThe overview's first meaningful paint (demo database, ${LOADS} cold loads each, interleaved)`);
  const app = await startApp({ demo: true, lang: 'en' });
  const baselines: RunningApp[] = [];
  for (const dir of BASELINES) baselines.push(await startWithRenderer(dir));
  const blank = await blankServer();
  try {
    const ours: Load[] = [];
    const base: Load[] = [];
    const theirs: Load[][] = baselines.map(() => []);
    const urlOf = (a: RunningApp) => `${a.url}&lang=en#/`;
    // The management review inputs table: the audits, findings and cases counted for this year.
    const overview = 'table[aria-label^="Management review inputs"]';
    await load(app.browser, urlOf(app), overview); // the server's and the disk's first touch
    for (const b of baselines) await load(app.browser, urlOf(b), overview);
    for (let i = 0; i < LOADS; i++) {
      base.push(await load(app.browser, blank.url, '#blank'));
      ours.push(await load(app.browser, urlOf(app), overview));
      for (const [j, b] of baselines.entries()) theirs[j]!.push(await load(app.browser, urlOf(b), overview));
    }
    const m = (f: (l: Load) => number) => median(ours.map(f));
    const b = m((l) => l.meaningful);
    const blankMs = median(base.map((l) => l.meaningful));
    console.log(`  ${'blank page drawn'.padEnd(40)} ${ms(blankMs)}`);
    console.log(`  ${'overview figures drawn'.padEnd(40)} ${ms(b)}  ${(b / blankMs).toFixed(1)}× the blank page   target < 1000 ms`);
    for (const [j, dir] of BASELINES.entries()) {
      const t = median(theirs[j]!.map((l) => l.meaningful));
      console.log(`  ${'  a baseline renderer'.padEnd(40)} ${ms(t)}  ${(t / blankMs).toFixed(1)}× the blank page; this build ${(b / t).toFixed(2)}× that one (${dir})`);
    }
    console.log(
      `  ${'  of which (medians, from navigation)'.padEnd(40)} DOMContentLoaded ${m((l) => l.domContentLoaded).toFixed(0)} ms, app.info answered ${m((l) => l.appInfo).toFixed(0)} ms, ` +
        `first paint of the shell ${m((l) => l.firstContentfulPaint).toFixed(0)} ms, overview's calls sent ${m((l) => l.overviewAsked).toFixed(0)} ms, ` +
        `last of ${m((l) => l.apiCalls)} API answers ${m((l) => l.lastApi).toFixed(0)} ms`,
    );
    const first = ours[0]!;
    console.log(`  ${'JavaScript fetched before the figures'.padEnd(40)} ${kb(first.jsBefore).padStart(9)} in ${first.jsFiles.length} files (${first.jsFiles.join(', ')})`);
    console.log(`  ${'JavaScript after the network is quiet'.padEnd(40)} ${kb(first.jsTotal).padStart(9)} (the trend charts load after the overview has drawn)`);
  } finally {
    await blank.close();
    for (const b of baselines) await b.stop();
    await app.stop();
  }
}

// ---- the register at a million findings -------------------------------------------------------

interface ShownRow {
  index: number;
  number: string;
}
interface Jump {
  ms: number;
  rows: ShownRow[];
  /** The scroll position as a share of the whole scroll range, after the jump. */
  share: number;
  /** findings.register answers that arrived after the jump started: how long each took. */
  api: number[];
  /** ms from the jump until the first of them was sent, and until the last was answered. */
  sent: number | null;
  answered: number | null;
  /** For a key: how long the browser's scroll animation took before the clock started. */
  animation: number;
  /** ms until the rows were in the document and laid out (drawn in the frame after). */
  inDom: number;
}

/**
 * In the page: starts watching the register's scroll box, runs `move` (a jump), and resolves in
 * the frame after every row in the visible part of the box shows its own finding (a placeholder or
 * a row left from the old position does not count): the ms since the jump, and the rows shown.
 */
function installWatcher(register: { table: string; call: string }): void {
  const w = window as unknown as { __watch(move: () => void, settle?: boolean): Promise<Jump>; __box(): HTMLElement };
  performance.setResourceTimingBufferSize(1_000_000);
  w.__box = () => {
    const groups = document.querySelectorAll(`[role="table"][aria-label="${register.table}"] [role="rowgroup"]`);
    return groups[groups.length - 1] as HTMLElement;
  };
  const shown = (box: HTMLElement): ShownRow[] | null => {
    const view = box.getBoundingClientRect();
    const rows = [...box.querySelectorAll<HTMLElement>('[role="row"]')]
      .map((r) => ({ r, b: r.getBoundingClientRect() }))
      .filter(({ b }) => b.bottom > view.top + 1 && b.top < view.bottom - 1)
      .sort((x, y) => x.b.top - y.b.top);
    if (!rows.length) return null;
    const total = Number(box.closest('[role="table"]')?.getAttribute('aria-rowcount')) - 1;
    const last = rows[rows.length - 1]!;
    // the rows must fill the box (the last row of the register may end above its bottom)
    if (rows[0]!.b.top > view.top + 1) return null;
    if (last.b.bottom < view.bottom - 1 && Number(last.r.getAttribute('aria-rowindex')) - 2 !== total - 1) return null;
    const out: ShownRow[] = [];
    for (const { r } of rows) {
      if (r.querySelector('[aria-label="Loading…"]')) return null;
      const number = r.querySelector('[role="cell"]')?.textContent?.trim() ?? '';
      if (!number) return null;
      out.push({ index: Number(r.getAttribute('aria-rowindex')) - 2, number });
    }
    return out;
  };
  w.__watch = (move, settle = false) => {
    const box = w.__box();
    const pressed = performance.now();
    move();
    return new Promise<Jump>((resolve) => {
      let done = false;
      let t0 = pressed;
      const check = () => {
        if (done) return;
        const rows = shown(box);
        if (!rows) return;
        done = true;
        observer.disconnect();
        const inDom = performance.now() - t0;
        requestAnimationFrame(() => {
          const calls = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
            (r) => r.name.includes(`/api/${register.call}`) && r.startTime >= pressed,
          );
          const range = box.scrollHeight - box.clientHeight;
          resolve({
            ms: performance.now() - t0,
            rows,
            share: range > 0 ? box.scrollTop / range : 0,
            api: calls.map((r) => r.responseEnd - r.startTime),
            sent: calls.length ? Math.min(...calls.map((r) => r.startTime)) - t0 : null,
            answered: calls.length ? Math.max(...calls.map((r) => r.responseEnd)) - t0 : null,
            animation: t0 - pressed,
            inDom,
          });
        });
      };
      const observer = new MutationObserver(check);
      const start = () => {
        t0 = performance.now();
        observer.observe(box, { childList: true, subtree: true, characterData: true, attributes: true });
        const frame = () => {
          check();
          if (!done) requestAnimationFrame(frame);
        };
        frame();
      };
      if (!settle) return start();
      // The browser animates keyboard scrolling: the jump is over when the scrolling ends.
      let started = false;
      const once = () => {
        if (started) return;
        started = true;
        start();
      };
      box.addEventListener('scrollend', once, { once: true });
      setTimeout(once, 3000);
    });
  };
}

/** Sets the scroll box to `share` of its range, as dragging the scrollbar there does. */
const jumpTo = (page: Page, share: number) =>
  page.evaluate((s) => {
    const w = window as unknown as { __watch(move: () => void, settle?: boolean): Promise<Jump>; __box(): HTMLElement };
    const box = w.__box();
    return w.__watch(() => (box.scrollTop = s * (box.scrollHeight - box.clientHeight)));
  }, share);

/**
 * Presses `key` with a row of the register focused (End and Home scroll the focused row's box);
 * the clock starts when the browser's scroll animation has ended.
 */
async function pressKey(page: Page, key: 'End' | 'Home'): Promise<Jump> {
  await page.evaluate(() => {
    const w = window as unknown as { __box(): HTMLElement; __pending?: Promise<Jump>; __watch(move: () => void, settle?: boolean): Promise<Jump> };
    const row = [...w.__box().querySelectorAll<HTMLElement>('[role="row"]')].find((r) => r.getBoundingClientRect().top >= w.__box().getBoundingClientRect().top);
    row?.focus({ preventScroll: true });
    w.__pending = w.__watch(() => undefined, true);
  });
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __pending: Promise<Jump> }).__pending);
}

/** Whether the rows shown are the register's rows at those offsets (number by number). */
async function checkRows(numbersAt: NumbersAt, jump: Jump, expectedFirst: number | null): Promise<string | null> {
  const first = jump.rows[0]!;
  if (expectedFirst !== null && Math.abs(first.index - expectedFirst) > 2) return `first row shown is #${first.index}, expected about #${expectedFirst}`;
  const numbers = await numbersAt(first.index, jump.rows.length);
  for (const [i, row] of jump.rows.entries()) {
    if (row.index !== first.index + i) return `rows not in sequence at #${row.index}`;
    if (numbers[i] !== row.number) return `row #${row.index} shows ${row.number}, the register has ${numbers[i] ?? 'nothing'} there`;
  }
  return null;
}

/** What the backend has at rows [offset, offset + limit) of a register, as its first cell shows it. */
type NumbersAt = (offset: number, limit: number) => Promise<string[]>;

/**
 * JUMPS jumps spread over the register (as dragging the scrollbar there does), then End, Home and
 * End, each checked row by row against the backend; prints the times.
 */
async function jumps(page: Page, callName: string, total: number, rowsShown: number, numbersAt: NumbersAt): Promise<void> {
  // Spread over the register, in an order that never steps to a neighbour.
  const shares = Array.from({ length: JUMPS }, (_, i) => ((i * 7) % JUMPS) / (JUMPS - 1));
  const times: number[] = [];
  const apiTimes: number[] = [];
  const sent: number[] = [];
  const answered: number[] = [];
  const inDom: number[] = [];
  const note = (jump: Jump) => {
    times.push(jump.ms);
    inDom.push(jump.inDom);
    apiTimes.push(...jump.api);
    if (jump.sent !== null) sent.push(jump.sent);
    if (jump.answered !== null) answered.push(jump.answered);
  };
  const wrong: string[] = [];
  for (const share of shares) {
    const jump = await jumpTo(page, share);
    note(jump);
    const expected = Math.round(jump.share * (total - rowsShown + 1));
    const problem = await checkRows(numbersAt, jump, expected);
    if (problem) wrong.push(`at ${(share * 100).toFixed(0)} %: ${problem}`);
  }
  const animations: number[] = [];
  const keys: string[] = [];
  for (const key of ['End', 'Home', 'End'] as const) {
    const jump = await pressKey(page, key);
    note(jump);
    animations.push(jump.animation);
    const shownLast = jump.rows[jump.rows.length - 1]!.index;
    if (key === 'End' && shownLast !== total - 1) wrong.push(`End: last row shown is #${shownLast}, the register's last is #${total - 1}`);
    if (key === 'Home' && jump.rows[0]!.index !== 0) wrong.push(`Home: first row shown is #${jump.rows[0]!.index}`);
    const problem = await checkRows(numbersAt, jump, null);
    if (problem) wrong.push(`${key}: ${problem}`);
    keys.push(`${key} ${jump.ms.toFixed(0)} ms (${jump.api.length} calls since the key, rows in the page at ${jump.inDom.toFixed(0)} ms)`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `  ${`rows drawn after a jump (${times.length}, End/Home incl.)`.padEnd(40)} ${ms(median(times))} median, ${sorted[sorted.length - 1]!.toFixed(0)} ms max   target < 100 ms`,
  );
  console.log(
    `  ${`  of which ${callName} answers`.padEnd(40)} ${apiTimes.length ? `${median(apiTimes).toFixed(0)} ms median, ${Math.max(...apiTimes).toFixed(0)} ms max (${apiTimes.length} calls)` : 'none'}`,
  );
  console.log(`  ${'  End/Home: the browser scrolls for'.padEnd(40)} ${animations.map((a) => a.toFixed(0)).join(', ')} ms before the clock starts`);
  console.log(`  ${'  End, Home, End'.padEnd(40)} ${keys.join('; ')}`);
  if (sent.length)
    console.log(`  ${'  after the jump, median'.padEnd(40)} request sent at ${median(sent).toFixed(0)} ms, last answer in at ${median(answered).toFixed(0)} ms, rows in the page at ${median(inDom).toFixed(0)} ms, drawn at ${median(times).toFixed(0)} ms`);
  console.log(`  ${'rows shown are the register rows'.padEnd(40)} ${wrong.length ? `NO — ${wrong.length} wrong: ${wrong.slice(0, 4).join('; ')}` : `yes (${times.length} of ${times.length}, checked number by number)`}`);
}

async function heap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/**
 * `granska serve` takes the day's automatic backup 3 s after opening (each bench run has a new data
 * folder, so it is always due), and checks the copy with `PRAGMA integrity_check` on the backend's
 * one thread: at 1M findings every call waits for it. Jumps are measured after it, and what a person
 * opening the register at that moment meets is printed.
 */
async function dailyBackup(app: RunningApp, total: number): Promise<void> {
  const t0 = performance.now();
  let longest = 0;
  // A keep-alive connection the server closed while it was busy fails once (the http branch's
  // ECONNRESET); the next call opens a new one.
  const retried = async <T>(name: string, input: unknown): Promise<T> => {
    try {
      return await call<T>(app, name, input);
    } catch {
      return call<T>(app, name, input);
    }
  };
  for (;;) {
    let t = performance.now();
    const status = await retried<BackupStatus>('backup.status', {});
    longest = Math.max(longest, performance.now() - t);
    if (!status.automatic || status.backups.length || status.lastError || performance.now() - t0 > 600_000) break;
    t = performance.now();
    await retried<FindingRegisterPage>('findings.register', { offset: Math.floor(Math.random() * total), limit: 50 });
    longest = Math.max(longest, performance.now() - t);
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`  ${'the daily automatic backup, then jumps'.padEnd(40)} ${ms(performance.now() - t0)}   a call waited up to ${longest.toFixed(0)} ms meanwhile`);
}

async function register(): Promise<void> {
  console.log(`\nThe findings register in Chromium at ${SCALE.toLocaleString('en')} findings`);
  const t = performance.now();
  const app = await startApp(REUSE_DB ? { db: REUSE_DB, lang: 'en' } : { demo: true, demoScale: SCALE, lang: 'en' });
  if (!REUSE_DB) console.log(`  ${'seeded and served'.padEnd(40)} ${ms(performance.now() - t)}`);
  try {
    const { page } = app;
    page.setDefaultTimeout(60_000);
    await page.context().addInitScript(NAME_SHIM);
    let t0 = performance.now();
    await app.open('#/findings', 'en');
    await page.evaluate(installWatcher, { table: 'Findings', call: 'findings.register' });
    const opened = await page.evaluate(() => (window as unknown as { __watch(move: () => void, settle?: boolean): Promise<Jump> }).__watch(() => undefined));
    console.log(`  ${'register open, first rows drawn'.padEnd(40)} ${ms(performance.now() - t0)}   (from navigation, in Node)`);
    const total = (await call<FindingRegisterPage>(app, 'findings.register', { limit: 1 })).total;
    await dailyBackup(app, total);
    const rowsShown = opened.rows.length;
    const heapBefore = await heap(page);

    const numbersAt: NumbersAt = async (offset, limit) =>
      (await call<FindingRegisterPage>(app, 'findings.register', { offset, limit })).rows.map((r) => r.number);
    await jumps(page, 'findings.register', total, rowsShown, numbersAt);

    // The whole length, in big steps.
    let calls = 0;
    const count = (r: { url(): string }) => r.url().includes('/api/findings.register') && (calls += 1);
    page.on('request', count);
    t0 = performance.now();
    const sweep: number[] = [];
    for (let i = 0; i <= SWEEP_STEPS; i++) sweep.push((await jumpTo(page, i / SWEEP_STEPS)).ms);
    const swept = performance.now() - t0;
    page.off('request', count);
    const heapAfter = await heap(page);
    console.log(`  ${`sweep top to bottom in ${SWEEP_STEPS} steps`.padEnd(40)} ${ms(swept)}   ${median(sweep).toFixed(0)} ms a step (median), ${calls} register calls`);
    console.log(`  ${'page JS heap before → after the sweep'.padEnd(40)} ${mb(heapBefore)} → ${mb(heapAfter)} (after garbage collection)`);
  } finally {
    await app.stop();
  }
}

// ---- the corrective-action register at scale ---------------------------------------------------

/** Cases in the corrective-action register; GRANSKA_BENCH_CHROMIUM_CASES=100000 narrows a run. */
const CASE_SCALE = Number(process.env.GRANSKA_BENCH_CHROMIUM_CASES ?? 1_000_000);
/** An already seeded database of cases to reuse while iterating (left in place); else one is seeded. */
const REUSE_CASES_DB = process.env.GRANSKA_BENCH_CHROMIUM_CASES_DB;

/** The demo organisation and `n` generated cases in a new database file. */
async function seedCases(n: number): Promise<{ file: string; remove(): void }> {
  const { Backend } = await import('../../electron/backend/backend');
  const { loadDemoData, seedScaleCases } = await import('../../electron/backend/features/app');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-bench-cases-'));
  const file = path.join(dir, 'cases.sqlite');
  const backend = new Backend({ dataDir: dir, transport: 'http', version: 'bench' });
  backend.open(file);
  loadDemoData(backend.ctx());
  seedScaleCases(backend.ctx(), n);
  backend.database.pragma('wal_checkpoint(TRUNCATE)');
  backend.close();
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The corrective-action register's scrollbar dragged anywhere (`cases.page` at an offset), in the
 * register's own order, each jump checked row by row against `cases.page`.
 */
async function casesRegister(): Promise<void> {
  console.log(`\nThe corrective-action register in Chromium at ${CASE_SCALE.toLocaleString('en')} cases`);
  let t = performance.now();
  const seeded = REUSE_CASES_DB ? null : await seedCases(CASE_SCALE);
  if (seeded) console.log(`  ${'seeded'.padEnd(40)} ${ms(performance.now() - t)}`);
  const app = await startApp({ db: REUSE_CASES_DB ?? seeded!.file, lang: 'en' });
  try {
    const { page } = app;
    page.setDefaultTimeout(60_000);
    await page.context().addInitScript(NAME_SHIM);
    t = performance.now();
    await app.open('#/cases', 'en');
    await page.evaluate(installWatcher, { table: 'Corrective action register', call: 'cases.page' });
    const opened = await page.evaluate(() => (window as unknown as { __watch(move: () => void, settle?: boolean): Promise<Jump> }).__watch(() => undefined));
    console.log(`  ${'register open, first rows drawn'.padEnd(40)} ${ms(performance.now() - t)}   (from navigation, in Node)`);
    // the register's own order when it opens (casesStore's EMPTY_QUERY: next due first)
    const query = { sort: 'nextDue', descending: false };
    const total = (await call<CasePage>(app, 'cases.page', { query, limit: 1 })).total;
    await dailyBackup(app, 0);
    // The first jump in an order keeps a key every 200 cases (once per filter and order, until the data changes).
    t = performance.now();
    await call<CasePage>(app, 'cases.page', { query, offset: Math.floor(total / 2), limit: 50 });
    console.log(`  ${'first jump in this order (keys kept)'.padEnd(40)} ${ms(performance.now() - t)}   then every jump is a keyset page`);
    // The first cell shows the case number and, under it, its finding's.
    const numbersAt: NumbersAt = async (offset, limit) =>
      (await call<CasePage>(app, 'cases.page', { query, offset, limit })).rows.map((r) => `${r.number}${r.findingNumber ?? ''}`);
    await jumps(page, 'cases.page', total, opened.rows.length, numbersAt);
  } finally {
    await app.stop();
    seeded?.remove();
  }
}

/** Browser mode's first paint and the register at scale, in Chromium. */
export default async function bench(): Promise<void> {
  const reason = e2eUnavailableReason();
  if (reason && !reason.includes('not built')) {
    console.log(`  not measured: ${reason}`);
    return;
  }
  ensureRendererBuilt();
  if (process.env.GRANSKA_BENCH_CHROMIUM_ONLY !== 'register' && process.env.GRANSKA_BENCH_CHROMIUM_ONLY !== 'cases') await firstPaint();
  if (process.env.GRANSKA_BENCH_CHROMIUM_ONLY !== 'paint' && process.env.GRANSKA_BENCH_CHROMIUM_ONLY !== 'cases') await register();
  if (process.env.GRANSKA_BENCH_CHROMIUM_ONLY !== 'paint' && process.env.GRANSKA_BENCH_CHROMIUM_ONLY !== 'register') await casesRegister();
}
