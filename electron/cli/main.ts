import { Command, CommanderError } from 'commander';
import { AppError } from '../../shared/errors';
import { APP_VERSION } from '../backend/paths';
import { registerServe } from './commands/serve';
import { registerDemo } from './commands/demo';
import { registerAudits } from './commands/audits';
import { registerFindings } from './commands/findings';
import { registerActions } from './commands/actions';
import { registerIdentity } from './commands/identity';
import { registerReport } from './commands/report';
import { registerVerify } from './commands/verify';
import { registerBackup } from './commands/backup';
import { registerServer } from './commands/server';
import { registerPackage } from './commands/package';
import { registerPack } from './commands/pack';
import { registerTrail } from './commands/trail';
import { registerRecurring } from './commands/recurring';
import { registerEncryption } from './commands/encrypt';
import { CliExit } from './exit';
import { describeError } from './output';

/**
 * `granska`: the same services as the app, from a terminal. Command modules only describe their
 * options; each loads its work (and the heavy PDF, signing and spreadsheet packages) when it runs,
 * so `--help` and a listing do not pay for what they never use.
 */
export function buildProgram(): Command {
  const program = new Command()
    .name('granska')
    .description('Granska — internal audits for an ISO 9001:2015 quality management system.')
    .version(APP_VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerDemo(program);
  registerAudits(program);
  registerFindings(program);
  registerActions(program);
  registerIdentity(program);
  registerReport(program);
  registerVerify(program);
  registerBackup(program);
  registerServer(program);
  registerPackage(program);
  registerPack(program);
  registerTrail(program);
  registerRecurring(program);
  registerEncryption(program);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof CliExit) return err.code;
    process.stderr.write(`granska: ${describeError(err)}\n`);
    // A database's or package's wrong passphrase, like an unreadable file: the file cannot be read
    // (and was not touched). A signing identity's wrong passphrase stays a refusal (1).
    const unreadable = err instanceof AppError && (err.code === 'file_unreadable' || (err.code === 'wrong_passphrase' && typeof err.params.reason === 'string'));
    return unreadable ? 2 : 1;
  }
}

if (require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
