// Child process for the kill-while-writing test: the real backend behind the real loopback HTTP
// transport (what `granska serve` runs), on the database given, with a fixed token.
import { Backend } from '../../../electron/backend/backend';
import { startLoopbackServer } from '../../../electron/backend/http/server';

void (async () => {
  const [dbFile, dataDir] = process.argv.slice(2);
  if (!dbFile || !dataDir) throw new Error('usage: autosave-server DB DATA_DIR');
  const backend = new Backend({ dataDir, transport: 'http', version: 'test' });
  backend.open(dbFile);
  const server = await startLoopbackServer(backend, { rendererDir: dataDir, token: 'kill-test-token-0123456789' });
  process.stdout.write(`READY ${server.port}\n`);
})();
