import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Backend } from '../../electron/backend/backend';
import { loadDemoData, seedScaleCases } from '../../electron/backend/features/app';
import { API_PREFIX, ATTACHMENT_FILES_PREFIX, TOKEN_HEADER } from '../../shared/security';
import { median } from './timing';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli/granska.cjs');
const TOKEN = 'bench-token-0123456789abcdef';
/** Sizes for the cases register; GRANSKA_BENCH_CASE_SCALES="10000" narrows a run. */
const CASE_SCALES = (process.env.GRANSKA_BENCH_CASE_SCALES ?? '10000,100000,1000000').split(',').filter(Boolean).map(Number);
/** The database `granska serve` opens and the register scrolled through over HTTP. */
const SERVE_SCALE = Number(process.env.GRANSKA_BENCH_SERVE_SCALE ?? 1_000_000);
const RUNS = 31;
const PAGE = 200;

const ms = (x: number) => `${x.toFixed(2).padStart(9)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0).padStart(6)} MB`;

/**
 * Interleaved with its raw counterpart, so both see the same machine load: medians and their ratio.
 * `arrays`, when given, is the raw statement reading its rows as arrays, the least better-sqlite3 can do.
 */
function paired(ours: () => unknown, raw: () => unknown, arrays?: () => unknown): { ours: number; raw: number; arrays?: number } {
  ours();
  raw();
  arrays?.();
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    ours();
    a.push(performance.now() - t);
    t = performance.now();
    raw();
    b.push(performance.now() - t);
    if (!arrays) continue;
    t = performance.now();
    arrays();
    c.push(performance.now() - t);
  }
  return { ours: median(a), raw: median(b), ...(arrays ? { arrays: median(c) } : {}) };
}

function line(label: string, r: { ours: number; raw: number; arrays?: number }, target: string): void {
  const arrays = r.arrays === undefined ? '' : `, ${(r.ours / r.arrays).toFixed(2)}× raw arrays (${r.arrays.toFixed(2)} ms)`;
  console.log(`  ${label.padEnd(36)} ${ms(r.ours)}  ${(r.ours / r.raw).toFixed(2)}× raw (${r.raw.toFixed(2)} ms)${arrays}   target ${target}`);
}

/** The corrective-action register at `n` cases, each page against the same keyset page asked of SQLite directly. */
async function casesAt(n: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-bench-cases-'));
  try {
    const backend = new Backend({ dataDir: dir, transport: 'http', version: 'bench' });
    const file = path.join(dir, 'granska.sqlite');
    backend.open(file);
    loadDemoData(backend.ctx());
    const t = performance.now();
    seedScaleCases(backend.ctx(), n);
    console.log(`\n${n.toLocaleString('en')} cases (seeded in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
    const { casePage, caseSummary } = await import('../../electron/backend/features/cases/register');
    const raw = new Database(file, { readonly: true });
    const ctx = backend.ctx();
    const q = (extra: object) => ({ query: { search: '', statuses: [], unitId: null, processId: null, source: null, clause: null, ownerId: null, due: 'all' as const, auditId: null, sort: 'nextDue' as const, descending: false, ...extra }, after: null, limit: PAGE });
    // The raw pages: the same rows and the same columns a register row shows (the case, its finding
    // and audit numbers, each action's owner and whether it is done, its clauses, the next due date),
    // each in one statement, as someone would write it directly on better-sqlite3: rows as objects,
    // the register entry's kept actions and clauses (migration 020) rather than a subquery per row.
    const shown = `SELECT c.id, c.number, c.title, c.source, c.severity, c.status, c.unit_id, c.process_id, c.owner_person_id, c.finding_id,
         f.number AS finding_number, r.audit_id, a.number AS audit_number, c.detected_on, c.due_date, c.closed_on, c.revision, r.due_rank, r.due_key,
         r.actions, r.clauses
       FROM case_register r JOIN cases c ON c.rowid = r.rid LEFT JOIN findings f ON f.id = c.finding_id LEFT JOIN audits a ON a.id = r.audit_id`;
    // Each raw statement also reading its rows as arrays, as Granska's pages do (it makes its own items from them).
    const twin = (sql: string) => ({ objects: raw.prepare(sql), arrays: raw.prepare(sql).raw(true) });
    const rawPage = twin(`${shown} WHERE (r.due_rank, r.due_key, r.number) > (?, ?, ?) ORDER BY r.due_rank, r.due_key, r.number LIMIT ${PAGE}`);
    const coldStart = performance.now();
    const first = casePage(ctx, q({}));
    const cold = performance.now() - coldStart;
    line('first page', paired(() => casePage(ctx, q({})), () => rawPage.objects.all(-1, '', ''), () => rawPage.arrays.all(-1, '', '')), '≤ 1.5×, < 5 ms');
    // Deep: the page after a key 90 % of the way down.
    const keyAt = raw.prepare('SELECT due_rank, due_key, number FROM case_register ORDER BY due_rank, due_key, number LIMIT 1 OFFSET ?').raw().get(Math.floor(first.total * 0.9)) as [number, string, string];
    const after = JSON.stringify(keyAt);
    line('deep page (keyset, 90 %)', paired(() => casePage(ctx, { ...q({}), after }), () => rawPage.objects.all(...keyAt), () => rawPage.arrays.all(...keyAt)), '≤ 1.5×, < 5 ms');
    const overdue = twin(`${shown} WHERE r.due_rank = 0 AND r.due_key < ? AND r.unit_id = ? ORDER BY r.due_rank, r.due_key, r.number LIMIT ${PAGE}`);
    // The unit with most cases, and with no units below it (the filter includes those), so both sides ask the same.
    const unit = raw
      .prepare('SELECT unit_id FROM case_register WHERE unit_id NOT IN (SELECT parent_id FROM units WHERE parent_id IS NOT NULL) GROUP BY unit_id ORDER BY count(*) DESC LIMIT 1')
      .pluck()
      .get() as string;
    const day = new Date().toISOString().slice(0, 10);
    line('overdue in one unit (filtered)', paired(() => casePage(ctx, q({ due: 'overdue', unitId: unit })), () => overdue.objects.all(day, unit), () => overdue.arrays.all(day, unit)), '≤ 1.5×, < 5 ms');
    const search = twin(`${shown} WHERE r.rid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH '"ögondroppar"') ORDER BY r.due_rank, r.due_key, r.number LIMIT ${PAGE}`);
    line('search, rare word', paired(() => casePage(ctx, q({ search: 'ögondroppar' })), () => search.objects.all(), () => search.arrays.all()), '≤ 1.5×, < 5 ms');
    line('by owner name (Swedish order)', paired(() => casePage(ctx, q({ sort: 'owner' })), () => rawPage.objects.all(-1, '', '')), 'vs the default order');
    console.log(`  ${'count, first look at the register'.padEnd(36)} ${ms(cold)}   (then cached per filter)`);
    const summary = paired(() => caseSummary(ctx), () => raw.prepare('SELECT unit_id, status_rank, count(*) FROM case_register GROUP BY unit_id, status_rank').all());
    console.log(`  ${'cases.summary (cached after first)'.padEnd(36)} ${ms(summary.ours)}`);
    raw.close();
    backend.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function procStatus(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${key}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Starts `granska serve` on `db` and resolves with the child and how long it took to print its address. */
function serve(db: string, dataDir: string): Promise<{ child: ChildProcess; readyMs: number; url: string }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--data-dir', dataDir, '--token', TOKEN], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ child, readyMs: performance.now() - t, url: m[1]! });
    });
    child.stderr!.on('data', (c: Buffer) => process.stderr.write(c));
    child.once('exit', (code) => reject(new Error(`granska serve exited with ${code}: ${out}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const post = (url: string, name: string, body: unknown) =>
  fetch(`${url}${API_PREFIX}${name}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN }, body: JSON.stringify(body) }).then(
    (r) => r.json() as Promise<{ ok: boolean; result: unknown }>,
  );

/** `granska demo --scale`, `granska serve` ready time, and the server's memory after scrolling the whole register. */
async function serveAtScale(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-bench-serve-'));
  const db = path.join(dir, 'big.sqlite');
  try {
    console.log(`\ngranska serve on ${SERVE_SCALE.toLocaleString('en')} findings`);
    let t = performance.now();
    await new Promise<void>((resolve, reject) => {
      const c = spawn(process.execPath, [CLI, 'demo', '--db', db, '--scale', String(SERVE_SCALE)], { stdio: ['ignore', 'ignore', 'inherit'] });
      c.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`granska demo exited with ${code}`))));
    });
    console.log(`  ${'granska demo --scale (seed)'.padEnd(36)} ${ms(performance.now() - t)}   target < 60 s (${mb(fs.statSync(db).size)})`);
    // A blank start of the same program (its --help) is the baseline the ready time compares to.
    t = performance.now();
    await new Promise((r) => spawn(process.execPath, [CLI, '--help'], { stdio: 'ignore' }).once('exit', r));
    const blank = performance.now() - t;
    const { child, readyMs, url } = await serve(db, dir);
    console.log(`  ${'serve ready (address printed)'.padEnd(36)} ${ms(readyMs)}  ${(readyMs / blank).toFixed(2)}× a bare CLI start (${blank.toFixed(0)} ms)   target < 1000 ms`);
    try {
      t = performance.now();
      const firstPage = (await post(url, 'findings.register', { limit: PAGE })) as { result: { total: number } };
      console.log(`  ${'first register page over HTTP'.padEnd(36)} ${ms(performance.now() - t)}   (count included)`);
      const total = firstPage.result.total;
      const rssBefore = procStatus(child.pid!, 'VmRSS');
      t = performance.now();
      let peak = rssBefore;
      for (let offset = 0; offset < total; offset += PAGE) {
        // No retry: a connection the server cuts is a failure a browser would show. (The reset once
        // seen here was the server's keep-alive timer firing after the automatic backup's integrity
        // check had held its event loop, before it read the request already waiting; see server.ts.)
        await post(url, 'findings.register', { offset, limit: PAGE }).catch((err: unknown) => {
          throw new Error(`page at ${offset} failed (server ${child.exitCode === null ? 'running' : `exited ${child.exitCode}`}): ${String((err as { cause?: unknown }).cause ?? err)}`);
        });
        if (offset % (PAGE * 500) === 0) peak = Math.max(peak, procStatus(child.pid!, 'VmRSS'));
      }
      const scrolled = performance.now() - t;
      const rssAfter = procStatus(child.pid!, 'VmRSS');
      console.log(
        `  ${'scroll the whole register (HTTP)'.padEnd(36)} ${ms(scrolled)}   ${Math.ceil(total / PAGE).toLocaleString('en')} pages, ${(scrolled / Math.ceil(total / PAGE)).toFixed(2)} ms a page`,
      );
      console.log(`  ${'server RSS before → after scrolling'.padEnd(36)} ${mb(rssBefore)} → ${mb(rssAfter)} (peak sampled ${mb(peak)}, high-water ${mb(procStatus(child.pid!, 'VmHWM'))})   target < 300 MB`);
    } finally {
      await stop(child);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Preloaded into the attachment bench's server: peaks of heap, external and array-buffer memory. */
const MEMORY_PROBE = path.join(__dirname, 'memory-probe.mjs');

interface MemoryFigures { rss: number; heapUsed: number; external: number; arrayBuffers: number }

/** `granska serve` with the memory probe preloaded; its figures are asked for with SIGUSR2. */
function serveProbed(db: string, dataDir: string, probeFile: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', MEMORY_PROBE, CLI, 'serve', '--db', db, '--data-dir', dataDir, '--token', TOKEN], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GRANSKA_MEMORY_PROBE: probeFile },
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr!.on('data', (c: Buffer) => process.stderr.write(c));
    child.once('exit', (code) => reject(new Error(`granska serve exited with ${code}: ${out}`)));
  });
}

/**
 * Peak growth while `work` runs, in the server: RSS from the kernel's high-water mark (exact, synchronous
 * stretches included) and the heap figures the probe sampled (JS heap, memory outside it such as
 * Buffers, and of that the array buffers).
 */
async function peakGrowth(pid: number, probeFile: string, work: () => Promise<void>): Promise<MemoryFigures> {
  const ask = async (): Promise<{ base: MemoryFigures; peak: MemoryFigures }> => {
    fs.rmSync(probeFile, { force: true });
    process.kill(pid, 'SIGUSR2');
    for (let i = 0; i < 500 && !fs.existsSync(probeFile); i++) await new Promise((r) => setTimeout(r, 10));
    return JSON.parse(fs.readFileSync(probeFile, 'utf8')) as { base: MemoryFigures; peak: MemoryFigures };
  };
  await ask(); // starts the probe's peaks afresh
  const rss = procStatus(pid, 'VmRSS');
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
  await work();
  const hwm = procStatus(pid, 'VmHWM');
  const { base, peak } = await ask();
  return { rss: hwm - rss, heapUsed: peak.heapUsed - base.heapUsed, external: peak.external - base.external, arrayBuffers: peak.arrayBuffers - base.arrayBuffers };
}

const growth = (m: MemoryFigures) =>
  `RSS +${mb(m.rss)}  heap +${mb(m.heapUsed)}  external +${mb(m.external)} (array buffers +${mb(m.arrayBuffers)})`;

/** A camera-sized JPEG of about `bytes`: noise at quality 100 barely compresses, as a detailed photo at full quality. */
async function largePhoto(bytes: number): Promise<Buffer> {
  const sharp = (await import('sharp')).default;
  const pixels = Math.round(bytes / 2.9);
  const width = Math.round(Math.sqrt(pixels * (4 / 3)));
  const height = Math.round(pixels / width);
  const noise = (await import('node:crypto')).randomBytes(width * height * 3);
  return sharp(noise, { raw: { width, height, channels: 3 } }).jpeg({ quality: 100, chromaSubsampling: '4:4:4' }).toBuffer();
}

/**
 * A 25 MB attachment up and down through a running `granska serve`: the server's peak memory growth
 * for a text file and a photo over the streamed file route, and the text as base64 in a JSON call.
 */
async function attachmentMemory(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-bench-files-'));
  const db = path.join(dir, 'demo.sqlite');
  const probeFile = path.join(dir, 'memory.json');
  try {
    await new Promise<void>((resolve, reject) => {
      const c = spawn(process.execPath, [CLI, 'demo', '--db', db], { stdio: ['ignore', 'ignore', 'inherit'] });
      c.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`granska demo exited with ${code}`))));
    });
    const probe = new Database(db, { readonly: true });
    const caseId = probe.prepare("SELECT id FROM cases WHERE status <> 'closed' LIMIT 1").pluck().get() as string;
    probe.close();
    const text = Buffer.from('Avvikelse noterad vid egenkontroll av läkemedelsförråd.\n'.repeat(440_000)).subarray(0, 25 * 1024 * 1024 - 1);
    let photo = await largePhoto(24 * 1024 * 1024);
    if (photo.length > 25 * 1024 * 1024) photo = await largePhoto(22 * 1024 * 1024);
    const load = os.loadavg().map((x) => x.toFixed(2)).join(', ');
    console.log(`\nA 25 MB attachment through granska serve: the server's peak memory growth, after one small upload (load average ${load})`);
    const ways = [
      { label: `text ${(text.length / 1048576).toFixed(1)} MB, streamed`, file: text, name: 'stor.txt', streamed: true },
      { label: `photo ${(photo.length / 1048576).toFixed(1)} MB, streamed`, file: photo, name: 'stor.jpg', streamed: true },
      { label: `text ${(text.length / 1048576).toFixed(1)} MB, base64 JSON`, file: text, name: 'stor.txt', streamed: false },
    ];
    for (const way of ways) {
      const { child, url } = await serveProbed(db, dir, probeFile);
      try {
        const pid = child.pid!;
        // One small file of the same kind first: loading file-type and libvips happens once per
        // process and is not what a 25 MB upload costs.
        const small = way.name.endsWith('.jpg') ? await (await import('sharp')).default({ create: { width: 64, height: 48, channels: 3, background: '#4a6' } }).jpeg().toBuffer() : Buffer.from('Liten fil.\n');
        const warm = new URLSearchParams({ ownerType: 'case', ownerId: caseId, fileName: way.name });
        await (await fetch(`${url}${ATTACHMENT_FILES_PREFIX}?${warm.toString()}`, { method: 'POST', headers: { [TOKEN_HEADER]: TOKEN }, body: new Uint8Array(small) })).json();
        let id = '';
        const up = await peakGrowth(pid, probeFile, async () => {
          if (way.streamed) {
            const q = new URLSearchParams({ ownerType: 'case', ownerId: caseId, fileName: way.name });
            const r = (await (await fetch(`${url}${ATTACHMENT_FILES_PREFIX}?${q.toString()}`, { method: 'POST', headers: { [TOKEN_HEADER]: TOKEN }, body: new Uint8Array(way.file) })).json()) as { ok: boolean; result: { id: string }; error?: unknown };
            if (!r.ok) throw new Error(`upload refused: ${JSON.stringify(r.error)}`);
            id = r.result.id;
          } else {
            const r = (await post(url, 'attachments.add', { ownerType: 'case', ownerId: caseId, fileName: way.name, contentBase64: way.file.toString('base64') })) as { result: { id: string } };
            id = r.result.id;
          }
        });
        let bytes = 0;
        const down = await peakGrowth(pid, probeFile, async () => {
          if (way.streamed) bytes = (await (await fetch(`${url}${ATTACHMENT_FILES_PREFIX}${id}`, { headers: { [TOKEN_HEADER]: TOKEN } })).arrayBuffer()).byteLength;
          else bytes = Buffer.from(((await post(url, 'attachments.content', { id })) as { result: { base64: string } }).result.base64, 'base64').length;
        });
        // A photo is stored cleaned (re-encoded without metadata), so only the text comes back byte for byte.
        if (way.name.endsWith('.txt') && bytes !== way.file.length) throw new Error(`downloaded ${bytes} bytes, not ${way.file.length}`);
        console.log(`  ${way.label.padEnd(28)} upload   ${growth(up)}   target < 100 MB`);
        console.log(`  ${''.padEnd(28)} download ${growth(down)}   target < 100 MB`);
      } finally {
        await stop(child);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Cases register pages, `granska serve` at a million findings, and attachment memory. */
export default async function bench(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli/granska.cjs is missing: npm run bench builds it first');
  for (const n of CASE_SCALES) await casesAt(n);
  if (process.env.GRANSKA_BENCH_SKIP_FILES !== '1') await attachmentMemory();
  await serveAtScale();
}
