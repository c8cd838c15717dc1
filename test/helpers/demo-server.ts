import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../../electron/backend/backend';
import { loadDemoData } from '../../electron/backend/features/app';
import { startLoopbackServer, type LoopbackServer } from '../../electron/backend/http/server';

/**
 * The demo behind the loopback server, as browser mode serves it, and an open case to attach
 * files to: what the attachment route tests send their uploads to.
 */
export async function startDemoServer(backend: Backend, rendererDir: string, token: string): Promise<{ server: LoopbackServer; caseId: string }> {
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Granska</title>');
  loadDemoData(backend.ctx());
  const caseId = backend.database.prepare("SELECT id FROM cases WHERE status <> 'closed' LIMIT 1").pluck().get() as string;
  const server = await startLoopbackServer(backend, { rendererDir, token });
  return { server, caseId };
}
