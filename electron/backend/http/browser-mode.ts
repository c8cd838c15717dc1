import fs from 'node:fs';
import { Backend } from '../backend';
import { APP_VERSION, defaultDataDir, rendererDir } from '../paths';
import { startLoopbackServer, type LoopbackServer } from './server';

export interface BrowserModeOptions {
  db?: string;
  port?: number;
  dataDir?: string;
  token?: string;
  rendererDir?: string;
}

/** Opens the chosen (or remembered, or default) database and serves the app on loopback. */
export async function startBrowserMode(opts: BrowserModeOptions): Promise<{ backend: Backend; server: LoopbackServer }> {
  const backend = new Backend({ dataDir: opts.dataDir ?? defaultDataDir(), transport: 'http', version: APP_VERSION, automaticBackups: true });
  const remembered = backend.preferences.read().lastDatabase;
  const file = opts.db ?? (remembered && fs.existsSync(remembered) ? remembered : backend.defaultDatabasePath);
  // An encrypted database waits for its passphrase: the interface asks for it (the passphrase screen).
  backend.openOrWait(file, process.env.GRANSKA_DB_PASSPHRASE || null);
  const server = await startLoopbackServer(backend, {
    rendererDir: opts.rendererDir ?? rendererDir(),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.token !== undefined ? { token: opts.token } : {}),
  });
  return { backend, server };
}
