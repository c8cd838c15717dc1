import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/backend/backend';
import type { ChecklistEntry } from '../../../shared/domain/findings';
import { tempDir } from '../../helpers/tmp';
import { conductFixture } from './fixture';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TOKEN = 'kill-test-token-0123456789';

interface Writer {
  itemId: string;
  acked: { text: string; revision: number } | null;
  sent: string | null;
  count: number;
}

describe('killing the backend while an auditor types', () => {
  it('keeps every acknowledged autosave and leaves a database that passes integrity_check', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'kill.sqlite');
    const setup = new Backend({ dataDir: dir, transport: 'http', version: 'test' });
    setup.open(dbFile);
    const { items } = await conductFixture(setup);
    setup.close();

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/backend/conduct/autosave-server.ts'), dbFile, dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${err}`)), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /READY (\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    });

    const save = async (itemId: string, revision: number, evidence: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/checklist.update`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-granska-token': TOKEN },
        body: JSON.stringify({ id: itemId, revision, fields: { evidence } }),
      });
      const body = (await res.json()) as { ok: boolean; result?: ChecklistEntry };
      if (!body.ok || !body.result) throw new Error('save refused');
      return body.result;
    };

    // Three questions typed into at once, a word per save, as fast as the backend answers.
    const writers: Writer[] = items.slice(0, 3).map((i) => ({ itemId: i.id, acked: null, sent: null, count: 0 }));
    let killed = false;
    const typing = writers.map(async (w, k) => {
      let revision = (items[k] as ChecklistEntry).revision;
      let text = '';
      while (!killed) {
        text += `${text ? ' ' : ''}ord${w.count + 1}-fråga${k + 1}`;
        w.sent = text;
        try {
          const saved = await save(w.itemId, revision, text);
          revision = saved.revision;
          w.acked = { text: saved.evidence, revision: saved.revision };
          w.count += 1;
        } catch {
          return; // the connection died with the process
        }
      }
    });

    await new Promise((r) => setTimeout(r, 1500 + Math.random() * 300));
    killed = true;
    child.kill('SIGKILL');
    await Promise.all([exited, ...typing]);

    const acknowledged = writers.reduce((n, w) => n + w.count, 0);
    expect(acknowledged).toBeGreaterThan(30);

    const db = new Database(dbFile);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const w of writers) {
        const row = db.prepare('SELECT evidence, revision FROM checklist_items WHERE id = ?').get(w.itemId) as { evidence: string; revision: number };
        // Exactly the last acknowledged text, or the one in flight at the kill: never less.
        expect([w.acked?.text, w.sent]).toContain(row.evidence);
        expect(row.revision).toBeGreaterThanOrEqual(w.acked?.revision ?? 0);
      }
      const trailRows = db.prepare("SELECT count(*) FROM audit_trail WHERE entity = 'checklist_item'").pluck().get() as number;
      expect(trailRows).toBeGreaterThanOrEqual(acknowledged);
    } finally {
      db.close();
    }
    console.log(`[kill-while-writing] ${acknowledged} autosaves acknowledged before SIGKILL; all present, integrity_check ok`);
  });
});
