import type { Command } from 'commander';
import { startBrowserMode } from '../../backend/http/browser-mode';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run Granska as a local web app on 127.0.0.1 (browser mode) and print its address.')
    .option('--db <file>', 'database file to open (default: the last one used, or granska.sqlite in the data folder)')
    .option('--port <port>', 'port on 127.0.0.1 (default: a random free port)', (v) => Number.parseInt(v, 10))
    .option('--data-dir <dir>', 'folder for preferences and the default database')
    .option('--token <token>', 'use this access token instead of a random one (tests)')
    .action(async (opts: { db?: string; port?: number; dataDir?: string; token?: string }) => {
      const { server } = await startBrowserMode(opts);
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
