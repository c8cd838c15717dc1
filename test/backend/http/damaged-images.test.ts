import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../electron/backend/features/app/demo';
import { startLoopbackServer, type LoopbackServer } from '../../../electron/backend/http/server';
import type { Programme } from '../../../shared/domain/programme';
import { damagedPng } from '../images/photos';
import { PASSPHRASE, reportFixture, type ReportFixture } from '../reports/fixture';
import { tempDir, testBackend } from '../../helpers/tmp';
import { externalTool, run } from '../signing/helpers';

const pdftotext = externalTool('pdftotext', 'poppler-utils', true);

interface Answer {
  status: number;
  body: { ok: boolean; result?: Record<string, unknown>; error?: { code: string; params: Record<string, unknown> } };
}

/**
 * Issue 17: a damaged 68-byte PNG as a finding photo or as the logo used to kill the backend on
 * report preview, issue and the programme PDF. Here it sits in the database as an older version
 * could have stored it, and every call goes through the real loopback server.
 */
describe('a damaged image in the database, through the loopback server', () => {
  const backend = testBackend();
  let server: LoopbackServer;
  const token = 'token-for-damaged-images';
  let fx: ReportFixture;

  const api = (name: string, input: unknown = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const body = JSON.stringify(input);
      const req = http.request(
        {
          host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/${name}`,
          headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', 'x-granska-token': token },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const call = async <T,>(name: string, input: unknown = {}) => {
    const r = await api(name, input);
    if (!r.body.ok) throw new Error(`${name}: ${JSON.stringify(r.body.error)}`);
    return r.body.result as T;
  };
  const stillAnswering = async () => {
    const r = await api('units.list', {});
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
  };

  beforeAll(async () => {
    loadDemoData(backend.ctx());
    server = await startLoopbackServer(backend, { rendererDir: tempDir(), token });
    fx = await reportFixture(call, { findings: 3, photos: 1 });
    const now = new Date().toISOString();
    const bad = damagedPng();
    const db = backend.database;
    db.prepare("INSERT INTO blobs (sha256, data, size, mime, created_at) VALUES ('damaged-png', ?, ?, 'image/png', ?)").run(bad, bad.length, now);
    db.prepare("INSERT INTO attachments (id, sha256, owner_type, owner_id, file_name, created_at) VALUES ('damaged-att', 'damaged-png', 'finding', ?, 'trasig.png', ?)").run(
      fx.findings[0]!.id,
      now,
    );
    db.prepare("INSERT INTO settings (key, value) VALUES ('logoSha256', 'damaged-png') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
  });
  afterAll(() => server.close());

  it('previews the report with a placeholder for the photo and no logo', async () => {
    const preview = await call<{ base64: string; pages: number }>('reports.preview', { auditId: fx.audit.id, lang: 'en' });
    const pdf = Buffer.from(preview.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (!pdftotext.skip) {
      expect(pdftotext.path, 'pdftotext (poppler-utils) is required in CI').toBeTruthy();
      const file = path.join(tempDir(), 'preview.pdf');
      fs.writeFileSync(file, pdf);
      const text = run(pdftotext.path as string, [file, '-']).stdout.replace(/\s+/g, ' ');
      expect(text).toContain('Image could not be shown');
      expect(text).toContain('trasig.png');
    }
    await stillAnswering();
  });

  it('refuses the same file as a new photo or logo, with a reason', async () => {
    const bad = damagedPng().toString('base64');
    const photo = await api('attachments.add', { ownerType: 'finding', ownerId: fx.findings[1]!.id, fileName: 'trasig.png', contentBase64: bad });
    expect(photo.body.error).toEqual({ code: 'file_unreadable', params: { reason: 'image' } });
    const logo = await api('reports.setLogo', { fileName: 'logo.png', contentBase64: bad });
    expect(logo.body.error).toEqual({ code: 'file_unreadable', params: { reason: 'image' } });
    await stillAnswering();
  });

  it('issues and signs the report', async () => {
    const identity = await call<{ id: string }>('identities.create', {
      name: 'Karin Lindqvist', email: fx.lead.email, organisation: 'Sjöviks kommunkoncern', passphrase: PASSPHRASE, // the audit's lead signs
    });
    const audit = await call<{ revision: number }>('audits.get', { id: fx.audit.id });
    const issued = await call<{ revision: number; size: number }>('reports.issue', {
      auditId: fx.audit.id, revision: audit.revision, lang: 'sv', identityId: identity.id, passphrase: PASSPHRASE,
    });
    expect(issued.revision).toBe(1);
    await stillAnswering();
  });

  it('writes the programme PDF', async () => {
    const [programme] = await call<Programme[]>('programme.list');
    const file = await call<{ fileName: string; base64: string }>('reports.programmePdf', {
      programmeId: programme!.id, year: programme!.cycleStartYear + 1, lang: 'sv',
    });
    expect(Buffer.from(file.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    await stillAnswering();
  });
});
