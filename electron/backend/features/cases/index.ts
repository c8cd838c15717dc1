/**
 * What other features and the CLI may use from cases (corrective actions). Its calls are wired in
 * `handlers.ts`. Import and export load spreadsheet and PDF libraries, so the CLI imports those
 * two files lazily by path rather than through here.
 */
export { createCase, createCaseFromFinding, updateAnalysis, updateCase } from './service';
export { addAction, markImplemented, setActionDone, verifyCase } from './actions';
export { queryRegister } from './register';

import type { exportRegister as exportRegisterNow } from './export';
/** The register as a file; its spreadsheet and PDF libraries load on first use, not with this index. */
export async function exportRegister(...args: Parameters<typeof exportRegisterNow>): ReturnType<typeof exportRegisterNow> {
  const { exportRegister: run } = await import('./export');
  return run(...args);
}
