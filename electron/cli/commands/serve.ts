import { InvalidArgumentError, type Command } from 'commander';
import { AppError } from '../../../shared/errors';
import type { BrowserModeOptions } from '../../backend/http/browser-mode';
import { MIN_TOKEN_LENGTH } from '../../../shared/security';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError('a port is a whole number from 1 to 65535.');
  return port;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .summary('run Granska in a web browser on 127.0.0.1')
    .description('Run Granska as a local web app on 127.0.0.1 (browser mode) and print its address.')
    .option('--db <file>', 'database file to open (default: the last one used, or granska.sqlite in the data folder)')
    .option('--port <port>', 'port on 127.0.0.1 (default: a random free port)', parsePort)
    .option('--data-dir <dir>', 'folder for preferences and the default database')
    .option('--token <token>', 'use this access token instead of a random one (tests)')
    .action(async (opts: Pick<BrowserModeOptions, 'db' | 'port' | 'dataDir' | 'token'>) => {
      // Refused before any database is opened: an empty or short token would open the data to any local program.
      if (opts.token !== undefined && opts.token.length < MIN_TOKEN_LENGTH) {
        throw new AppError('invalid_input', { reason: 'token_too_short', min: MIN_TOKEN_LENGTH });
      }
      const { startBrowserMode } = await import('../../backend/http/browser-mode');
      const { backend, server } = await startBrowserMode(opts);
      const { warnIfUnsafePlace } = await import('../unsafe-warning');
      if (backend.databasePath) warnIfUnsafePlace(backend.databasePath);
      process.stdout.write(`Granska is running in browser mode. Open: ${server.launchUrl}\n`);
      process.stdout.write('Press Ctrl+C to stop.\n');
      await new Promise<void>((resolve) => {
        const stop = () => {
          void server.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
