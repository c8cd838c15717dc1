/** Thrown by a command to end with a given exit code after it printed what it had to say. */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Ends a command with a one-line message on stderr; nothing has been changed when this is thrown. */
export function fail(message: string, code = 1): never {
  process.stderr.write(`granska: ${message}\n`);
  throw new CliExit(code);
}
