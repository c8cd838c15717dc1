import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import v8 from 'node:v8';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../../electron/backend/backend';
import { loadDemoData, seedScale, SCALE_RARE_WORD } from '../../electron/backend/features/app';
import { startLoopbackServer } from '../../electron/backend/http/server';
import { API_PREFIX, TOKEN_HEADER } from '../../shared/security';
import type { WireEnvelope } from '../../shared/contract';
import { packResult, unpackResult, WIRE_HEADER, WIRE_TABLES, type WirePath } from '../../shared/contract/wire';
import type { FindingRegisterPage } from '../../shared/domain/findings';
import { median, timed, warm } from './timing';

/** Register sizes to measure; GRANSKA_BENCH_REGISTER_SCALES="10000,100000" narrows a run. */
const SCALES = (process.env.GRANSKA_BENCH_REGISTER_SCALES ?? '10000,100000,1000000').split(',').map(Number);
const RUNS = 31;
const PAGE = 200;

const ROW_COLUMNS = `f.id, f.number, f.audit_id, a.number AS audit_number, a.year, f.type, f.requirement_source, substr(f.statement, 1, 280) AS statement,
  f.unit_id, f.process_id, f.created_at, (SELECT group_concat(fc.clause_number, ' ') FROM finding_clauses fc WHERE fc.finding_id = f.id) AS clauses,
  (CASE WHEN f.type IN ('major_nc','minor_nc') THEN (CASE WHEN EXISTS (SELECT 1 FROM cases c WHERE c.finding_id = f.id AND c.status = 'closed') THEN 'closed' ELSE 'open' END) ELSE 'n/a' END) AS status`;
const ORDER = 'ORDER BY a.year DESC, a.number DESC, f.seq';

function line(label: string, ms: number, rawMs: number | null, target: string): void {
  const ratio = rawMs === null ? '' : `  ${(ms / rawMs).toFixed(2)}× raw (${rawMs.toFixed(2)} ms)`;
  console.log(`  ${label.padEnd(34)} ${ms.toFixed(2).padStart(9)} ms${ratio}   target ${target}`);
}

async function benchScale(findings: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-bench-register-'));
  const file = path.join(dir, 'granska.sqlite');
  try {
    const backend = new Backend({ dataDir: dir, transport: 'http', version: 'bench' });
    backend.open(file);
    const seedMs = await timed(() => {
      loadDemoData(backend.ctx());
      seedScale(backend.ctx(), findings);
    });
    backend.database.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`\n${findings.toLocaleString('en')} findings (seeded in ${(seedMs / 1000).toFixed(1)} s, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`);
    const raw = new Database(file, { readonly: true });
    const call = (q: object) => backend.call('findings.register', q) as Promise<FindingRegisterPage>;

    // The count, once per filter and kept until the data changes: what the first look costs (the
    // router is loaded first, by another call, as it is long before anyone opens the register).
    await backend.call('programme.list', {});
    const coldCount = await timed(() => call({ limit: PAGE }));
    const first = await warm(() => call({ limit: PAGE }), RUNS);
    const rawFirst = await warm(() => raw.prepare(`SELECT ${ROW_COLUMNS} FROM audits a CROSS JOIN findings f ON f.audit_id = a.id ${ORDER} LIMIT ${PAGE}`).all(), RUNS);

    // Deep: 90 % of the way down, and the raw query as an ideal keyset seek from the row before it.
    const total = (await call({ limit: 1 })).total;
    const deepOffset = Math.floor(total * 0.9);
    const before = (await call({ offset: deepOffset - 1, limit: 1 })).rows[0]!;
    const seq = Number(before.number.slice(before.number.lastIndexOf('-') + 1));
    const deep = await warm(() => call({ offset: deepOffset, limit: PAGE }), RUNS);
    const rawDeep = await warm(() =>
      raw
        .prepare(
          `SELECT ${ROW_COLUMNS} FROM audits a CROSS JOIN findings f ON f.audit_id = a.id
           WHERE a.year <= ? AND (a.year < ? OR (a.year = ? AND (a.number < ? OR (a.number = ? AND f.seq > ?)))) ${ORDER} LIMIT ${PAGE}`,
        )
        .all(before.year, before.year, before.year, before.auditNumber, before.auditNumber, seq),
      RUNS,
    );
    // Jumps anywhere, as the scrollbar does: different pages every time.
    const jumps: number[] = [];
    for (let i = 0; i < RUNS; i++) jumps.push(await timed(() => call({ offset: Math.floor(((i * 7919) % 1000) / 1000 * total), limit: PAGE })));

    // Search: a typed search is a new filter, so its first answer (with the count) is what a person waits for.
    const fts = `"${SCALE_RARE_WORD}"*`;
    const rawSearch = (extra: string, params: unknown[]) => () => {
      const where = `WHERE f.rowid IN (SELECT rowid FROM findings_fts WHERE findings_fts MATCH ?) ${extra}`;
      raw.prepare(`SELECT count(*) FROM findings f JOIN audits a ON a.id = f.audit_id ${where}`).get(...params);
      return raw.prepare(`SELECT ${ROW_COLUMNS} FROM findings f JOIN audits a ON a.id = f.audit_id ${where} ${ORDER} LIMIT ${PAGE}`).all(...params);
    };
    const rare = await timed(() => call({ search: SCALE_RARE_WORD, limit: PAGE }));
    const rareRaw = await warm(rawSearch('', [fts]), RUNS);
    const filters = { search: 'kalibrering', types: ['major_nc', 'minor_nc'], year: 2015, clause: '8.5' };
    // Each year a new filter, so each answer is counted afresh: the median of seven first looks.
    const newSearches: number[] = [];
    for (const year of [2012, 2013, 2014, 2016, 2017, 2018, 2015]) newSearches.push(await timed(() => call({ ...filters, year, limit: PAGE })));
    const filtered = median(newSearches);
    const filteredRaw = await warm(
      rawSearch(
        `AND f.type IN ('major_nc','minor_nc') AND a.year = 2015 AND f.id IN (SELECT finding_id FROM finding_clauses WHERE clause_number = '8.5' OR (clause_number > '8.5.' AND clause_number < '8.5/'))`,
        ['"kalibrering"*'],
      ),
      RUNS,
    );
    const filteredWarm = await warm(() => call({ ...filters, limit: PAGE }), RUNS);

    // The same warm page through the loopback HTTP server the browser mode and the renderer use.
    const rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(rendererDir);
    const server = await startLoopbackServer(backend, { rendererDir });
    // A keep-alive client, as a browser keeps its connection to the server open between requests,
    // asking for tables as the renderer's client does and reading the answer as it does: the whole
    // body as text, JSON.parse, the tables back into records.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const body = JSON.stringify({ offset: deepOffset, limit: PAGE });
    let wireBytes = 0;
    const viaHttp = () =>
      new Promise<unknown>((resolve, reject) => {
        const req = http.request(
          new URL(`${API_PREFIX}findings.register`, server.url),
          {
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), [TOKEN_HEADER]: server.token, [WIRE_HEADER]: WIRE_TABLES },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const data = Buffer.concat(chunks);
              wireBytes = data.length;
              const envelope = JSON.parse(data.toString('utf8')) as WireEnvelope;
              resolve(envelope.ok ? { ok: true, result: unpackResult(envelope.result, envelope.tables) } : envelope);
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const direct = () => call({ offset: deepOffset, limit: PAGE });
    // The real page, row for row as the direct call answers it.
    const answer = (await viaHttp()) as { ok: boolean; result?: FindingRegisterPage };
    const expected = await direct();
    if (!answer.ok || answer.result?.rows.length !== Math.min(PAGE, total - deepOffset) || !isDeepStrictEqual(answer.result, expected)) {
      throw new Error(`the HTTP call did not answer the page: ${JSON.stringify(answer).slice(0, 200)}`);
    }
    const added: number[] = [];
    const httpTimes: number[] = [];
    // Which goes first alternates: whatever one leaves behind (a socket's bookkeeping, garbage) is
    // paid by the other equally often.
    for (let i = 0; i < RUNS * 3; i++) {
      let d: number;
      let h: number;
      if (i % 2) {
        d = await timed(direct);
        h = await timed(viaHttp);
      } else {
        h = await timed(viaHttp);
        d = await timed(direct);
      }
      httpTimes.push(h);
      added.push(h - d);
    }
    const httpMs = median(httpTimes);
    agent.destroy();
    await server.close();
    // What the desktop app's IPC adds to the same page, without Electron: the envelope's structured
    // clone (v8's serializer, as IPC uses) with the records as they are, as IPC sends them; beside it
    // the same page as tables (packed, cloned, unpacked), which IPC does not use because it gains nothing.
    const ipcTables = () => {
      const packed = packResult(expected);
      const crossed = v8.deserialize(v8.serialize({ ok: true, result: packed.result, tables: packed.tables })) as { result: unknown; tables: WirePath[] };
      return unpackResult(crossed.result, crossed.tables);
    };
    const ipcRecords = () => (v8.deserialize(v8.serialize({ ok: true, result: expected })) as { result: unknown }).result;
    if (!isDeepStrictEqual(ipcTables(), expected)) throw new Error('the IPC round trip did not give back the page');
    const ipcMs = await warm(ipcTables, RUNS * 3);
    const ipcRecordsMs = await warm(ipcRecords, RUNS * 3);
    const recordBytes = Buffer.byteLength(JSON.stringify({ ok: true, result: expected }));

    line('count (first look at a filter)', coldCount, null, 'cached after');
    line('register first page', first, rawFirst, '< 5 ms, ≤ 1.5×');
    line(`deep page (row ${deepOffset.toLocaleString('en')})`, deep, rawDeep, '< 5 ms, ≤ 1.5×');
    line('random jumps (median)', median(jumps), rawDeep, '< 5 ms');
    line('FTS rare word (new search)', rare, rareRaw, '< 20 ms');
    line('FTS + filters (new search, median)', filtered, filteredRaw, '< 50 ms');
    line('FTS + filters (next page, cached)', filteredWarm, filteredRaw, '< 50 ms');
    console.log(`  ${'HTTP round trip, deep page'.padEnd(34)} ${httpMs.toFixed(2).padStart(9)} ms  adds ${median(added).toFixed(2)} ms to the direct call (${(httpMs / (httpMs - median(added))).toFixed(2)}×)   target adds < 2 ms`);
    console.log(`  ${'  the page on the wire'.padEnd(34)} ${(wireBytes / 1000).toFixed(1).padStart(9)} kB as tables (${(recordBytes / 1000).toFixed(1)} kB as records)`);
    console.log(`  ${'IPC-like clone of the page'.padEnd(34)} ${ipcRecordsMs.toFixed(2).padStart(9)} ms as records (${ipcMs.toFixed(2)} ms as tables; v8 serialize + deserialize)`);
    // The overview's calls (renderer/src/features/app/useReadiness.ts), each timed once, as the page does on opening.
    const programmes = (await backend.call('programme.list', {})) as { id: string }[];
    const overview: [string, () => Promise<unknown>][] = [
      ['overview: audits.list (all audits, before)', () => backend.call('audits.list', {})],
      ['overview: audits.list (this year + ahead)', () => backend.call('audits.list', { current: { year: new Date().getFullYear(), from: new Date().toISOString().slice(0, 10) } })],
      ['overview: cases.summary', () => backend.call('cases.summary', {})],
      ['overview: findings per type, this year', () => Promise.all(['major_nc', 'minor_nc', 'observation', 'ofi', 'strength'].map((t) => call({ types: [t], year: new Date().getFullYear(), limit: 1 })))],
      ['overview: coverage.get', () => backend.call('coverage.get', { programmeId: programmes[0]?.id, year: null })],
    ];
    const overviewTimes: [string, number][] = [];
    for (const [label, run] of overview) overviewTimes.push([label, await timed(run)]);

    for (const [label, ms] of overviewTimes) console.log(`  ${label.padEnd(40)} ${ms.toFixed(2).padStart(9)} ms`);
    raw.close();
    backend.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The findings register at 10 000, 100 000 and 1 000 000 findings: every figure as milliseconds
 * and as a ratio against the same question asked of better-sqlite3 directly in the same run.
 */
export default async function bench(): Promise<void> {
  for (const n of SCALES) await benchScale(n);
}
