import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ServerRunOptions, UserAddOptions } from '../run/server';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError('a port is a whole number from 1 to 65535.');
  return port;
}

// The connection string may hold a password: it can come from the environment instead of the process list.
// Commander checks a parent's mandatory options for its subcommands too, so the server's own --pg is checked when it runs.
const pgOption = (mandatory = true) => {
  const option = new Option('--pg <url>', 'PostgreSQL connection string, postgres://user@host:port/database (or set GRANSKA_PG)').env('GRANSKA_PG');
  return mandatory ? option.makeOptionMandatory() : option;
};

/**
 * `granska server`: the team server that laptops synchronise with, storing the group's changes in
 * PostgreSQL, and its account administration. Loads `pg` only when one of these runs.
 */
export function registerServer(program: Command): void {
  // Otherwise the program hands `server user add --pg …` to `server`, whose own --pg would take it.
  program.enablePositionalOptions();
  const server = program
    .command('server')
    .summary('run the team server that laptops synchronise with')
    .description('Run the team server: sync endpoints only, JSON over HTTP(S), data in PostgreSQL. Migrates its schema at start.')
    // `server user add --pg …` is the subcommand's --pg, not the server's
    .enablePositionalOptions()
    .addOption(pgOption(false))
    .option('--port <port>', 'port to listen on', parsePort, 8787)
    .option('--host <address>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--tls-cert <file>', 'PEM certificate chain: serve HTTPS directly instead of behind a reverse proxy')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .action(async (opts: ServerRunOptions) => {
      const { runServer } = await import('../run/server');
      await runServer(opts);
    });

  const user = server.command('user').summary('team server accounts').description('Accounts on the team server.');
  user
    .command('add')
    .summary('add a user, or change an existing one (role, person, password)')
    .description('Add a user to the team server, or replace the role, person and password of one with the same name.')
    .addOption(pgOption())
    .requiredOption('--name <name>', 'the sign-in name')
    .addOption(new Option('--role <role>', 'coordinator: sees everything; auditor: organisation data and the audits whose team they are on').choices(['coordinator', 'auditor']).makeOptionMandatory())
    .option('--person-id <id>', "the person's id in Granska; an auditor needs this or --person-email")
    .option('--person-email <email>', "find the person by e-mail among the people a coordinator's laptop has synchronised")
    .option('--password-env <var>', 'environment variable holding the password (at least 12 characters)', 'GRANSKA_SERVER_PASSWORD')
    .action(async (opts: UserAddOptions) => {
      const { runUserAdd } = await import('../run/server');
      await runUserAdd(opts);
    });
  user
    .command('list')
    .summary('list the users and how many active tokens each has')
    .addOption(pgOption())
    .option('--json', 'print JSON')
    .action(async (opts: { pg: string; json?: boolean }) => {
      const { runUserList } = await import('../run/server');
      await runUserList(opts);
    });

  server
    .command('restored')
    .summary('after restoring a backup: laptops send and receive everything once more')
    .description(
      'Run after pg_restore: gives the server a new instance id, so each laptop sends all its changes again (the server skips those it has) and receives everything again on its next sync.',
    )
    .addOption(pgOption())
    .action(async (opts: { pg: string }) => {
      const { runRestored } = await import('../run/server');
      await runRestored(opts);
    });

  const token = server.command('token').summary('sign-in tokens').description('Sign-in tokens on the team server.');
  token
    .command('revoke')
    .summary("sign a user out on every laptop (a lost laptop, someone leaving)")
    .addOption(pgOption())
    .requiredOption('--name <name>', 'the user whose tokens end')
    .action(async (opts: { pg: string; name: string }) => {
      const { runTokenRevoke } = await import('../run/server');
      await runTokenRevoke(opts);
    });
}
